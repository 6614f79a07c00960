// libFuzzer target: the reader of the import helper's reply (render/flat_scene.*, what
// render/isolated_importer.cpp reads back from the helper process). Any input is a scene or a
// takt::twin::Error; a scene that reads is internally consistent and survives a write/read.

#include "render/flat_scene.h"
#include "twin/error.h"

#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace takt::render;
    std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
    FlatScene scene;
    try {
        scene = readFlatScene(in);
    } catch (const takt::twin::Error&) {
        return 0;
    }
    for (const auto& m : scene.meshes)
        for (const auto i : m.indices)
            if (i >= m.vertexCount())
                std::abort();
    (void)scene.bounds();
    (void)scene.triangleCount();
    std::ostringstream out;
    writeFlatScene(out, scene);
    std::istringstream back(out.str());
    const FlatScene again = readFlatScene(back);
    if (again.meshes.size() != scene.meshes.size() || again.nodes.size() != scene.nodes.size())
        std::abort();
    return 0;
}
