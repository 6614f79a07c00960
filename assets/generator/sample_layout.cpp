#include "sample_layout.h"

#include "line_layout.h"
#include "props.h"
#include "sample_line.h"
#include "station_geometry.h"

#include <numbers>

namespace takt::assets {

namespace {
constexpr double kPi = std::numbers::pi;
} // namespace

std::vector<LayoutNode> buildSampleLayout()
{
    const auto& stations = sampleStations();
    const LineLayout layout = planLayout(stations);
    std::vector<LayoutNode> nodes = buildScenery(layout);
    // Operators at the manual stations, kept out of the station nodes so that a station's
    // state colour paints its equipment, not its people.
    LayoutNode people{"Operators", {}};
    for (std::size_t i = 0; i < stations.size(); ++i) {
        const Look look = stations[i].look;
        if (look != Look::Assembly && look != Look::Marriage && look != Look::FluidFill &&
            look != Look::LightTunnel)
            continue;
        people.parts.setFrame(layout.stations[i].frame);
        const double flip = i % 2 == 0 ? 1.0 : -1.0;
        addOperator(people.parts, {-1.2 * flip, 0, -1.9}, -kPi / 2);
        addOperator(people.parts, {1.4 * flip, 0, 1.9}, kPi / 2);
    }
    people.parts.setFrame({});
    nodes.push_back(std::move(people));
    for (std::size_t i = 0; i < stations.size(); ++i) {
        LayoutNode node{stations[i].id, {}};
        buildStation(node.parts, stations[i], layout.stations[i], static_cast<int>(i));
        nodes.push_back(std::move(node));
    }
    return nodes;
}

} // namespace takt::assets
