#pragma once

#include "scenery.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace takt::assets {

/// What went into (or came back out of) a layout file.
struct LayoutStats {
    std::size_t nodes = 0;
    std::size_t meshes = 0;
    std::size_t triangles = 0;
    std::size_t vertices = 0;
    std::uintmax_t bytes = 0;
};

/// Builds an aiScene from the nodes (one child of the root per node, one mesh per material used
/// in it) and writes it as binary glTF ("glb2") through Assimp's exporter. Metres, Y up.
/// Throws std::runtime_error when the export fails.
LayoutStats writeLayoutGlb(const std::vector<LayoutNode>& nodes, const std::filesystem::path& file);

/// Re-imports the file with Assimp and checks that every name in `requiredNodes` is a node.
/// Returns what was read back. Throws std::runtime_error naming the first problem.
LayoutStats verifyLayoutGlb(const std::filesystem::path& file,
                            const std::vector<std::string>& requiredNodes);

} // namespace takt::assets
