#include "twin/predict_format.h"

#include "twin/session_store.h"

#include <cmath>
#include <cstdio>
#include <ostream>
#include <string>

namespace takt::twin {
namespace {

using nlohmann::json;

json number(double v)
{
    return std::isfinite(v) ? json(v) : json();
}

json intervalJson(const stats::Interval& i)
{
    return json::array({number(i.low), number(i.high)});
}

json estimateJson(const Estimate& e)
{
    return {{"value", e.value ? number(*e.value) : json()},
            {"ci95", e.ci ? intervalJson(*e.ci) : json()},
            {"samples", e.samples},
            {"missing", e.missing.empty() ? json() : json(e.missing)}};
}

json distributionJson(const Distribution& d)
{
    json j{{"dist", std::string(toString(d.kind))}, {"mean_s", d.meanS}};
    if (d.kind == Distribution::Kind::Normal || d.kind == Distribution::Kind::Lognormal)
        j["sd_s"] = d.sdS;
    return j;
}

std::string f(double v, const char* spec = "%.1f")
{
    char b[64];
    std::snprintf(b, sizeof b, spec, v);
    return b;
}

/// "47.6 [47.5, 47.7]" or "- (reason)" in a fixed-width cell.
std::string cell(const Estimate& e, const char* spec = "%.1f")
{
    if (!e.value)
        return "-";
    std::string s = f(*e.value, spec);
    if (e.ci)
        s += " [" + f(e.ci->low, spec) + "," + f(e.ci->high, spec) + "]";
    return s;
}

std::string optional(const std::optional<double>& v, const char* spec = "%.1f")
{
    return v ? f(*v, spec) : "-";
}

json countsJson(const std::vector<BottleneckCount>& v)
{
    json a = json::array();
    for (const auto& b : v)
        a.push_back({{"station", b.station}, {"replications", b.replications}});
    return a;
}

std::string countsText(const std::vector<BottleneckCount>& v, int n)
{
    std::string s;
    for (std::size_t i = 0; i < v.size() && i < 3; ++i)
        s += (i ? ", " : "") + v[i].station + " (" + std::to_string(v[i].replications) + "/" +
             std::to_string(n) + ")";
    return s.empty() ? "-" : s;
}

json validationJson(const ValidationReport& v)
{
    json st = json::array();
    for (const auto& s : v.stations) {
        json rec, sim;
        for (std::size_t j = 0; j < kValidationStates.size(); ++j) {
            rec[std::string(toString(kValidationStates[j]))] = s.recorded[j];
            sim[std::string(toString(kValidationStates[j]))] = s.simulated[j];
        }
        st.push_back({{"id", s.station}, {"recorded", rec}, {"simulated", sim}});
    }
    return {{"replications", v.replications},
            {"hours", v.hours},
            {"warmup_hours", v.warmupHours},
            {"throughput_per_hour",
             {{"recorded", number(v.recordedThroughput)},
              {"simulated_mean", number(v.simulatedThroughput.mean)},
              {"simulated_sd", number(v.simulatedThroughput.sd)},
              {"simulated_ci95", intervalJson(v.simulatedThroughputCi)}}},
            {"state_shares", st},
            {"largest_share_gap", {{"gap", v.largestShareGap}, {"at", v.largestShareGapAt}}},
            {"bottleneck",
             {{"recorded", v.recordedBottleneck},
              {"simulated", countsJson(v.simulatedBottleneck)},
              {"recorded_ranking", v.recordedRanking},
              {"simulated_ranking", v.simulatedRanking},
              {"rank_correlation", number(v.rankCorrelation)}}},
            {"seconds", v.seconds}};
}

void printValidation(std::ostream& out, const ValidationReport& v)
{
    out << "\nValidation: the calibrated model, " << v.replications << " replications of "
        << f(v.hours, "%g") << " h (after " << f(v.warmupHours, "%g")
        << " h warm-up), against the recording\n";
    out << "Throughput   recorded " << f(v.recordedThroughput) << " units/h, simulated "
        << f(v.simulatedThroughput.mean) << " [" << f(v.simulatedThroughputCi.low) << ", "
        << f(v.simulatedThroughputCi.high) << "] (sd " << f(v.simulatedThroughput.sd, "%.2f")
        << " between replications)\n";
    out << "Bottleneck   recorded " << (v.recordedBottleneck.empty() ? "-" : v.recordedBottleneck)
        << "; simulated " << countsText(v.simulatedBottleneck, v.replications) << "\n";
    const auto list = [](const std::vector<std::string>& r) {
        std::string s;
        for (std::size_t i = 0; i < r.size(); ++i)
            s += (i ? " > " : "") + r[i];
        return s;
    };
    out << "Ranking      recorded " << list(v.recordedRanking) << "\n";
    out << "(by mean     simulated " << list(v.simulatedRanking) << "\n";
    out << "active)      Spearman rank correlation over all stations "
        << f(v.rankCorrelation, "%.2f") << "\n";
    out << "State shares, % (recorded / simulated); largest gap " << f(100 * v.largestShareGap)
        << " points at " << v.largestShareGapAt << "\n";
    char line[200];
    std::snprintf(line, sizeof line, "%-10s %13s %13s %13s %13s\n", "Station", "working", "starved",
                  "blocked", "down");
    out << line;
    for (const auto& s : v.stations) {
        std::snprintf(line, sizeof line, "%-10s", s.station.c_str());
        out << line;
        for (std::size_t j = 0; j < 4; ++j) {
            std::snprintf(line, sizeof line, " %6.1f/%6.1f", 100 * s.recorded[j],
                          100 * s.simulated[j]);
            out << line;
        }
        out << "\n";
    }
}

json deltaJson(const KpiDelta& d)
{
    return {{"key", d.key},
            {"name", d.name},
            {"baseline", {{"mean", number(d.baseline.mean)}, {"ci95", intervalJson(d.baselineCi)}}},
            {"scenario", {{"mean", number(d.scenario.mean)}, {"ci95", intervalJson(d.scenarioCi)}}},
            {"difference",
             {{"mean", number(d.diff.meanDiff)},
              {"ci95", intervalJson(d.diff.ci)},
              {"p_value", number(d.diff.pValue)}}},
            {"significant", d.significant}};
}

} // namespace

json calibrationToJson(const CalibrationReport& r, const Plant& reference, const RecordingInfo& rec,
                       const std::optional<ValidationReport>& validation)
{
    json j;
    j["format"] = "takt-calibration";
    j["version"] = 1;
    j["plant"] = reference.id;
    j["recording"] = {
        {"id", rec.id}, {"name", rec.name}, {"kind", std::string(toString(rec.kind))}};
    j["window"] = {
        {"from", formatIsoTime(r.from)}, {"to", formatIsoTime(r.to)}, {"hours", r.hours}};
    j["rules"] = {{"distribution",
                   "lowest AIC among normal, lognormal and exponential maximum-likelihood "
                   "fits; deterministic when all times lie within 2 ms"},
                  {"min_parts_to_fit", kMinFitSamples},
                  {"min_failures", kMinFailures},
                  {"min_setups", kMinSetups},
                  {"min_inspections", kMinInspections},
                  {"confidence", 0.95}};
    json stations = json::array();
    for (const auto& s : r.stations) {
        const auto& ref = reference.stations[std::size_t(s.station)];
        json st{{"id", s.id}, {"kind", std::string(toString(s.kind))}};
        st["manifest"] = distributionJson(ref.cycleTime);
        if (ref.mtbfS && ref.mttrS) {
            st["manifest"]["mtbf_s"] = *ref.mtbfS;
            st["manifest"]["mttr_s"] = *ref.mttrS;
        }
        if (s.kind == StationKind::Buffer || s.kind == StationKind::Conveyor) {
            st["parts"] = s.samples;
            st["max_wip"] = s.maxWip;
            st["capacity"] = ref.capacity;
            if (s.kind == StationKind::Conveyor)
                st["transport_s"] = estimateJson(s.transportS);
            stations.push_back(std::move(st));
            continue;
        }
        json cands = json::array();
        for (const auto& c : s.candidates)
            cands.push_back({{"dist", std::string(toString(c.kind))},
                             {"log_likelihood", number(c.logLikelihood)},
                             {"parameters", c.parameters},
                             {"aic", number(c.aic)}});
        st["processing"] = {{"samples", s.samples},
                            {"distribution", s.fitted ? distributionJson(*s.fitted) : json()},
                            {"missing", s.fitMissing.empty() ? json() : json(s.fitMissing)},
                            {"mean_s", estimateJson(s.mean)},
                            {"sd_s", estimateJson(s.sd)},
                            {"candidates", cands}};
        st["failures"] = {{"count", s.failures},
                          {"working_s", s.workingS},
                          {"mtbf_s", estimateJson(s.mtbf)},
                          {"mttr_s", estimateJson(s.mttr)}};
        st["setups"] = {{"count", s.setups}, {"mean_s", estimateJson(s.setupMean)}};
        if (!s.effectDimension.empty()) {
            json opts = json::array();
            for (const auto& o : s.optionEffects)
                opts.push_back({{"option", o.option},
                                {"samples", o.samples},
                                {"ratio", number(o.ratio)},
                                {"ci95", intervalJson(o.ci)}});
            st["work_content_by_option"] = {
                {"dimension", s.effectDimension}, {"p_value", s.effectPValue}, {"options", opts}};
        } else {
            st["work_content_by_option"] = nullptr;
        }
        stations.push_back(std::move(st));
    }
    j["stations"] = stations;
    json cps = json::array();
    for (const auto& c : r.checkpoints) {
        json opts = json::array();
        for (const auto& o : c.optionRates)
            opts.push_back({{"option", o.option},
                            {"inspections", o.inspections},
                            {"defects", o.defects},
                            {"rate", number(o.rate)},
                            {"ci95", intervalJson(o.ci)}});
        cps.push_back(
            {{"id", c.id},
             {"station", c.station},
             {"inspections", c.inspections},
             {"defects", c.defects},
             {"fails", c.fails},
             {"reworks", c.reworks},
             {"defect_rate", estimateJson(c.defectRate)},
             {"rework_share", estimateJson(c.reworkShare)},
             {"manifest_defect_rate", reference.checkpoints[std::size_t(c.checkpoint)].defectRate},
             {"defects_by_option", c.effectDimension.empty()
                                       ? json()
                                       : json{{"dimension", c.effectDimension},
                                              {"p_value", c.effectPValue},
                                              {"options", opts}}}});
    }
    j["checkpoints"] = cps;
    j["warnings"] = r.warnings;
    j["validation"] = validation ? validationJson(*validation) : json();
    return j;
}

void printCalibration(std::ostream& out, const CalibrationReport& r, const Plant& ref,
                      const RecordingInfo& rec, const std::optional<ValidationReport>& validation)
{
    out << "Calibration of recording " << rec.id << " \"" << rec.name << "\" ("
        << f(r.hours, "%.2f") << " h) of " << ref.id << "\n";
    out << "Estimates with [95 % interval]; 'session' is the value in the session's manifest.\n"
        << "Distribution: lowest AIC of normal, lognormal, exponential (deterministic when all "
           "times lie within 2 ms).\n\n";
    char line[400];
    std::snprintf(line, sizeof line, "%-10s %5s %-5s %-20s %7s %-18s %6s %-22s %8s %-18s %6s\n",
                  "Station", "parts", "dist", "mean s", "session", "sd s", "sess.", "MTBF s",
                  "session", "MTTR s", "sess.");
    out << line;
    std::vector<std::string> notes;
    for (const auto& s : r.stations) {
        const auto& st = ref.stations[std::size_t(s.station)];
        if (s.kind == StationKind::Buffer || s.kind == StationKind::Conveyor)
            continue;
        std::string d = "-";
        if (s.fitted)
            d = s.fitted->kind == Distribution::Kind::Lognormal
                    ? "logn"
                    : std::string(toString(s.fitted->kind)).substr(0, 4);
        std::snprintf(line, sizeof line,
                      "%-10s %5lld %-5s %-20s %7s %-18s %6s %-22s %8s %-18s %6s\n", s.id.c_str(),
                      static_cast<long long>(s.samples), d.c_str(), cell(s.mean, "%.2f").c_str(),
                      f(st.cycleTime.meanS, "%.2f").c_str(), cell(s.sd, "%.2f").c_str(),
                      f(st.cycleTime.sdS, "%.2f").c_str(), cell(s.mtbf, "%.0f").c_str(),
                      optional(st.mtbfS, "%.0f").c_str(), cell(s.mttr, "%.0f").c_str(),
                      optional(st.mttrS, "%.0f").c_str());
        out << line;
        if (!s.fitMissing.empty())
            notes.push_back(s.id + " processing: " + s.fitMissing);
        if (!s.mtbf.missing.empty())
            notes.push_back(s.id + " MTBF: " + s.mtbf.missing);
        if (!s.mttr.missing.empty() && s.mtbf.missing.empty())
            notes.push_back(s.id + " MTTR: " + s.mttr.missing);
        if (!s.effectDimension.empty()) {
            std::string e = s.id + " work content by " + s.effectDimension + " (p " +
                            f(s.effectPValue, "%.2g") + "):";
            for (const auto& o : s.optionEffects)
                e += " " + o.option + " x" + f(o.ratio, "%.3f");
            notes.push_back(e + " (divided out of the fitted times)");
        }
    }
    std::size_t setups = 0;
    for (const auto& s : r.stations)
        setups += std::size_t(s.setups);
    if (setups == 0)
        notes.push_back("setups: none recorded at any station; setup times are missing");
    out << "\nConveyors (transport = shortest dwell) and buffers\n";
    for (const auto& s : r.stations) {
        if (s.kind != StationKind::Buffer && s.kind != StationKind::Conveyor)
            continue;
        const auto& st = ref.stations[std::size_t(s.station)];
        std::snprintf(line, sizeof line, "%-10s %-8s parts %5lld  max WIP %3d of %3d", s.id.c_str(),
                      std::string(toString(s.kind)).c_str(), static_cast<long long>(s.samples),
                      s.maxWip, st.capacity);
        out << line;
        if (s.kind == StationKind::Conveyor)
            out << "  transport " << cell(s.transportS, "%.2f") << " s (session "
                << f(st.cycleTime.meanS, "%.2f") << ")";
        out << "\n";
    }
    out << "\nCheckpoint  station    parts defects  rate % [95 %]          session %  rework "
           "share\n";
    for (const auto& c : r.checkpoints) {
        std::string rate = "-";
        if (c.defectRate.value)
            rate = f(100 * *c.defectRate.value, "%.2f") + " [" +
                   f(100 * c.defectRate.ci->low, "%.2f") + "," +
                   f(100 * c.defectRate.ci->high, "%.2f") + "]";
        std::snprintf(line, sizeof line, "%-11s %-9s %6lld %7lld  %-22s %9.2f  %s\n", c.id.c_str(),
                      c.station.c_str(), static_cast<long long>(c.inspections),
                      static_cast<long long>(c.defects), rate.c_str(),
                      100 * ref.checkpoints[std::size_t(c.checkpoint)].defectRate,
                      cell(c.reworkShare, "%.2f").c_str());
        out << line;
        if (!c.defectRate.missing.empty())
            notes.push_back(c.id + " defect rate: " + c.defectRate.missing);
    }
    if (!notes.empty()) {
        out << "\nToo little data or worth knowing:\n";
        for (const auto& n : notes)
            out << "  " << n << "\n";
    }
    for (const auto& w : r.warnings)
        out << "warning: " << w << "\n";
    if (validation)
        printValidation(out, *validation);
}

json whatIfToJson(const WhatIfResult& r)
{
    json changes = json::array();
    for (const auto& c : r.changes)
        changes.push_back({{"set", c.text},
                           {"target", c.target},
                           {"field", c.field},
                           {"value", c.value},
                           {"relative_percent", c.relative}});
    json kpis = json::array();
    for (const auto& d : r.kpis)
        kpis.push_back(deltaJson(d));
    return {{"format", "takt-whatif"},
            {"version", 1},
            {"changes", changes},
            {"replications", r.replications},
            {"hours", r.hours},
            {"warmup_hours", r.warmupHours},
            {"seed", r.seed},
            {"test", "paired t on common random numbers (scenario replication i reuses baseline "
                     "replication i's seed)"},
            {"kpis", kpis},
            {"bottleneck",
             {{"baseline", countsJson(r.baselineBottleneck)},
              {"scenario", countsJson(r.scenarioBottleneck)}}},
            {"cancelled", r.cancelled},
            {"seconds", r.seconds}};
}

void printWhatIf(std::ostream& out, const WhatIfResult& r)
{
    out << "What-if:";
    for (const auto& c : r.changes)
        out << " " << c.text;
    out << "\n"
        << r.replications << " paired replications of " << f(r.hours, "%g") << " h (after "
        << f(r.warmupHours, "%g") << " h warm-up), seeds " << r.seed << ".."
        << r.seed + std::uint64_t(std::max(0, r.replications - 1))
        << "; 95 % intervals; difference by paired t test on common random numbers\n\n";
    char line[300];
    std::snprintf(line, sizeof line, "%-22s %-24s %-24s %-28s %8s\n", "KPI", "baseline", "scenario",
                  "difference", "p");
    out << line;
    for (const auto& d : r.kpis) {
        const bool pct = d.key != "throughput_per_hour" && d.key != "good_per_hour";
        const double k = pct ? 100.0 : 1.0;
        const auto iv = [&](double m, const stats::Interval& i) {
            return f(k * m, "%.2f") + " [" + f(k * i.low, "%.2f") + "," + f(k * i.high, "%.2f") +
                   "]";
        };
        std::snprintf(line, sizeof line, "%-22s %-24s %-24s %-28s %8.3g %s\n",
                      (d.name + (pct ? " %" : "")).c_str(),
                      iv(d.baseline.mean, d.baselineCi).c_str(),
                      iv(d.scenario.mean, d.scenarioCi).c_str(),
                      ((d.diff.meanDiff >= 0 ? "+" : "") + iv(d.diff.meanDiff, d.diff.ci)).c_str(),
                      d.diff.pValue, d.significant ? "significant" : "not significant");
        out << line;
    }
    out << "\nAverage bottleneck  baseline " << countsText(r.baselineBottleneck, r.replications)
        << "\n                    scenario " << countsText(r.scenarioBottleneck, r.replications)
        << "\n";
    if (r.cancelled)
        out << "cancelled: only the finished replications are compared\n";
    out << "(" << f(r.seconds, "%.2f") << " s)\n";
}

json sensitivityToJson(const SensitivityResult& r)
{
    json rows = json::array();
    for (const auto& row : r.rows)
        rows.push_back({{"station", row.station},
                        {"gain_per_hour", number(row.gain.meanDiff)},
                        {"ci95", intervalJson(row.gain.ci)},
                        {"p_value", number(row.gain.pValue)},
                        {"mean_active_s", number(row.meanActiveS)},
                        {"down_share_of_active", number(row.downShareOfActive)},
                        {"new_bottleneck", row.newBottleneck}});
    return {{"format", "takt-sensitivity"},
            {"version", 1},
            {"improvement", r.improvement},
            {"replications", r.replications},
            {"hours", r.hours},
            {"warmup_hours", r.warmupHours},
            {"seed", r.seed},
            {"baseline_throughput_per_hour",
             {{"mean", number(r.baselineThroughput.mean)},
              {"ci95", intervalJson(stats::meanInterval(r.baselineThroughput))}}},
            {"baseline_bottleneck", countsJson(r.baselineBottleneck)},
            {"active_bottleneck", r.activeBottleneck},
            {"active_bottleneck_rank", r.activeBottleneckRank},
            {"verdict", r.verdict},
            {"ranking", rows},
            {"cancelled", r.cancelled},
            {"seconds", r.seconds}};
}

void printSensitivity(std::ostream& out, const SensitivityResult& r)
{
    const auto ci = stats::meanInterval(r.baselineThroughput);
    out << "Where to improve: each station alone with its cycle time cut by "
        << f(100 * r.improvement, "%g") << " %; " << r.replications << " paired replications of "
        << f(r.hours, "%g") << " h each\nBaseline throughput "
        << f(r.baselineThroughput.mean, "%.2f") << " [" << f(ci.low, "%.2f") << ", "
        << f(ci.high, "%.2f") << "] units/h; average bottleneck "
        << countsText(r.baselineBottleneck, r.replications) << "\n\n";
    char line[300];
    std::snprintf(line, sizeof line, "%4s %-10s %-26s %9s %12s %7s  %s\n", "rank", "station",
                  "gain units/h [95 %]", "p", "active s", "down %", "bottleneck after");
    out << line;
    for (std::size_t i = 0; i < r.rows.size(); ++i) {
        const auto& row = r.rows[i];
        const std::string gain = (row.gain.meanDiff >= 0 ? "+" : "") +
                                 f(row.gain.meanDiff, "%.2f") + " [" + f(row.gain.ci.low, "%.2f") +
                                 "," + f(row.gain.ci.high, "%.2f") + "]";
        std::snprintf(line, sizeof line, "%4zu %-10s %-26s %9.3g %12.1f %7.1f  %s%s\n", i + 1,
                      row.station.c_str(), gain.c_str(), row.gain.pValue, row.meanActiveS,
                      100 * row.downShareOfActive, row.newBottleneck.c_str(),
                      row.station == r.activeBottleneck ? "   <- active-period bottleneck" : "");
        out << line;
    }
    out << "\n" << r.verdict << "\n";
    if (r.cancelled)
        out << "cancelled: only the finished replications are compared\n";
    out << "(" << f(r.seconds, "%.2f") << " s)\n";
}

} // namespace takt::twin
