#pragma once

#include <string>
#include <vector>

namespace takt::app {

/// `takt record --broker URL --plant PLANT.json --out SESSION.takt [--duration D] ...`; see
/// usage(). SIGINT/SIGTERM end the recording cleanly. Returns the exit code.
int runRecord(const std::vector<std::string>& args);
/// `takt publish SESSION.takt --broker URL [--speed X] [--format json|sparkplug] ...`.
int runPublish(const std::vector<std::string>& args);

} // namespace takt::app
