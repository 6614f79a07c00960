#pragma once

#include "twin/events.h"
#include "twin/plant.h"

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace takt::twin {

/// One simulation to run: a plant (shared, immutable, owned by the caller) and a seed.
struct ReplicationJob {
    const Plant* plant = nullptr;
    std::uint64_t seed = 1;
};

/// How long each replication runs and on how many threads.
struct ReplicationOptions {
    double hours = 8.0;
    double warmupHours = 0.0;
    int threads = 0; ///< 0: one per core (std::thread::hardware_concurrency).
    /// Called after each finished replication with (done, total), from a worker thread,
    /// serialised (never two calls at once).
    std::function<void(int, int)> progress;
    /// Checked between replications: when set, the remaining ones are skipped.
    const std::atomic<bool>* cancel = nullptr;
};

/// The KPIs of one replication that what-if and validation compare (docs/kpi-json.md).
struct ReplicationResult {
    bool done = false; ///< False when cancelled before it ran.
    std::uint64_t seed = 0;
    double throughputPerHour = 0.0;
    double goodPerHour = 0.0;
    double oee = 0.0;
    double availability = 0.0;
    double fpyOverall = 1.0;
    int averageBottleneck = -1; ///< Station index in the job's plant.
    /// Per station of the job's plant: state shares (indexed by StationState) and mean active
    /// period, seconds (0 for stations without states).
    std::vector<std::array<double, kStationStateCount>> stateShare;
    std::vector<double> meanActiveS;
    std::vector<bool> hasStates;
    double seconds = 0.0; ///< Wall time of this replication.
};

/// Runs every job (simulation without control-point samples into memory, then its KPIs over the
/// recorded window) on a pool of worker threads; results in job order. The plants are only
/// read, so they are shared by all threads. Any thread; blocks until all are done or
/// cancelled. Throws Error (from the simulator) for a plant it cannot simulate.
std::vector<ReplicationResult> runReplications(const std::vector<ReplicationJob>& jobs,
                                               const ReplicationOptions& options);

} // namespace takt::twin
