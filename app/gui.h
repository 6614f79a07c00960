#pragma once

#include <QString>

namespace takt::app {

/// Starts the GUI: parses the GUI options, opens the file given (the sample plant when none)
/// and runs the event loop. Returns the exit code.
int runGui(int argc, char** argv);

} // namespace takt::app
