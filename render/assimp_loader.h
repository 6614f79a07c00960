#pragma once

#include "render/flat_scene.h"

#include <string>
#include <vector>

namespace takt::render {

/// Imports a CAD layout with Assimp and flattens it (world-space triangles, node names, base
/// colours). Runs Assimp in the calling process: use it only inside the import helper process,
/// never in the GUI (Debian's Assimp 5.2.5 crashes or hangs on some malformed files).
/// Throws takt::twin::Error with a one-line reason (unsupported format, malformed, empty).
FlatScene loadWithAssimp(const std::string& path);

/// Entry point of the import helper process: `takt __import-helper IN OUT [MEMORY_MB]`.
/// Sets its own address-space limit, imports IN (STEP through Open CASCADE, step_loader.h; the
/// rest through Assimp) and writes the flat scene to OUT.
/// Exit codes: 0 ok, 2 could not import (reason on stderr), 3 out of memory, 64 usage.
int runImportHelper(const std::vector<std::string>& args);

} // namespace takt::render
