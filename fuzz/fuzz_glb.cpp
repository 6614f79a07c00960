// libFuzzer target: Takt's reader for plain glTF binary (render/import/glb_reader.h), which the
// import helper runs on whatever file it is given. Any input is a scene, nullopt (left to
// Assimp) or a takt::twin::Error; a scene that reads indexes only vertices it has.

#include "render/glb_reader.h"
#include "twin/error.h"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace takt::render;
    try {
        const auto scene = readPlainGlb(data, size);
        if (!scene)
            return 0;
        for (const auto& m : scene->meshes) {
            if (m.node < 0 || std::size_t(m.node) >= scene->nodes.size() || m.material < 0 ||
                std::size_t(m.material) >= scene->materials.size() ||
                m.normals.size() != m.positions.size() ||
                (!m.colors.empty() && m.colors.size() != m.positions.size()))
                std::abort();
            for (const auto i : m.indices)
                if (i >= m.vertexCount())
                    std::abort();
        }
    } catch (const takt::twin::Error&) {
    }
    return 0;
}
