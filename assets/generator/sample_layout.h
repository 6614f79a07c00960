#pragma once

#include "scenery.h"

#include <vector>

namespace takt::assets {

/// The sample plant's CAD layout as named nodes: the scenery, then one node per station named
/// exactly by its station id. Deterministic.
std::vector<LayoutNode> buildSampleLayout();

} // namespace takt::assets
