#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <QSize>
#include <QString>

namespace takt::app {

struct Document;
class ReplayController;

/// Headless commands that draw the 3D view: they need an X display (Xvfb when there is no
/// screen) and create their own QApplication once their arguments are checked. Each takes
/// argc/argv of the program (for QApplication) and the words after the subcommand, writes
/// errors to stderr in one line and returns the exit code (0 ok, 1 failure, 2 usage).

/// `takt render FILE [--at T] --out IMAGE.png [--size WxH]`
int runRender(int argc, char** argv, const std::vector<std::string>& args);
/// `takt report SESSION.takt --out REPORT.pdf`
int runReport(int argc, char** argv, const std::vector<std::string>& args);
/// `takt video SESSION.takt --from T --to T [--fps N] [--speed X] [--size WxH] --out CLIP.mp4`
int runVideo(int argc, char** argv, const std::vector<std::string>& args);

/// Caption of an exported frame at the replay's position: time and plant (returned) and the
/// speed and momentary bottleneck (`right`).
QString frameCaption(const Document& doc, const ReplayController& replay, double speed,
                     QString* right);

/// Words after a subcommand split into positional words and `--name value` options.
struct CommandArgs {
    std::vector<std::string> positional;
    std::map<std::string, std::string> options;
    std::string error; ///< Non-empty when the words are not valid (unknown or valueless option).
    std::optional<std::string> value(const std::string& name) const;
};
/// Splits `args`; every option in `known` takes one value.
CommandArgs parseCommandArgs(const std::vector<std::string>& args,
                             const std::set<std::string>& known);
/// "1280x720" → the size; nullopt when malformed or below 320×240.
std::optional<QSize> parseImageSize(const std::string& text);

} // namespace takt::app
