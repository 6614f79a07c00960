#include "twin/simulation_limits.h"

#include "twin/error.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <unordered_map>
#include <vector>

namespace takt::twin {
namespace {

bool isStore(const Station& s)
{
    return s.kind == StationKind::Buffer || s.kind == StationKind::Conveyor;
}

std::string gib(double bytes)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f GiB", bytes / double(std::uint64_t{1} << 30));
    return buf;
}

/// Name of a station on a cycle of the flow graph, or empty when it has none (Kahn's algorithm).
std::string stationOnCycle(const Plant& plant)
{
    const std::size_t n = plant.stations.size();
    std::unordered_map<std::string_view, std::size_t> index;
    index.reserve(n);
    for (std::size_t i = 0; i < n; ++i)
        index.emplace(plant.stations[i].id, i);
    std::vector<std::vector<std::size_t>> succs(n);
    std::vector<std::size_t> indeg(n, 0);
    for (const auto& e : plant.flow) {
        const auto from = index.find(e.from), to = index.find(e.to);
        if (from == index.end() || to == index.end())
            continue;
        succs[from->second].push_back(to->second);
        ++indeg[to->second];
    }
    std::vector<std::size_t> ready;
    for (std::size_t i = 0; i < n; ++i)
        if (indeg[i] == 0)
            ready.push_back(i);
    std::size_t done = 0;
    while (!ready.empty()) {
        const auto i = ready.back();
        ready.pop_back();
        ++done;
        for (auto s : succs[i])
            if (--indeg[s] == 0)
                ready.push_back(s);
    }
    if (done == n)
        return {};
    for (std::size_t i = 0; i < n; ++i)
        if (indeg[i] > 0)
            return plant.stations[i].id;
    return {};
}

} // namespace

SimulationEstimate estimateSimulationOutput(const Plant& plant, double hours)
{
    double slowest = 0.0;
    double perPart = 0.0;
    for (const auto& s : plant.stations) {
        if (isStore(s)) {
            perPart += 2.0;
            continue;
        }
        perPart += 4.0;
        slowest = std::max(slowest, s.cycleTime.meanS);
    }
    perPart += double(plant.checkpoints.size());
    double perSecond = slowest > 0.0 ? perPart / slowest : 0.0;
    for (const auto& c : plant.controlPoints)
        if (c.sampleS > 0.0)
            perSecond += 1.0 / c.sampleS;
    SimulationEstimate e;
    e.events = perSecond * std::max(0.0, hours) * 3600.0;
    e.bytes = e.events * kSessionBytesPerEvent;
    return e;
}

void checkSimulationLimits(const Plant& plant, double hours, std::uint64_t budgetBytes)
{
    if (const auto s = stationOnCycle(plant); !s.empty())
        throw Error("cannot simulate plant " + plant.id +
                    ": the flow graph has a cycle (through station " + s + ")");
    const auto e = estimateSimulationOutput(plant, hours);
    if (!(e.bytes <= double(budgetBytes))) {
        char events[32], h[32];
        std::snprintf(events, sizeof events, "%.3g", e.events);
        std::snprintf(h, sizeof h, "%g", hours);
        throw Error("simulating plant " + plant.id + " for " + h + " h would write about " +
                    events + " events (" + gib(e.bytes) + "), over the budget of " +
                    gib(double(budgetBytes)) +
                    "; simulate fewer hours or sample control points less often");
    }
}

} // namespace takt::twin
