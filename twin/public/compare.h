#pragma once

#include "twin/kpi.h"
#include "twin/session_store.h"

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace takt::twin {

/// A recording named on the command line as `FILE.takt[:ID]`.
struct RecordingRef {
    std::string path;
    std::optional<std::int64_t> recordingId; ///< Absent: the session's last recording.
};

/// Splits `A.takt:3` into the path and the recording id. A suffix after the last ':' counts as
/// an id only when it is a positive decimal number, so `C:\x.takt` or `a:b.takt` stay paths.
RecordingRef parseRecordingRef(std::string_view text);

/// Why two plants are not the same plant, in one line, or nullopt when they are. A plant is
/// identified by its manifest id and its set of station ids (docs/compare-json.md): two sessions
/// of the same plant whose stations were renamed, added or removed are not comparable station by
/// station. `nameA`/`nameB` name the two sides in the message (file names).
std::optional<std::string> plantMismatch(const Plant& a, const Plant& b, std::string_view nameA,
                                         std::string_view nameB);

/// One side of a comparison: which recording, over which window, and its KPIs.
struct CompareSide {
    std::string session; ///< The session file, as given.
    RecordingInfo recording;
    KpiReport kpi; ///< Over [recording start + from offset, recording start + to offset).
};

/// A KPI on both sides. `delta` = b − a (NaN where either side is NaN).
struct KpiPair {
    double a = 0.0;
    double b = 0.0;
    double delta() const { return b - a; }
};

/// One station on both sides. Shares are fractions of the window (docs/kpi-json.md).
struct StationComparison {
    std::string id;
    int stationA = -1;      ///< Index in A's plant.
    int stationB = -1;      ///< Index in B's plant (the same id; the order may differ).
    bool hasStates = false; ///< Either side reported states.
    std::array<KpiPair, kStationStateCount> share{}; ///< Indexed by StationState.
    KpiPair partsOut;
    KpiPair meanActiveS; ///< Mean active period (active period method); 0 without states.
    int rankA = 0;       ///< Bottleneck rank on each side: 1 = average bottleneck; 0 = none.
    int rankB = 0;
};

/// Two recordings of one plant compared over the same shift offsets. Definitions and JSON:
/// docs/compare-json.md.
struct Comparison {
    std::string plantId;
    TimeMs fromOffsetMs = 0; ///< Window start, ms after each recording's start.
    TimeMs toOffsetMs = 0;   ///< Window end, ms after each recording's start.
    CompareSide a, b;
    KpiPair units, goodUnits, throughputPerHour, oee, availability, performance, quality,
        fpyOverall, rolledYield, interdepartureMeanS;
    std::vector<StationComparison> stations; ///< A's plant order.
    std::vector<std::string> warnings;

    /// The stations that reported states, ordered by bottleneck rank on side A (or B).
    std::vector<const StationComparison*> ranking(bool sideB = false) const;
};

/// How a compared KPI is measured (for formatting: shares show as %, their delta in points).
enum class KpiUnit { Count, PerHour, Share, Seconds };

/// One line KPI on both sides, as the table, the JSON and the window show it.
struct ComparisonRow {
    std::string key;   ///< JSON key ("throughput_per_hour").
    std::string label; ///< Table label ("Throughput (units/h)").
    KpiUnit unit = KpiUnit::Count;
    KpiPair value;
};

/// The line KPIs of a comparison in the order every view shows them: units, good units,
/// throughput, OEE and its factors, FPY overall and rolled, mean interdeparture time.
std::vector<ComparisonRow> lineRows(const Comparison& c);

/// Compares two recordings of the same plant over shift offsets [fromOffset, toOffset) (ms after
/// each recording's start). Throws Error when the plants differ (plantMismatch's reason) or the
/// window is empty or passes the end of either recording. Any thread (reads the data only).
Comparison compareRecordings(const RecordingData& a, const RecordingInfo& recA,
                             const RecordingData& b, const RecordingInfo& recB, TimeMs fromOffsetMs,
                             TimeMs toOffsetMs);

} // namespace takt::twin
