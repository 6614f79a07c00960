#pragma once

#include "render/flat_scene.h"
#include "render/full_detail.h"

#include <QMatrix4x4>
#include <QVector3D>

#include <cstdint>
#include <vector>

namespace takt::render {

/// One level of detail of a cell: a run of its index buffer and the geometric error it makes.
struct LodLevel {
    std::uint32_t firstIndex = 0; ///< Where the level's indices start in the cell's index buffer.
    std::uint32_t indexCount = 0;
    float error = 0.0f; ///< Metres the simplified surface may lie off the original (0: exact).
    /// Parts of different colours merged (sloppy across groups): a vertex of one part may stand
    /// for another's, colour and normal included, at an error that does not count it. Drawn
    /// while the camera moves, never as full detail.
    bool mergesColours = false;
    std::size_t primitiveCount(Primitive p) const { return indexCount / std::size_t(p); }
};

/// A cell's indices with its simplified levels appended: `indices` holds level 0 (the original)
/// then each coarser level, all indexing the same vertices, so that a level is chosen by drawing
/// another run of one buffer.
struct LodIndices {
    std::vector<std::uint32_t> indices;
    std::vector<LodLevel> levels; ///< Finest first; level 0 is the original, error 0.
};

/// Builds the levels of one cell of triangles with meshoptimizer: 1/4 of the triangles with
/// meshopt_simplify (topology kept), then 1/16 and 1/64 with meshopt_simplifySloppy (parts
/// merge). A level is kept only where it at least halves the one before. `positions` are
/// x, y, z floats every `strideBytes`. With `groupKeys` (a 32-bit key per vertex at the same
/// stride: the batch's packed colour), the triangles of each key (by their first vertex) are
/// simplified apart from the others, so that no level gives a part another's colour; a level's
/// error is the largest of its groups'; after those, 1/16 and 1/64 of the whole cell with
/// meshopt_simplifySloppy across groups (mergesColours, for a moving camera; their errors grow
/// among themselves and may be below the levels' before them). The coarser levels of a group
/// leave out triangles that repeat one of the group's (same corners; same normals too, with
/// `normals`, x, y, z at the same stride). Points (a scanned hall) get 1/4, 1/16 and 1/64 of
/// them, each level's error the spacing its points leave on the cell's box; lines keep level 0
/// alone. Any thread.
LodIndices buildLodLevels(const float* positions, std::size_t vertexCount, std::size_t strideBytes,
                          const std::vector<std::uint32_t>& indices, Primitive primitive,
                          const float* groupKeys = nullptr, const float* normals = nullptr);

/// What a cell needs for culling and level choice.
struct CellBounds {
    QVector3D centre;
    float radius = 0.0f; ///< Of the sphere round the cell's box, metres.
};

/// The camera as the selection needs it.
struct DetailCamera {
    QMatrix4x4 viewProjection;
    QVector3D position;
    float viewportHeight = 1.0f;  ///< Pixels.
    float fieldOfViewDeg = 40.0f; ///< Vertical; ignored when orthoHeight > 0.
    float orthoHeight = 0.0f;     ///< Metres the view spans vertically in an orthographic view.
};

/// How detail is chosen.
struct DetailPolicy {
    bool culling = true;       ///< Cells outside the view frustum are not drawn.
    bool levelOfDetail = true; ///< Off: level 0 everywhere.
    bool moving = false;       ///< The camera is moving: coarser levels are accepted.
    /// Screen error allowed when still, pixels: by default kFullDetailPixelError, the coarsest
    /// level within half a pixel of the original by meshoptimizer's error estimate (its still
    /// images agree with every triangle's: test_still_detail_gui). 0: every triangle, level 0
    /// everywhere.
    float stillPixelError = kFullDetailPixelError;
    float movingPixelError = 2.0f; ///< Screen error allowed while moving, pixels.
    /// While moving, the error allowed doubles until the triangles and points drawn fit this
    /// budget.
    std::size_t movingTriangleBudget = 1'500'000;
};

/// Per cell the level drawn (-1: culled) and the primitives that draws.
struct DetailSelection {
    std::vector<int> level;
    std::vector<float> pixelsPerMetre; ///< Per cell drawn, at its nearest point (0: culled).
    float maxPixelError = 0.0f;        ///< The largest screen error of any cell drawn, pixels.
    bool mergedColours = false;        ///< Some cell drawn at a level that merges colours.
    std::size_t triangles = 0;         ///< Triangles drawn in all.
    std::size_t points = 0;            ///< Points drawn in all.
    std::size_t cellsDrawn = 0;
};

/// Whether a sphere touches the frustum of `viewProjection`: the test Qt 3D's frustum culling
/// makes (planes from the matrix's rows), so that what is counted is what Qt 3D draws.
bool sphereInFrustum(const QMatrix4x4& viewProjection, const QVector3D& centre, float radius);

/// Pixels one metre spans at `distance` metres from the camera.
float pixelsPerMetre(const DetailCamera& camera, float distance);

/// Chooses the coarsest level whose error spans at most `maxPixelError` pixels at the cell
/// (level 0 when none does), levels that merge colours only when `mergedColours` allows.
/// `pixelsPerMetreAtCell` from pixelsPerMetre().
int chooseLevel(const std::vector<LodLevel>& levels, float pixelsPerMetreAtCell,
                float maxPixelError, bool mergedColours = true);

/// Culls and chooses levels for every cell. `cells`, `levels` and `primitives` run in step.
DetailSelection selectDetail(const std::vector<CellBounds>& cells,
                             const std::vector<std::vector<LodLevel>>& levels,
                             const std::vector<Primitive>& primitives, const DetailCamera& camera,
                             const DetailPolicy& policy);

} // namespace takt::render
