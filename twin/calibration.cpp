#include "twin/calibration.h"

#include "twin/simulator.h"
#include "twin/interval_coverage.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numbers>

namespace takt::twin {
namespace {

std::string fmt(double v, const char* spec = "%.3g")
{
    char b[64];
    std::snprintf(b, sizeof b, spec, v);
    return b;
}

/// The option of dimension `dim` in configuration `config` (mixed radix, dimension 0 least
/// significant: the simulator's and Plant::configurationName's order).
std::size_t optionOf(const Plant& plant, std::int64_t config, std::size_t dim)
{
    auto c = std::uint64_t(std::max<std::int64_t>(0, config));
    for (std::size_t d = 0; d < plant.configurationDimensions.size(); ++d) {
        const auto n = std::max<std::size_t>(1, plant.configurationDimensions[d].options.size());
        if (d == dim)
            return std::size_t(c % n);
        c /= n;
    }
    return 0;
}

/// Each part that left `station` in [from, to) and entered after `from`: its entry and index.
struct Stay {
    TimeMs in = 0, out = 0;
    std::int64_t config = 0;
};
std::vector<Stay> staysOf(const RecordingData& data, int station, TimeMs from, TimeMs to)
{
    const auto& pc = data.parts(station);
    const auto a =
        std::size_t(std::lower_bound(pc.leaveT.begin(), pc.leaveT.end(), from) - pc.leaveT.begin());
    const auto b =
        std::size_t(std::lower_bound(pc.leaveT.begin(), pc.leaveT.end(), to) - pc.leaveT.begin());
    std::vector<Stay> out;
    out.reserve(b - a);
    for (std::size_t i = a; i < b; ++i) {
        // FIFO stations: the part's entry is among the last few at or before its departure.
        auto k = lastAtOrBefore(pc.enterT, pc.leaveT[i]);
        const std::ptrdiff_t look = std::max<std::ptrdiff_t>(
            16, std::ptrdiff_t(data.plant().stations[std::size_t(station)].capacity) + 16);
        for (std::ptrdiff_t n = 0; k >= 0 && n < look; --k, ++n)
            if (pc.enterPart[std::size_t(k)] == pc.leavePart[i]) {
                // A part inside at the window's start began its work before it.
                if (pc.enterT[std::size_t(k)] > from)
                    out.push_back({pc.enterT[std::size_t(k)], pc.leaveT[i], pc.leaveConfig[i]});
                break;
            }
    }
    return out;
}

void fitDistribution(StationCalibration& sc, const std::vector<double>& x)
{
    const auto n = std::int64_t(x.size());
    sc.samples = n;
    if (n < kMinFitSamples) {
        sc.fitMissing = std::to_string(n) + " parts processed in the window; at least " +
                        std::to_string(kMinFitSamples) + " needed to fit a distribution";
        sc.mean = Estimate::none(n, sc.fitMissing);
        sc.sd = Estimate::none(n, sc.fitMissing);
        return;
    }
    const auto s = stats::summarise(x);
    const double lo = *std::min_element(x.begin(), x.end());
    const double hi = *std::max_element(x.begin(), x.end());
    sc.mean = Estimate::of(s.mean, n, stats::meanInterval(s));
    const double df = double(n - 1);
    sc.sd = Estimate::of(
        s.sd, n,
        stats::Interval{std::sqrt(df * s.sd * s.sd / stats::chiSquareQuantile(0.975, df)),
                        std::sqrt(df * s.sd * s.sd / stats::chiSquareQuantile(0.025, df))});
    // Times are recorded to the millisecond: a spread within two of them is no variability.
    if (hi - lo <= std::max(0.002, 1e-4 * s.mean)) {
        sc.fitted = Distribution{Distribution::Kind::Deterministic, s.mean, 0.0};
        return;
    }
    const double nn = double(n);
    const double varMle = s.sd * s.sd * df / nn;
    FitCandidate normal{Distribution::Kind::Normal,
                        -0.5 * nn * std::log(2.0 * std::numbers::pi * varMle) - 0.5 * nn, 2, 0};
    FitCandidate expo{Distribution::Kind::Exponential, -nn * std::log(s.mean) - nn, 1, 0};
    std::vector<FitCandidate> cands{normal, expo};
    if (lo > 0.0) {
        std::vector<double> logs(x.size());
        double sumLog = 0.0;
        for (std::size_t i = 0; i < x.size(); ++i)
            sumLog += logs[i] = std::log(x[i]);
        const auto ls = stats::summarise(logs);
        const double v = ls.sd * ls.sd * df / nn;
        cands.push_back({Distribution::Kind::Lognormal,
                         -sumLog - 0.5 * nn * std::log(2.0 * std::numbers::pi * v) - 0.5 * nn, 2,
                         0});
    }
    for (auto& c : cands)
        c.aic = 2.0 * c.parameters - 2.0 * c.logLikelihood;
    std::sort(cands.begin(), cands.end(),
              [](const FitCandidate& a, const FitCandidate& b) { return a.aic < b.aic; });
    sc.candidates = cands;
    Distribution d{cands.front().kind, s.mean, 0.0};
    if (d.kind != Distribution::Kind::Exponential)
        d.sdS = s.sd; // lognormal too: the manifest gives the time's own mean and sd
    sc.fitted = d;
}

/// The dimension whose options differ most in mean processing time (one-way ANOVA F test).
void workContentEffect(StationCalibration& sc, const Plant& plant, const std::vector<double>& raw,
                       const std::vector<std::int64_t>& configs)
{
    const auto n = raw.size();
    if (std::int64_t(n) < kMinFitSamples)
        return;
    const double grand = stats::summarise(raw).mean;
    double bestP = 1.0;
    for (std::size_t d = 0; d < plant.configurationDimensions.size(); ++d) {
        const auto m = plant.configurationDimensions[d].options.size();
        if (m < 2)
            continue;
        std::vector<std::vector<double>> groups(m);
        for (std::size_t i = 0; i < n; ++i)
            groups[optionOf(plant, configs[i], d)].push_back(raw[i]);
        double ssb = 0.0, ssw = 0.0;
        std::size_t used = 0;
        std::vector<stats::Summary> sums;
        for (const auto& g : groups) {
            sums.push_back(stats::summarise(g));
            if (g.size() < 2)
                continue;
            ++used;
            ssb += double(g.size()) * std::pow(sums.back().mean - grand, 2);
            ssw += double(g.size() - 1) * sums.back().sd * sums.back().sd;
        }
        if (used < 2 || n <= used || ssw <= 0.0)
            continue;
        const double d1 = double(used - 1), d2 = double(n - used);
        const double f = (ssb / d1) / (ssw / d2);
        const double p = 1.0 - stats::betaI(0.5 * d1, 0.5 * d2, d1 * f / (d1 * f + d2));
        if (p < bestP) {
            bestP = p;
            sc.effectDimension = plant.configurationDimensions[d].name;
            sc.optionEffects.clear();
            for (std::size_t o = 0; o < m; ++o) {
                const auto ci = stats::meanInterval(sums[o]);
                sc.optionEffects.push_back({plant.configurationDimensions[d].options[o],
                                            sums[o].n,
                                            sums[o].mean / grand,
                                            {ci.low / grand, ci.high / grand}});
            }
        }
    }
    // Bonferroni: the best of D dimensions was picked.
    bestP = std::min(1.0, bestP * double(plant.configurationDimensions.size()));
    sc.effectPValue = bestP;
    // Only an effect the data shows clearly is reported (1 % level).
    if (bestP >= 0.01) {
        sc.effectDimension.clear();
        sc.optionEffects.clear();
    }
}

void failuresAndSetups(StationCalibration& sc, const RecordingData& data, TimeMs from, TimeMs to)
{
    double working = 0.0, repairSum = 0.0, setupSum = 0.0;
    std::int64_t repairs = 0, setupsDone = 0;
    data.forEachStateInterval(sc.station, from, to, [&](StationState s, TimeMs a, TimeMs b) {
        const double d = double(b - a) / 1000.0;
        if (s == StationState::Working)
            working += d;
        // A period open at the window's start began before it: no failure or setup counted.
        if (s == StationState::Down && a > from) {
            ++sc.failures;
            if (b < to) {
                ++repairs;
                repairSum += d;
            }
        }
        if (s == StationState::Setup && a > from) {
            ++sc.setups;
            if (b < to) {
                ++setupsDone;
                setupSum += d;
            }
        }
    });
    sc.workingS = working;
    if (sc.failures < kMinFailures) {
        const std::string why = std::to_string(sc.failures) + " failure(s) in " +
                                fmt(working / 3600.0) + " h of working time; at least " +
                                std::to_string(kMinFailures) + " needed";
        sc.mtbf = Estimate::none(sc.failures, why);
    } else {
        sc.mtbf = Estimate::of(working / double(sc.failures), sc.failures,
                               stats::exponentialMeanInterval(sc.failures, working));
    }
    if (repairs < kMinFailures) {
        sc.mttr = Estimate::none(repairs, std::to_string(repairs) +
                                              " completed repair(s) in the window; at least " +
                                              std::to_string(kMinFailures) + " needed");
    } else {
        const double alpha = 0.05, k2 = 2.0 * double(repairs);
        sc.mttr = Estimate::of(
            repairSum / double(repairs), repairs,
            stats::Interval{2.0 * repairSum / stats::chiSquareQuantile(1.0 - alpha / 2, k2),
                            2.0 * repairSum / stats::chiSquareQuantile(alpha / 2, k2)});
    }
    if (setupsDone < kMinSetups) {
        sc.setupMean = Estimate::none(setupsDone, setupsDone == 0
                                                      ? "no setup recorded in the window"
                                                      : std::to_string(setupsDone) +
                                                            " completed setup(s); at least " +
                                                            std::to_string(kMinSetups) + " needed");
    } else {
        std::vector<double> durations; // mean with a t interval: setups need not be exponential
        data.forEachStateInterval(sc.station, from, to, [&](StationState s, TimeMs a, TimeMs b) {
            if (s == StationState::Setup && a > from && b < to)
                durations.push_back(double(b - a) / 1000.0);
        });
        const auto sum = stats::summarise(durations);
        sc.setupMean = Estimate::of(sum.mean, sum.n, stats::meanInterval(sum));
    }
}

void calibrateStore(StationCalibration& sc, const RecordingData& data, TimeMs from, TimeMs to)
{
    const auto& pc = data.parts(sc.station);
    // Most parts inside at once (entries at or before a departure at the same time count first).
    int wip = 0;
    std::size_t e = 0, l = 0;
    while (e < pc.enterT.size() || l < pc.leaveT.size()) {
        // At one instant departures count first: the place they free is what an entry takes.
        if (e < pc.enterT.size() && (l >= pc.leaveT.size() || pc.enterT[e] < pc.leaveT[l])) {
            if (pc.enterT[e] < to)
                sc.maxWip = std::max(sc.maxWip, ++wip);
            ++e;
        } else {
            --wip;
            ++l;
        }
    }
    const auto stays = staysOf(data, sc.station, from, to);
    sc.samples = std::int64_t(stays.size());
    if (sc.kind != StationKind::Conveyor)
        return;
    if (stays.empty()) {
        sc.transportS = Estimate::none(0, "no part crossed the conveyor in the window");
        return;
    }
    TimeMs shortest = stays.front().out - stays.front().in;
    for (const auto& s : stays)
        shortest = std::min(shortest, s.out - s.in);
    // A conveyor that moves freely shows its transport time as the dwell of many parts; a
    // shortest dwell that few parts share is a wait for the next station, not the transport.
    std::int64_t atShortest = 0;
    for (const auto& s : stays)
        atShortest += s.out - s.in <= shortest + 2;
    if (atShortest < kMinFreeTransports) {
        sc.transportS =
            Estimate::none(sc.samples, "no part crossed freely: the shortest dwell, " +
                                           fmt(double(shortest) / 1000.0) + " s, is shared by " +
                                           std::to_string(atShortest) + " part(s) (at least " +
                                           std::to_string(kMinFreeTransports) +
                                           " needed); every part waited for the next station");
        return;
    }
    sc.transportS = Estimate::of(double(shortest) / 1000.0, atShortest);
}

void calibrateCheckpoint(CheckpointCalibration& cc, const RecordingData& data, TimeMs from,
                         TimeMs to)
{
    const auto& plant = data.plant();
    const auto& q = data.quality(cc.checkpoint);
    const auto a = std::size_t(std::lower_bound(q.t.begin(), q.t.end(), from) - q.t.begin());
    const auto b = std::size_t(std::lower_bound(q.t.begin(), q.t.end(), to) - q.t.begin());
    double factorSum = 0.0;
    const auto dims = plant.configurationDimensions.size();
    std::vector<std::vector<std::int64_t>> optN(dims), optK(dims);
    for (std::size_t d = 0; d < dims; ++d) {
        optN[d].assign(plant.configurationDimensions[d].options.size(), 0);
        optK[d].assign(plant.configurationDimensions[d].options.size(), 0);
    }
    for (std::size_t i = a; i < b; ++i) {
        ++cc.inspections;
        const bool defect = q.result[i] != QualityResult::Pass;
        cc.defects += defect;
        cc.fails += q.result[i] == QualityResult::Fail;
        cc.reworks += q.result[i] == QualityResult::Rework;
        factorSum += Simulator::defectFactor(plant, cc.checkpoint, std::uint64_t(q.config[i]));
        for (std::size_t d = 0; d < dims; ++d) {
            const auto o = optionOf(plant, q.config[i], d);
            if (o < optN[d].size()) {
                ++optN[d][o];
                optK[d][o] += defect;
            }
        }
    }
    if (cc.inspections < kMinInspections) {
        const auto why = std::to_string(cc.inspections) + " inspections in the window; at least " +
                         std::to_string(kMinInspections) + " needed";
        cc.defectRate = Estimate::none(cc.inspections, why);
        cc.reworkShare = Estimate::none(cc.defects, why);
        return;
    }
    // Rates scale with the configuration's defect factor (docs/simulator.md): the base rate is
    // defects per unit of summed factor; its interval is Wilson's on the raw rate, scaled.
    const double scale = double(cc.inspections) / factorSum;
    const auto w = stats::wilsonInterval(cc.defects, cc.inspections);
    cc.defectRate = Estimate::of(double(cc.defects) / factorSum, cc.inspections,
                                 stats::Interval{w.low * scale, w.high * scale});
    if (cc.defects == 0)
        cc.reworkShare = Estimate::none(0, "no defect recorded in the window");
    else
        cc.reworkShare = Estimate::of(double(cc.reworks) / double(cc.defects), cc.defects,
                                      stats::wilsonInterval(cc.reworks, cc.defects));
    // Per option: the dimension with the strongest association (chi-square test of
    // independence, defect vs option).
    if (cc.defects == 0)
        return;
    const double pAll = double(cc.defects) / double(cc.inspections);
    double bestP = 2.0;
    for (std::size_t d = 0; d < dims; ++d) {
        double x2 = 0.0;
        int used = 0;
        for (std::size_t o = 0; o < optN[d].size(); ++o) {
            const double n = double(optN[d][o]);
            if (n == 0)
                continue;
            ++used;
            const double e1 = n * pAll, e0 = n - e1;
            const double k = double(optK[d][o]);
            x2 += (k - e1) * (k - e1) / e1 + ((n - k) - e0) * ((n - k) - e0) / e0;
        }
        if (used < 2)
            continue;
        const double p = 1.0 - stats::gammaP(0.5 * (used - 1), 0.5 * x2);
        if (p < bestP) {
            bestP = p;
            cc.effectDimension = plant.configurationDimensions[d].name;
            cc.optionRates.clear();
            for (std::size_t o = 0; o < optN[d].size(); ++o)
                cc.optionRates.push_back(
                    {plant.configurationDimensions[d].options[o], optN[d][o], optK[d][o],
                     optN[d][o] ? double(optK[d][o]) / double(optN[d][o]) : 0.0,
                     stats::wilsonInterval(optK[d][o], optN[d][o])});
        }
    }
    cc.effectPValue = std::min(1.0, bestP * double(dims)); // Bonferroni over the dimensions
}

} // namespace

Estimate Estimate::of(double v, std::int64_t n, std::optional<stats::Interval> ci)
{
    Estimate e;
    e.value = v;
    e.samples = n;
    e.ci = ci;
    return e;
}

Estimate Estimate::none(std::int64_t n, std::string reason)
{
    Estimate e;
    e.samples = n;
    e.missing = std::move(reason);
    return e;
}

CalibrationReport calibrate(const RecordingData& data, TimeMs from, TimeMs to)
{
    CalibrationReport r;
    r.from = from;
    r.to = to;
    r.hours = double(to - from) / 3.6e6;
    const Plant& plant = data.plant();
    for (std::size_t i = 0; i < plant.stations.size(); ++i) {
        const auto& st = plant.stations[i];
        StationCalibration sc;
        sc.station = int(i);
        sc.id = st.id;
        sc.kind = st.kind;
        if (st.kind == StationKind::Buffer || st.kind == StationKind::Conveyor) {
            calibrateStore(sc, data, from, to);
            r.stations.push_back(std::move(sc));
            continue;
        }
        const auto stays = staysOf(data, int(i), from, to);
        TimeMs earliest = to;
        for (const auto& s : stays)
            earliest = std::min(earliest, s.in);
        IntervalCoverage working;
        data.forEachStateInterval(int(i), earliest, to, [&](StationState s, TimeMs x, TimeMs y) {
            if (s == StationState::Working)
                working.add(x, y);
        });
        std::vector<double> base, raw;
        std::vector<std::int64_t> configs;
        base.reserve(stays.size());
        for (const auto& s : stays) {
            const double w = double(working.covered(s.in, s.out)) / 1000.0;
            if (!(w > 0.0))
                continue; // no working time recorded for it (no state data)
            raw.push_back(w);
            configs.push_back(s.config);
            base.push_back(w / Simulator::workFactor(plant, int(i), std::uint64_t(s.config)));
        }
        fitDistribution(sc, base);
        workContentEffect(sc, plant, raw, configs);
        failuresAndSetups(sc, data, from, to);
        r.stations.push_back(std::move(sc));
    }
    for (std::size_t c = 0; c < plant.checkpoints.size(); ++c) {
        CheckpointCalibration cc;
        cc.checkpoint = int(c);
        cc.id = plant.checkpoints[c].id;
        cc.station = plant.checkpoints[c].station;
        calibrateCheckpoint(cc, data, from, to);
        r.checkpoints.push_back(std::move(cc));
    }
    if (data.eventCount() == 0)
        r.warnings.push_back("the recording holds no events");
    return r;
}

Plant calibratedPlant(const Plant& original, const CalibrationReport& report)
{
    Plant p = original;
    for (const auto& sc : report.stations) {
        auto& st = p.stations[std::size_t(sc.station)];
        if (sc.fitted)
            st.cycleTime = *sc.fitted;
        if (sc.kind == StationKind::Conveyor && sc.transportS.value)
            st.cycleTime = Distribution{Distribution::Kind::Deterministic, *sc.transportS.value};
        // Failures change only when both of their parameters were estimated.
        if (sc.mtbf.value && sc.mttr.value) {
            st.mtbfS = *sc.mtbf.value;
            st.mttrS = *sc.mttr.value;
        }
    }
    for (const auto& cc : report.checkpoints)
        if (cc.defectRate.value)
            p.checkpoints[std::size_t(cc.checkpoint)].defectRate = *cc.defectRate.value;
    return p;
}

} // namespace takt::twin
