#pragma once

#include <optional>

namespace takt::app {

class MainWindow;

/// Ends the GUI process once its event loop has returned, with exit status `code`.
///
/// Every Takt object of the window is destroyed first, as on any quit: session files are
/// closed (their WAL checkpointed, no -wal or -shm left), a live recording is ended, import
/// helpers are stopped and settings written. Only Qt 3D's scene is left to the end of the
/// process: Qt 3D removes a deleted scene node by node, each removal scanning the removals
/// queued before it (QAspectManager::removeNodes), so tearing down a plant of 3,000 stations
/// took minutes (issue 14). The 3D windows are taken out of the widget tree, the window is
/// destroyed, output is flushed and the process exits without running Qt's own teardown.
/// Call it on the GUI thread, in place of returning from the function that owns `window`.
[[noreturn]] void closeWindowAndExit(std::optional<MainWindow>& window, int code);

} // namespace takt::app
