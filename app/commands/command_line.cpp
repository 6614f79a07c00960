#include "app/command_line.h"

#include "app/command_help.h"
#include "app/huge_pages.h"
#include "render/isolated_importer.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <list>
#include <sstream>

namespace takt::app {
namespace {

std::optional<std::int64_t> toInteger(const std::string& text)
{
    std::int64_t v = 0;
    const auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || p != text.data() + text.size())
        return std::nullopt;
    return v;
}

std::optional<double> toReal(const std::string& text)
{
    if (text.empty())
        return std::nullopt;
    char* end = nullptr;
    const double v = std::strtod(text.c_str(), &end);
    if (end != text.c_str() + text.size() || !std::isfinite(v))
        return std::nullopt;
    return v;
}

std::string verbTitle(const VerbSpec& verb)
{
    return verb.name.empty() ? std::string("takt") : "takt " + verb.name;
}

std::string usageError(const VerbSpec& verb, const std::string& message)
{
    return verbTitle(verb) + ": " + message + "\nusage: " + synopsis(verb) +
           (verb.name.empty() ? " [OPTIONS]  (takt --help lists them and the verbs)\n"
                              : "  (" + verbTitle(verb) + " --help)\n");
}

std::string guiHelp()
{
    return "usage:\n" + helpText() +
           "\nTimes (T) are ISO 8601 (2026-01-05T08:00:00Z) or an offset from the start of the\n"
           "recording (02:15:00). takt VERB --help gives each option's default and range.\n" +
           exitCodesLine() + "\n";
}

/// A GUI FILE that does not exist and does not look like a path is a mistyped verb.
bool looksLikeMistypedVerb(const std::string& word)
{
    return word.find_first_of("./\\") == std::string::npos && !std::filesystem::exists(word);
}

std::string verbList()
{
    std::string s;
    for (const auto& v : commandTable())
        if (!v.hidden && !v.name.empty())
            s += (s.empty() ? "" : ", ") + v.name;
    return s;
}

} // namespace

std::optional<QSize> parseImageSize(const std::string& text)
{
    const auto x = text.find('x');
    if (x == std::string::npos)
        return std::nullopt;
    const auto w = toInteger(text.substr(0, x));
    const auto h = toInteger(text.substr(x + 1));
    if (!w || !h || *w < kMinWidth || *h < kMinHeight || *w > kMaxWidth || *h > kMaxHeight)
        return std::nullopt;
    return QSize(int(*w), int(*h));
}

std::optional<std::string> valueProblem(const OptionSpec& option, const std::string& text)
{
    const std::string quoted = "\"" + text + "\"";
    switch (option.kind) {
    case ValueKind::Flag:
    case ValueKind::Text:
        return std::nullopt;
    case ValueKind::Integer: {
        const auto v = toInteger(text);
        if (v && double(*v) >= option.min && double(*v) <= option.max)
            return std::nullopt;
        return quoted + " is not a whole number " + rangeText(option);
    }
    case ValueKind::Real: {
        const auto v = toReal(text);
        if (v && *v >= option.min && *v <= option.max)
            return std::nullopt;
        return quoted + " is not a number " + rangeText(option);
    }
    case ValueKind::Size:
        if (parseImageSize(text))
            return std::nullopt;
        return quoted + " is not a size WxH " + rangeText(option) + ", for example 1280x720";
    case ValueKind::Time:
        if (twin::parseTimeArgument(text))
            return std::nullopt;
        return twin::timeArgumentProblem(text);
    case ValueKind::Choice:
        for (const auto& c : option.choices)
            if (c == text)
                return std::nullopt;
        return quoted + " is not " + rangeText(option);
    }
    return std::nullopt;
}

CommandLine::CommandLine(const VerbSpec& verb, int argc, char** argv)
    : m_verb(&verb), m_argc(argc), m_argv(argv)
{
}

bool CommandLine::has(std::string_view name) const
{
    return m_values.find(name) != m_values.end();
}

std::string CommandLine::text(std::string_view name) const
{
    if (const auto it = m_values.find(name); it != m_values.end() && !it->second.empty())
        return it->second.front();
    if (const auto* o = m_verb->option(name))
        return o->defaultText;
    return {};
}

std::vector<std::string> CommandLine::words(std::string_view name) const
{
    const auto it = m_values.find(name);
    return it == m_values.end() ? std::vector<std::string>{} : it->second;
}

double CommandLine::real(std::string_view name) const
{
    return toReal(text(name)).value_or(0.0);
}

std::int64_t CommandLine::integer(std::string_view name) const
{
    return toInteger(text(name)).value_or(0);
}

QSize CommandLine::size(std::string_view name) const
{
    return parseImageSize(text(name)).value_or(QSize());
}

std::optional<twin::TimeArgument> CommandLine::time(std::string_view name) const
{
    return has(name) ? twin::parseTimeArgument(text(name)) : std::nullopt;
}

void CommandLine::set(const std::string& name, std::vector<std::string> values)
{
    m_values[name] = std::move(values);
}

ParseOutcome parseCommandLine(int argc, char** argv)
{
    ParseOutcome outcome;
    const VerbSpec* verb = argc > 1 ? findVerb(argv[1]) : nullptr;
    const bool gui = !verb || verb->name.empty();
    if (gui)
        verb = findVerb("");
    const int first = gui ? 1 : 2; // the words CLI11 reads

    CLI::App cli{"", verbTitle(*verb)};
    cli.set_help_flag("-h,--help", "this help");
    // Targets CLI11 writes into; a list keeps their addresses.
    std::list<std::string> texts;
    std::list<std::vector<std::string>> lists;
    std::list<bool> flags;
    std::vector<std::pair<const std::string*, CLI::Option*>> given;
    std::vector<std::pair<std::string, std::vector<std::string>*>> repeated;
    std::vector<std::pair<std::string, bool*>> setFlags;
    for (const auto& a : verb->arguments) {
        if (a.repeated) {
            auto* target = &lists.emplace_back();
            cli.add_option(a.name, *target, a.help)->required(a.required);
            repeated.emplace_back(a.name, target);
        } else {
            auto* target = &texts.emplace_back();
            given.emplace_back(&a.name,
                               cli.add_option(a.name, *target, a.help)->required(a.required));
        }
    }
    std::vector<std::pair<const OptionSpec*, std::string*>> optionTargets;
    for (const auto& o : verb->options) {
        const std::string flag = "--" + o.name;
        if (o.kind == ValueKind::Flag) {
            auto* target = &flags.emplace_back(false);
            cli.add_flag(flag, *target, o.help);
            setFlags.emplace_back(o.name, target);
            continue;
        }
        if (o.repeated) {
            auto* many = &lists.emplace_back();
            cli.add_option(flag, *many, o.help)
                ->type_name(o.valueName)
                ->required(o.required)
                ->expected(1)
                ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
                ->check(CLI::Validator(
                    [&o](std::string& value) {
                        return valueProblem(o, value).value_or(std::string());
                    },
                    o.valueName));
            repeated.emplace_back(o.name, many);
            continue;
        }
        auto* target = &texts.emplace_back();
        auto* opt =
            cli.add_option(flag, *target, o.help)->type_name(o.valueName)->required(o.required);
        opt->check(CLI::Validator(
            [&o](std::string& value) { return valueProblem(o, value).value_or(std::string()); },
            o.valueName));
        given.emplace_back(&o.name, opt);
    }

    std::vector<std::string> words;
    for (int i = argc - 1; i >= first; --i) // CLI11 takes them in reverse
        words.emplace_back(argv[i]);
    // --version wins over anything else on the GUI's line, as --help does.
    const bool version =
        gui && std::find(words.begin(), words.end(), std::string("--version")) != words.end();
    try {
        cli.parse(words);
    } catch (const CLI::CallForHelp&) {
        outcome.out = gui ? guiHelp() : verbHelp(*verb);
        return outcome;
    } catch (const CLI::ParseError& e) {
        if (!version) {
            outcome.exitCode = kExitUsage;
            outcome.err = usageError(*verb, e.what());
            return outcome;
        }
    }
    if (version) {
        outcome.out = "takt " TAKT_VERSION "\n";
        return outcome;
    }

    CommandLine line(*verb, argc, argv);
    for (const auto& [name, opt] : given)
        if (opt->count() > 0)
            line.set(*name, {opt->as<std::string>()});
    for (const auto& [name, target] : repeated)
        if (!target->empty())
            line.set(name, *target);
    for (const auto& [name, target] : setFlags)
        if (*target)
            line.set(name, {});
    if (gui && line.has("FILE") && looksLikeMistypedVerb(line.text("FILE"))) {
        outcome.exitCode = kExitUsage;
        outcome.err = "takt: \"" + line.text("FILE") + "\" is neither a verb (" + verbList() +
                      ") nor a file\nusage: takt [FILE] [OPTIONS] | takt VERB ...  (takt --help)\n";
        return outcome;
    }
    outcome.line = std::move(line);
    return outcome;
}

int runCommandLine(int argc, char** argv)
{
    const ParseOutcome parsed = parseCommandLine(argc, argv);
    std::cout << parsed.out << std::flush;
    std::cerr << parsed.err << std::flush;
    if (!parsed.line)
        return parsed.exitCode;
    // The GUI opens layouts of millions of triangles: large blocks on huge pages (huge_pages.h).
    if (parsed.line->verb().name.empty())
        reexecWithHugePages(argv);
    // Layouts are imported by this same program, run with the helper's verb.
    render::IsolatedImporter::setHelperCommand(QString(), {QString::fromLatin1(kImportHelperVerb)});
    return parsed.line->verb().run(*parsed.line);
}

} // namespace takt::app
