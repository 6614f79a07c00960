#pragma once

#include "twin/events.h"
#include "twin/plant.h"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace takt::twin {

/// 2026-01-05T06:00:00Z: the default start of a simulated shift (a Monday morning), fixed so that
/// the same seed gives the same session.
inline constexpr TimeMs kDefaultSimulationStartMs = 1767592800000;

/// Parameters of one simulation run.
struct SimulationOptions {
    double hours = 8.0; ///< Recorded time, hours.
    /// Hours the line runs before recording starts (warm start): its state, parts and their
    /// configurations carry over into the recording, its events are not emitted. The recording
    /// opens at startMs with every station's state and the parts inside each station.
    double warmupHours = 0.0;
    std::uint64_t seed = 1; ///< Same seed and plant: the same event stream, bit for bit.
    TimeMs startMs = kDefaultSimulationStartMs;
    bool measurements = true; ///< Emit control-point samples.
    /// Called now and then with the fraction of simulated time done (0..1), on the calling thread.
    std::function<void(double)> progress;
};

/// Work done inside the simulator, counted where any look at a station passes, so that a test
/// can hold the cost per event flat as the plant grows without timing it (issue 14: settle()
/// once looked at every station after every event; docs/hardening.md).
struct SimulationWork {
    std::uint64_t events = 0;      ///< Queued events taken off the event queue.
    std::uint64_t moveChecks = 0;  ///< Looks at a station for a part that could leave.
    std::uint64_t stateChecks = 0; ///< Looks at a station's state after settling.
    std::uint64_t queueOps = 0;    ///< Pushes and pops: the event queue and settle()'s work lists.
};

/// What a run produced. `warnings` lists model simplifications applied to this plant.
struct SimulationSummary {
    TimeMs startMs = 0;
    TimeMs endMs = 0;
    std::int64_t partsStarted = 0;
    std::int64_t partsFinished = 0; ///< Parts that left a station without successors.
    std::uint64_t events = 0;
    std::vector<std::string> warnings;
    SimulationWork work; ///< Includes the warm-up.
};

/// Discrete-event simulation of a plant (docs/simulator.md): stations process one part at a time
/// with deterministic, normal (truncated > 0) or exponential cycle times; failures with
/// exponential time to failure (counted in working time only, mean MTBF) and exponential repair
/// (mean MTTR); buffers (no dwell) and conveyors (transport time) of finite capacity; blocking
/// after service; stations without predecessors never starve, stations without successors never
/// block. Every part gets a configuration index drawn uniformly; some options add work content
/// at some stations and raise defect rates (deterministic functions of the configuration index).
/// Control points are sampled every sample_s with drift and noise. Stations start with their
/// manifest's initial_parts; with a warm-up the line runs that long before recording.
///
/// Events go to the sink in non-decreasing time order, from the calling thread. Deterministic:
/// one mt19937_64 stream per station, per checkpoint set and for measurements, all seeded from
/// the seed. Throws Error on a plant it cannot simulate (a station without cycle time, a cycle in
/// the flow graph).
class Simulator {
public:
    Simulator(const Plant& plant, SimulationOptions options);
    SimulationSummary run(EventSink& sink);

    /// Work-content factor of `station` for `config` (1.0 = nominal): stations whose index is a
    /// multiple of 3 take 3 % more time per step of the option of dimension (index mod D).
    static double workFactor(const Plant& plant, int station, std::uint64_t config);
    /// Defect-rate factor at checkpoint `checkpoint` for `config`: odd options of dimension
    /// (checkpoint mod D) raise the base rate by half.
    static double defectFactor(const Plant& plant, int checkpoint, std::uint64_t config);

private:
    const Plant& m_plant;
    SimulationOptions m_options;
};

/// Simulates `plant` for `hours` with `seed` into a new session file `outPath` (one recording of
/// kind simulated), after `warmupHours` of unrecorded running (SimulationOptions::warmupHours).
/// Refuses to replace an existing file. Throws Error/SessionError.
SimulationSummary simulate(const Plant& plant, double hours, std::uint64_t seed,
                           const std::filesystem::path& outPath,
                           const std::function<void(double)>& progress = {},
                           double warmupHours = 0.0);

} // namespace takt::twin
