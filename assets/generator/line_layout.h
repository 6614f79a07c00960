#pragma once

#include "geometry.h"
#include "props.h"
#include "sample_line.h"

#include <vector>

namespace takt::assets {

/// Where one station sits in the serpentine and what the car in it looks like.
struct Placement {
    Transform frame;      ///< Station frame: origin on the floor at its centre, +X = flow.
    double lengthM = 0.0; ///< Footprint along the flow.
    int lane = 0;
    double armSign = 1.0; ///< Transfers only: +1 if the lanes lie towards local +Z.
    CarStage stage = CarStage::BodyInWhite;
    Material paint = Material::PaintWhite;
};

/// A short conveyor filling a gap between two stations of a lane (layout coordinates).
struct GapConveyor {
    Vec3 from;
    Vec3 to;
};

/// The plan of the whole floor: lanes run along X, alternating direction, joined by U-turn
/// transfers at their ends; lane k lies at z = k * kLanePitch.
struct LineLayout {
    static constexpr double kLanePitch = 17.0;
    std::vector<Placement> stations; ///< Same order as the blueprints.
    std::vector<GapConveyor> gaps;
    double laneLength = 0.0; ///< Lanes span x in [0, laneLength].
    int laneCount = 0;
};

/// Places the stations of the serial line into lanes. Deterministic.
LineLayout planLayout(const std::vector<StationBlueprint>& stations);

} // namespace takt::assets
