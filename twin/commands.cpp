#include "twin/commands.h"

#include "twin/kpi.h"
#include "twin/kpi_format.h"
#include "twin/manifest.h"
#include "twin/recording_data.h"
#include "twin/session_store.h"
#include "twin/simulator.h"

#include <charconv>
#include <cmath>
#include <iomanip>
#include <ostream>
#include <sstream>

namespace takt::twin {
namespace {

struct UsageError {
    std::string message;
};

std::optional<double> toDouble(const std::string& s)
{
    try {
        std::size_t pos = 0;
        const double d = std::stod(s, &pos);
        if (pos != s.size() || !std::isfinite(d))
            return std::nullopt;
        return d;
    } catch (...) {
        return std::nullopt;
    }
}

std::optional<std::uint64_t> toUint(const std::string& s)
{
    std::uint64_t v = 0;
    const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size())
        return std::nullopt;
    return v;
}

constexpr const char* kKpiUsage =
    "usage: takt kpi SESSION.takt [--recording ID] [--from T] [--to T] [--json]\n"
    "       T: ISO 8601 (2026-01-05T08:00:00Z) or offset from the recording start (02:15:00)";

constexpr const char* kSimulateUsage =
    "usage: takt simulate PLANT.json --hours H --seed S --out SESSION.takt [--warmup H] "
    "[--quiet]";

} // namespace

int runSimulateCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err)
{
    std::string plantPath, outPath;
    double hours = 8.0;
    double warmup = 0.0;
    std::uint64_t seed = 1;
    bool quiet = false;
    try {
        for (std::size_t i = 0; i < args.size(); ++i) {
            const std::string& a = args[i];
            const auto value = [&]() -> const std::string& {
                if (i + 1 >= args.size())
                    throw UsageError{a + " needs a value"};
                return args[++i];
            };
            if (a == "--help" || a == "-h") {
                out << kSimulateUsage << "\n";
                return kExitOk;
            } else if (a == "--hours") {
                const auto h = toDouble(value());
                if (!h || *h <= 0.0 || *h > 24.0 * 366)
                    throw UsageError{"--hours must be a number of hours above 0, found \"" +
                                     args[i] + "\""};
                hours = *h;
            } else if (a == "--warmup") {
                const auto h = toDouble(value());
                if (!h || *h < 0.0 || *h > 24.0 * 366)
                    throw UsageError{"--warmup must be a number of hours, 0 or more, found \"" +
                                     args[i] + "\""};
                warmup = *h;
            } else if (a == "--seed") {
                const auto s = toUint(value());
                if (!s)
                    throw UsageError{"--seed must be a non-negative integer, found \"" + args[i] +
                                     "\""};
                seed = *s;
            } else if (a == "--out") {
                outPath = value();
            } else if (a == "--quiet") {
                quiet = true;
            } else if (!a.empty() && a[0] == '-') {
                throw UsageError{"unknown option " + a};
            } else if (plantPath.empty()) {
                plantPath = a;
            } else {
                throw UsageError{"unexpected argument \"" + a + "\""};
            }
        }
        if (plantPath.empty())
            throw UsageError{"missing PLANT.json"};
        if (outPath.empty())
            throw UsageError{"missing --out SESSION.takt"};
    } catch (const UsageError& e) {
        err << "takt simulate: " << e.message << "\n" << kSimulateUsage << "\n";
        return kExitUsage;
    }

    try {
        const Plant plant = loadPlantManifest(plantPath);
        int lastDecile = -1;
        const auto progress = [&](double f) {
            const int decile = static_cast<int>(f * 10.0);
            if (!quiet && decile != lastDecile) {
                lastDecile = decile;
                err << "takt simulate: " << decile * 10 << " %\n" << std::flush;
            }
        };
        const auto s = simulate(plant, hours, seed, outPath, progress, warmup);
        for (const auto& w : s.warnings)
            err << "takt simulate: warning: " << w << "\n";
        out << "simulated " << hours << " h of " << plant.id << " (" << plant.stations.size()
            << " stations, seed " << seed << "): " << s.partsFinished << " units finished, "
            << s.events << " events -> " << outPath << "\n";
        return kExitOk;
    } catch (const std::exception& e) {
        err << "takt simulate: error: " << e.what() << "\n";
        return kExitRuntimeError;
    }
}

int runKpiCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err)
{
    std::string session, fromText, toText;
    std::optional<std::int64_t> recordingId;
    bool json = false;
    try {
        for (std::size_t i = 0; i < args.size(); ++i) {
            const std::string& a = args[i];
            const auto value = [&]() -> const std::string& {
                if (i + 1 >= args.size())
                    throw UsageError{a + " needs a value"};
                return args[++i];
            };
            if (a == "--help" || a == "-h") {
                out << kKpiUsage << "\n";
                return kExitOk;
            } else if (a == "--from") {
                fromText = value();
            } else if (a == "--to") {
                toText = value();
            } else if (a == "--json") {
                json = true;
            } else if (a == "--recording") {
                const auto id = toUint(value());
                if (!id)
                    throw UsageError{"--recording must be a recording id, found \"" + args[i] +
                                     "\""};
                recordingId = std::int64_t(*id);
            } else if (!a.empty() && a[0] == '-') {
                throw UsageError{"unknown option " + a};
            } else if (session.empty()) {
                session = a;
            } else {
                throw UsageError{"unexpected argument \"" + a + "\""};
            }
        }
        if (session.empty())
            throw UsageError{"missing SESSION.takt"};
        for (const auto* t : {&fromText, &toText})
            if (!t->empty() && !resolveTimeArgument(*t, 0))
                throw UsageError{"cannot read time \"" + *t +
                                 "\" (expected ISO 8601 or an offset like 02:15:00)"};
    } catch (const UsageError& e) {
        err << "takt kpi: " << e.message << "\n" << kKpiUsage << "\n";
        return kExitUsage;
    }

    try {
        const auto store = SessionStore::open(session);
        const auto recordings = store.recordings();
        if (recordings.empty())
            throw Error(session + ": holds no recording");
        const RecordingInfo rec = recordingId ? store.recording(*recordingId) : recordings.back();
        auto data = RecordingData::load(store, rec.id);
        const TimeMs from = fromText.empty() ? rec.startMs : *resolveTimeArgument(fromText, rec.startMs);
        const TimeMs to = toText.empty() ? data.endMs() : *resolveTimeArgument(toText, rec.startMs);
        if (to <= from && fromText.empty() && toText.empty())
            throw Error(session + ": recording " + std::to_string(rec.id) + " holds no events" +
                        (rec.endMs ? "" : " (it was interrupted)"));
        if (to <= from) {
            err << "takt kpi: the window is empty: --to " << formatIsoTime(to)
                << " is not after --from " << formatIsoTime(from) << "\n";
            return kExitUsage;
        }
        auto report = computeKpis(data, from, to);
        if (!rec.endMs)
            report.warnings.push_back("recording " + std::to_string(rec.id) +
                                      " was interrupted: no end was recorded; its data end at " +
                                      formatIsoTime(data.endMs()));
        if (json)
            out << kpiToJson(report, store.plant(), rec).dump(2) << "\n";
        else
            printKpiTable(out, report, store.plant(), rec);
        return kExitOk;
    } catch (const std::exception& e) {
        err << "takt kpi: error: " << e.what() << "\n";
        return kExitRuntimeError;
    }
}

} // namespace takt::twin
