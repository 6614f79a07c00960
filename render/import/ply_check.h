#pragma once

#include <optional>
#include <string>

namespace takt::render {

/// Checks a PLY file's header and size before Assimp reads it: Debian's Assimp 5.2.5 loops for
/// ever on a PLY whose header is cut short or damaged, or whose body holds fewer elements than
/// the header declares (issue 14: truncated and overwritten PLY files hung the import helper
/// until its timeout). The header must be complete (`end_header` within 64 KiB) with known
/// formats and property types; an ASCII body must hold at least one line per declared element,
/// a binary body at least the bytes of its fixed-size properties. Returns the problem as one
/// line, or nothing. Any thread; never throws (except std::bad_alloc).
std::optional<std::string> plyProblem(const std::string& path);

} // namespace takt::render
