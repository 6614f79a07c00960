#pragma once

#include "app/command_table.h"

#include <string>

namespace takt::app {

// The help texts, generated from the command table (command_table.h): `takt --help`,
// `takt VERB --help` and the words the parser's messages use for a verb and an option.

/// "takt kpi SESSION.takt [--recording ID] [--from T] [--to T] [--json]".
std::string synopsis(const VerbSpec& verb);
/// The text of `takt --help`: every visible verb with its synopsis, the GUI's options, times and
/// exit codes. README.md's "Command line" block is this text (a test holds it to it).
std::string helpText();
/// The text of `takt VERB --help` (`takt --help` for the GUI's own options: see helpText()).
std::string verbHelp(const VerbSpec& verb);
/// The values `option` accepts, in words: "from 0.1 to 3600", "from 320x240 to 7680x4320",
/// "utilisation, downtime or defects"; empty for text, times and flags.
std::string rangeText(const OptionSpec& option);
/// One line naming the exit codes, as the help texts end.
std::string exitCodesLine();

} // namespace takt::app
