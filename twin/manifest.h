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

/// Reads and validates a plant manifest (format: docs/plant-manifest.md). The layout path in the
/// manifest is resolved against the manifest's folder and must exist.
/// Any thread. Throws ManifestError naming the file, the JSON path and the problem.
Plant loadPlantManifest(const std::filesystem::path& file);

/// Parses manifest text. `source` names it in errors; relative layout paths are resolved against
/// `baseDir`. Throws ManifestError.
Plant parsePlantManifest(const std::string& text, const std::string& source,
                         const std::filesystem::path& baseDir);

/// Writes a plant as manifest JSON (the inverse of parsePlantManifest); `layoutRef` is written
/// as the "layout" field as given.
std::string writePlantManifest(const Plant& plant, const std::string& layoutRef);

} // namespace takt::twin
