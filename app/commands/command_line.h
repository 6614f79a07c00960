#pragma once

#include "app/command_table.h"
#include "twin/events.h"

#include <QSize>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace takt::app {

/// A command line parsed against one verb of the command table (command_table.h): every value
/// in it has passed its option's check, so the typed getters below only convert.
class CommandLine {
public:
    CommandLine(const VerbSpec& verb, int argc, char** argv);

    const VerbSpec& verb() const { return *m_verb; }
    /// The program's own argc/argv (for QApplication).
    int argc() const { return m_argc; }
    char** argv() const { return m_argv; }

    /// Whether the option or positional argument `name` was given (a flag: set).
    bool has(std::string_view name) const;
    /// The value given for option or argument `name`, else the option's default ("" if none).
    std::string text(std::string_view name) const;
    /// Every word given for a repeated argument.
    std::vector<std::string> words(std::string_view name) const;
    /// Typed values of Real, Integer and Size options (given or default; 0 / empty when neither).
    double real(std::string_view name) const;
    std::int64_t integer(std::string_view name) const;
    QSize size(std::string_view name) const;
    /// A Time option as given; nullopt when absent.
    std::optional<twin::TimeArgument> time(std::string_view name) const;

    /// Records a value (the parser does; tests may).
    void set(const std::string& name, std::vector<std::string> values);

private:
    const VerbSpec* m_verb;
    int m_argc;
    char** m_argv;
    std::map<std::string, std::vector<std::string>, std::less<>> m_values;
};

/// What parsing a command line came to: a verb to run, or a text to print and an exit code
/// (help, --version, a usage error).
struct ParseOutcome {
    std::optional<CommandLine> line;
    int exitCode = kExitOk;
    std::string out; ///< For stdout (help, version).
    std::string err; ///< For stderr (a usage error: one line, then the verb's synopsis).
};

/// Parses `takt ARGS...`: the first word picks the verb (none: the GUI), CLI11 reads the rest
/// against that verb's entry of the command table. Never throws (except std::bad_alloc).
ParseOutcome parseCommandLine(int argc, char** argv);

/// Parses and runs: the whole of main(). Returns the exit code.
int runCommandLine(int argc, char** argv);

/// Why `text` is not a valid value of `option` (e.g. "\"nan\" is not a number from 0.1 to
/// 3600"), or nullopt when it is.
std::optional<std::string> valueProblem(const OptionSpec& option, const std::string& text);

/// "1280x720" → the size; nullopt when malformed or outside kMinWidth..kMaxWidth x
/// kMinHeight..kMaxHeight.
std::optional<QSize> parseImageSize(const std::string& text);

} // namespace takt::app
