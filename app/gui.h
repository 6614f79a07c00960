#pragma once

#include <QString>

namespace takt::app {

class CommandLine;

/// Starts the GUI from its parsed command line (the options of the table's GUI entry): opens
/// the file given (the sample plant when none) and runs the event loop. Returns the exit code;
/// without a display, kExitFailure and one line, before any window is made.
int runGui(const CommandLine& line);

} // namespace takt::app
