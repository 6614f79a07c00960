#include "render/scene_lod.h"

#include <meshoptimizer.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <unordered_map>
#include <unordered_set>

namespace takt::render {

namespace {

/// One group's triangles, on vertices of its own (positions copied), and what they map back to.
struct Group {
    std::vector<std::uint32_t> vertices; ///< The cell's vertex of each of the group's own.
    std::vector<float> positions;        ///< x, y, z per vertex of the group.
    std::vector<std::uint32_t> indices;  ///< Into the group's vertices.
    std::vector<std::uint32_t>
        previous; ///< The last level kept (topology-keeping steps refine it).
    float previousError = 0.0f;
    float scale = 0.0f; ///< meshopt_simplifyScale of the group's positions.
};

/// A triangle's corners as the duplicate test sees them: position (and normal, where given)
/// of each, from the rotation that compares lowest, so that the same triangle listed from
/// another corner (same winding) is the same.
class TriangleCorners {
public:
    TriangleCorners(const float* positions, const float* normals, std::size_t stride,
                    const std::uint32_t* indices)
        : m_positions(positions), m_normals(normals), m_stride(stride), m_indices(indices)
    {
    }
    /// Whether the triangles at index offsets `a` and `b` have the same corners.
    bool same(std::size_t a, std::size_t b) const
    {
        const int ra = firstCorner(a), rb = firstCorner(b);
        for (int k = 0; k < 3; ++k)
            if (compare(m_indices[a + std::size_t((ra + k) % 3)],
                        m_indices[b + std::size_t((rb + k) % 3)]) != 0)
                return false;
        return true;
    }
    std::size_t hash(std::size_t t) const
    {
        const int r = firstCorner(t);
        std::uint64_t h = 1469598103934665603ull; // FNV-1a over the corners' bytes
        for (int k = 0; k < 3; ++k) {
            const std::uint32_t v = m_indices[t + std::size_t((r + k) % 3)];
            const auto mix = [&h](const float* f) {
                unsigned char bytes[3 * sizeof(float)];
                std::memcpy(bytes, f, sizeof bytes);
                for (const unsigned char b : bytes)
                    h = (h ^ b) * 1099511628211ull;
            };
            mix(m_positions + std::size_t(v) * m_stride);
            if (m_normals)
                mix(m_normals + std::size_t(v) * m_stride);
        }
        return std::size_t(h);
    }

private:
    /// Orders vertices by their bytes (positions, then normals): a total order in which equal
    /// vertices are equal whatever their index.
    int compare(std::uint32_t a, std::uint32_t b) const
    {
        if (a == b)
            return 0;
        const std::size_t bytes = 3 * sizeof(float);
        if (const int c = std::memcmp(m_positions + std::size_t(a) * m_stride,
                                      m_positions + std::size_t(b) * m_stride, bytes))
            return c;
        return m_normals ? std::memcmp(m_normals + std::size_t(a) * m_stride,
                                       m_normals + std::size_t(b) * m_stride, bytes)
                         : 0;
    }
    /// The corner the lowest of the triangle's three rotations starts at (its corners compared
    /// in turn, so that a triangle with two equal corners has one answer too).
    int firstCorner(std::size_t t) const
    {
        const auto corner = [&](int r, int k) { return m_indices[t + std::size_t((r + k) % 3)]; };
        int best = 0;
        for (int r = 1; r < 3; ++r)
            for (int k = 0; k < 3; ++k)
                if (const int c = compare(corner(r, k), corner(best, k)); c != 0) {
                    if (c < 0)
                        best = r;
                    break;
                }
        return best;
    }
    const float* m_positions;
    const float* m_normals;
    std::size_t m_stride;
    const std::uint32_t* m_indices;
};

/// Splits triangles into groups by the key of their first vertex (a packed colour), in order
/// of first appearance; no keys: one group. A triangle that repeats one already in its group
/// (the same corners, normals included where given: a part exported twice in the same place)
/// is left out: drawn twice it looks the same as once, and to meshoptimizer the copies' shared
/// edges are not a surface it may simplify (every vertex on them stays).
std::vector<Group> groupTriangles(const float* positions, const float* normals,
                                  std::size_t vertexCount, std::size_t strideBytes,
                                  const std::vector<std::uint32_t>& indices, const float* groupKeys)
{
    const std::size_t stride = strideBytes / sizeof(float);
    std::vector<Group> groups;
    std::unordered_map<std::uint32_t, std::size_t> groupOf;
    std::vector<std::uint32_t> local(vertexCount, ~0u);
    std::vector<std::size_t> owner(vertexCount, ~std::size_t(0));
    const TriangleCorners corners(positions, normals, stride, indices.data());
    const auto keyOf = [&](std::size_t t) {
        std::uint32_t key = 0;
        if (groupKeys)
            std::memcpy(&key, groupKeys + std::size_t(indices[t]) * stride, sizeof key);
        return key;
    };
    // Triangles seen, by their index offset; equal when their corners and group are.
    struct Hash {
        const TriangleCorners* corners;
        const decltype(keyOf)* key;
        std::size_t operator()(std::size_t t) const
        {
            return corners->hash(t) ^ (std::size_t((*key)(t)) << 1);
        }
    };
    struct Equal {
        const TriangleCorners* corners;
        const decltype(keyOf)* key;
        bool operator()(std::size_t a, std::size_t b) const
        {
            return (*key)(a) == (*key)(b) && corners->same(a, b);
        }
    };
    std::unordered_set<std::size_t, Hash, Equal> seen(indices.size() / 3, Hash{&corners, &keyOf},
                                                      Equal{&corners, &keyOf});
    for (std::size_t t = 0; t + 2 < indices.size(); t += 3) {
        if (!seen.insert(t).second)
            continue; // a copy of a triangle already in its group
        const std::uint32_t key = keyOf(t);
        const auto [it, fresh] = groupOf.try_emplace(key, groups.size());
        if (fresh)
            groups.emplace_back();
        Group& g = groups[it->second];
        for (std::size_t k = 0; k < 3; ++k) {
            const std::uint32_t v = indices[t + k];
            // A vertex shared by triangles of two groups is copied into each.
            if (owner[v] != it->second) {
                owner[v] = it->second;
                local[v] = std::uint32_t(g.vertices.size());
                g.vertices.push_back(v);
                const float* p = positions + std::size_t(v) * stride;
                g.positions.insert(g.positions.end(), p, p + 3);
            }
            g.indices.push_back(local[v]);
        }
    }
    return groups;
}

/// Levels of a cell of points: 1/4, 1/16 and 1/64 of them, each the next one's superset (a
/// point is kept by a hash of its place in the list, so that scans stored in rows thin out
/// evenly). A level's error is the spacing its points leave on a surface as large as the cell's
/// box (its three sides' areas): gaps of that size appear where the original had none.
void appendPointLevels(const float* positions, std::size_t strideBytes,
                       const std::vector<std::uint32_t>& indices, LodIndices& out)
{
    const std::size_t stride = strideBytes / sizeof(float);
    std::array<float, 3> lo{}, hi{};
    for (std::size_t i = 0; i < indices.size(); ++i)
        for (std::size_t a = 0; a < 3; ++a) {
            const float v = positions[std::size_t(indices[i]) * stride + a];
            lo[a] = i == 0 ? v : std::min(lo[a], v);
            hi[a] = i == 0 ? v : std::max(hi[a], v);
        }
    const float dx = hi[0] - lo[0], dy = hi[1] - lo[1], dz = hi[2] - lo[2];
    const float area = std::max(dx * dy + dy * dz + dz * dx, 1e-6f);
    for (const std::uint32_t keep : {4u, 16u, 64u}) {
        const auto first = std::uint32_t(out.indices.size());
        for (std::size_t i = 0; i < indices.size(); ++i)
            if (std::uint32_t(i * 2654435761u) % keep == 0) // Knuth's multiplicative hash
                out.indices.push_back(indices[i]);
        const auto count = std::uint32_t(out.indices.size() - first);
        if (count == 0)
            break;
        out.levels.push_back({first, count, std::sqrt(area / float(count))});
    }
}

} // namespace

LodIndices buildLodLevels(const float* positions, std::size_t vertexCount, std::size_t strideBytes,
                          const std::vector<std::uint32_t>& indices, Primitive primitive,
                          const float* groupKeys, const float* normals)
{
    LodIndices out;
    out.indices = indices;
    out.levels.push_back({0, std::uint32_t(indices.size()), 0.0f});
    // A cell of a few hundred triangles costs less to draw than to switch.
    constexpr std::size_t kMinTriangles = 256;
    if (primitive == Primitive::Points && indices.size() >= 4 * kMinTriangles) {
        appendPointLevels(positions, strideBytes, indices, out);
        return out;
    }
    if (primitive != Primitive::Triangles || indices.size() < 3 * kMinTriangles || vertexCount == 0)
        return out;
    // Each group (a colour) is simplified alone: meshoptimizer's error is geometric only, and a
    // vertex of one part standing in for those of another part close by (sloppy levels merge
    // parts) would give the other part its colour and normal at no error it counts.
    std::vector<Group> groups =
        groupTriangles(positions, normals, vertexCount, strideBytes, indices, groupKeys);
    for (Group& g : groups) {
        g.previous = g.indices;
        g.scale = meshopt_simplifyScale(g.positions.data(), g.vertices.size(), 3 * sizeof(float));
    }
    struct Step {
        std::size_t divisor;
        bool sloppy;
    };
    // Topology-keeping first (parts keep their outline), then sloppy: past 1/16 only merging
    // parts removes triangles.
    std::vector<std::uint32_t> scratch;
    for (const Step step : {Step{4, false}, Step{16, true}, Step{64, true}}) {
        std::vector<std::vector<std::uint32_t>> levelOf(groups.size());
        std::vector<float> errorOf(groups.size(), 0.0f);
        std::size_t total = 0;
        float error = out.levels.back().error; // errors only grow with coarser levels
        for (std::size_t gi = 0; gi < groups.size(); ++gi) {
            Group& g = groups[gi];
            const std::size_t target =
                std::max<std::size_t>(3, g.indices.size() / step.divisor / 3 * 3);
            scratch.resize(std::max(g.indices.size(), g.previous.size()));
            float relative = 0.0f;
            std::size_t n = 0;
            if (g.indices.size() >= 3 * 32) // a few triangles are kept as they are
                n = step.sloppy
                        ? meshopt_simplifySloppy(scratch.data(), g.indices.data(), g.indices.size(),
                                                 g.positions.data(), g.vertices.size(),
                                                 3 * sizeof(float), target, 1.0f, &relative)
                        : meshopt_simplify(scratch.data(), g.previous.data(), g.previous.size(),
                                           g.positions.data(), g.vertices.size(), 3 * sizeof(float),
                                           target, 0.05f, 0, &relative);
            if (n == 0 || n >= g.previous.size()) { // no coarser: the group's last level again
                levelOf[gi] = g.previous;
                errorOf[gi] = g.previousError;
            } else {
                levelOf[gi].assign(scratch.begin(), scratch.begin() + std::ptrdiff_t(n));
                errorOf[gi] = std::max(relative * g.scale, g.previousError);
            }
            total += levelOf[gi].size();
            error = std::max(error, errorOf[gi]);
        }
        if (total == 0 || total * 2 > out.levels.back().indexCount)
            continue;
        out.levels.push_back({std::uint32_t(out.indices.size()), std::uint32_t(total), error});
        for (std::size_t gi = 0; gi < groups.size(); ++gi) {
            for (const std::uint32_t v : levelOf[gi])
                out.indices.push_back(groups[gi].vertices[v]);
            groups[gi].previous = std::move(levelOf[gi]);
            groups[gi].previousError = errorOf[gi];
        }
    }
    // While the camera moves, colours may merge: parts of different colours simplified
    // together (the whole cell at once), fewer triangles than any level above.
    if (groups.size() > 1) {
        const float scale = meshopt_simplifyScale(positions, vertexCount, strideBytes);
        std::vector<std::uint32_t> level(indices.size());
        // Their errors grow among themselves; they may lie closer than the coarsest level of
        // each colour (fewer triangles and less error: what a moving camera wants).
        float mergedError = 0.0f;
        for (const std::size_t divisor : {16, 64}) {
            const std::size_t target = std::max<std::size_t>(3, indices.size() / divisor / 3 * 3);
            float relative = 0.0f;
            const std::size_t n =
                meshopt_simplifySloppy(level.data(), indices.data(), indices.size(), positions,
                                       vertexCount, strideBytes, target, 1.0f, &relative);
            // Kept where it draws fewer triangles than the level before: it may come after a
            // per-colour level that is coarser in shape and still no fewer triangles.
            if (n == 0 || n >= out.levels.back().indexCount)
                continue;
            mergedError = std::max(relative * scale, mergedError);
            out.levels.push_back(
                {std::uint32_t(out.indices.size()), std::uint32_t(n), mergedError, true});
            out.indices.insert(out.indices.end(), level.begin(), level.begin() + std::ptrdiff_t(n));
        }
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
                float maxPixelError, bool mergedColours)
{
    int chosen = 0;
    for (std::size_t i = 1; i < levels.size(); ++i)
        if (levels[i].error * pixelsPerMetreAtCell <= maxPixelError &&
            (mergedColours || !levels[i].mergesColours))
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
    // Triangles and points drawn at `maxPixelError`.
    const auto count = [&](float maxPixelError) {
        out.triangles = out.points = 0;
        for (std::size_t c = 0; c < cells.size(); ++c) {
            if (out.level[c] < 0)
                continue;
            // Still, no level that merges colours: full detail keeps every part's colour.
            out.level[c] = policy.levelOfDetail && maxPixelError > 0.0f
                               ? chooseLevel(levels[c], scale[c], maxPixelError, policy.moving)
                               : 0;
            const std::size_t indices = levels[c][std::size_t(out.level[c])].indexCount;
            if (primitives[c] == Primitive::Triangles)
                out.triangles += indices / 3;
            else if (primitives[c] == Primitive::Points)
                out.points += indices;
        }
        return out.triangles + out.points;
    };
    float error = policy.moving ? policy.movingPixelError : policy.stillPixelError;
    std::size_t drawn = count(error);
    // Moving, the frame rate counts more than the error: allow more until the budget holds (a
    // point costs a software renderer about what a small triangle does).
    for (int i = 0;
         policy.levelOfDetail && policy.moving && i < 16 && drawn > policy.movingTriangleBudget;
         ++i) {
        error = std::max(error, 0.5f) * 2.0f;
        drawn = count(error);
    }
    out.pixelsPerMetre = std::move(scale);
    for (std::size_t c = 0; c < cells.size(); ++c)
        if (out.level[c] >= 0) {
            ++out.cellsDrawn;
            out.mergedColours =
                out.mergedColours || levels[c][std::size_t(out.level[c])].mergesColours;
            out.maxPixelError =
                std::max(out.maxPixelError,
                         levels[c][std::size_t(out.level[c])].error * out.pixelsPerMetre[c]);
        }
    return out;
}

} // namespace takt::render
