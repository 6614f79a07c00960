#include "render/chart_data.h"

#include "twin/kpi.h"
#include "twin/recording_data.h"

#include <algorithm>

namespace takt::render {
namespace {

QString q(const std::string& s)
{
    return QString::fromStdString(s);
}

bool outside(double value, const twin::ControlPoint& cp)
{
    return value < cp.lsl || value > cp.usl;
}

/// The samples of a measurement column inside [from, to): indices [lo, hi).
std::pair<std::size_t, std::size_t> window(const std::vector<twin::TimeMs>& t, twin::TimeMs from,
                                           twin::TimeMs to)
{
    const auto lo = std::size_t(std::lower_bound(t.begin(), t.end(), from) - t.begin());
    const auto hi = std::size_t(std::lower_bound(t.begin(), t.end(), to) - t.begin());
    return {lo, std::max(lo, hi)};
}

} // namespace

StateTimelineData stateTimelineData(const twin::RecordingData& data, twin::TimeMs from,
                                    twin::TimeMs to)
{
    StateTimelineData d;
    d.spanMs = std::max<twin::TimeMs>(0, to - from);
    const auto& plant = data.plant();
    for (std::size_t i = 0; i < plant.stations.size(); ++i) {
        if (data.states(int(i)).t.empty())
            continue; // buffers report no states
        StateLane lane;
        lane.name = q(plant.stations[i].id);
        data.forEachStateInterval(int(i), from, to,
                                  [&](twin::StationState s, twin::TimeMs a, twin::TimeMs b) {
                                      lane.segments.push_back({a - from, b - from, s});
                                  });
        d.lanes.push_back(std::move(lane));
    }
    return d;
}

ThroughputData throughputData(const twin::RecordingData& data, twin::TimeMs from, twin::TimeMs to,
                              std::int64_t binMs)
{
    ThroughputData d;
    d.taktSeconds = data.plant().taktS;
    d.spanMs = std::max<twin::TimeMs>(0, to - from);
    if (binMs <= 0 || to <= from)
        return d;
    const auto bins = std::size_t((d.spanMs + binMs - 1) / binMs);
    std::vector<std::int64_t> counts(bins, 0);
    for (int end : data.lineEnds()) {
        const auto& leave = data.parts(end).leaveT;
        const auto [lo, hi] = window(leave, from, to);
        for (std::size_t i = lo; i < hi; ++i)
            ++counts[std::size_t((leave[i] - from) / binMs)];
    }
    for (std::size_t b = 0; b < bins; ++b) {
        const std::int64_t a = std::int64_t(b) * binMs;
        const std::int64_t z = std::min(a + binMs, d.spanMs);
        d.intervals.push_back({a, z, double(counts[b]) * 3'600'000.0 / double(z - a)});
    }
    return d;
}

ParetoData paretoData(const std::vector<twin::ParetoEntry>& entries, ParetoBy by)
{
    ParetoData d;
    d.categoryLabel =
        by == ParetoBy::Code ? QStringLiteral("Defect code") : QStringLiteral("Configuration");
    d.categories.reserve(entries.size());
    for (const auto& e : entries)
        d.categories.push_back({q(e.key), double(e.count)});
    return d;
}

SpcData spcData(const twin::RecordingData& data, int controlPoint, twin::TimeMs from,
                twin::TimeMs to, std::size_t maxSamples)
{
    SpcData d;
    d.spanMs = std::max<twin::TimeMs>(0, to - from);
    const auto& points = data.plant().controlPoints;
    if (controlPoint < 0 || std::size_t(controlPoint) >= points.size())
        return d;
    const auto& cp = points[std::size_t(controlPoint)];
    d.name = q(cp.name);
    d.unit = q(cp.unit);
    d.target = cp.target;
    d.lowerSpec = cp.lsl;
    d.upperSpec = cp.usl;
    // Read once through (from the session file for a paged recording), thinned to what a chart
    // can show, but never dropping a violation.
    const std::size_t n = data.measurementCount(controlPoint, from, to);
    const std::size_t step = maxSamples > 0 ? std::max<std::size_t>(1, n / maxSamples) : 1;
    d.samples.reserve(step == 1 ? n : maxSamples * 2);
    std::size_t i = 0;
    data.forEachMeasurement(controlPoint, from, to, [&](twin::TimeMs t, double value) {
        if (step == 1 || i % step == 0 || outside(value, cp))
            d.samples.push_back({t - from, value});
        ++i;
    });
    return d;
}

std::size_t spcViolationCount(const twin::RecordingData& data, int controlPoint, twin::TimeMs from,
                              twin::TimeMs to)
{
    const auto& points = data.plant().controlPoints;
    if (controlPoint < 0 || std::size_t(controlPoint) >= points.size())
        return 0;
    // Whole minutes come from the session's minute summaries, not from the samples.
    return std::size_t(data.measurementSummary(controlPoint, from, to).outOfSpec);
}

} // namespace takt::render
