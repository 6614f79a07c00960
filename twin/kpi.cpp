#include "twin/kpi.h"
#include "twin/interval_coverage.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <unordered_set>

namespace takt::twin {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// Mean, nearest-rank median and 95th percentile (the ⌈q·n⌉-th smallest) of durations in seconds.
DurationStats durationStats(std::vector<double> v)
{
    DurationStats d;
    d.samples = std::int64_t(v.size());
    if (v.empty()) {
        d.meanS = d.medianS = d.p95S = kNaN;
        return d;
    }
    double sum = 0;
    for (double x : v)
        sum += x;
    d.meanS = sum / double(v.size());
    const auto rank = [&](double q) {
        const auto k = std::size_t(std::ceil(q * double(v.size())));
        return std::max<std::size_t>(k, 1) - 1;
    };
    // Two selections instead of a sort: the p95 rank lies at or after the median's.
    const auto median = rank(0.5), p95 = rank(0.95);
    std::nth_element(v.begin(), v.begin() + std::ptrdiff_t(median), v.end());
    d.medianS = v[median];
    std::nth_element(v.begin() + std::ptrdiff_t(median), v.begin() + std::ptrdiff_t(p95), v.end());
    d.p95S = v[p95];
    return d;
}

/// Statistics of the gaps between consecutive sorted times.
DurationStats gapStats(const std::vector<TimeMs>& times)
{
    std::vector<double> gaps;
    if (times.size() > 1)
        gaps.reserve(times.size() - 1);
    for (std::size_t i = 1; i < times.size(); ++i)
        gaps.push_back(double(times[i] - times[i - 1]) / 1000.0);
    return durationStats(std::move(gaps));
}

/// Processing time of each part that left `station` in [from, to): the station's working time
/// between the part's entry and its departure. Parts whose entry is not recorded are skipped.
DurationStats processingStats(const RecordingData& data, int station, TimeMs from, TimeMs to)
{
    const auto& pc = data.parts(station);
    const auto a =
        std::size_t(std::lower_bound(pc.leaveT.begin(), pc.leaveT.end(), from) - pc.leaveT.begin());
    const auto b =
        std::size_t(std::lower_bound(pc.leaveT.begin(), pc.leaveT.end(), to) - pc.leaveT.begin());
    std::vector<std::pair<TimeMs, TimeMs>> stays;
    for (std::size_t i = a; i < b; ++i) {
        // Entries are FIFO: the part's entry is among the last few at or before its departure.
        auto k = lastAtOrBefore(pc.enterT, pc.leaveT[i]);
        for (int look = 0; k >= 0 && look < 16; --k, ++look)
            if (pc.enterPart[std::size_t(k)] == pc.leavePart[i]) {
                stays.push_back({pc.enterT[std::size_t(k)], pc.leaveT[i]});
                break;
            }
    }
    if (stays.empty())
        return durationStats({});
    TimeMs earliest = to;
    for (const auto& s : stays)
        earliest = std::min(earliest, s.first);
    IntervalCoverage working;
    data.forEachStateInterval(station, earliest, to, [&](StationState s, TimeMs x, TimeMs y) {
        if (s == StationState::Working)
            working.add(x, y);
    });
    std::vector<double> v;
    v.reserve(stays.size());
    for (const auto& [in, out] : stays)
        v.push_back(double(working.covered(in, out)) / 1000.0);
    return durationStats(std::move(v));
}

/// Upstream stations with state reports that feed `station`, looking through buffers and
/// conveyors (which report no states).
std::vector<int> upstreamServers(const RecordingData& data, int station)
{
    std::vector<int> out, todo = data.plant().predecessors(station);
    std::vector<bool> seen(data.plant().stations.size(), false);
    while (!todo.empty()) {
        const int s = todo.back();
        todo.pop_back();
        if (seen[std::size_t(s)])
            continue;
        seen[std::size_t(s)] = true;
        if (!data.states(s).t.empty()) {
            out.push_back(s);
            continue;
        }
        for (int p : data.plant().predecessors(s))
            todo.push_back(p);
    }
    std::sort(out.begin(), out.end());
    return out;
}

/// A stoppage (down or setup run) of one station: who, and how long it lasted in all.
struct Stoppage {
    int station = -1; ///< -1: none found (a speed loss).
    TimeMs length = 0;
    TimeMs since = 0; ///< When the down or setup run began.
};

/// The stoppage (down or setup) that kept `station` from producing at time t: its own when it
/// is down or in setup; when it is starved, the cause of that starvation found at the moment the
/// starvation began, following starved stations upstream; none when the chain ends at a station
/// that is working or blocked (a speed loss, not a stoppage).
Stoppage stoppageBehind(const RecordingData& data, const std::vector<std::vector<int>>& upstream,
                        int station, TimeMs t, std::size_t depth)
{
    const auto& c = data.states(station);
    const auto k = lastAtOrBefore(c.t, t);
    if (k < 0 || depth > upstream.size())
        return {};
    const auto state = c.state[std::size_t(k)];
    if (state == StationState::Down || state == StationState::Setup) {
        auto next = std::size_t(k) + 1;
        while (next < c.t.size() && c.state[next] == state)
            ++next;
        const TimeMs end = next < c.t.size() ? c.t[next] : std::max(data.endMs(), t);
        return {station, end - c.since[std::size_t(k)], c.since[std::size_t(k)]};
    }
    if (state != StationState::Starved)
        return {};
    const TimeMs began = c.since[std::size_t(k)];
    for (int u : upstream[std::size_t(station)])
        if (const auto cause = stoppageBehind(data, upstream, u, began, depth + 1);
            cause.station >= 0)
            return cause;
    return {};
}

std::vector<TimeMs> inWindow(const std::vector<TimeMs>& col, TimeMs from, TimeMs to)
{
    const auto a = std::lower_bound(col.begin(), col.end(), from);
    const auto b = std::lower_bound(col.begin(), col.end(), to);
    return {a, b};
}

void sortPareto(std::vector<ParetoEntry>& v)
{
    std::sort(v.begin(), v.end(), [](const ParetoEntry& a, const ParetoEntry& b) {
        return a.count != b.count ? a.count > b.count : a.key < b.key;
    });
}

/// Line OEE (docs/kpi-json.md): planned time from the line end's schedule, availability losses
/// traced from the line end to the station that stopped it, performance against the line's
/// planned cycle time, quality = good units / units.
void lineOee(const RecordingData& data, KpiReport& r, const std::vector<int>& ends)
{
    const auto& plant = data.plant();
    for (const auto& st : plant.stations)
        if (st.kind != StationKind::Buffer && st.kind != StationKind::Conveyor)
            r.idealCycleS = std::max(r.idealCycleS, st.cycleTime.meanS);
    r.plannedS = double(r.to - r.from) / 1000.0;
    if (ends.empty() || data.states(ends.front()).t.empty()) {
        r.warnings.push_back("the line end reports no states: line availability taken as 1");
    } else {
        const int end = ends.front();
        if (ends.size() > 1)
            r.warnings.push_back("several line ends: line availability follows the first, " +
                                 plant.stations[std::size_t(end)].id);
        std::vector<std::vector<int>> upstream(plant.stations.size());
        for (std::size_t i = 0; i < plant.stations.size(); ++i)
            upstream[i] = upstreamServers(data, int(i));
        const auto& col = data.states(end);
        const auto& leaves = data.parts(end).leaveT;
        const TimeMs firstDeparture =
            leaves.empty() ? std::numeric_limits<TimeMs>::max() : leaves.front();
        std::vector<TimeMs> stopMs(plant.stations.size(), 0);
        TimeMs unplanned = 0, startup = 0;
        data.forEachStateInterval(end, r.from, r.to, [&](StationState s, TimeMs a, TimeMs b) {
            if (s == StationState::Idle || s == StationState::Unknown) {
                unplanned += b - a;
                r.unplannedStretches.push_back({-1, a, b - a, a});
                return;
            }
            if (s != StationState::Down && s != StationState::Setup && s != StationState::Starved)
                return;
            const auto cause = stoppageBehind(data, upstream, end, a, 0);
            const auto k = std::size_t(lastAtOrBefore(col.t, a));
            if (cause.station == end) {
                stopMs[std::size_t(end)] += b - a;
                r.lineStops.push_back({end, cause.since, b - a, a});
                return;
            }
            if (cause.station >= 0) {
                // A stoppage of D seconds delays a line's output by at most D: the episode's
                // first D seconds are the stoppage's, the rest of it is a speed loss.
                const TimeMs episode = col.since[k];
                const TimeMs stopEnd = std::min(b, episode + cause.length);
                if (stopEnd > a) {
                    stopMs[std::size_t(cause.station)] += stopEnd - a;
                    r.lineStops.push_back({cause.station, cause.since, stopEnd - a, a});
                }
                return;
            }
            // Starved since its first report, before any unit ever left: the line is filling.
            if (s == StationState::Starved && col.since[k] == col.t.front() &&
                col.since[k] < firstDeparture) {
                startup += b - a;
                r.startupStretches.push_back({-1, a, b - a, a});
            }
        });
        r.plannedS -= double(unplanned) / 1000.0;
        r.startupLossS = double(startup) / 1000.0;
        double lost = r.startupLossS;
        for (auto& k : r.stations) {
            k.lineStopS = double(stopMs[std::size_t(k.station)]) / 1000.0;
            lost += k.lineStopS;
        }
        if (r.plannedS > 0)
            r.oee.availability = std::max(0.0, r.plannedS - lost) / r.plannedS;
    }
    const double run = r.plannedS * r.oee.availability;
    r.oee.performance = run > 0 ? std::min(1.0, double(r.units) * r.idealCycleS / run) : 0.0;
    r.oee.quality = r.units ? double(r.goodUnits) / double(r.units) : 1.0;
    r.oee.oee = r.oee.availability * r.oee.performance * r.oee.quality;
}

} // namespace

KpiReport computeKpis(const RecordingData& data, TimeMs from, TimeMs to)
{
    KpiReport r;
    const auto& plant = data.plant();
    r.from = from;
    r.to = std::max(from, to);
    const TimeMs windowMs = r.to - r.from;
    r.hours = double(windowMs) / 3.6e6;
    r.taktS = plant.taktS;
    r.targetPerHour = 3600.0 / plant.taktS;
    if (windowMs <= 0) {
        r.warnings.push_back("empty time window");
        return r;
    }
    r.bottleneck = analyseBottlenecks(data, r.from, r.to);

    // Parts with a fail result (they are not good units), and every non-pass result per part.
    std::unordered_set<std::int64_t> failed, notFirstTime;
    std::map<std::string, std::int64_t> byCode;
    std::map<std::int64_t, std::int64_t> byConfig;
    double rolled = 1.0;
    for (std::size_t c = 0; c < plant.checkpoints.size(); ++c) {
        const auto& col = data.quality(int(c));
        CheckpointKpi k;
        k.checkpoint = int(c);
        k.id = plant.checkpoints[c].id;
        std::unordered_set<std::int64_t> seen;
        for (std::size_t i = 0; i < col.t.size() && col.t[i] < r.to; ++i) {
            const auto part = col.part[i];
            const bool first = seen.insert(part).second;
            const auto res = col.result[i];
            if (res != QualityResult::Pass)
                notFirstTime.insert(part);
            if (res == QualityResult::Fail)
                failed.insert(part);
            if (col.t[i] < r.from)
                continue;
            if (first) {
                ++k.parts;
                k.firstPass += res == QualityResult::Pass;
            }
            if (res != QualityResult::Pass) {
                k.fails += res == QualityResult::Fail;
                k.reworks += res == QualityResult::Rework;
                ++byCode[data.text(col.defect[i]).empty() ? std::string("(none)")
                                                          : data.text(col.defect[i])];
                ++byConfig[col.config[i]];
            }
        }
        k.fpy = k.parts ? double(k.firstPass) / double(k.parts) : 1.0;
        rolled *= k.fpy;
        r.checkpoints.push_back(k);
    }
    r.rolledYield = rolled;
    for (const auto& [code, n] : byCode)
        r.defectsByCode.push_back({code, -1, n});
    for (const auto& [config, n] : byConfig)
        r.defectsByConfig.push_back({plant.configurationName(std::uint64_t(config)), config, n});
    sortPareto(r.defectsByCode);
    sortPareto(r.defectsByConfig);

    // Line output.
    const auto ends = data.lineEnds();
    if (ends.empty())
        r.warnings.push_back("the flow graph has no line end (a station without successors)");
    std::vector<TimeMs> departures;
    std::int64_t firstTimeRight = 0;
    for (int e : ends) {
        const auto& pc = data.parts(e);
        const auto a = std::size_t(std::lower_bound(pc.leaveT.begin(), pc.leaveT.end(), r.from) -
                                   pc.leaveT.begin());
        for (std::size_t i = a; i < pc.leaveT.size() && pc.leaveT[i] < r.to; ++i) {
            departures.push_back(pc.leaveT[i]);
            ++r.units;
            r.goodUnits += !failed.count(pc.leavePart[i]);
            firstTimeRight += !notFirstTime.count(pc.leavePart[i]);
        }
    }
    std::sort(departures.begin(), departures.end());
    r.throughputPerHour = double(r.units) / r.hours;
    r.lineInterdeparture = gapStats(departures);
    r.fpyOverall = r.units ? double(firstTimeRight) / double(r.units) : 1.0;
    if (r.units == 0)
        r.warnings.push_back("no unit left the line in this window");

    // Stations: state shares, cycle times, OEE.
    for (std::size_t i = 0; i < plant.stations.size(); ++i) {
        const auto& st = plant.stations[i];
        StationKpi k;
        k.station = int(i);
        k.id = st.id;
        k.hasStates = !data.states(int(i)).t.empty();
        std::array<TimeMs, kStationStateCount> ms{};
        data.forEachStateInterval(int(i), r.from, r.to, [&](StationState s, TimeMs a, TimeMs b) {
            ms[std::size_t(s)] += b - a;
        });
        for (std::size_t s = 0; s < ms.size(); ++s)
            k.stateShare[s] = double(ms[s]) / double(windowMs);
        k.utilisation = k.stateShare[std::size_t(StationState::Working)];
        const auto leaves = inWindow(data.parts(int(i)).leaveT, r.from, r.to);
        k.partsOut = std::int64_t(leaves.size());
        k.interdeparture = gapStats(leaves);
        k.processing = processingStats(data, int(i), r.from, r.to);
        const auto at = [&](StationState s) { return double(ms[std::size_t(s)]) / 1000.0; };
        const double planned =
            double(windowMs) / 1000.0 - at(StationState::Idle) - at(StationState::Unknown);
        const double run = planned - at(StationState::Down) - at(StationState::Setup);
        if (k.hasStates && planned > 0) {
            k.oee.availability = run / planned;
            k.oee.performance =
                run > 0 ? std::min(1.0, double(k.partsOut) * st.cycleTime.meanS / run) : 0.0;
            std::int64_t inspected = 0, bad = 0;
            for (const auto& ck : r.checkpoints)
                if (plant.checkpoints[std::size_t(ck.checkpoint)].station == st.id) {
                    const auto& col = data.quality(ck.checkpoint);
                    inspected += std::int64_t(inWindow(col.t, r.from, r.to).size());
                    bad += ck.fails;
                }
            k.oee.quality = inspected ? 1.0 - double(bad) / double(inspected) : 1.0;
            k.oee.oee = k.oee.availability * k.oee.performance * k.oee.quality;
        }
        r.stations.push_back(k);

        if (st.kind == StationKind::Buffer || st.kind == StationKind::Conveyor) {
            BufferKpi b;
            b.station = int(i);
            b.id = st.id;
            b.capacity = st.capacity;
            const auto& pc = data.parts(int(i));
            // WIP at `from` counts events at exactly `from`; integrate the steps after it.
            std::int64_t wip =
                (lastAtOrBefore(pc.enterT, r.from) + 1) - (lastAtOrBefore(pc.leaveT, r.from) + 1);
            auto ie = std::upper_bound(pc.enterT.begin(), pc.enterT.end(), r.from);
            auto il = std::upper_bound(pc.leaveT.begin(), pc.leaveT.end(), r.from);
            double area = 0;
            TimeMs last = r.from;
            for (;;) {
                const TimeMs te = ie != pc.enterT.end() ? *ie : r.to;
                const TimeMs tl = il != pc.leaveT.end() ? *il : r.to;
                const TimeMs t = std::min({te, tl, r.to});
                area += double(wip) * double(t - last);
                last = t;
                if (t >= r.to)
                    break;
                if (te == t) {
                    ++wip;
                    ++ie;
                } else {
                    --wip;
                    ++il;
                }
            }
            b.averageWip = area / double(windowMs);
            b.averageFill = b.averageWip / std::max(1, b.capacity);
            r.buffers.push_back(b);
        }
    }

    lineOee(data, r, ends);
    return r;
}

} // namespace takt::twin
