#pragma once

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <string>

namespace takt::render {

/// The extension of `path` with its dot, in lower case ("" when it has none): how the importers
/// choose a reader.
inline std::string lowerExtension(const std::string& path)
{
    std::string ext = std::filesystem::path(path).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return char(std::tolower(c)); });
    return ext;
}

} // namespace takt::render
