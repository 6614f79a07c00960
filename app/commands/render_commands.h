#pragma once

#include <QString>

#include <functional>

namespace takt::app {

struct Document;
class ReplayController;

class CommandLine;
class ViewRenderer;

/// Verbs that draw the 3D view: they need an X display (Xvfb when there is none) and create
/// their own QApplication. Each reads its parsed command line (command_table.cpp declares its
/// options), writes errors to stderr in one line and returns the exit code (ExitCode).

/// `takt render FILE [--at T] --out IMAGE.png [--size WxH]`
int runRender(const CommandLine& line);
/// `takt report SESSION.takt --out REPORT.pdf`
int runReport(const CommandLine& line);
/// `takt video SESSION.takt --from T --to T [--fps N] [--speed X] [--size WxH] --out CLIP.mp4`
int runVideo(const CommandLine& line);

/// Checks for a display, then runs `body` inside a QApplication; exceptions become one line on
/// stderr ("takt VERB: ...") and an exit code.
int withRenderingApp(const CommandLine& line, const std::function<int()>& body);

/// Whether a read of the open session's samples met a damaged page: then says so on stderr in
/// one line naming the file ("takt VERB: FILE: is damaged (...); it was not modified") and the
/// caller writes nothing and exits 1 (a frame, report or clip drawn without those samples).
bool reportedDamage(const ViewRenderer& renderer, const char* verb);

/// Caption of an exported frame at the replay's position: time and plant (returned) and the
/// speed and momentary bottleneck (`right`).
QString frameCaption(const Document& doc, const ReplayController& replay, double speed,
                     QString* right);

} // namespace takt::app
