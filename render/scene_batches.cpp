#include "render/scene_batches.h"

#include "render/station_binding.h"

#include <map>

namespace takt::render {

std::vector<Batch> buildBatches(const FlatScene& scene, const StationBinding* binding)
{
    // A batch is capped so that a 32-bit index and one GPU buffer stay comfortable.
    constexpr std::size_t kMaxBatchVertices = 4'000'000;
    std::map<std::pair<int, int>, std::size_t> open; // (station, material) -> batch index
    std::vector<Batch> batches;
    for (std::size_t i = 0; i < scene.meshes.size(); ++i) {
        const FlatMesh& m = scene.meshes[i];
        const int station = binding ? binding->stationOfMesh(scene, i) : -1;
        const auto key = std::make_pair(station, m.material);
        auto it = open.find(key);
        if (it == open.end() ||
            batches[it->second].vertices.size() / 6 + m.vertexCount() > kMaxBatchVertices) {
            batches.push_back({station, m.material, {}, {}});
            it = open.insert_or_assign(key, batches.size() - 1).first;
        }
        Batch& b = batches[it->second];
        const auto base = static_cast<std::uint32_t>(b.vertices.size() / 6);
        b.vertices.reserve(b.vertices.size() + m.vertexCount() * 6);
        for (std::size_t v = 0; v < m.vertexCount(); ++v) {
            b.vertices.insert(b.vertices.end(), m.positions.begin() + 3 * v,
                              m.positions.begin() + 3 * v + 3);
            b.vertices.insert(b.vertices.end(), m.normals.begin() + 3 * v,
                              m.normals.begin() + 3 * v + 3);
        }
        for (auto idx : m.indices)
            b.indices.push_back(base + idx);
    }
    return batches;
}

} // namespace takt::render
