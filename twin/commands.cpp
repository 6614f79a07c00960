#include "twin/commands.h"

#include "twin/kpi.h"
#include "twin/kpi_format.h"
#include "twin/vehicle_losses.h"
#include "twin/manifest.h"
#include "twin/recording_data.h"
#include "twin/session_store.h"
#include "twin/simulator.h"

#include <cmath>
#include <ostream>

namespace takt::twin {

CommandStatus runSimulateCommand(const SimulateOptions& options, std::ostream& out,
                                 std::ostream& err)
{
    // The program checks its options against the same limits; a direct caller gets them too.
    if (!std::isfinite(options.hours) || options.hours <= 0.0 ||
        options.hours > kMaxSimulateHours) {
        err << "takt simulate: --hours must be a number of hours above 0 and at most "
            << kMaxSimulateHours << ", found " << options.hours << "\n";
        return CommandStatus::BadArguments;
    }
    if (!std::isfinite(options.warmupHours) || options.warmupHours < 0.0 ||
        options.warmupHours > kMaxSimulateHours) {
        err << "takt simulate: --warmup must be a number of hours, 0 or more and at most "
            << kMaxSimulateHours << ", found " << options.warmupHours << "\n";
        return CommandStatus::BadArguments;
    }
    try {
        const Plant plant = loadPlantManifest(options.plantPath);
        int lastDecile = -1;
        const auto progress = [&](double f) {
            const int decile = static_cast<int>(f * 10.0);
            if (!options.quiet && decile != lastDecile) {
                lastDecile = decile;
                err << "takt simulate: " << decile * 10 << " %\n" << std::flush;
            }
        };
        const auto s = simulate(plant, options.hours, options.seed, options.outPath, progress,
                                options.warmupHours);
        for (const auto& w : s.warnings)
            err << "takt simulate: warning: " << w << "\n";
        out << "simulated " << options.hours << " h of " << plant.id << " ("
            << plant.stations.size() << " stations, seed " << options.seed
            << "): " << s.partsFinished << " units finished, " << s.events << " events -> "
            << options.outPath << "\n";
        return CommandStatus::Ok;
    } catch (const std::exception& e) {
        err << "takt simulate: error: " << e.what() << "\n";
        return CommandStatus::Failed;
    }
}

CommandStatus runKpiCommand(const KpiOptions& options, std::ostream& out, std::ostream& err)
{
    try {
        const auto store = SessionStore::open(options.sessionPath);
        const auto recordings = store.recordings();
        if (recordings.empty())
            throw Error(options.sessionPath + ": holds no recording");
        const RecordingInfo rec =
            options.recordingId ? store.recording(*options.recordingId) : recordings.back();
        auto data = RecordingData::load(store, rec.id);
        const TimeMs end = data.endMs();
        const TimeMs from =
            options.from ? timeInRecording(*options.from, "--from", rec.startMs, end) : rec.startMs;
        const TimeMs to = options.to ? timeInRecording(*options.to, "--to", rec.startMs, end) : end;
        if (to <= from && !options.from && !options.to)
            throw Error(options.sessionPath + ": recording " + std::to_string(rec.id) +
                        " holds no events" + (rec.endMs ? "" : " (it was interrupted)"));
        if (to <= from) {
            err << "takt kpi: the window is empty: --to " << formatIsoTime(to)
                << " is not after --from " << formatIsoTime(from) << "\n";
            return CommandStatus::BadArguments;
        }
        auto report = computeKpis(data, from, to);
        if (!rec.endMs)
            report.warnings.push_back("recording " + std::to_string(rec.id) +
                                      " was interrupted: no end was recorded; its data end at " +
                                      formatIsoTime(data.endMs()));
        const auto losses = computeVehicleLosses(data, report);
        // Figures computed without the samples of a damaged page are not printed: exit 1.
        data.throwIfFileDamaged();
        if (options.json) {
            auto json = kpiToJson(report, store.plant(), rec);
            json["vehicle_losses"] = vehicleLossesToJson(losses, store.plant());
            out << json.dump(2) << "\n";
        } else {
            printKpiTable(out, report, store.plant(), rec);
            printVehicleLosses(out, losses, store.plant());
        }
        return CommandStatus::Ok;
    } catch (const ArgumentError& e) {
        err << "takt kpi: " << e.what() << "\n";
        return CommandStatus::BadArguments;
    } catch (const std::exception& e) {
        err << "takt kpi: error: " << e.what() << "\n";
        return CommandStatus::Failed;
    }
}

} // namespace takt::twin
