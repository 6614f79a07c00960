// simulate(): a simulated shift written into a new session file (twin/simulator.h), apart from
// the simulator itself, which only emits events into a sink.
#include "twin/event_writer.h"
#include "twin/partial_file.h"
#include "twin/session_store.h"
#include "twin/simulation_limits.h"
#include "twin/simulator.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>

namespace takt::twin {

SimulationSummary simulate(const Plant& plant, double hours, std::uint64_t seed,
                           const std::filesystem::path& outPath,
                           const std::function<void(double)>& progress, double warmupHours)
{
    // Everything that can be refused is refused before a file exists.
    checkSimulationLimits(plant, hours);
    std::error_code ec;
    if (std::filesystem::exists(outPath, ec) || std::filesystem::is_symlink(outPath, ec))
        throw SessionError(outPath.string(),
                           "already exists; a new session does not replace a file");
    SimulationOptions options;
    options.hours = hours;
    options.seed = seed;
    options.warmupHours = warmupHours;
    // 100 % is said only once the session is on disk under its name.
    if (progress)
        options.progress = [&](double f) { progress(std::min(f, 0.99)); };
    // Written under a temporary name and renamed when complete, so that a failed run (disk full,
    // an error) leaves nothing, and a killed one only OUT.partial, which the next run replaces.
    PartialFile partial(outPath);
    SimulationSummary summary;
    try {
        auto store = SessionStore::create(partial.path(), plant);
        nlohmann::json params{{"seed", seed}, {"hours", hours}};
        char name[128];
        if (warmupHours > 0) {
            params["warmup_hours"] = warmupHours;
            std::snprintf(name, sizeof name, "Simulated %g h after %g h warm-up, seed %llu", hours,
                          warmupHours, static_cast<unsigned long long>(seed));
        } else {
            std::snprintf(name, sizeof name, "Simulated %g h, seed %llu", hours,
                          static_cast<unsigned long long>(seed));
        }
        const auto rec =
            store.beginRecording(RecordingKind::Simulated, name, options.startMs, params.dump());
        {
            EventWriter writer(partial.path(), rec);
            summary = Simulator(plant, options).run(writer);
            writer.close();
        }
        store.endRecording(rec, summary.endMs);
        // Closing the last connection checkpoints the WAL into the file and removes it.
    } catch (const SessionError& e) {
        // Say it of OUT, which the user named, not of OUT.partial (removed on the way out).
        const std::string temporary = partial.path().string() + ": ";
        std::string problem = e.what();
        if (const auto at = problem.rfind(temporary); at != std::string::npos)
            problem.erase(0, at + temporary.size());
        throw SessionError(outPath.string(),
                           "could not be written (" + problem + "); nothing was left behind");
    }
    partial.commit();
    if (progress)
        progress(1.0);
    return summary;
}

} // namespace takt::twin
