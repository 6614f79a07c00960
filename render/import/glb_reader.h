#pragma once

#include "render/flat_scene.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace takt::render {

/// Reads a glTF 2.0 binary file (.glb) that keeps to the plain form CAD exporters, scanners and
/// Takt's layout generator write, without Assimp: one buffer in the file's BIN chunk; triangles
/// with float positions and normals, points and lines (POINTS, LINES) with float positions and
/// COLOR_0 as floats or normalised bytes or shorts, indexed or not; nodes with matrices or
/// translation, rotation and scale; base-colour materials; no extension required, no sparse
/// accessor, skin, morph target, compression or index out of range. The scene is the one Assimp's
/// glTF2 importer and loadWithAssimp() make of such a file (test_glb_reader compares them): the
/// same nodes and names, meshes in the same order, the same world-space floats and colours. It is
/// read in a fraction of the time, since Assimp allocates a block for every face.
///
/// nullopt: the file is outside that form (or damaged): the caller reads it with Assimp, which
/// says what is wrong. Throws takt::twin::Error only as loadWithAssimp() would for what it
/// accepts, a node hierarchy deeper than 256 (a node its own descendant). Never reads outside
/// `data`. Any thread; run it only inside the import helper, like Assimp.
std::optional<FlatScene> readPlainGlb(const std::uint8_t* data, std::size_t size);

/// The same for a file, mapped into memory. nullopt also when it cannot be read.
std::optional<FlatScene> readPlainGlbFile(const std::string& path);

/// Whether `path` names a glTF binary file by its extension (any case).
bool isGlbPath(const std::string& path);

} // namespace takt::render
