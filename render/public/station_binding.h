#pragma once

#include "render/flat_scene.h"

#include <string>
#include <vector>

namespace takt::twin {
struct Plant;
}

namespace takt::render {

/// Which station each node of a layout belongs to, by the manifest's node names and patterns.
struct StationBinding {
    /// Per node of the scene: the index of the station it belongs to, or -1. A node belongs to
    /// the station whose pattern matches it or its nearest matching ancestor.
    std::vector<int> stationOfNode;
    /// Per station: the nodes its patterns matched directly.
    std::vector<std::vector<int>> nodesOfStation;
    /// Ids of stations that matched no node.
    std::vector<std::string> unboundStations;
    /// Names of top-level named nodes with geometry that no station claims (scenery, or a typo
    /// in the manifest).
    std::vector<std::string> unboundNodes;

    int stationOfMesh(const FlatScene& scene, std::size_t mesh) const;
};

/// Binds a plant's stations to the nodes of an imported layout. Any thread.
StationBinding bindStations(const twin::Plant& plant, const FlatScene& scene);

} // namespace takt::render
