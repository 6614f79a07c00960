#include "twin/bottleneck.h"

#include <algorithm>

namespace takt::twin {
namespace {

struct Period {
    TimeMs start, end;
    TimeMs length() const { return end - start; }
};

using Interval = std::pair<TimeMs, TimeMs>;

/// Total length of the union of intervals intersected with [a, b).
TimeMs coveredLength(std::vector<Interval> iv, TimeMs a, TimeMs b)
{
    for (auto& [s, e] : iv) {
        s = std::max(s, a);
        e = std::min(e, b);
    }
    std::sort(iv.begin(), iv.end());
    TimeMs total = 0, reach = a;
    for (const auto& [s, e] : iv) {
        const TimeMs from = std::max(s, reach);
        if (e > from) {
            total += e - from;
            reach = e;
        }
    }
    return total;
}

Interval overlap(const BottleneckSegment& x, const BottleneckSegment& y)
{
    const TimeMs s = std::max(x.periodStart, y.periodStart);
    const TimeMs e = std::min(x.periodEnd, y.periodEnd);
    return e > s ? Interval{s, e} : Interval{0, 0};
}

} // namespace

BottleneckAnalysis analyseBottlenecks(const RecordingData& data, TimeMs from, TimeMs to)
{
    BottleneckAnalysis out;
    out.from = from;
    out.to = std::max(from, to);
    const auto& plant = data.plant();
    std::vector<int> stations;
    std::vector<std::vector<Period>> periods;
    for (std::size_t i = 0; i < plant.stations.size(); ++i) {
        if (data.states(int(i)).t.empty())
            continue;
        std::vector<Period> p;
        data.forEachStateInterval(int(i), from, to, [&](StationState s, TimeMs a, TimeMs b) {
            if (!isActive(s))
                return;
            if (!p.empty() && p.back().end == a)
                p.back().end = b; // working then down: one uninterrupted active period
            else
                p.push_back({a, b});
        });
        StationBottleneck sb;
        sb.station = int(i);
        sb.id = plant.stations[i].id;
        sb.activePeriods = std::int64_t(p.size());
        TimeMs sum = 0;
        for (const auto& x : p)
            sum += x.length();
        sb.meanActiveS = p.empty() ? 0.0 : double(sum) / double(p.size()) / 1000.0;
        out.stations.push_back(sb);
        stations.push_back(int(i));
        periods.push_back(std::move(p));
    }
    for (const auto& sb : out.stations)
        if (sb.activePeriods > 0 &&
            (out.averageBottleneck < 0 ||
             sb.meanActiveS > out.station(out.averageBottleneck)->meanActiveS))
            out.averageBottleneck = sb.station;

    // Momentary bottleneck: between two consecutive period boundaries nothing changes.
    std::vector<TimeMs> bounds{out.from, out.to};
    for (const auto& p : periods)
        for (const auto& x : p) {
            bounds.push_back(x.start);
            bounds.push_back(x.end);
        }
    std::sort(bounds.begin(), bounds.end());
    bounds.erase(std::unique(bounds.begin(), bounds.end()), bounds.end());
    std::vector<std::size_t> cursor(periods.size(), 0);
    for (std::size_t b = 0; b + 1 < bounds.size(); ++b) {
        const TimeMs a = bounds[b], z = bounds[b + 1];
        int best = -1;
        Period bestPeriod{0, 0};
        for (std::size_t k = 0; k < periods.size(); ++k) {
            auto& c = cursor[k];
            while (c < periods[k].size() && periods[k][c].end <= a)
                ++c;
            if (c < periods[k].size() && periods[k][c].start <= a &&
                (best < 0 || periods[k][c].length() > bestPeriod.length())) {
                best = stations[k];
                bestPeriod = periods[k][c];
            }
        }
        if (best < 0)
            continue;
        auto& tl = out.timeline;
        if (!tl.empty() && tl.back().station == best && tl.back().to == a &&
            tl.back().periodStart == bestPeriod.start)
            tl.back().to = z;
        else
            tl.push_back({a, z, best, bestPeriod.start, bestPeriod.end, 0, 0, 0, 0});
    }

    // Shifting: overlap of consecutive bottlenecks' active periods.
    std::vector<std::vector<Interval>> shifting(plant.stations.size());
    for (std::size_t i = 0; i + 1 < out.timeline.size(); ++i) {
        auto& x = out.timeline[i];
        auto& y = out.timeline[i + 1];
        if (x.station == y.station)
            continue;
        const auto o = overlap(x, y);
        if (o.second <= o.first)
            continue;
        x.shiftNextFrom = y.shiftPrevFrom = o.first;
        x.shiftNextTo = y.shiftPrevTo = o.second;
        shifting[std::size_t(x.station)].push_back(o);
        shifting[std::size_t(y.station)].push_back(o);
    }
    const double window = double(out.to - out.from);
    if (window <= 0)
        return out;
    for (auto& sb : out.stations) {
        const auto& sh = shifting[std::size_t(sb.station)];
        TimeMs bottleneck = 0, shiftedWhileBottleneck = 0;
        for (const auto& seg : out.timeline)
            if (seg.station == sb.station) {
                bottleneck += seg.to - seg.from;
                shiftedWhileBottleneck += coveredLength(sh, seg.from, seg.to);
            }
        sb.shiftingShare = double(coveredLength(sh, out.from, out.to)) / window;
        sb.soleShare = double(bottleneck - shiftedWhileBottleneck) / window;
    }
    return out;
}

MomentaryBottleneck BottleneckAnalysis::at(TimeMs t) const
{
    MomentaryBottleneck m;
    auto it = std::upper_bound(timeline.begin(), timeline.end(), t,
                               [](TimeMs v, const BottleneckSegment& s) { return v < s.from; });
    if (it == timeline.begin())
        return m;
    const auto idx = std::size_t(it - timeline.begin() - 1);
    const auto& seg = timeline[idx];
    if (t >= seg.to)
        return m;
    m.station = seg.station;
    m.periodStart = seg.periodStart;
    m.periodEnd = seg.periodEnd;
    if (t >= seg.shiftPrevFrom && t < seg.shiftPrevTo && idx > 0) {
        m.shifting = true;
        m.shiftingWith = timeline[idx - 1].station;
    } else if (t >= seg.shiftNextFrom && t < seg.shiftNextTo && idx + 1 < timeline.size()) {
        m.shifting = true;
        m.shiftingWith = timeline[idx + 1].station;
    }
    return m;
}

const StationBottleneck* BottleneckAnalysis::station(int index) const
{
    for (const auto& s : stations)
        if (s.station == index)
            return &s;
    return nullptr;
}

} // namespace takt::twin
