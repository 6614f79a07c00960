#include "app/live_commands.h"

#include "twin/commands.h"
#include "twin/error.h"
#include "twin/live/live_commands.h"

#include <atomic>
#include <charconv>
#include <csignal>
#include <cstdlib>
#include <iostream>
#include <optional>

namespace takt::app {
namespace {

std::atomic<bool> g_stop{false};

extern "C" void onStopSignal(int)
{
    g_stop = true;
}

/// SIGINT/SIGTERM set g_stop instead of killing the process, so the session is closed cleanly.
void installStopHandlers()
{
    g_stop = false;
    struct sigaction sa = {};
    sa.sa_handler = onStopSignal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, nullptr);
    sigaction(SIGTERM, &sa, nullptr);
}

struct UsageError {
    std::string text;
};

/// "90", "90s", "15m", "8h" or "HH:MM:SS".
std::chrono::milliseconds parseDuration(const std::string& s)
{
    if (s.find(':') != std::string::npos) {
        int h = 0, m = 0, sec = 0;
        char tail = 0;
        if (std::sscanf(s.c_str(), "%d:%d:%d%c", &h, &m, &sec, &tail) == 3 && h >= 0 && m >= 0 &&
            sec >= 0)
            return std::chrono::seconds(h * 3600 + m * 60 + sec);
        throw UsageError{"bad --duration '" + s + "'"};
    }
    double v = 0;
    const char* end = s.data() + s.size();
    const auto [p, ec] = std::from_chars(s.data(), end, v);
    if (ec != std::errc() || v < 0)
        throw UsageError{"bad --duration '" + s + "' (90, 90s, 15m, 8h or HH:MM:SS)"};
    const std::string unit(p, end);
    double factor = 1000;
    if (unit == "m")
        factor = 60'000;
    else if (unit == "h")
        factor = 3'600'000;
    else if (!unit.empty() && unit != "s")
        throw UsageError{"bad --duration '" + s + "' (90, 90s, 15m, 8h or HH:MM:SS)"};
    return std::chrono::milliseconds(static_cast<std::int64_t>(v * factor));
}

twin::live::PayloadFormat parseFormat(const std::string& s)
{
    const auto f = twin::live::payloadFormatFromString(s);
    if (!f)
        throw UsageError{"--format must be json or sparkplug, not '" + s + "'"};
    return *f;
}

/// Options common to both verbs; true when `args[i]` was one (and consumed its value).
bool brokerOption(const std::vector<std::string>& args, std::size_t& i,
                  twin::live::BrokerSettings& b)
{
    const auto value = [&]() -> const std::string& {
        if (i + 1 >= args.size())
            throw UsageError{args[i] + " needs a value"};
        return args[++i];
    };
    const std::string& a = args[i];
    if (a == "--broker")
        b.url = value();
    else if (a == "--client-id")
        b.clientId = value();
    else if (a == "--user")
        b.username = value();
    else if (a == "--ca")
        b.caFile = value();
    else
        return false;
    return true;
}

void finishBroker(twin::live::BrokerSettings& b)
{
    if (b.url.empty())
        throw UsageError{"--broker URL is required (mqtt://HOST:PORT or mqtts://HOST:PORT)"};
    // The password never appears on a command line (ps shows it): it comes from the environment.
    if (const char* pw = std::getenv("TAKT_MQTT_PASSWORD"))
        b.password = pw;
}

} // namespace

int runRecord(const std::vector<std::string>& args)
{
    twin::live::RecordOptions o;
    try {
        for (std::size_t i = 0; i < args.size(); ++i) {
            const std::string& a = args[i];
            const auto value = [&]() -> const std::string& {
                if (i + 1 >= args.size())
                    throw UsageError{a + " needs a value"};
                return args[++i];
            };
            if (brokerOption(args, i, o.broker))
                continue;
            if (a == "--plant")
                o.plant = value();
            else if (a == "--out")
                o.out = value();
            else if (a == "--duration")
                o.duration = parseDuration(value());
            else if (a == "--format")
                o.format = parseFormat(value());
            else if (a == "--rebirth")
                o.sparkplugRebirth = true;
            else
                throw UsageError{"unknown option '" + a + "'"};
        }
        finishBroker(o.broker);
        if (o.out.empty())
            throw UsageError{"--out SESSION.takt is required"};
    } catch (const UsageError& e) {
        std::cerr << "takt record: " << e.text
                  << "\nusage: takt record --broker URL --plant PLANT.json --out SESSION.takt "
                     "[--duration D] [--format json|sparkplug]\n";
        return twin::kExitUsage;
    }
    installStopHandlers();
    try {
        const auto r = twin::live::recordLive(o, g_stop, std::cerr);
        std::cout << o.out.string() << ": recording " << r.recordingId << ", "
                  << r.stats.rawCommitted << " messages, " << r.stats.eventsCommitted
                  << " events\n";
        return twin::kExitOk;
    } catch (const std::exception& e) {
        std::cerr << "takt record: " << e.what() << "\n";
        return twin::kExitRuntimeError;
    }
}

int runPublish(const std::vector<std::string>& args)
{
    twin::live::PublishOptions o;
    try {
        for (std::size_t i = 0; i < args.size(); ++i) {
            const std::string& a = args[i];
            const auto value = [&]() -> const std::string& {
                if (i + 1 >= args.size())
                    throw UsageError{a + " needs a value"};
                return args[++i];
            };
            if (brokerOption(args, i, o.broker))
                continue;
            if (a == "--speed") {
                const std::string& v = value();
                char* end = nullptr;
                o.speed = v == "max" ? 0.0 : std::strtod(v.c_str(), &end);
                if (v != "max" && (end == v.c_str() || *end || o.speed <= 0))
                    throw UsageError{"--speed must be a positive number or max"};
            } else if (a == "--format") {
                o.format = parseFormat(value());
            } else if (a == "--recording") {
                o.recordingId = std::stoll(value());
            } else if (a == "--producer") {
                o.producer = value();
            } else if (a == "--keep-times") {
                o.shiftToNow = false;
            } else if (!a.empty() && a[0] == '-') {
                throw UsageError{"unknown option '" + a + "'"};
            } else if (o.session.empty()) {
                o.session = a;
            } else {
                throw UsageError{"more than one session file"};
            }
        }
        finishBroker(o.broker);
        if (o.session.empty())
            throw UsageError{"which SESSION.takt?"};
    } catch (const UsageError& e) {
        std::cerr << "takt publish: " << e.text
                  << "\nusage: takt publish SESSION.takt --broker URL [--speed X|max] "
                     "[--format json|sparkplug]\n";
        return twin::kExitUsage;
    } catch (const std::logic_error&) {
        std::cerr << "takt publish: --recording needs a number\n";
        return twin::kExitUsage;
    }
    installStopHandlers();
    try {
        const auto r = twin::live::publishSession(o, g_stop, std::cerr);
        std::cout << o.session.string() << ": " << r.messages << " messages published as '"
                  << r.producer << "', " << r.acknowledged << " acknowledged\n";
        return r.acknowledged == r.messages ? twin::kExitOk : twin::kExitRuntimeError;
    } catch (const std::exception& e) {
        std::cerr << "takt publish: " << e.what() << "\n";
        return twin::kExitRuntimeError;
    }
}

} // namespace takt::app
