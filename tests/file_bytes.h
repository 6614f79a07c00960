#pragma once
// Whole-file byte helpers for tests that damage files and check them unchanged.

#include <fstream>
#include <sstream>
#include <string>

namespace takt::testing {

/// The bytes of `file` ("" when it cannot be read).
inline std::string readAll(const std::string& file)
{
    std::ifstream in(file, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

/// Replaces the contents of `file` with `bytes`.
inline void writeAll(const std::string& file, const std::string& bytes)
{
    std::ofstream(file, std::ios::binary | std::ios::trunc) << bytes;
}

} // namespace takt::testing
