#pragma once

#include "render/flat_scene.h"

#include <string>

namespace takt::render {

/// True when `path` names a STEP file by its extension (.step, .stp, .p21; any case): those
/// go to Open CASCADE, everything else to Assimp (Debian's Assimp has no STEP reader).
bool isStepPath(const std::string& path);

/// Imports a STEP file (AP203, AP214, AP242) with Open CASCADE's XCAF reader and flattens it
/// like loadWithAssimp: every assembly and component occurrence becomes a node named after the
/// occurrence (or, when that has no name, its product), faces are tessellated with a linear
/// deflection of 1/1000 of the model's bounding-box diagonal (and 0.5 rad angular deflection),
/// colours come from the file's styles (face, occurrence, product, then the parent's), lengths
/// are converted to metres and the file's Z-up axes to the viewer's Y up.
/// Runs Open CASCADE in the calling process: only inside the import helper process, never in
/// the GUI. Throws takt::twin::Error with a one-line reason (not a STEP file, truncated,
/// malformed, no surfaces) and std::bad_alloc when the helper's memory limit is reached.
FlatScene loadWithOpenCascade(const std::string& path);

} // namespace takt::render
