#include "twin/bottleneck.h"

#include <algorithm>
#include <set>

namespace takt::twin {
namespace {

struct Period {
    TimeMs start, end;
    TimeMs length() const { return end - start; }
};

using Interval = std::pair<TimeMs, TimeMs>;

/// The union of a set of intervals as sorted disjoint pieces with prefix sums of their lengths,
/// so that the covered length inside any [a, b) is two binary searches.
class IntervalUnion {
public:
    IntervalUnion() = default;
    explicit IntervalUnion(std::vector<Interval> iv)
    {
        std::sort(iv.begin(), iv.end());
        for (const auto& [s, e] : iv) {
            if (e <= s)
                continue;
            if (!m_pieces.empty() && s <= m_pieces.back().second)
                m_pieces.back().second = std::max(m_pieces.back().second, e);
            else
                m_pieces.push_back({s, e});
        }
        m_prefix.reserve(m_pieces.size() + 1);
        m_prefix.push_back(0);
        for (const auto& [s, e] : m_pieces)
            m_prefix.push_back(m_prefix.back() + (e - s));
    }
    /// Covered length of (-inf, t).
    TimeMs before(TimeMs t) const
    {
        // First piece starting at or after t: every piece before it starts before t.
        const auto it = std::lower_bound(m_pieces.begin(), m_pieces.end(), t,
                                         [](const Interval& p, TimeMs v) { return p.first < v; });
        const auto n = std::size_t(it - m_pieces.begin());
        if (n == 0)
            return 0;
        const auto& last = m_pieces[n - 1];
        return m_prefix[n - 1] + (std::min(last.second, t) - last.first);
    }
    TimeMs covered(TimeMs a, TimeMs b) const { return b > a ? before(b) - before(a) : 0; }

private:
    std::vector<Interval> m_pieces;
    std::vector<TimeMs> m_prefix;
};

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

    // Momentary bottleneck: between two consecutive period boundaries nothing changes. Sweep the
    // boundaries in time order with the open periods in an ordered set (longest first, ties by
    // plant order), so each boundary costs O(log S) instead of a scan of every station.
    struct Open {
        TimeMs start, end;
        std::size_t k; // index into `stations` (plant order)
        bool operator<(const Open& o) const
        {
            const TimeMs la = end - start, lb = o.end - o.start;
            if (la != lb)
                return la > lb;
            return k != o.k ? k < o.k : start < o.start;
        }
    };
    std::vector<Open> byStart, byEnd;
    for (std::size_t k = 0; k < periods.size(); ++k)
        for (const auto& x : periods[k])
            byStart.push_back({x.start, x.end, k});
    byEnd = byStart;
    std::sort(byStart.begin(), byStart.end(),
              [](const Open& a, const Open& b) { return a.start < b.start; });
    std::sort(byEnd.begin(), byEnd.end(),
              [](const Open& a, const Open& b) { return a.end < b.end; });
    std::vector<TimeMs> bounds{out.from, out.to};
    bounds.reserve(2 * byStart.size() + 2);
    for (const auto& x : byStart) {
        bounds.push_back(x.start);
        bounds.push_back(x.end);
    }
    std::sort(bounds.begin(), bounds.end());
    bounds.erase(std::unique(bounds.begin(), bounds.end()), bounds.end());
    std::set<Open> open;
    std::size_t nextStart = 0, nextEnd = 0;
    for (std::size_t b = 0; b + 1 < bounds.size(); ++b) {
        const TimeMs a = bounds[b], z = bounds[b + 1];
        for (; nextEnd < byEnd.size() && byEnd[nextEnd].end <= a; ++nextEnd)
            open.erase(byEnd[nextEnd]);
        for (; nextStart < byStart.size() && byStart[nextStart].start <= a; ++nextStart)
            if (byStart[nextStart].end > a)
                open.insert(byStart[nextStart]);
        if (open.empty())
            continue;
        const Open& top = *open.begin();
        const int best = stations[top.k];
        auto& tl = out.timeline;
        if (!tl.empty() && tl.back().station == best && tl.back().to == a &&
            tl.back().periodStart == top.start)
            tl.back().to = z;
        else
            tl.push_back({a, z, best, top.start, top.end, 0, 0, 0, 0});
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
    // Per station: the union of its shifting intervals once, then the covered length inside
    // each of its timeline segments by binary search over that union's prefix sums.
    std::vector<TimeMs> bottleneckMs(plant.stations.size(), 0);
    std::vector<TimeMs> shiftedWhileBottleneck(plant.stations.size(), 0);
    std::vector<IntervalUnion> unions(plant.stations.size());
    for (const auto& sb : out.stations)
        unions[std::size_t(sb.station)] = IntervalUnion(shifting[std::size_t(sb.station)]);
    for (const auto& seg : out.timeline) {
        const auto s = std::size_t(seg.station);
        bottleneckMs[s] += seg.to - seg.from;
        shiftedWhileBottleneck[s] += unions[s].covered(seg.from, seg.to);
    }
    for (auto& sb : out.stations) {
        const auto s = std::size_t(sb.station);
        sb.shiftingShare = double(unions[s].covered(out.from, out.to)) / window;
        sb.soleShare = double(bottleneckMs[s] - shiftedWhileBottleneck[s]) / window;
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
