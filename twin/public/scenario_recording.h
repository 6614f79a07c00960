#pragma once

#include "twin/events.h"
#include "twin/plant.h"
#include "twin/simulator.h"

#include <cstdint>
#include <string>
#include <vector>

namespace takt::twin {

class SessionStore;

/// Which what-if run a scenario recording holds; stored as the recording's params JSON
/// (docs/whatif-json.md, "Scenario recordings").
struct ScenarioRunSpec {
    std::vector<std::string> sets;    ///< The changes as written ("GA-BM020.cycle=-10%").
    std::string model = "calibrated"; ///< The baseline: "calibrated" or "manifest".
    std::int64_t sourceRecording = 0; ///< The recording the model was calibrated from.
    std::uint64_t seed = 1;           ///< This run's seed (first seed + replication - 1).
    int replication = 1;              ///< 1-based, of `replications`.
    int replications = 1;
    double hours = 8.0;       ///< Recorded hours.
    double warmupHours = 0.0; ///< Hours run before recording (not stored).
    TimeMs startMs = kDefaultSimulationStartMs;
};

/// The recording's name in lists: "Scenario GA-BM020.cycle=-10%, seed 1 (run 1 of 10)".
std::string scenarioRecordingName(const ScenarioRunSpec& spec);

/// The params JSON of a scenario recording; `omitted` lists the stations the scenario added
/// whose events the session cannot hold (see storeScenarioRun).
std::string scenarioParamsJson(const ScenarioRunSpec& spec,
                               const std::vector<std::string>& omitted);

/// Simulates one run of `scenario` (spec's seed, hours and warm-up, control points sampled, so it
/// is the what-if replication with that seed plus its measurements) and adds it to `store`
/// (opened read-write) as a complete recording of kind scenario, in one transaction.
///
/// A session holds one plant: the scenario's plant must begin with the session's stations,
/// checkpoints and control points in the same order (calibration and applyScenario keep them;
/// `parallel` appends copies). Events of what the scenario appends have no row in the session
/// and are left out; their station ids go into the params as "omitted".
/// Returns the new recording's id. Throws Error when the plants differ or the simulator
/// refuses the plant, SessionError when the file cannot be written. Any thread.
std::int64_t storeScenarioRun(SessionStore& store, const Plant& scenario,
                              const ScenarioRunSpec& spec);

} // namespace takt::twin
