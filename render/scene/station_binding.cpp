#include "render/station_binding.h"

#include "twin/plant.h"

#include <set>

namespace takt::render {

int StationBinding::stationOfMesh(const FlatScene& scene, std::size_t mesh) const
{
    const int node = scene.meshes.at(mesh).node;
    return node >= 0 && static_cast<std::size_t>(node) < stationOfNode.size()
               ? stationOfNode[static_cast<std::size_t>(node)]
               : -1;
}

StationBinding bindStations(const twin::Plant& plant, const FlatScene& scene)
{
    StationBinding b;
    const std::size_t nNodes = scene.nodes.size();
    std::vector<int> direct(nNodes, -1);
    b.nodesOfStation.resize(plant.stations.size());
    for (std::size_t s = 0; s < plant.stations.size(); ++s) {
        for (const auto& pattern : plant.stations[s].nodes)
            for (std::size_t n = 0; n < nNodes; ++n)
                if (direct[n] < 0 && twin::matchesNodePattern(pattern, scene.nodes[n].name)) {
                    direct[n] = static_cast<int>(s);
                    b.nodesOfStation[s].push_back(static_cast<int>(n));
                }
        if (b.nodesOfStation[s].empty())
            b.unboundStations.push_back(plant.stations[s].id);
    }

    // Parents always precede their children in FlatScene::nodes, so one pass inherits.
    b.stationOfNode.assign(nNodes, -1);
    for (std::size_t n = 0; n < nNodes; ++n) {
        const int parent = scene.nodes[n].parent;
        b.stationOfNode[n] = direct[n] >= 0 ? direct[n]
                             : parent >= 0  ? b.stationOfNode[static_cast<std::size_t>(parent)]
                                            : -1;
    }

    // Top-level named nodes (children of the root) that carry geometry and belong to nobody.
    std::vector<bool> hasGeometry(nNodes, false);
    for (const auto& m : scene.meshes)
        for (int n = m.node; n >= 0 && !hasGeometry[static_cast<std::size_t>(n)];
             n = scene.nodes[static_cast<std::size_t>(n)].parent)
            hasGeometry[static_cast<std::size_t>(n)] = true;
    for (std::size_t n = 0; n < nNodes; ++n) {
        const int parent = scene.nodes[n].parent;
        if (parent >= 0 && scene.nodes[static_cast<std::size_t>(parent)].parent < 0 &&
            b.stationOfNode[n] < 0 && hasGeometry[n] && !scene.nodes[n].name.empty())
            b.unboundNodes.push_back(scene.nodes[n].name);
    }
    return b;
}

} // namespace takt::render
