#include "render/scene_batches.h"

#include "render/station_binding.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <thread>
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
    constexpr float inf = std::numeric_limits<float>::infinity();
    using Box = std::array<std::array<float, 3>, 2>;

    // First pass: each mesh's box, batch and place in it, so that the copy below allocates once
    // and meshes can be copied in any order.
    const auto origin = scene.bounds()[0];
    std::vector<Box> boxOf(scene.meshes.size());
    for (std::size_t i = 0; i < scene.meshes.size(); ++i) {
        const FlatMesh& m = scene.meshes[i];
        Box& box = boxOf[i];
        box = {{{inf, inf, inf}, {-inf, -inf, -inf}}};
        for (std::size_t v = 0; v + 2 < m.positions.size(); v += 3)
            for (std::size_t a = 0; a < 3; ++a) {
                box[0][a] = std::min(box[0][a], m.positions[v + a]);
                box[1][a] = std::max(box[1][a], m.positions[v + a]);
            }
    }
    const auto cellOf = [&](std::size_t mesh) -> std::int64_t {
        if (cellSize <= 0.0f || scene.meshes[mesh].positions.empty())
            return 0;
        std::int64_t key = 0;
        for (std::size_t a = 0; a < 3; ++a) {
            const float c = (boxOf[mesh][0][a] + boxOf[mesh][1][a]) * 0.5f - origin[a];
            key = key * 4096 + std::clamp<std::int64_t>(std::int64_t(c / cellSize), 0, 4095);
        }
        return key + 1;
    };
    struct Place {
        std::size_t batch = 0, vertex = 0, index = 0; ///< Where the mesh's first ones go.
    };
    // station, primitive, cell -> batch index
    std::map<std::tuple<int, Primitive, std::int64_t>, std::size_t> open;
    std::vector<Batch> batches;
    std::vector<Place> sizes; // per batch: vertices and indices so far
    std::vector<Place> placeOf(scene.meshes.size());
    for (std::size_t i = 0; i < scene.meshes.size(); ++i) {
        const FlatMesh& m = scene.meshes[i];
        const int station = binding ? binding->stationOfMesh(scene, i) : -1;
        const std::tuple key{station, m.primitive, cellOf(i)};
        auto it = open.find(key);
        if (it == open.end() || sizes[it->second].vertex + m.vertexCount() > kMaxBatchVertices) {
            Batch batch;
            batch.station = station;
            batch.cell = std::get<2>(key);
            batch.primitive = m.primitive;
            batch.min = {inf, inf, inf};
            batch.max = {-inf, -inf, -inf};
            batches.push_back(std::move(batch));
            sizes.push_back({batches.size() - 1, 0, 0});
            it = open.insert_or_assign(key, batches.size() - 1).first;
        }
        Place& size = sizes[it->second];
        placeOf[i] = size;
        size.vertex += m.vertexCount();
        size.index += m.indices.size();
        Batch& b = batches[it->second];
        for (std::size_t a = 0; a < 3; ++a) {
            b.min[a] = std::min(b.min[a], boxOf[i][0][a]);
            b.max[a] = std::max(b.max[a], boxOf[i][1][a]);
        }
    }
    std::vector<float*> vertexData(batches.size());
    std::vector<std::uint32_t*> indexData(batches.size());
    for (std::size_t b = 0; b < batches.size(); ++b) {
        batches[b].vertexBytes = QByteArray(
            qsizetype(sizes[b].vertex * kBatchVertexFloats * sizeof(float)), Qt::Uninitialized);
        batches[b].indexBytes =
            QByteArray(qsizetype(sizes[b].index * sizeof(std::uint32_t)), Qt::Uninitialized);
        vertexData[b] = reinterpret_cast<float*>(batches[b].vertexBytes.data());
        indexData[b] = reinterpret_cast<std::uint32_t*>(batches[b].indexBytes.data());
    }

    std::vector<float> colours(scene.materials.size());
    for (std::size_t i = 0; i < scene.materials.size(); ++i)
        colours[i] = packColour(scene.materials[i].color);
    const auto copyMeshes = [&](std::size_t first, std::size_t last) {
        for (std::size_t i = first; i < last; ++i) {
            const FlatMesh& m = scene.meshes[i];
            const Place& at = placeOf[i];
            float* out = vertexData[at.batch] + at.vertex * kBatchVertexFloats;
            const float colour = colours[static_cast<std::size_t>(m.material)];
            const float* p = m.positions.data();
            const float* n = m.normals.data();
            const bool perVertex = m.colors.size() == m.positions.size();
            for (std::size_t v = 0, count = m.vertexCount(); v < count; ++v, p += 3, n += 3) {
                std::copy_n(p, 3, out);
                std::copy_n(n, 3, out + 3);
                out[6] = perVertex ? packColour({m.colors[3 * v], m.colors[3 * v + 1],
                                                 m.colors[3 * v + 2], 1.0f})
                                   : colour;
                out += kBatchVertexFloats;
            }
            std::uint32_t* index = indexData[at.batch] + at.index;
            const auto base = static_cast<std::uint32_t>(at.vertex);
            for (const auto idx : m.indices)
                *index++ = base + idx;
        }
    };
    // Large layouts copy hundreds of megabytes (and fault in as much fresh memory): a few
    // threads, each a run of meshes.
    const std::size_t threads =
        scene.meshes.size() < 64
            ? 1
            : std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, 4);
    std::vector<std::thread> workers;
    for (std::size_t t = 1; t < threads; ++t)
        workers.emplace_back(copyMeshes, scene.meshes.size() * t / threads,
                             scene.meshes.size() * (t + 1) / threads);
    copyMeshes(0, scene.meshes.size() / threads);
    for (std::thread& w : workers)
        w.join();
    return batches;
}

std::array<std::uint8_t, 3> batchVertexColour(const Batch& batch, std::size_t vertex)
{
    const auto packed = std::uint32_t(batch.vertices()[vertex * kBatchVertexFloats + 6]);
    return {std::uint8_t(packed & 0xFF), std::uint8_t((packed >> 8) & 0xFF),
            std::uint8_t(packed >> 16)};
}

} // namespace takt::render
