#include "render/scene_batches.h"

#include "render/station_binding.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <tuple>

namespace takt::render {
namespace {

std::uint32_t byteOf(float channel)
{
    return std::uint32_t(std::lround(std::clamp(channel, 0.f, 1.f) * 255.f));
}

/// A material's colour as one float (see kBatchVertexFloats).
float packColour(const std::array<float, 4>& c)
{
    return float(byteOf(c[0]) + 256u * byteOf(c[1]) + 65536u * byteOf(c[2]));
}

} // namespace

float cellSizeFor(const FlatScene& scene, int cellsAcross)
{
    const auto box = scene.bounds();
    const float side = std::max(box[1][0] - box[0][0], box[1][2] - box[0][2]);
    return side > 0.0f && cellsAcross > 0 ? side / float(cellsAcross) : 0.0f;
}

std::vector<Batch> buildBatches(const FlatScene& scene, const StationBinding* binding,
                                float cellSize)
{
    // A batch is capped so that a 32-bit index and one GPU buffer stay comfortable.
    constexpr std::size_t kMaxBatchVertices = 4'000'000;

    // First pass: assign meshes to batches and size them, so that the copy below allocates once.
    struct Sizing {
        std::size_t vertices = 0, indices = 0;
    };
    // station, primitive, cell -> batch index
    std::map<std::tuple<int, Primitive, std::int64_t>, std::size_t> open;
    const auto origin = scene.bounds()[0];
    const auto cellOf = [&](const FlatMesh& m) -> std::int64_t {
        if (cellSize <= 0.0f || m.positions.empty())
            return 0;
        std::array<float, 3> lo{m.positions[0], m.positions[1], m.positions[2]}, hi = lo;
        for (std::size_t i = 0; i + 2 < m.positions.size(); i += 3)
            for (int a = 0; a < 3; ++a) {
                lo[a] = std::min(lo[a], m.positions[i + std::size_t(a)]);
                hi[a] = std::max(hi[a], m.positions[i + std::size_t(a)]);
            }
        std::int64_t key = 0;
        for (int a = 0; a < 3; ++a) {
            const float c = (lo[a] + hi[a]) * 0.5f - origin[a];
            key = key * 4096 + std::clamp<std::int64_t>(std::int64_t(c / cellSize), 0, 4095);
        }
        return key + 1;
    };
    std::vector<Batch> batches;
    std::vector<Sizing> sizes;
    std::vector<std::size_t> batchOfMesh(scene.meshes.size());
    for (std::size_t i = 0; i < scene.meshes.size(); ++i) {
        const FlatMesh& m = scene.meshes[i];
        const int station = binding ? binding->stationOfMesh(scene, i) : -1;
        const std::int64_t cell = cellOf(m);
        const std::tuple key{station, m.primitive, cell};
        auto it = open.find(key);
        if (it == open.end() || sizes[it->second].vertices + m.vertexCount() > kMaxBatchVertices) {
            Batch batch;
            batch.station = station;
            batch.cell = cell;
            batch.primitive = m.primitive;
            batches.push_back(std::move(batch));
            sizes.emplace_back();
            it = open.insert_or_assign(key, batches.size() - 1).first;
        }
        batchOfMesh[i] = it->second;
        sizes[it->second].vertices += m.vertexCount();
        sizes[it->second].indices += m.indices.size();
    }
    constexpr float inf = std::numeric_limits<float>::infinity();
    for (std::size_t b = 0; b < batches.size(); ++b) {
        batches[b].vertices.reserve(sizes[b].vertices * kBatchVertexFloats);
        batches[b].indices.reserve(sizes[b].indices);
        batches[b].min = {inf, inf, inf};
        batches[b].max = {-inf, -inf, -inf};
    }

    std::vector<float> colours(scene.materials.size());
    for (std::size_t i = 0; i < scene.materials.size(); ++i)
        colours[i] = packColour(scene.materials[i].color);
    for (std::size_t i = 0; i < scene.meshes.size(); ++i) {
        const FlatMesh& m = scene.meshes[i];
        Batch& b = batches[batchOfMesh[i]];
        const auto base = static_cast<std::uint32_t>(b.vertices.size() / kBatchVertexFloats);
        const float colour = colours[static_cast<std::size_t>(m.material)];
        const float* p = m.positions.data();
        const float* n = m.normals.data();
        const bool perVertex = m.colors.size() == m.positions.size();
        for (std::size_t v = 0, count = m.vertexCount(); v < count; ++v, p += 3, n += 3) {
            b.vertices.insert(b.vertices.end(), p, p + 3);
            b.vertices.insert(b.vertices.end(), n, n + 3);
            b.vertices.push_back(perVertex ? packColour({m.colors[3 * v], m.colors[3 * v + 1],
                                                         m.colors[3 * v + 2], 1.0f})
                                           : colour);
            for (int a = 0; a < 3; ++a) {
                b.min[a] = std::min(b.min[a], p[a]);
                b.max[a] = std::max(b.max[a], p[a]);
            }
        }
        for (auto idx : m.indices)
            b.indices.push_back(base + idx);
    }
    return batches;
}

std::array<std::uint8_t, 3> batchVertexColour(const Batch& batch, std::size_t vertex)
{
    const auto packed = std::uint32_t(batch.vertices[vertex * kBatchVertexFloats + 6]);
    return {std::uint8_t(packed & 0xFF), std::uint8_t((packed >> 8) & 0xFF),
            std::uint8_t(packed >> 16)};
}

} // namespace takt::render
