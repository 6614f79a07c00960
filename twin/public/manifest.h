#pragma once

#include "twin/error.h"
#include "twin/plant.h"

#include <filesystem>
#include <string>
#include <vector>

namespace takt::twin {

/// One problem found in a plant manifest: where (a JSON pointer such as
/// "/stations/3/cycle_time/mean_s") and what.
struct ManifestProblem {
    std::string path;
    std::string message;
};

/// Thrown when a plant manifest cannot be read or is invalid. what() is one line:
/// "FILE: /json/path: problem" for the first problem, followed by "(and N more)" if any; all
/// problems are in problems().
class ManifestError : public Error {
public:
    ManifestError(std::string file, std::vector<ManifestProblem> problems);
    const std::string& file() const { return m_file; }
    const std::vector<ManifestProblem>& problems() const { return m_problems; }

private:
    std::string m_file;
    std::vector<ManifestProblem> m_problems;
};

/// What parsePlantManifest does with the manifest's "layout" field.
enum class LayoutPolicy {
    /// Resolved against the manifest's folder; it must exist, be a regular file and lie inside
    /// that folder (a manifest from elsewhere must not make Takt read, hash or import any file
    /// on the machine).
    InsideManifestFolder,
    /// Not looked at; Plant::layoutPath stays empty (the caller supplies the layout).
    Ignore,
};

/// Reads and validates a plant manifest (format: docs/plant-manifest.md). The layout path in the
/// manifest is resolved against the manifest's folder and must lie inside it and exist.
/// Refuses, before opening it, a file that is not a regular file (a FIFO, a folder, a device)
/// or is empty or larger than 64 MiB. Any thread. Throws ManifestError naming the file, the JSON
/// path and the problem.
Plant loadPlantManifest(const std::filesystem::path& file);

/// As above, with the layout given separately (on the command line): the manifest's own
/// "layout" is ignored and `layout` may lie anywhere; it must be a regular file.
Plant loadPlantManifest(const std::filesystem::path& file, const std::filesystem::path& layout);

/// Parses manifest text. `source` names it in errors; relative layout paths are resolved against
/// `baseDir` (the current folder when empty). Keys given twice in one object are reported.
/// Throws ManifestError.
Plant parsePlantManifest(const std::string& text, const std::string& source,
                         const std::filesystem::path& baseDir,
                         LayoutPolicy layoutPolicy = LayoutPolicy::InsideManifestFolder);

/// Writes a plant as manifest JSON (the inverse of parsePlantManifest); `layoutRef` is written
/// as the "layout" field as given.
std::string writePlantManifest(const Plant& plant, const std::string& layoutRef);

} // namespace takt::twin
