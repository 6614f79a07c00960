#pragma once

#include "line_layout.h"
#include "part_builder.h"

#include <string>
#include <vector>

namespace takt::assets {

/// One named node of the layout with its merged geometry.
struct LayoutNode {
    std::string name;
    PartBuilder parts;
};

/// The static building around the line: Floor, Markings, Columns, Walls, Conveyors (between
/// stations), Logistics (storage racks) and Vehicles (forklifts). Layout coordinates.
std::vector<LayoutNode> buildScenery(const LineLayout& layout);

} // namespace takt::assets
