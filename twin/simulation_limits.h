#pragma once

#include "twin/plant.h"

#include <cstdint>

namespace takt::twin {

/// The largest session file a simulation may write (4 GiB). A run whose estimate is larger is
/// refused before anything is written.
inline constexpr std::uint64_t kSimulationOutputBudgetBytes = std::uint64_t{4} << 30;

/// Session bytes per stored event, measured on simulated sessions (rows and indexes, SQLite
/// page overhead included), rounded up.
inline constexpr double kSessionBytesPerEvent = 48.0;

/// What a simulation of a plant is expected to write.
struct SimulationEstimate {
    double events = 0.0; ///< Events stored.
    double bytes = 0.0;  ///< Size of the session file.
};

/// Estimates the output of simulating `plant` for `hours`: the line moves at the pace of its
/// slowest station (largest mean cycle time); each station reports about four events per part
/// (enter, leave, two state changes), each store two, each checkpoint one; each control point
/// one sample per sample_s. Any thread; never throws.
SimulationEstimate estimateSimulationOutput(const Plant& plant, double hours);

/// Refuses, before any file is created, a simulation that cannot run or would write too much:
/// a cycle in the flow graph, or an estimated session larger than `budgetBytes`. Throws Error
/// with one line saying why. O(stations + flow edges).
void checkSimulationLimits(const Plant& plant, double hours,
                           std::uint64_t budgetBytes = kSimulationOutputBudgetBytes);

} // namespace takt::twin
