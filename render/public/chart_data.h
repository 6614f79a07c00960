#pragma once

#include "render/chart_pareto.h"
#include "render/chart_spc.h"
#include "render/chart_state_timeline.h"
#include "render/chart_throughput.h"
#include "twin/events.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace takt::twin {
class RecordingData;
struct ParetoEntry;
} // namespace takt::twin

namespace takt::render {

/// The one throughput bin of the charts: the charts dock, the shift report and anything else
/// that shows throughput over time bin it by 30 minutes unless told otherwise, so that the
/// window and the PDF draw the same bars for the same shift and window. Half an hour holds
/// about 30 units at a 60 s takt: one unit more or less moves a bar by ~3 %, where a 15-minute
/// bin (15 units) moved it by ~7 % and drew noise as losses; an 8-hour shift still gets 16 bars.
inline constexpr std::int64_t kThroughputBinMs = 30 * 60'000;

// Chart-data builders: the one place where a recording becomes what a chart draws. Pure
// functions of their arguments (any thread, no exceptions but std::bad_alloc); times on the
// charts are milliseconds from `from`, and a window is [from, to) in ms since the epoch (UTC).
// Titles are left at the chart's default: the caller names the chart for where it appears.

/// One lane per station that reports states (buffers and conveyors report none), in plant
/// order, named by station id, holding its state intervals clipped to the window; the axis
/// spans the window.
StateTimelineData stateTimelineData(const twin::RecordingData& data, twin::TimeMs from,
                                    twin::TimeMs to);

/// Units leaving the line ends per hour in consecutive bins of `binMs` from `from`; the last
/// bin ends at `to` and may be shorter (its rate is per hour of its own length). The target
/// follows the plant's takt. A window of length zero, or a non-positive bin, has no bins.
ThroughputData throughputData(const twin::RecordingData& data, twin::TimeMs from, twin::TimeMs to,
                              std::int64_t binMs = kThroughputBinMs);

/// What a defect Pareto is counted by.
enum class ParetoBy { Code, Configuration };

/// A defect Pareto from a KPI report's entries (twin::KpiReport::defectsByCode or
/// defectsByConfig): one category per entry, labelled with its key (defect code or
/// configuration name), the category axis named after `by`.
ParetoData paretoData(const std::vector<twin::ParetoEntry>& entries, ParetoBy by);

/// The samples of one control point in the window, with its unit, target and specification
/// limits; named by the control point's name. With `maxSamples` > 0 the series is thinned to
/// about that many samples, never dropping one outside the limits. An index outside the
/// plant gives an empty series.
SpcData spcData(const twin::RecordingData& data, int controlPoint, twin::TimeMs from,
                twin::TimeMs to, std::size_t maxSamples = 0);

/// How many samples of a control point in the window lie outside its limits (the violations
/// its SPC chart marks). Zero for an index outside the plant.
std::size_t spcViolationCount(const twin::RecordingData& data, int controlPoint, twin::TimeMs from,
                              twin::TimeMs to);

} // namespace takt::render
