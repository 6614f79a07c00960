#pragma once

#include "twin/bottleneck.h"
#include "twin/recording_data.h"

#include <array>
#include <string>
#include <vector>

namespace takt::twin {

/// Overall equipment effectiveness = availability x performance x quality (Nakajima 1988;
/// ISO 22400-2:2014, KPI "OEE index"). Each factor is a fraction 0..1, so OEE never exceeds 1.
/// Definitions: docs/kpi-json.md.
struct Oee {
    double availability = 1.0;
    double performance = 0.0;
    double quality = 1.0;
    double oee = 0.0;
};

/// Statistics of a set of durations, seconds: mean, median and 95th percentile by nearest rank
/// (NaN when there are no samples).
struct DurationStats {
    std::int64_t samples = 0;
    double meanS = 0.0;
    double medianS = 0.0;
    double p95S = 0.0;
};

/// Per-station KPIs over the window.
struct StationKpi {
    int station = -1;
    std::string id;
    bool hasStates = false; ///< False for buffers and stations that never reported a state.
    std::array<double, kStationStateCount> stateShare{}; ///< Indexed by StationState; sums to 1.
    double utilisation = 0.0;                            ///< Working share of the window.
    std::int64_t partsOut = 0;
    /// Working time of each part that left in the window, from its entry to its departure
    /// (its own failures, setups and blocking excluded): what the station takes per part.
    DurationStats processing;
    /// Times between consecutive departures inside the window, every loss included.
    DurationStats interdeparture;
    Oee oee;
    /// Time inside the window during which the line's output stood still because this station
    /// was down or in setup (the line end's own down/setup time, or its starved time traced
    /// upstream to this station); counted against line availability.
    double lineStopS = 0.0;
};

/// First-pass yield at one checkpoint.
struct CheckpointKpi {
    int checkpoint = -1;
    std::string id;
    std::int64_t parts = 0;              ///< Parts whose first inspection here lies in the window.
    std::int64_t firstPass = 0;          ///< Of those, parts whose first result was pass.
    double fpy = 1.0;                    ///< firstPass / parts (1 when no parts).
    std::int64_t fails = 0, reworks = 0; ///< All results in the window.
};

/// Time-average work in progress of a buffer or conveyor.
struct BufferKpi {
    int station = -1;
    std::string id;
    int capacity = 1;
    double averageWip = 0.0;
    double averageFill = 0.0; ///< averageWip / capacity.
};

/// One bar of a defect Pareto chart.
struct ParetoEntry {
    std::string key;          ///< Defect code, or configuration name.
    std::int64_t config = -1; ///< Configuration index (by-configuration Pareto only).
    std::int64_t count = 0;
};

/// A stretch of the line end's lost output traced to one stoppage (down or setup run) of one
/// station: the line-level attribution behind StationKpi::lineStopS, kept per stoppage so that
/// each can be given the vehicles it cost (twin/vehicle_losses.h).
struct LineStopSlice {
    int station = -1;
    TimeMs stoppageSince = 0; ///< When the stoppage (the station's down or setup run) began.
    TimeMs ms = 0;            ///< Line output time it cost inside the window.
    TimeMs at = 0;            ///< Where the stretch begins (it ends at `at + ms`).
};

/// Everything `takt kpi` reports for a window [from, to). Definitions: docs/kpi-json.md.
struct KpiReport {
    TimeMs from = 0, to = 0;
    double hours = 0.0;
    double taktS = 0.0;
    double targetPerHour = 0.0; ///< 3600 / takt.
    std::int64_t units = 0;     ///< Parts leaving the line ends in the window.
    std::int64_t goodUnits = 0; ///< Of those, parts without a fail result.
    double throughputPerHour = 0.0;
    DurationStats lineInterdeparture; ///< Times between consecutive line-end departures.
    Oee oee;                          ///< Line OEE (docs/kpi-json.md).
    double plannedS = 0.0;    ///< Planned busy time of the line: window less line end idle/unknown.
    double idealCycleS = 0.0; ///< Planned cycle time of the line: its slowest nominal station.
    double startupLossS = 0.0; ///< Line end starved while the line filled after a cold start.
    double fpyOverall = 1.0;   ///< Share of units that passed every inspection first time.
    double rolledYield = 1.0;  ///< Product of the checkpoints' FPY.
    std::vector<StationKpi> stations;
    std::vector<CheckpointKpi> checkpoints;
    std::vector<BufferKpi> buffers;
    std::vector<LineStopSlice> lineStops; ///< In time order; their sum is the stations' lineStopS.
    /// The line end's start-up stretches (station -1; their sum is startupLossS) and its idle or
    /// unknown stretches (station -1; outside the planned time), in time order.
    std::vector<LineStopSlice> startupStretches, unplannedStretches;
    std::vector<ParetoEntry> defectsByCode; ///< Fail and rework results, most frequent first.
    std::vector<ParetoEntry> defectsByConfig;
    BottleneckAnalysis bottleneck;
    std::vector<std::string> warnings; ///< Data problems (empty window, no line end...).
};

/// Computes the KPIs of a recording over [from, to) (ms, UTC). Expected data problems come back
/// as warnings. Any thread (reads `data` only). Does not throw (except std::bad_alloc).
KpiReport computeKpis(const RecordingData& data, TimeMs from, TimeMs to);

} // namespace takt::twin
