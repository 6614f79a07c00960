#include "sample_plant.h"

#include "sample_line.h"

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <stdexcept>

namespace takt::assets {
namespace {

constexpr std::size_t kControlPoints = 369;
constexpr std::size_t kCheckpoints = 26;
constexpr std::uint64_t kConfigurations = 1280;

/// splitmix64: small, fast and, unlike std:: distributions, identical on every platform.
class Random {
public:
    explicit Random(std::uint64_t seed) : m_state(seed) {}
    double uniform(double lo, double hi)
    {
        m_state += 0x9e3779b97f4a7c15ULL;
        std::uint64_t z = m_state;
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        z ^= z >> 31;
        return lo + (hi - lo) * static_cast<double>(z >> 11) / static_cast<double>(1ULL << 53);
    }

private:
    std::uint64_t m_state;
};

/// Rounds to `digits` significant digits so the manifest reads like hand-entered data.
double roundSig(double v, int digits)
{
    if (v == 0.0)
        return 0.0;
    const double scale =
        std::pow(10.0, digits - 1 - static_cast<int>(std::floor(std::log10(std::abs(v)))));
    return std::round(v * scale) / scale;
}

std::vector<std::string> splitLabels(const std::string& labels)
{
    std::vector<std::string> out;
    std::size_t start = 0;
    while (!labels.empty()) {
        const std::size_t comma = labels.find(',', start);
        out.push_back(labels.substr(start, comma - start));
        if (comma == std::string::npos)
            break;
        start = comma + 1;
    }
    return out;
}

std::string expandName(const std::string& pattern, const std::string& label)
{
    const std::size_t hash = pattern.find('#');
    if (hash == std::string::npos)
        return pattern;
    return pattern.substr(0, hash) + label + pattern.substr(hash + 1);
}

std::vector<twin::ConfigurationDimension> configurationSpace()
{
    return {
        {"trim", {"Standard", "Premium", "Sport", "Launch Edition"}},
        {"colour",
         {"Pearl White", "Solid Black", "Midnight Silver", "Deep Blue Metallic", "Ultra Red"}},
        {"drivetrain",
         {"RWD Standard Range", "RWD Long Range", "AWD Dual Motor", "AWD Performance"}},
        {"interior",
         {"Black Textile", "Black Vegan Leather", "White Vegan Leather", "Cream Nappa"}},
        {"wheels", {"18-inch Aero", "19-inch Sport", "20-inch Turbine", "21-inch Forged"}},
    };
}

void addStation(twin::Plant& plant, const StationBlueprint& b, Random& rng)
{
    using K = twin::StationKind;
    twin::Station s;
    s.id = b.id;
    s.name = b.name;
    s.segment = b.segment;
    s.kind = b.kind;
    s.capacity = b.capacity;
    s.nodes = {b.id};
    if (b.kind == K::Conveyor || b.kind == K::Buffer) {
        s.cycleTime = {twin::Distribution::Kind::Deterministic, b.meanS, 0.0};
    } else {
        s.cycleTime = {twin::Distribution::Kind::Normal, b.meanS,
                       roundSig(rng.uniform(0.8, 1.8), 2)};
    }
    // Robot cells, machines and test rigs fail; manual gates, buffers and conveyors are taken
    // as reliable at this level of detail.
    if (b.kind == K::RobotCell || b.kind == K::Process || b.kind == K::Test) {
        s.mtbfS = std::round(rng.uniform(3.0, 12.0) * 60.0) * 60.0;
        s.mttrS = std::round(rng.uniform(2.0, 10.0) * 6.0) * 10.0;
    }
    plant.stations.push_back(std::move(s));
}

void addControlPoints(twin::Plant& plant, const StationBlueprint& b, Random& rng)
{
    int serial = 0;
    for (const ParamGroup& g : b.params) {
        auto labels = splitLabels(g.labels);
        if (labels.empty() || static_cast<int>(labels.size()) != g.count) {
            if (!labels.empty())
                throw std::logic_error(b.id + ": labels do not match count for " + g.name);
            for (int i = 1; i <= g.count; ++i) {
                char buf[16];
                std::snprintf(buf, sizeof buf, "%02d", i);
                labels.emplace_back(buf);
            }
        }
        const double tolerance = g.usl - g.lsl;
        for (const auto& label : labels) {
            char id[32];
            std::snprintf(id, sizeof id, "%s-P%02d", b.id.c_str(), ++serial);
            twin::ControlPoint cp;
            cp.id = id;
            cp.name = expandName(g.name, label);
            cp.station = b.id;
            cp.unit = g.unit;
            cp.target = g.target;
            cp.lsl = g.lsl;
            cp.usl = g.usl;
            // Capable processes (Cp about 1.4 to 2) that drift slowly, in either direction.
            cp.noiseSd = roundSig(tolerance / rng.uniform(8.5, 12.0), 2);
            const double drift = tolerance * rng.uniform(0.002, 0.012);
            cp.driftPerH = roundSig(rng.uniform(0.0, 1.0) < 0.5 ? -drift : drift, 2);
            cp.sampleS = 60.0;
            plant.controlPoints.push_back(std::move(cp));
        }
    }
}

} // namespace

twin::Plant buildSamplePlant()
{
    twin::Plant plant;
    plant.id = "takt-ev-line1";
    plant.name = "Takt EV Assembly \u2014 Line 1";
    plant.taktS = 60.0;
    for (const auto& s : sampleSegments())
        plant.segments.push_back({s.id, s.name});

    Random rng(0x7a6b7400e5a1ULL);
    const auto& stations = sampleStations();
    for (const auto& b : stations) {
        addStation(plant, b, rng);
        addControlPoints(plant, b, rng);
        for (const auto& c : b.checks) {
            char id[16];
            std::snprintf(id, sizeof id, "QC%02zu", plant.checkpoints.size() + 1);
            plant.checkpoints.push_back({id, c.name, b.id, c.defectRate, c.codes});
        }
    }
    for (std::size_t i = 1; i < stations.size(); ++i)
        plant.flow.push_back({stations[i - 1].id, stations[i].id});
    plant.configurationDimensions = configurationSpace();

    if (plant.controlPoints.size() != kControlPoints || plant.checkpoints.size() != kCheckpoints ||
        plant.configurationCount() != kConfigurations)
        throw std::logic_error("sample plant tables add up to " +
                               std::to_string(plant.controlPoints.size()) + " control points, " +
                               std::to_string(plant.checkpoints.size()) + " checkpoints and " +
                               std::to_string(plant.configurationCount()) + " configurations");
    return plant;
}

} // namespace takt::assets
