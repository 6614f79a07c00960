#include "sample_layout.h"

#include "line_layout.h"
#include "sample_line.h"
#include "station_geometry.h"

namespace takt::assets {

std::vector<LayoutNode> buildSampleLayout()
{
    const auto& stations = sampleStations();
    const LineLayout layout = planLayout(stations);
    std::vector<LayoutNode> nodes = buildScenery(layout);
    for (std::size_t i = 0; i < stations.size(); ++i) {
        LayoutNode node{stations[i].id, {}};
        buildStation(node.parts, stations[i], layout.stations[i], static_cast<int>(i));
        nodes.push_back(std::move(node));
    }
    return nodes;
}

} // namespace takt::assets
