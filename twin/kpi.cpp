#include "twin/kpi.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <unordered_set>

namespace takt::twin {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// Mean and nearest-rank 95th percentile of the gaps between consecutive times (seconds).
CycleStats cycleStats(const std::vector<TimeMs>& times)
{
    CycleStats c;
    if (times.size() < 2) {
        c.meanS = c.p95S = kNaN;
        return c;
    }
    std::vector<double> gaps;
    gaps.reserve(times.size() - 1);
    for (std::size_t i = 1; i < times.size(); ++i)
        gaps.push_back(double(times[i] - times[i - 1]) / 1000.0);
    c.samples = std::int64_t(gaps.size());
    double sum = 0;
    for (double g : gaps)
        sum += g;
    c.meanS = sum / double(gaps.size());
    const auto rank = std::size_t(std::ceil(0.95 * double(gaps.size()))) - 1;
    std::nth_element(gaps.begin(), gaps.begin() + std::ptrdiff_t(rank), gaps.end());
    c.p95S = gaps[rank];
    return c;
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
    r.lineCycle = cycleStats(departures);
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
        k.cycle = cycleStats(leaves);
        const auto at = [&](StationState s) { return double(ms[std::size_t(s)]) / 1000.0; };
        const double planned =
            double(windowMs) / 1000.0 - at(StationState::Idle) - at(StationState::Unknown);
        const double run = planned - at(StationState::Down) - at(StationState::Setup);
        if (k.hasStates && planned > 0) {
            k.oee.availability = run / planned;
            k.oee.performance = run > 0 ? double(k.partsOut) * st.cycleTime.meanS / run : 0.0;
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

    // Line OEE: planned time is the window less the line end's idle/unknown time; availability
    // is the average bottleneck's; OEE = good units x takt / planned time.
    double planned = double(windowMs) / 1000.0;
    if (!ends.empty()) {
        const auto& end = r.stations[std::size_t(ends.front())];
        if (end.hasStates)
            planned *= 1.0 - end.stateShare[std::size_t(StationState::Idle)] -
                       end.stateShare[std::size_t(StationState::Unknown)];
    }
    if (r.bottleneck.averageBottleneck >= 0) {
        const auto& bn = r.stations[std::size_t(r.bottleneck.averageBottleneck)];
        r.oee.availability = bn.oee.availability;
    } else {
        r.warnings.push_back("no station reported states: line availability taken as 1");
    }
    if (planned > 0 && r.oee.availability > 0) {
        r.oee.performance = double(r.units) * plant.taktS / (planned * r.oee.availability);
        r.oee.quality = r.units ? double(r.goodUnits) / double(r.units) : 1.0;
        r.oee.oee = double(r.goodUnits) * plant.taktS / planned;
    }
    return r;
}

} // namespace takt::twin
