#pragma once

#include "twin/plant.h"
#include "twin/replications.h"
#include "twin/statistics.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace takt::twin {

/// One `--set TARGET.FIELD=VALUE` of a scenario: TARGET is a station id (or, for `defect`, a
/// checkpoint id); VALUE is absolute (seconds, parts, a rate) or relative ("-10%").
struct ScenarioChange {
    std::string text; ///< As written.
    std::string target;
    std::string field; ///< cycle, sd, capacity, mtbf, mttr, defect, parallel.
    double value = 0.0;
    bool relative = false; ///< value is a percentage change.
};

/// The fields a scenario may change, with what each accepts (for messages and help).
std::string scenarioFieldsText();

/// Parses "STATION.FIELD=VALUE" or "STATION.FIELD=±N%". Throws ArgumentError naming the text.
ScenarioChange parseScenarioChange(std::string_view text);

/// Applies changes to a copy of `plant`. Throws ArgumentError naming the change, the station or
/// field and the allowed range (an unknown station or field, a capacity on a processing
/// station, a zero cycle, a rate outside 0..1, failures with only one of MTBF and MTTR...).
Plant applyScenario(const Plant& plant, const std::vector<ScenarioChange>& changes);

/// One KPI, baseline against scenario, over paired replications (common random numbers: each
/// scenario replication reuses its baseline twin's seed, so the paired t test on the
/// differences is the one that applies).
struct KpiDelta {
    std::string key;  ///< JSON key: "throughput_per_hour", ...
    std::string name; ///< "Throughput (units/h)".
    stats::Summary baseline, scenario;
    stats::Interval baselineCi, scenarioCi;
    stats::PairedTest diff;   ///< scenario - baseline.
    bool significant = false; ///< p < 0.05.
};

/// How often a station was the average bottleneck across replications.
struct BottleneckCount {
    std::string station;
    int replications = 0;
};

/// Result of a what-if run.
struct WhatIfResult {
    std::vector<ScenarioChange> changes;
    int replications = 0;
    double hours = 0.0, warmupHours = 0.0;
    std::uint64_t seed = 1;
    std::vector<KpiDelta> kpis;
    std::vector<BottleneckCount> baselineBottleneck, scenarioBottleneck; ///< Most frequent first.
    double seconds = 0.0;
    bool cancelled = false;
};

/// Runs `replications` baseline and scenario replications (seeds seed .. seed + N - 1) in
/// parallel and compares their KPIs. Throws ArgumentError (bad change) or Error (simulator).
WhatIfResult runWhatIf(const Plant& baseline, const std::vector<ScenarioChange>& changes,
                       int replications, std::uint64_t seed, const ReplicationOptions& options);

/// One station of the "where to improve" ranking.
struct SensitivityRow {
    std::string station;
    stats::PairedTest gain;         ///< Throughput gained, units/h (scenario - baseline).
    double meanActiveS = 0.0;       ///< Baseline mean active period (the bottleneck measure).
    double downShareOfActive = 0.0; ///< Baseline down + setup share of its active time.
    std::string newBottleneck;      ///< Most frequent average bottleneck once improved.
};

/// Result of a sensitivity run.
struct SensitivityResult {
    double improvement = 0.1; ///< Fraction by which each station's cycle time is cut.
    int replications = 0;
    double hours = 0.0, warmupHours = 0.0;
    std::uint64_t seed = 1;
    stats::Summary baselineThroughput;
    std::vector<SensitivityRow> rows; ///< Largest mean gain first.
    std::vector<BottleneckCount> baselineBottleneck;
    std::string activeBottleneck; ///< Baseline's most frequent average bottleneck.
    int activeBottleneckRank = 0; ///< 1-based rank in rows; 0 when absent.
    std::string verdict;          ///< Whether it heads the list, and if not why.
    double seconds = 0.0;
    bool cancelled = false;
};

/// Ranks the processing stations by the throughput gained when each alone has its mean cycle
/// time cut by `improvement` (0.1 = 10 %), over paired replications. Throws Error.
SensitivityResult runSensitivity(const Plant& baseline, double improvement, int replications,
                                 std::uint64_t seed, const ReplicationOptions& options);

} // namespace takt::twin
