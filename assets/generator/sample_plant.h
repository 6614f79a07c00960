#pragma once

#include "twin/plant.h"

namespace takt::assets {

/// Builds the reference EV assembly plant (takt 60 s, 1,280 configurations, 369 control points,
/// 26 quality checkpoints) from the station tables. Deterministic: the same plant every call.
/// Throws std::logic_error if the tables no longer add up to those counts.
twin::Plant buildSamplePlant();

} // namespace takt::assets
