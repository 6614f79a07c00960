#include "twin/plant.h"

#include <algorithm>
#include <array>
#include <utility>

namespace takt::twin {
namespace {

constexpr std::array<std::pair<StationKind, std::string_view>, 6> kStationKinds{{
    {StationKind::Process, "process"},
    {StationKind::RobotCell, "robot_cell"},
    {StationKind::Buffer, "buffer"},
    {StationKind::Conveyor, "conveyor"},
    {StationKind::QualityGate, "quality_gate"},
    {StationKind::Test, "test"},
}};

constexpr std::array<std::pair<Distribution::Kind, std::string_view>, 4> kDistributions{{
    {Distribution::Kind::Deterministic, "deterministic"},
    {Distribution::Kind::Normal, "normal"},
    {Distribution::Kind::Exponential, "exponential"},
    {Distribution::Kind::Lognormal, "lognormal"},
}};

template <typename Enum, std::size_t N>
std::string_view nameOf(const std::array<std::pair<Enum, std::string_view>, N>& table, Enum e)
{
    for (const auto& [value, name] : table)
        if (value == e)
            return name;
    return "unknown";
}

template <typename Enum, std::size_t N>
std::optional<Enum> valueOf(const std::array<std::pair<Enum, std::string_view>, N>& table,
                            std::string_view text)
{
    for (const auto& [value, name] : table)
        if (name == text)
            return value;
    return std::nullopt;
}

} // namespace

std::string_view toString(StationKind kind)
{
    return nameOf(kStationKinds, kind);
}
std::optional<StationKind> stationKindFromString(std::string_view text)
{
    return valueOf(kStationKinds, text);
}
std::string_view toString(Distribution::Kind kind)
{
    return nameOf(kDistributions, kind);
}
std::optional<Distribution::Kind> distributionKindFromString(std::string_view text)
{
    return valueOf(kDistributions, text);
}

std::uint64_t Plant::configurationCount() const
{
    std::uint64_t n = 1;
    for (const auto& d : configurationDimensions)
        n *= d.options.size();
    return n;
}

std::string Plant::configurationName(std::uint64_t index) const
{
    std::string out;
    for (const auto& d : configurationDimensions) {
        if (d.options.empty())
            continue;
        if (!out.empty())
            out += '/';
        out += d.options[index % d.options.size()];
        index /= d.options.size();
    }
    return out;
}

const Station* Plant::findStation(std::string_view id) const
{
    const int i = stationIndex(id);
    return i < 0 ? nullptr : &stations[static_cast<std::size_t>(i)];
}

int Plant::stationIndex(std::string_view id) const
{
    for (std::size_t i = 0; i < stations.size(); ++i)
        if (stations[i].id == id)
            return static_cast<int>(i);
    return -1;
}

std::vector<int> Plant::successors(int index) const
{
    std::vector<int> out;
    const auto& id = stations.at(static_cast<std::size_t>(index)).id;
    for (const auto& e : flow)
        if (e.from == id)
            out.push_back(stationIndex(e.to));
    return out;
}

std::vector<int> Plant::predecessors(int index) const
{
    std::vector<int> out;
    const auto& id = stations.at(static_cast<std::size_t>(index)).id;
    for (const auto& e : flow)
        if (e.to == id)
            out.push_back(stationIndex(e.from));
    return out;
}

bool matchesNodePattern(std::string_view pattern, std::string_view name)
{
    // Iterative wildcard match with backtracking to the last '*'.
    std::size_t p = 0, n = 0, star = std::string_view::npos, mark = 0;
    while (n < name.size()) {
        if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == name[n])) {
            ++p;
            ++n;
        } else if (p < pattern.size() && pattern[p] == '*') {
            star = p++;
            mark = n;
        } else if (star != std::string_view::npos) {
            p = star + 1;
            n = ++mark;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == '*')
        ++p;
    return p == pattern.size();
}

} // namespace takt::twin
