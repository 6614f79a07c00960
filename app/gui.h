#pragma once

#include <QString>

namespace takt::app {

class CommandLine;

/// Starts the GUI from its parsed command line (the options of the table's GUI entry): opens
/// the file given (the sample plant when none) and runs the event loop. Returns the exit code;
/// without a display, kExitFailure and one line, before any window is made.
int runGui(const CommandLine& line);

/// What `takt` opens with no arguments: the sample's recorded shift when it was built
/// ($TAKT_SAMPLE_SHIFT, or the build tree's), else the sample plant manifest ($TAKT_SAMPLE_DIR,
/// the installed share folder, or the source tree this program was built from).
QString defaultDocumentPath();

} // namespace takt::app
