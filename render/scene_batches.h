#pragma once

#include "render/flat_scene.h"

#include <array>
#include <cstdint>
#include <vector>

namespace takt::render {

struct StationBinding;

/// Geometry merged for one draw call: every mesh of one station (or of the static scenery,
/// station -1) with one material. Vertices are interleaved x, y, z, nx, ny, nz.
struct Batch {
    int station = -1;
    int material = 0;
    std::vector<float> vertices;
    std::vector<std::uint32_t> indices;
    std::array<float, 3> min{}, max{}; ///< Bounding box of the vertices.
};

/// Merges a scene's meshes per station and material so that draw calls stay in the hundreds
/// for layouts of thousands of meshes. `binding` may be null (everything is scenery).
/// Any thread.
std::vector<Batch> buildBatches(const FlatScene& scene, const StationBinding* binding);

} // namespace takt::render
