#pragma once

#include "twin/recording_data.h"

#include <string>
#include <vector>

namespace takt::twin {

/// One station's figures in the active period method.
struct StationBottleneck {
    int station = -1;
    std::string id;
    std::int64_t activePeriods = 0; ///< Uninterrupted active periods inside the window.
    double meanActiveS = 0.0;       ///< Their mean duration, seconds.
    double soleShare = 0.0;         ///< Share of the window as the sole momentary bottleneck.
    double shiftingShare = 0.0;     ///< Share of the window as a shifting bottleneck.
};

/// A stretch of time during which one station is the momentary bottleneck, with the active
/// period that makes it so and the overlaps with the previous and next bottleneck's periods
/// (empty intervals have from == to).
struct BottleneckSegment {
    TimeMs from = 0, to = 0;
    int station = -1;
    TimeMs periodStart = 0, periodEnd = 0;
    TimeMs shiftPrevFrom = 0, shiftPrevTo = 0;
    TimeMs shiftNextFrom = 0, shiftNextTo = 0;
};

/// The momentary bottleneck at one time.
struct MomentaryBottleneck {
    int station = -1;      ///< -1 when no station is active.
    bool shifting = false; ///< Inside an overlap with the previous or next bottleneck.
    int shiftingWith = -1; ///< The other station of that overlap.
    TimeMs periodStart = 0, periodEnd = 0;
};

/// Result of analyseBottlenecks over a window [from, to).
struct BottleneckAnalysis {
    TimeMs from = 0, to = 0;
    int averageBottleneck = -1;              ///< Station index; -1 without state data.
    std::vector<StationBottleneck> stations; ///< Stations with state reports, plant order.
    std::vector<BottleneckSegment> timeline; ///< Sorted, non-overlapping.

    /// The momentary bottleneck at t (binary search over the timeline).
    MomentaryBottleneck at(TimeMs t) const;
    /// The entry for a station index, or nullptr.
    const StationBottleneck* station(int index) const;
};

/// Bottleneck detection by the active period method: Roser, Nakano & Tanaka, "A practical
/// bottleneck detection method", Proc. Winter Simulation Conference 2001, 949-953, and
/// "Shifting bottleneck detection", Proc. WSC 2002, 1079-1086.
/// Active = working, down, setup; consecutive active states form one period. Periods are
/// clipped to the window. The average bottleneck has the longest mean active period. At any
/// time the momentary bottleneck is the station whose current active period is longest (ties:
/// the first station in plant order); where its period overlaps the period of the previous or
/// next momentary bottleneck (a different station), both are shifting bottlenecks, otherwise it
/// is the sole bottleneck. Stations without state reports (buffers) take no part.
/// O(P · log P) for P active periods. Any thread (reads `data` only). No throw.
BottleneckAnalysis analyseBottlenecks(const RecordingData& data, TimeMs from, TimeMs to);

} // namespace takt::twin
