#pragma once

namespace takt::app {

/// Starts the GUI: parses the GUI options, opens the file given (the sample plant when none)
/// and runs the event loop. Returns the exit code.
int runGui(int argc, char** argv);

/// Path of the sample plant manifest: $TAKT_SAMPLE_DIR, the installed share folder, or the
/// source tree this program was built from.
const char* samplePlantPath();

} // namespace takt::app
