#pragma once

#include <QString>

namespace takt::app {

/// Starts the GUI: parses the GUI options, opens the file given (the sample plant when none)
/// and runs the event loop. Returns the exit code.
int runGui(int argc, char** argv);

/// What `takt` opens with no arguments: the sample's recorded shift when it was built
/// ($TAKT_SAMPLE_SHIFT, or the build tree's), else the sample plant manifest ($TAKT_SAMPLE_DIR,
/// the installed share folder, or the source tree this program was built from).
QString defaultDocumentPath();

} // namespace takt::app
