#include "render/scene_batches.h"

#include "render/station_binding.h"

#include <algorithm>
#include <limits>
#include <map>

namespace takt::render {

std::vector<Batch> buildBatches(const FlatScene& scene, const StationBinding* binding)
{
    // A batch is capped so that a 32-bit index and one GPU buffer stay comfortable.
    constexpr std::size_t kMaxBatchVertices = 4'000'000;

    // First pass: assign meshes to batches and size them, so that the copy below allocates once.
    struct Sizing {
        std::size_t vertices = 0, indices = 0;
    };
    std::map<std::pair<int, int>, std::size_t> open; // (station, material) -> batch index
    std::vector<Batch> batches;
    std::vector<Sizing> sizes;
    std::vector<std::size_t> batchOfMesh(scene.meshes.size());
    for (std::size_t i = 0; i < scene.meshes.size(); ++i) {
        const FlatMesh& m = scene.meshes[i];
        const int station = binding ? binding->stationOfMesh(scene, i) : -1;
        const auto key = std::make_pair(station, m.material);
        auto it = open.find(key);
        if (it == open.end() || sizes[it->second].vertices + m.vertexCount() > kMaxBatchVertices) {
            batches.push_back({station, m.material, {}, {}});
            sizes.emplace_back();
            it = open.insert_or_assign(key, batches.size() - 1).first;
        }
        batchOfMesh[i] = it->second;
        sizes[it->second].vertices += m.vertexCount();
        sizes[it->second].indices += m.indices.size();
    }
    constexpr float inf = std::numeric_limits<float>::infinity();
    for (std::size_t b = 0; b < batches.size(); ++b) {
        batches[b].vertices.reserve(sizes[b].vertices * 6);
        batches[b].indices.reserve(sizes[b].indices);
        batches[b].min = {inf, inf, inf};
        batches[b].max = {-inf, -inf, -inf};
    }

    for (std::size_t i = 0; i < scene.meshes.size(); ++i) {
        const FlatMesh& m = scene.meshes[i];
        Batch& b = batches[batchOfMesh[i]];
        const auto base = static_cast<std::uint32_t>(b.vertices.size() / 6);
        const float* p = m.positions.data();
        const float* n = m.normals.data();
        for (std::size_t v = 0, count = m.vertexCount(); v < count; ++v, p += 3, n += 3) {
            b.vertices.insert(b.vertices.end(), p, p + 3);
            b.vertices.insert(b.vertices.end(), n, n + 3);
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

} // namespace takt::render
