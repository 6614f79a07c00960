#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace takt::twin {
enum class CommandStatus;
}

namespace takt::app {

/// Exit codes of the `takt` executable: the one set, used by every verb and by the GUI.
enum ExitCode : int {
    kExitOk = 0,
    kExitFailure = 1, ///< The command ran and failed (bad file, import error, ...).
    kExitUsage = 2,   ///< The command line is wrong, or a value does not fit the file given.
    kExitBlank = 3,   ///< --screenshot / --first-frame: the 3D view stayed blank.
};

/// The hidden verb that runs the isolated importer's helper process (render::runImportHelper):
/// render starts `takt kImportHelperVerb IN OUT MEMORY_MB` as runCommandLine tells it.
inline constexpr char kImportHelperVerb[] = "__import-helper";

/// The exit code of a twin command's outcome.
int exitCodeOf(twin::CommandStatus status);

/// The upper bound of an Integer option that takes any 64-bit value.
inline constexpr double kInt64Max = 9223372036854775807.0;

/// Image and window sizes (--size WxH) accepted by every verb, in pixels.
inline constexpr int kMinWidth = 320, kMinHeight = 240;
inline constexpr int kMaxWidth = 7680, kMaxHeight = 4320;

/// What kind of value an option takes; the parser checks it before any verb runs.
enum class ValueKind {
    Flag,    ///< No value.
    Text,    ///< Any word (a path).
    Integer, ///< A whole number in [min, max].
    Real,    ///< A finite number in [min, max].
    Size,    ///< WxH within kMinWidth x kMinHeight .. kMaxWidth x kMaxHeight.
    Time,    ///< twin::parseTimeArgument: ISO 8601 or an offset HH:MM:SS[.fff].
    Choice,  ///< One of `choices`.
};

/// One `--name VALUE` option of a verb.
struct OptionSpec {
    std::string name;      ///< Without the dashes: "at" is --at.
    std::string valueName; ///< "T", "WxH"; empty for a flag.
    std::string help;      ///< One line for `takt --help` and `takt VERB --help`.
    ValueKind kind = ValueKind::Text;
    std::string defaultText; ///< The value used when the option is absent; empty when none.
    bool required = false;
    double min = 0, max = 0;          ///< Integer and Real.
    std::vector<std::string> choices; ///< Choice.
    bool repeated = false; ///< May be given several times; CommandLine::words() has them all.

    /// Builders, so that the table reads as one line per property set.
    OptionSpec byDefault(std::string text) &&;
    OptionSpec range(double low, double high) &&;
    OptionSpec oneOf(std::vector<std::string> values) &&;
    OptionSpec mandatory() &&;
    OptionSpec many() &&;
};

/// An option of `kind` (a Flag when `valueName` is empty and kind is not given).
OptionSpec option(std::string name, std::string valueName, ValueKind kind, std::string help);
/// A flag (no value).
OptionSpec flag(std::string name, std::string help);

/// One positional argument of a verb.
struct ArgumentSpec {
    std::string name; ///< As shown: "SESSION.takt".
    std::string help;
    bool required = true;
    bool repeated = false; ///< Takes every remaining word (the last argument only).
};

/// A positional argument.
ArgumentSpec argument(std::string name, std::string help, bool required = true);

class CommandLine;

/// Runs a verb from its parsed command line; returns the exit code (ExitCode).
using VerbRunner = int (*)(const CommandLine&);

/// A verb of `takt` (simulate, kpi, ...) or, with an empty name, the GUI.
struct VerbSpec {
    std::string name;                 ///< "" for the GUI (no verb).
    std::vector<std::string> summary; ///< Lines under the synopsis in `takt --help`.
    std::vector<ArgumentSpec> arguments;
    std::vector<OptionSpec> options;
    VerbRunner run = nullptr;
    bool hidden = false;            ///< Not in `takt --help` (the import helper's own process).
    std::vector<std::string> notes; ///< Paragraph lines at the end of `takt VERB --help`.

    const OptionSpec* option(std::string_view optionName) const;
    const ArgumentSpec* argument(std::string_view argumentName) const;
};

/// Every verb of `takt`, the GUI first: the one place where verbs, their arguments, options,
/// defaults and help are declared. Adding a verb is one entry here plus its runner.
const std::vector<VerbSpec>& commandTable();
/// The verb called `name` (hidden ones included); nullptr when there is none.
const VerbSpec* findVerb(std::string_view name);

} // namespace takt::app
