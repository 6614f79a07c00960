#include "render/scene_lod.h"

#include <meshoptimizer.h>

#include <algorithm>
#include <cmath>

namespace takt::render {

LodIndices buildLodLevels(const float* positions, std::size_t vertexCount, std::size_t strideBytes,
                          const std::vector<std::uint32_t>& indices, Primitive primitive)
{
    LodIndices out;
    out.indices = indices;
    out.levels.push_back({0, std::uint32_t(indices.size()), 0.0f});
    // A cell of a few hundred triangles costs less to draw than to switch.
    constexpr std::size_t kMinTriangles = 256;
    if (primitive != Primitive::Triangles || indices.size() < 3 * kMinTriangles || vertexCount == 0)
        return out;
    const float scale = meshopt_simplifyScale(positions, vertexCount, strideBytes);
    std::vector<std::uint32_t> level(indices.size());
    std::vector<std::uint32_t> previous = indices; // what the topology-keeping step refines
    struct Step {
        std::size_t divisor;
        bool sloppy;
    };
    // Topology-keeping first (parts keep their outline), then sloppy: past 1/16 only merging
    // parts removes triangles.
    for (const Step step : {Step{4, false}, Step{16, true}, Step{64, true}}) {
        const std::size_t target = std::max<std::size_t>(3, indices.size() / step.divisor / 3 * 3);
        float relative = 0.0f;
        const std::size_t n =
            step.sloppy
                ? meshopt_simplifySloppy(level.data(), indices.data(), indices.size(), positions,
                                         vertexCount, strideBytes, target, 1.0f, &relative)
                : meshopt_simplify(level.data(), previous.data(), previous.size(), positions,
                                   vertexCount, strideBytes, target, 0.05f, 0, &relative);
        if (n == 0 || n * 2 > out.levels.back().indexCount)
            continue;
        // Errors only grow: a coarser level never claims to be closer than a finer one.
        const float error = std::max(relative * scale, out.levels.back().error);
        out.levels.push_back({std::uint32_t(out.indices.size()), std::uint32_t(n), error});
        out.indices.insert(out.indices.end(), level.begin(), level.begin() + std::ptrdiff_t(n));
        previous.assign(level.begin(), level.begin() + std::ptrdiff_t(n));
    }
    return out;
}

bool sphereInFrustum(const QMatrix4x4& m, const QVector3D& centre, float radius)
{
    const QVector4D rows[4] = {m.row(0), m.row(1), m.row(2), m.row(3)};
    const QVector4D planes[6] = {rows[3] + rows[0], rows[3] - rows[0], rows[3] + rows[1],
                                 rows[3] - rows[1], rows[3] + rows[2], rows[3] - rows[2]};
    for (const QVector4D& p : planes) {
        // Qt 3D's Plane normalises the normal and the distance alike.
        const QVector3D normal = p.toVector3D();
        const float length = normal.length();
        if (length <= 0.0f)
            continue;
        if (QVector3D::dotProduct(centre, normal / length) + p.w() / length < -radius)
            return false;
    }
    return true;
}

float pixelsPerMetre(const DetailCamera& camera, float distance)
{
    if (camera.orthoHeight > 0.0f)
        return camera.viewportHeight / camera.orthoHeight;
    const float halfFov = camera.fieldOfViewDeg * 0.5f * float(M_PI) / 180.0f;
    return camera.viewportHeight / (2.0f * std::tan(halfFov) * std::max(distance, 1e-3f));
}

int chooseLevel(const std::vector<LodLevel>& levels, float pixelsPerMetreAtCell,
                float maxPixelError)
{
    int chosen = 0;
    for (std::size_t i = 1; i < levels.size(); ++i)
        if (levels[i].error * pixelsPerMetreAtCell <= maxPixelError)
            chosen = int(i);
    return chosen;
}

DetailSelection selectDetail(const std::vector<CellBounds>& cells,
                             const std::vector<std::vector<LodLevel>>& levels,
                             const std::vector<Primitive>& primitives, const DetailCamera& camera,
                             const DetailPolicy& policy)
{
    DetailSelection out;
    out.level.assign(cells.size(), -1);
    std::vector<float> scale(cells.size(), 0.0f);
    for (std::size_t c = 0; c < cells.size(); ++c) {
        if (policy.culling &&
            !sphereInFrustum(camera.viewProjection, cells[c].centre, cells[c].radius))
            continue;
        // The nearest point of the cell decides: no part of it may show more error.
        const float distance = (cells[c].centre - camera.position).length() - cells[c].radius;
        scale[c] = pixelsPerMetre(camera, distance);
        out.level[c] = 0;
    }
    const auto count = [&](float maxPixelError) {
        std::size_t triangles = 0;
        for (std::size_t c = 0; c < cells.size(); ++c) {
            if (out.level[c] < 0)
                continue;
            out.level[c] = policy.levelOfDetail && maxPixelError > 0.0f
                               ? chooseLevel(levels[c], scale[c], maxPixelError)
                               : 0;
            if (primitives[c] == Primitive::Triangles)
                triangles += levels[c][std::size_t(out.level[c])].indexCount / 3;
        }
        return triangles;
    };
    float error = policy.moving ? policy.movingPixelError : policy.stillPixelError;
    out.triangles = count(error);
    // Moving, the frame rate counts more than the error: allow more until the budget holds.
    for (int i = 0; policy.levelOfDetail && policy.moving && i < 16 &&
                    out.triangles > policy.movingTriangleBudget;
         ++i) {
        error = std::max(error, 0.5f) * 2.0f;
        out.triangles = count(error);
    }
    out.pixelsPerMetre = std::move(scale);
    for (std::size_t c = 0; c < cells.size(); ++c)
        if (out.level[c] >= 0) {
            ++out.cellsDrawn;
            out.maxPixelError =
                std::max(out.maxPixelError,
                         levels[c][std::size_t(out.level[c])].error * out.pixelsPerMetre[c]);
        }
    return out;
}

} // namespace takt::render
