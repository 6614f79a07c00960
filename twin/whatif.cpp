#include "twin/whatif.h"

#include "twin/error.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <sstream>

namespace takt::twin {
namespace {

constexpr double kMaxTimeS = 1e6; // the manifest's limits (docs/plant-manifest.md)
constexpr double kMaxMtbfS = 1e9;
constexpr double kMaxCapacity = 1000000;
constexpr int kMaxParallel = 8;

std::string num(double v)
{
    char b[64];
    std::snprintf(b, sizeof b, "%.12g", v); // 1000000, not 1e+06
    return b;
}

bool isStore(const Station& s)
{
    return s.kind == StationKind::Buffer || s.kind == StationKind::Conveyor;
}

/// The new value of a field from its current one; refuses what lies outside [low, high].
double changed(const ScenarioChange& c, std::optional<double> current, double low, double high,
               bool lowOpen, const std::string& unit)
{
    double v = c.value;
    if (c.relative) {
        if (!current)
            throw ArgumentError("--set " + c.text + ": " + c.target + " has no " + c.field +
                                " to change by a percentage; give a value in " + unit);
        v = *current * (1.0 + c.value / 100.0);
    }
    const bool tooLow = lowOpen ? !(v > low) : !(v >= low);
    if (tooLow || !(v <= high) || !std::isfinite(v))
        throw ArgumentError("--set " + c.text + ": " + c.target + "." + c.field + " would be " +
                            num(v) + (unit.empty() ? "" : " " + unit) + "; allowed " +
                            (lowOpen ? "above " : "from ") + num(low) +
                            (lowOpen ? " up to " : " to ") + num(high) +
                            (unit.empty() ? "" : " " + unit));
    return v;
}

void duplicateStation(Plant& p, int index, int total)
{
    const Station original = p.stations[std::size_t(index)];
    const auto flow = p.flow;
    const auto checkpoints = p.checkpoints;
    for (int k = 2; k <= total; ++k) {
        Station copy = original;
        copy.id = original.id + "#" + std::to_string(k);
        copy.name = original.name + " (parallel " + std::to_string(k) + ")";
        copy.nodes.clear(); // no geometry of its own
        copy.initialParts = 0;
        p.stations.push_back(copy);
        for (const auto& e : flow) {
            if (e.to == original.id)
                p.flow.push_back({e.from, copy.id});
            if (e.from == original.id)
                p.flow.push_back({copy.id, e.to});
        }
        for (const auto& q : checkpoints)
            if (q.station == original.id) {
                auto qc = q;
                qc.id = q.id + "#" + std::to_string(k);
                qc.station = copy.id;
                p.checkpoints.push_back(qc);
            }
    }
}

std::vector<BottleneckCount> bottleneckCounts(const Plant& plant,
                                              const std::vector<ReplicationResult>& runs)
{
    std::map<int, int> counts;
    for (const auto& r : runs)
        if (r.done && r.averageBottleneck >= 0)
            ++counts[r.averageBottleneck];
    std::vector<BottleneckCount> out;
    for (const auto& [s, n] : counts)
        out.push_back({plant.stations[std::size_t(s)].id, n});
    std::stable_sort(out.begin(), out.end(),
                     [](const auto& a, const auto& b) { return a.replications > b.replications; });
    return out;
}

KpiDelta compare(std::string key, std::string name, const std::vector<ReplicationResult>& a,
                 const std::vector<ReplicationResult>& b, double ReplicationResult::*field)
{
    std::vector<double> x, y;
    for (std::size_t i = 0; i < a.size() && i < b.size(); ++i)
        if (a[i].done && b[i].done) {
            x.push_back(a[i].*field);
            y.push_back(b[i].*field);
        }
    KpiDelta d;
    d.key = std::move(key);
    d.name = std::move(name);
    d.baseline = stats::summarise(x);
    d.scenario = stats::summarise(y);
    d.baselineCi = stats::meanInterval(d.baseline);
    d.scenarioCi = stats::meanInterval(d.scenario);
    d.diff = stats::pairedT(x, y);
    d.significant = d.diff.n >= 2 && d.diff.pValue < 0.05;
    return d;
}

std::vector<ReplicationJob> jobsFor(const Plant& plant, int n, std::uint64_t seed)
{
    std::vector<ReplicationJob> jobs;
    for (int i = 0; i < n; ++i)
        jobs.push_back({&plant, seed + std::uint64_t(i)});
    return jobs;
}

} // namespace

std::string scenarioFieldsText()
{
    return "cycle (mean cycle time, s, above 0 up to 1e6), sd (cycle time standard deviation, s, "
           "0 to 1e6), capacity (buffers and conveyors, parts, 1 to 1000000), mtbf (s, above 0 "
           "up to 1e9), mttr (s, above 0 up to 1e6), defect (rate of the station's or a "
           "checkpoint's defects, 0 to 1), parallel (processing stations: how many do the work, "
           "1 to 8); a value or a change in percent (-10%)";
}

ScenarioChange parseScenarioChange(std::string_view text)
{
    ScenarioChange c;
    c.text = std::string(text);
    const auto eq = text.find('=');
    const auto dot = eq == std::string_view::npos ? eq : text.rfind('.', eq);
    if (eq == std::string_view::npos || dot == std::string_view::npos || dot == 0)
        throw ArgumentError("--set " + c.text +
                            ": expected STATION.FIELD=VALUE or ±N%, e.g. "
                            "GA-BM020.cycle=-10%");
    c.target = std::string(text.substr(0, dot));
    c.field = std::string(text.substr(dot + 1, eq - dot - 1));
    std::string value(text.substr(eq + 1));
    if (!value.empty() && value.back() == '%') {
        c.relative = true;
        value.pop_back();
    }
    char* end = nullptr;
    c.value = std::strtod(value.c_str(), &end);
    if (value.empty() || end != value.c_str() + value.size() || !std::isfinite(c.value))
        throw ArgumentError("--set " + c.text + ": \"" + std::string(text.substr(eq + 1)) +
                            "\" is not a number (or a change in percent such as -10%)");
    return c;
}

Plant applyScenario(const Plant& plant, const std::vector<ScenarioChange>& changes)
{
    Plant p = plant;
    std::vector<std::pair<int, int>> parallel;
    for (const auto& c : changes) {
        const int s = p.stationIndex(c.target);
        if (c.field == "defect") {
            std::vector<QualityCheckpoint*> targets;
            for (auto& q : p.checkpoints)
                if (q.id == c.target || q.station == c.target)
                    targets.push_back(&q);
            if (targets.empty())
                throw ArgumentError(
                    "--set " + c.text + ": " + c.target +
                    (s >= 0 ? " has no quality checkpoint"
                            : " is neither a station nor a checkpoint of plant " + p.id));
            for (auto* q : targets)
                q->defectRate = changed(c, q->defectRate, 0.0, 1.0, false, "");
            continue;
        }
        if (s < 0)
            throw ArgumentError("--set " + c.text + ": no station " + c.target + " in plant " +
                                p.id);
        auto& st = p.stations[std::size_t(s)];
        if (c.field == "cycle") {
            st.cycleTime.meanS = changed(c, st.cycleTime.meanS, 0.0, kMaxTimeS, true, "s");
        } else if (c.field == "sd") {
            if (st.cycleTime.kind == Distribution::Kind::Exponential)
                throw ArgumentError("--set " + c.text + ": " + c.target +
                                    " has exponential cycle times (sd = mean); change its cycle");
            st.cycleTime.sdS = changed(c, st.cycleTime.sdS, 0.0, kMaxTimeS, false, "s");
            if (st.cycleTime.kind == Distribution::Kind::Deterministic && st.cycleTime.sdS > 0)
                st.cycleTime.kind = Distribution::Kind::Normal;
        } else if (c.field == "capacity") {
            if (!isStore(st))
                throw ArgumentError("--set " + c.text + ": " + c.target + " is a " +
                                    std::string(toString(st.kind)) +
                                    ", which holds one part; capacity applies to buffers and "
                                    "conveyors (use " +
                                    c.target + ".parallel=N)");
            const double v = changed(c, double(st.capacity), 1.0, kMaxCapacity, false, "parts");
            st.capacity = int(std::lround(v));
            st.initialParts = std::min(st.initialParts, st.capacity);
        } else if (c.field == "mtbf") {
            st.mtbfS = changed(c, st.mtbfS, 0.0, kMaxMtbfS, true, "s");
        } else if (c.field == "mttr") {
            st.mttrS = changed(c, st.mttrS, 0.0, kMaxTimeS, true, "s");
        } else if (c.field == "parallel") {
            if (isStore(st))
                throw ArgumentError("--set " + c.text + ": " + c.target +
                                    " is a buffer or conveyor; change its capacity instead");
            const double v = changed(c, 1.0, 1.0, kMaxParallel, false, "stations");
            if (v != std::floor(v))
                throw ArgumentError("--set " + c.text +
                                    ": parallel takes a whole number of "
                                    "stations, 1 to 8");
            parallel.push_back({s, int(v)});
        } else {
            throw ArgumentError("--set " + c.text + ": unknown field \"" + c.field +
                                "\"; the fields are " + scenarioFieldsText());
        }
        if (st.mtbfS.has_value() != st.mttrS.has_value())
            throw ArgumentError("--set " + c.text + ": " + c.target +
                                " has no failures yet; give both mtbf and mttr");
    }
    for (const auto& [s, n] : parallel)
        duplicateStation(p, s, n);
    return p;
}

WhatIfResult runWhatIf(const Plant& baseline, const std::vector<ScenarioChange>& changes,
                       int replications, std::uint64_t seed, const ReplicationOptions& options)
{
    const auto t0 = std::chrono::steady_clock::now();
    const Plant scenario = applyScenario(baseline, changes);
    WhatIfResult r;
    r.changes = changes;
    r.replications = replications;
    r.hours = options.hours;
    r.warmupHours = options.warmupHours;
    r.seed = seed;
    auto jobs = jobsFor(baseline, replications, seed);
    const auto more = jobsFor(scenario, replications, seed); // the same seeds: paired runs
    jobs.insert(jobs.end(), more.begin(), more.end());
    const auto runs = runReplications(jobs, options);
    const std::vector<ReplicationResult> a(runs.begin(), runs.begin() + replications);
    const std::vector<ReplicationResult> b(runs.begin() + replications, runs.end());
    r.cancelled = std::any_of(runs.begin(), runs.end(), [](const auto& x) { return !x.done; });
    r.kpis = {
        compare("throughput_per_hour", "Throughput (units/h)", a, b,
                &ReplicationResult::throughputPerHour),
        compare("good_per_hour", "Good units/h", a, b, &ReplicationResult::goodPerHour),
        compare("oee", "OEE", a, b, &ReplicationResult::oee),
        compare("availability", "Line availability", a, b, &ReplicationResult::availability),
        compare("fpy_overall", "First-pass yield", a, b, &ReplicationResult::fpyOverall),
    };
    r.baselineBottleneck = bottleneckCounts(baseline, a);
    r.scenarioBottleneck = bottleneckCounts(scenario, b);
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return r;
}

SensitivityResult runSensitivity(const Plant& baseline, double improvement, int replications,
                                 std::uint64_t seed, const ReplicationOptions& options)
{
    const auto t0 = std::chrono::steady_clock::now();
    SensitivityResult r;
    r.improvement = improvement;
    r.replications = replications;
    r.hours = options.hours;
    r.warmupHours = options.warmupHours;
    r.seed = seed;
    std::vector<int> candidates;
    std::vector<Plant> plants;
    plants.reserve(baseline.stations.size());
    for (std::size_t i = 0; i < baseline.stations.size(); ++i) {
        if (isStore(baseline.stations[i]))
            continue;
        candidates.push_back(int(i));
        Plant p = baseline;
        p.stations[i].cycleTime.meanS *= 1.0 - improvement;
        p.stations[i].cycleTime.sdS *= 1.0 - improvement; // the same shape, scaled
        plants.push_back(std::move(p));
    }
    auto jobs = jobsFor(baseline, replications, seed);
    for (const auto& p : plants) {
        const auto more = jobsFor(p, replications, seed);
        jobs.insert(jobs.end(), more.begin(), more.end());
    }
    const auto runs = runReplications(jobs, options);
    r.cancelled = std::any_of(runs.begin(), runs.end(), [](const auto& x) { return !x.done; });
    const auto n = std::size_t(replications);
    const std::vector<ReplicationResult> base(runs.begin(), runs.begin() + std::ptrdiff_t(n));
    std::vector<double> baseTp;
    for (const auto& x : base)
        if (x.done)
            baseTp.push_back(x.throughputPerHour);
    r.baselineThroughput = stats::summarise(baseTp);
    r.baselineBottleneck = bottleneckCounts(baseline, base);
    for (std::size_t k = 0; k < candidates.size(); ++k) {
        const std::vector<ReplicationResult> sc(runs.begin() + std::ptrdiff_t((k + 1) * n),
                                                runs.begin() + std::ptrdiff_t((k + 2) * n));
        SensitivityRow row;
        const auto s = std::size_t(candidates[k]);
        row.station = baseline.stations[s].id;
        row.gain = compare("", "", base, sc, &ReplicationResult::throughputPerHour).diff;
        double active = 0.0, lost = 0.0;
        int m = 0;
        for (const auto& x : base)
            if (x.done) {
                row.meanActiveS += x.meanActiveS[s];
                const auto& sh = x.stateShare[s];
                active += sh[int(StationState::Working)] + sh[int(StationState::Down)] +
                          sh[int(StationState::Setup)];
                lost += sh[int(StationState::Down)] + sh[int(StationState::Setup)];
                ++m;
            }
        row.meanActiveS /= std::max(1, m);
        row.downShareOfActive = active > 0 ? lost / active : 0.0;
        const auto nb = bottleneckCounts(plants[k], sc);
        row.newBottleneck = nb.empty() ? std::string() : nb.front().station;
        r.rows.push_back(std::move(row));
    }
    std::stable_sort(r.rows.begin(), r.rows.end(), [](const auto& a, const auto& b) {
        return a.gain.meanDiff > b.gain.meanDiff;
    });
    if (!r.baselineBottleneck.empty())
        r.activeBottleneck = r.baselineBottleneck.front().station;
    for (std::size_t i = 0; i < r.rows.size(); ++i)
        if (r.rows[i].station == r.activeBottleneck)
            r.activeBottleneckRank = int(i + 1);
    std::ostringstream v;
    v.precision(3);
    if (r.rows.empty() || r.activeBottleneck.empty()) {
        v << "no active-period bottleneck in the baseline runs";
    } else if (r.activeBottleneckRank == 1) {
        const auto& top = r.rows.front();
        v << "the active-period bottleneck " << r.activeBottleneck
          << " heads the list, as the method predicts; its gain is "
          << (top.gain.pValue < 0.05 ? "significant" : "not significant") << " at 5 % with "
          << replications << " replications";
        if (r.rows.size() > 1 && r.rows[1].gain.ci.high >= top.gain.ci.low)
            v << " and overlaps " << r.rows[1].station << "'s";
    } else {
        const auto& top = r.rows.front();
        const auto& bn = r.rows[std::size_t(r.activeBottleneckRank - 1)];
        const int share = r.baselineBottleneck.front().replications;
        v << "the active-period bottleneck " << r.activeBottleneck << " ranks "
          << r.activeBottleneckRank << ", not first: ";
        if (bn.gain.ci.high >= top.gain.ci.low)
            v << "its gain (" << bn.gain.meanDiff << " units/h) and " << top.station << "'s ("
              << top.gain.meanDiff << ") overlap within their 95 % intervals, so " << replications
              << " replications cannot tell them apart";
        else if (bn.downShareOfActive > 0.1)
            v << "its long active periods come from failures (" << 100 * bn.downShareOfActive
              << " % of its active time down or in setup), which a shorter cycle does not "
                 "shorten";
        else
            v << "relieving it moves the constraint to " << bn.newBottleneck << ", while "
              << top.station << " holds the line more often";
        v << "; it was the average bottleneck in " << share << " of " << replications
          << " replications";
        if (r.baselineBottleneck.size() > 1)
            v << " (the bottleneck shifts: " << r.baselineBottleneck[1].station << " in "
              << r.baselineBottleneck[1].replications << ")";
    }
    r.verdict = v.str();
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return r;
}

} // namespace takt::twin
