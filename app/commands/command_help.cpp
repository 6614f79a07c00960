#include "app/command_help.h"

#include <cstdint>
#include <sstream>

namespace takt::app {
namespace {

constexpr std::size_t kHelpColumn = 33; // where descriptions start in `takt --help`
constexpr std::size_t kHelpWidth = 100; // and where they wrap

/// `lead` padded to the description column (or alone on its line when longer), then `text`
/// wrapped at kHelpWidth.
void appendEntry(std::ostringstream& out, const std::string& lead, const std::string& text)
{
    std::string line = lead;
    const auto pad = [&] {
        if (line.size() + 1 > kHelpColumn) {
            out << line << "\n";
            line.clear();
        }
        line.resize(kHelpColumn, ' ');
    };
    pad();
    std::istringstream words(text);
    std::string word;
    bool first = true;
    while (words >> word) {
        if (!first && line.size() + 1 + word.size() > kHelpWidth) {
            out << line << "\n";
            line.assign(kHelpColumn, ' ');
            first = true;
        }
        line += (first ? "" : " ") + word;
        first = false;
    }
    out << line << "\n";
}

std::string optionLead(const OptionSpec& o)
{
    return "--" + o.name + (o.valueName.empty() ? "" : " " + o.valueName);
}

std::string withDefault(const OptionSpec& o)
{
    return o.defaultText.empty() ? o.help : o.help + " (default " + o.defaultText + ")";
}

} // namespace

std::string rangeText(const OptionSpec& option)
{
    const auto bound = [&](double v) {
        if (option.kind == ValueKind::Integer)
            return v >= kInt64Max ? std::string("9223372036854775807")
                                  : std::to_string(std::int64_t(v));
        std::ostringstream s;
        s << v;
        return s.str();
    };
    switch (option.kind) {
    case ValueKind::Integer:
    case ValueKind::Real:
        return "from " + bound(option.min) + " to " + bound(option.max);
    case ValueKind::Size:
        return "from " + std::to_string(kMinWidth) + "x" + std::to_string(kMinHeight) + " to " +
               std::to_string(kMaxWidth) + "x" + std::to_string(kMaxHeight);
    case ValueKind::Choice: {
        std::string list;
        for (std::size_t i = 0; i < option.choices.size(); ++i)
            list += (i == 0                           ? ""
                     : i + 1 == option.choices.size() ? " or "
                                                      : ", ") +
                    option.choices[i];
        return list;
    }
    case ValueKind::Flag:
    case ValueKind::Text:
    case ValueKind::Time:
        return {};
    }
    return {};
}

std::string synopsis(const VerbSpec& verb)
{
    std::string s = verb.name.empty() ? "takt" : "takt " + verb.name;
    for (const auto& a : verb.arguments)
        s += " " + (a.required ? a.name : "[" + a.name + "]") + (a.repeated ? "..." : "");
    // The GUI's options are listed one per line under it.
    if (verb.name.empty())
        return s;
    for (const auto& o : verb.options)
        s += " " + (o.required ? optionLead(o) : "[" + optionLead(o) + "]") +
             (o.repeated ? "..." : "");
    return s;
}

std::string exitCodesLine()
{
    return "exit codes: 0 ok, 1 the command failed, 2 usage error, 3 the 3D view stayed blank "
           "(--screenshot)";
}

std::string helpText()
{
    std::ostringstream out;
    for (const auto& verb : commandTable()) {
        if (verb.hidden)
            continue;
        // Summaries keep the line breaks written in the table.
        for (std::size_t i = 0; i < verb.summary.size(); ++i)
            appendEntry(out, i == 0 ? synopsis(verb) : std::string(), verb.summary[i]);
        if (verb.name.empty())
            for (const auto& o : verb.options)
                if (o.name != "version")
                    appendEntry(out, "     " + optionLead(o), withDefault(o));
    }
    out << "takt --help | --version\n";
    out << "takt VERB --help                 the arguments, options and defaults of one verb\n";
    return out.str();
}

std::string verbHelp(const VerbSpec& verb)
{
    std::ostringstream out;
    out << "usage: " << synopsis(verb) << "\n";
    for (const auto& line : verb.summary)
        out << line << "\n";
    if (!verb.arguments.empty()) {
        out << "\narguments:\n";
        for (const auto& a : verb.arguments)
            appendEntry(out, "  " + a.name, a.help + (a.required ? "" : " (optional)"));
    }
    out << "\noptions:\n";
    for (const auto& o : verb.options) {
        std::string text = withDefault(o);
        if (o.kind == ValueKind::Time)
            text += "; T is ISO 8601 (2026-01-05T08:00:00Z) or an offset like 02:15:00";
        else if (const std::string range = rangeText(o); !range.empty())
            text += "; " + range;
        if (o.required)
            text += " (required)";
        appendEntry(out, "  " + optionLead(o), text);
    }
    appendEntry(out, "  -h, --help", "this help");
    if (!verb.notes.empty()) {
        out << "\n";
        for (const auto& line : verb.notes)
            out << line << "\n";
    }
    out << "\n" << exitCodesLine() << "\n";
    return out.str();
}

} // namespace takt::app
