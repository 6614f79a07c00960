#include "render/scene_ray_caster.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace takt::render {
namespace {

constexpr std::size_t kPieceTriangles = 4096;
constexpr float kInf = std::numeric_limits<float>::infinity();

/// The distance at which the ray enters the box (slab test), or infinity when it misses.
float entry(const QVector3D& o, const QVector3D& invDir, const QVector3D& lo, const QVector3D& hi)
{
    float tmin = 0.0f, tmax = kInf;
    for (int a = 0; a < 3; ++a) {
        float t1 = (lo[a] - o[a]) * invDir[a], t2 = (hi[a] - o[a]) * invDir[a];
        if (std::isnan(t1) || std::isnan(t2)) { // ray parallel to the slab, on its plane
            if (o[a] < lo[a] || o[a] > hi[a])
                return kInf;
            continue;
        }
        if (t1 > t2)
            std::swap(t1, t2);
        tmin = std::max(tmin, t1);
        tmax = std::min(tmax, t2);
        if (tmin > tmax)
            return kInf;
    }
    return tmin;
}

/// Möller–Trumbore, both faces.
float triangle(const QVector3D& o, const QVector3D& d, const QVector3D& a, const QVector3D& b,
               const QVector3D& c)
{
    const QVector3D e1 = b - a, e2 = c - a;
    const QVector3D p = QVector3D::crossProduct(d, e2);
    const float det = QVector3D::dotProduct(e1, p);
    if (std::abs(det) < 1e-12f)
        return kInf;
    const float inv = 1.0f / det;
    const QVector3D s = o - a;
    const float u = QVector3D::dotProduct(s, p) * inv;
    if (u < 0.0f || u > 1.0f)
        return kInf;
    const QVector3D q = QVector3D::crossProduct(s, e1);
    const float v = QVector3D::dotProduct(d, q) * inv;
    if (v < 0.0f || u + v > 1.0f)
        return kInf;
    const float t = QVector3D::dotProduct(e2, q) * inv;
    return t > 0.0f ? t : kInf;
}

} // namespace

SceneRayCaster::SceneRayCaster(std::shared_ptr<const FlatScene> scene) : m_scene(std::move(scene))
{
    if (!m_scene)
        return;
    for (std::size_t m = 0; m < m_scene->meshes.size(); ++m) {
        const FlatMesh& mesh = m_scene->meshes[m];
        if (mesh.primitive != Primitive::Triangles)
            continue;
        const auto& pos = mesh.positions;
        for (std::size_t first = 0; first < mesh.indices.size(); first += 3 * kPieceTriangles) {
            const std::size_t end = std::min(mesh.indices.size(), first + 3 * kPieceTriangles);
            Piece piece{m, first, end, QVector3D(kInf, kInf, kInf), QVector3D(-kInf, -kInf, -kInf)};
            for (std::size_t i = first; i < end; ++i) {
                const std::size_t v = std::size_t(mesh.indices[i]) * 3;
                if (v + 2 >= pos.size())
                    continue;
                for (int a = 0; a < 3; ++a) {
                    piece.min[a] = std::min(piece.min[a], pos[v + std::size_t(a)]);
                    piece.max[a] = std::max(piece.max[a], pos[v + std::size_t(a)]);
                }
            }
            if (piece.min.x() <= piece.max.x())
                m_pieces.push_back(piece);
        }
    }
}

std::optional<RayHit> SceneRayCaster::cast(QVector3D origin, QVector3D direction) const
{
    if (direction.lengthSquared() == 0.0f)
        return std::nullopt;
    direction.normalize();
    const QVector3D inv(1.0f / direction.x(), 1.0f / direction.y(), 1.0f / direction.z());
    std::vector<std::pair<float, std::size_t>> entered;
    for (std::size_t i = 0; i < m_pieces.size(); ++i) {
        const float t = entry(origin, inv, m_pieces[i].min, m_pieces[i].max);
        if (t < kInf)
            entered.emplace_back(t, i);
    }
    std::sort(entered.begin(), entered.end());
    std::optional<RayHit> best;
    for (const auto& [t, i] : entered) {
        if (best && t > best->distance)
            break; // every later piece starts beyond the nearest hit
        const Piece& piece = m_pieces[i];
        const FlatMesh& mesh = m_scene->meshes[piece.mesh];
        const auto vertex = [&](std::uint32_t k) {
            const std::size_t v = std::size_t(k) * 3;
            return QVector3D(mesh.positions[v], mesh.positions[v + 1], mesh.positions[v + 2]);
        };
        for (std::size_t k = piece.firstIndex; k + 2 < piece.endIndex; k += 3) {
            if (std::size_t(std::max({mesh.indices[k], mesh.indices[k + 1],
                                      mesh.indices[k + 2]})) >= mesh.vertexCount())
                continue;
            const float hit = triangle(origin, direction, vertex(mesh.indices[k]),
                                       vertex(mesh.indices[k + 1]), vertex(mesh.indices[k + 2]));
            if (hit < kInf && (!best || hit < best->distance))
                best = RayHit{hit, origin + direction * hit, piece.mesh};
        }
    }
    return best;
}

} // namespace takt::render
