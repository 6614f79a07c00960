#pragma once

#include "render/flat_scene.h"

#include <QByteArray>

#include <array>
#include <cstdint>
#include <span>
#include <vector>

namespace takt::render {

struct StationBinding;

/// Floats per vertex of a Batch: x, y, z, nx, ny, nz and the colour as one number,
/// red + 256 × green + 65536 × blue (bytes 0–255): an integer below 2^24, so exact in a float
/// and decoded exactly by the shader, with no normalisation rules of vertex formats involved.
inline constexpr std::size_t kBatchVertexFloats = 7;

/// Geometry merged for one draw call: every mesh of one station (or of the static scenery,
/// station -1) and one primitive, each vertex carrying its own colour or its material's.
/// Its vertices and indices are kept in the bytes Qt 3D's buffers take (QByteArray, implicitly
/// shared), so that making the buffers copies nothing.
struct Batch {
    int station = -1;
    std::int64_t cell = 0; ///< The grid cell (buildBatches' cellSize; 0 without cells).
    Primitive primitive = Primitive::Triangles; ///< What the indices draw.
    QByteArray vertexBytes;                     ///< kBatchVertexFloats floats a vertex.
    QByteArray indexBytes;                      ///< A 32-bit unsigned index each.
    std::array<float, 3> min{}, max{};          ///< Bounding box of the vertices.

    std::span<const float> vertices() const
    {
        return {reinterpret_cast<const float*>(vertexBytes.constData()),
                std::size_t(vertexBytes.size()) / sizeof(float)};
    }
    std::span<const std::uint32_t> indices() const
    {
        return {reinterpret_cast<const std::uint32_t*>(indexBytes.constData()),
                std::size_t(indexBytes.size()) / sizeof(std::uint32_t)};
    }
    std::size_t vertexCount() const { return vertices().size() / kBatchVertexFloats; }
};

/// Merges a scene's meshes per station and primitive (triangles, lines, points), with colours
/// per vertex, so that draw calls follow stations (a few dozen), not meshes or materials: on a
/// software renderer each draw call costs the main thread time in every frame. `binding` may be
/// null (everything is scenery). A batch is split past 4 million vertices. With `cellSize`
/// (metres) above 0, batches are split further into cubic cells of a grid, each mesh going
/// whole into the cell that holds the centre of its box, so that what lies outside the view can
/// be left out of a frame (frustum culling) and far cells drawn coarser. The copy runs on a few
/// threads (meshes land in places of their batches known beforehand). Any thread.
std::vector<Batch> buildBatches(const FlatScene& scene, const StationBinding* binding,
                                float cellSize = 0.0f);

/// The cell size for buildBatches(): the layout's larger plan side divided into
/// `cellsAcross` (0 for an empty scene).
float cellSizeFor(const FlatScene& scene, int cellsAcross = 8);

/// The red, green and blue bytes packed into a vertex's seventh float.
std::array<std::uint8_t, 3> batchVertexColour(const Batch& batch, std::size_t vertex);

} // namespace takt::render
