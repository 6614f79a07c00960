#include "app/live_commands.h"

#include "app/command_line.h"
#include "app/command_table.h"
#include "twin/error.h"
#include "twin/live/live_commands.h"

#include <atomic>
#include <charconv>
#include <cmath>
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

/// The broker options both verbs share; the password comes from the environment only.
twin::live::BrokerSettings brokerSettings(const CommandLine& line)
{
    twin::live::BrokerSettings b;
    b.url = line.text("broker");
    if (line.has("client-id"))
        b.clientId = line.text("client-id");
    if (line.has("user"))
        b.username = line.text("user");
    if (line.has("ca"))
        b.caFile = line.text("ca");
    // The password never appears on a command line (ps shows it): it comes from the environment.
    if (const char* pw = std::getenv("TAKT_MQTT_PASSWORD"))
        b.password = pw;
    return b;
}

} // namespace

int runRecord(const CommandLine& line)
{
    twin::live::RecordOptions o;
    try {
        o.broker = brokerSettings(line);
        o.format = parseFormat(line.text("format"));
        if (line.has("plant"))
            o.plant = line.text("plant");
        o.out = line.text("out");
        if (line.has("duration"))
            o.duration = parseDuration(line.text("duration"));
        o.sparkplugRebirth = line.has("rebirth");
    } catch (const UsageError& e) {
        std::cerr << "takt record: " << e.text << "\n";
        return kExitUsage;
    }
    installStopHandlers();
    try {
        const auto r = twin::live::recordLive(o, g_stop, std::cerr);
        std::cout << o.out.string() << ": recording " << r.recordingId << ", "
                  << r.stats.rawCommitted << " messages, " << r.stats.eventsCommitted
                  << " events\n";
        return kExitOk;
    } catch (const std::exception& e) {
        std::cerr << "takt record: " << e.what() << "\n";
        return kExitFailure;
    }
}

int runPublish(const CommandLine& line)
{
    twin::live::PublishOptions o;
    try {
        o.broker = brokerSettings(line);
        o.format = parseFormat(line.text("format"));
        o.session = line.text("SESSION.takt");
        const std::string speed = line.text("speed");
        if (speed == "max") {
            o.speed = 0.0;
        } else {
            char* end = nullptr;
            o.speed = std::strtod(speed.c_str(), &end);
            if (end == speed.c_str() || *end || !std::isfinite(o.speed) || o.speed <= 0)
                throw UsageError{"--speed must be a positive number or max, not '" + speed + "'"};
        }
        if (line.has("recording"))
            o.recordingId = line.integer("recording");
        if (line.has("producer"))
            o.producer = line.text("producer");
        o.shiftToNow = !line.has("keep-times");
    } catch (const UsageError& e) {
        std::cerr << "takt publish: " << e.text << "\n";
        return kExitUsage;
    }
    installStopHandlers();
    try {
        const auto r = twin::live::publishSession(o, g_stop, std::cerr);
        std::cout << o.session.string() << ": " << r.messages << " messages published as '"
                  << r.producer << "', " << r.acknowledged << " acknowledged\n";
        return r.acknowledged == r.messages ? kExitOk : kExitFailure;
    } catch (const std::exception& e) {
        std::cerr << "takt publish: " << e.what() << "\n";
        return kExitFailure;
    }
}

} // namespace takt::app
