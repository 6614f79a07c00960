#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace takt::twin {

/// Checks, without opening it, that `file` is a regular file that can be read: not missing, not
/// a folder, a named pipe (FIFO), a device, a socket or a symbolic link loop, not empty and not
/// larger than `maxBytes` (0: no limit). Returns the problem as a few words ("is a named pipe
/// (FIFO), not a file", "is an empty file", ...) or nothing when the file is fine. Opening a FIFO
/// or a device such as /dev/zero would block or never end, so every input file passes here
/// before it is opened. Any thread; never throws.
std::optional<std::string> inputFileProblem(const std::filesystem::path& file,
                                            std::uintmax_t maxBytes = 0);

} // namespace takt::twin
