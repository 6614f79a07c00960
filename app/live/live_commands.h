#pragma once

namespace takt::app {

class CommandLine;

/// `takt record --broker URL --out SESSION.takt [--plant PLANT.json] [--duration D] ...` (see
/// the command table). SIGINT/SIGTERM end the recording cleanly. Returns the exit code.
int runRecord(const CommandLine& line);
/// `takt publish SESSION.takt --broker URL [--speed X|max] [--format json|sparkplug] ...`.
int runPublish(const CommandLine& line);

} // namespace takt::app
