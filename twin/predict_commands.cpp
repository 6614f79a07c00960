#include "twin/predict_commands.h"

#include "twin/calibration.h"
#include "twin/kpi.h"
#include "twin/manifest.h"
#include "twin/predict_format.h"
#include "twin/recording_data.h"
#include "twin/scenario_recording.h"
#include "twin/session_store.h"
#include "twin/whatif.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <fstream>
#include <mutex>
#include <ostream>

namespace takt::twin {
namespace {

/// Default warm-up of model runs when the recording does not say how it began: long enough that
/// the simulated shift starts from a running line.
constexpr double kDefaultWarmupHours = 2.0;

struct Loaded {
    SessionStore store;
    RecordingInfo rec;
    RecordingData data;
};

Loaded load(const std::string& path, std::optional<std::int64_t> id)
{
    auto store = SessionStore::open(path);
    const auto recordings = store.recordings();
    if (recordings.empty())
        throw Error(path + ": holds no recording");
    RecordingInfo rec = id ? store.recording(*id) : recordings.back();
    auto data = RecordingData::load(store, rec.id);
    if (data.endMs() <= data.startMs())
        throw Error(path + ": recording " + std::to_string(rec.id) + " holds no events");
    return {std::move(store), std::move(rec), std::move(data)};
}

double warmupOf(const RecordingInfo& rec)
{
    const auto p = nlohmann::json::parse(rec.paramsJson, nullptr, false);
    if (p.is_object() && p.contains("warmup_hours") && p["warmup_hours"].is_number())
        return p["warmup_hours"].get<double>();
    if (p.is_object() && p.contains("seed")) // simulated without warm-up: a cold start
        return 0.0;
    return kDefaultWarmupHours;
}

/// Progress on stderr, every tenth of the jobs.
std::function<void(int, int)> progressTo(std::ostream& err, const char* verb, bool quiet)
{
    if (quiet)
        return {};
    auto last = std::make_shared<int>(-1);
    return [&err, verb, last](int done, int total) {
        const int decile = done * 10 / std::max(1, total);
        if (decile != *last) {
            *last = decile;
            err << "takt " << verb << ": " << done << "/" << total << " replications\n"
                << std::flush;
        }
    };
}

/// How the calibrated manifest names the session's layout: relative to its own folder when the
/// layout lies inside it (as manifests must, to open alone), else the absolute path.
std::string layoutRef(const Plant& plant, const std::filesystem::path& out, std::ostream& err)
{
    if (plant.layoutPath.empty())
        return {};
    std::error_code ec;
    const auto dir =
        std::filesystem::weakly_canonical(std::filesystem::absolute(out, ec).parent_path(), ec);
    const auto rel = std::filesystem::path(plant.layoutPath).lexically_relative(dir);
    if (!rel.empty() && *rel.begin() != "..")
        return rel.generic_string();
    err << "takt calibrate: note: the layout " << plant.layoutPath << " lies outside the folder of "
        << out.string()
        << "; open the manifest with the layout beside it, or give the layout separately\n";
    return plant.layoutPath;
}

using SavedRuns = nlohmann::json;

/// Stores the scenario's first `o.save` runs (the replications' seeds) in the session, opened
/// read-write only now that the user asked for it; returns [{"recording", "seed",
/// "replication"}].
SavedRuns saveRuns(const WhatIfOptions& o, const Plant& model,
                   const std::vector<ScenarioChange>& changes, const Loaded& l,
                   const ReplicationOptions& ro)
{
    const Plant scenario = applyScenario(model, changes);
    auto store = SessionStore::open(o.sessionPath, SessionStore::Access::ReadWrite);
    ScenarioRunSpec spec;
    spec.sets = o.sets;
    spec.model = o.manifestModel ? "manifest" : "calibrated";
    spec.sourceRecording = l.rec.id;
    spec.replications = o.replications;
    spec.hours = ro.hours;
    spec.warmupHours = ro.warmupHours;
    spec.startMs = l.data.startMs(); // on the timeline where the shift it came from lies
    SavedRuns saved = SavedRuns::array();
    for (int k = 1; k <= o.save; ++k) {
        spec.replication = k;
        spec.seed = o.seed + std::uint64_t(k - 1);
        const auto id = storeScenarioRun(store, scenario, spec);
        saved.push_back({{"recording", id}, {"seed", spec.seed}, {"replication", k}});
    }
    return saved;
}

} // namespace

CommandStatus runCalibrateCommand(const CalibrateOptions& o, std::ostream& out, std::ostream& err)
{
    try {
        auto l = load(o.sessionPath, o.recordingId);
        const Plant& reference = l.store.plant();
        const auto report = calibrate(l.data, l.data.startMs(), l.data.endMs());
        // A model fitted without the samples of a damaged page is not written: exit 1.
        l.data.throwIfFileDamaged();
        const Plant model = calibratedPlant(reference, report);
        const std::string text = writePlantManifest(model, layoutRef(model, o.outPath, err));
        // What is written must read back as a valid manifest.
        parsePlantManifest(text, o.outPath, {}, LayoutPolicy::Ignore);
        {
            std::ofstream f(o.outPath, std::ios::binary | std::ios::trunc);
            f << text;
            if (!f.flush())
                throw Error(o.outPath + ": cannot write the calibrated manifest");
        }
        std::optional<ValidationReport> validation;
        if (o.replications > 0) {
            ReplicationOptions ro;
            ro.hours = double(l.data.endMs() - l.data.startMs()) / 3.6e6;
            ro.warmupHours = warmupOf(l.rec);
            ro.progress = progressTo(err, "calibrate", o.quiet || o.json);
            const auto recorded = computeKpis(l.data, l.data.startMs(), l.data.endMs());
            l.data.throwIfFileDamaged();
            validation = validateModel(model, recorded, o.replications, o.seed, ro);
        }
        if (o.json)
            out << calibrationToJson(report, reference, l.rec, validation).dump(2) << "\n";
        else
            printCalibration(out, report, reference, l.rec, validation);
        if (!o.json)
            out << "\ncalibrated manifest -> " << o.outPath << "\n";
        return CommandStatus::Ok;
    } catch (const ArgumentError& e) {
        err << "takt calibrate: " << e.what() << "\n";
        return CommandStatus::BadArguments;
    } catch (const std::exception& e) {
        err << "takt calibrate: error: " << e.what() << "\n";
        return CommandStatus::Failed;
    }
}

CommandStatus runWhatIfCommand(const WhatIfOptions& o, std::ostream& out, std::ostream& err)
{
    try {
        std::vector<ScenarioChange> changes;
        for (const auto& s : o.sets)
            changes.push_back(parseScenarioChange(s));
        if (changes.empty() && !o.sensitivity)
            throw ArgumentError("give at least one --set STATION.FIELD=VALUE, or --sensitivity");
        if (!changes.empty() && o.sensitivity)
            throw ArgumentError("--sensitivity ranks single-station improvements; it takes no "
                                "--set");
        if (o.save > 0 && o.sensitivity)
            throw ArgumentError("--save stores a scenario's runs; --sensitivity has none to store");
        if (o.save > o.replications)
            throw ArgumentError(
                "--save " + std::to_string(o.save) + ": only " + std::to_string(o.replications) +
                " replications run; allowed 1 to " + std::to_string(o.replications));
        auto l = load(o.sessionPath, o.recordingId);
        Plant model = l.store.plant();
        if (!o.manifestModel)
            model = calibratedPlant(model, calibrate(l.data, l.data.startMs(), l.data.endMs()));
        l.data.throwIfFileDamaged();
        // A bad change is refused before any replication runs.
        if (!changes.empty())
            applyScenario(model, changes);
        ReplicationOptions ro;
        ro.hours = o.hours.value_or(double(l.data.endMs() - l.data.startMs()) / 3.6e6);
        ro.warmupHours = o.warmup.value_or(warmupOf(l.rec));
        ro.progress = progressTo(err, "whatif", o.quiet || o.json);
        if (o.sensitivity) {
            const auto r = runSensitivity(model, o.byPercent / 100.0, o.replications, o.seed, ro);
            if (o.json)
                out << sensitivityToJson(r).dump(2) << "\n";
            else
                printSensitivity(out, r);
        } else {
            const auto r = runWhatIf(model, changes, o.replications, o.seed, ro);
            const auto saved = o.save > 0 ? saveRuns(o, model, changes, l, ro) : SavedRuns{};
            if (o.json) {
                auto j = whatIfToJson(r);
                if (o.save > 0)
                    j["saved"] = saved;
                out << j.dump(2) << "\n";
            } else {
                printWhatIf(out, r);
                for (const auto& s : saved)
                    out << "stored scenario run " << s["replication"].get<int>() << " (seed "
                        << s["seed"].get<std::uint64_t>() << ") as " << o.sessionPath << ":"
                        << s["recording"].get<std::int64_t>() << "\n";
            }
        }
        return CommandStatus::Ok;
    } catch (const ArgumentError& e) {
        err << "takt whatif: " << e.what() << "\n";
        return CommandStatus::BadArguments;
    } catch (const std::exception& e) {
        err << "takt whatif: error: " << e.what() << "\n";
        return CommandStatus::Failed;
    }
}

} // namespace takt::twin
