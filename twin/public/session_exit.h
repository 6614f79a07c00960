#pragma once

namespace takt::twin {

/// For a process about to end without destructors (app's quick exit): closes the read-only
/// connections still open that made -wal/-shm files beside a session (a recording's measurement
/// pager, shared by copies that may outlive the window) and removes those files, so that reading
/// a session leaves nothing behind (issue 14). No session may be in use meanwhile.
void closeSessionReadersForExit();

} // namespace takt::twin
