#include "twin/commands.h"

#include "twin/manifest.h"
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

constexpr const char* kSimulateUsage =
    "usage: takt simulate PLANT.json --hours H --seed S --out SESSION.takt [--quiet]";

} // namespace

int runSimulateCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err)
{
    std::string plantPath, outPath;
    double hours = 8.0;
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
            } else if (a == "--seed") {
                const auto s = toUint(value());
                if (!s)
                    throw UsageError{"--seed must be a non-negative integer, found \"" +
                                     args[i] + "\""};
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
        const auto s = simulate(plant, hours, seed, outPath, progress);
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

} // namespace takt::twin
