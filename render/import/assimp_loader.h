#pragma once

#include "render/flat_scene.h"

#include <string>

namespace takt::render {

/// Imports a CAD layout with Assimp and flattens it (world-space triangles, node names, base
/// colours). Runs Assimp in the calling process: use it only inside the import helper process,
/// never in the GUI (Debian's Assimp 5.2.5 crashes or hangs on some malformed files).
/// Throws takt::twin::Error with a one-line reason (unsupported format, malformed, empty).
/// `freeAssimpScene` false: Assimp's own copy of the scene is left allocated on success (the
/// helper process, which exits right after writing the result, saves freeing it face by face).
FlatScene loadWithAssimp(const std::string& path, bool freeAssimpScene = true);

/// What the import helper reads `path` with: STEP with Open CASCADE (loadWithOpenCascade()),
/// plain glTF binary with readPlainGlbFile(), the rest (and glTF binary outside the plain form)
/// with loadWithAssimp(). The same rules of use and errors as loadWithAssimp().
FlatScene loadLayout(const std::string& path);

} // namespace takt::render
