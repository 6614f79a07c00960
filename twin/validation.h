#pragma once

#include "twin/kpi.h"
#include "twin/replications.h"
#include "twin/statistics.h"
#include "twin/whatif.h"

#include <array>
#include <string>
#include <vector>

namespace takt::twin {

/// A calibrated model's replications against the recording it was calibrated from.
struct ValidationReport {
    int replications = 0;
    double hours = 0.0, warmupHours = 0.0;
    double recordedThroughput = 0.0;
    stats::Summary simulatedThroughput;
    stats::Interval simulatedThroughputCi;
    /// Working, starved, blocked and down shares of one processing station.
    struct Shares {
        std::string station;
        std::array<double, 4> recorded{}, simulated{};
    };
    std::vector<Shares> stations;
    double largestShareGap = 0.0;  ///< Largest |recorded - simulated| over stations and states.
    std::string largestShareGapAt; ///< "EOL010 down".
    /// Stations by mean active period, longest first (the bottleneck ranking), top five.
    std::vector<std::string> recordedRanking, simulatedRanking;
    /// Spearman rank correlation of recorded and simulated mean active periods.
    double rankCorrelation = 0.0;
    std::string recordedBottleneck;
    std::vector<BottleneckCount> simulatedBottleneck;
    double seconds = 0.0;
};

/// The four states the validation table compares, in its column order.
inline constexpr std::array<StationState, 4> kValidationStates{
    StationState::Working, StationState::Starved, StationState::Blocked, StationState::Down};

/// Simulates `model` `replications` times (seeds seed..) for options.hours after
/// options.warmupHours and compares with `recorded` (the KPIs of the recording). Throws Error.
ValidationReport validateModel(const Plant& model, const KpiReport& recorded, int replications,
                               std::uint64_t seed, const ReplicationOptions& options);

} // namespace takt::twin
