#pragma once

#include <string>
#include <vector>

namespace takt::app {

/// Exit codes of the `takt` executable.
enum ExitCode : int {
    kExitOk = 0,
    kExitFailure = 1, ///< The command ran and failed (bad file, import error, ...).
    kExitUsage = 2,   ///< The command line is wrong.
};

/// True when `args` (argv without the program name) names a headless subcommand.
bool isHeadlessCommand(const std::vector<std::string>& args);

/// Runs a headless subcommand (import-check, simulate, kpi, the hidden import helper, --help,
/// --version). Errors go to stderr in one line; returns the exit code.
int runHeadless(int argc, char** argv);

/// Usage text for --help.
std::string usage();

} // namespace takt::app
