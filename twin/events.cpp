#include "twin/events.h"

#include "twin/error.h"

#include <cmath>
#include <sstream>

#include <array>
#include <chrono>
#include <cstdio>

namespace takt::twin {
namespace {

constexpr std::array<std::string_view, kStationStateCount> kStateNames{
    "working", "starved", "blocked", "down", "setup", "idle", "unknown"};
constexpr std::array<std::string_view, 3> kResultNames{"pass", "fail", "rework"};
constexpr std::array<std::string_view, 6> kKindNames{"state",   "enter",       "leave",
                                                     "quality", "measurement", "alarm"};

template <typename Enum, std::size_t N>
std::optional<Enum> lookup(const std::array<std::string_view, N>& names, std::string_view text)
{
    for (std::size_t i = 0; i < N; ++i)
        if (names[i] == text)
            return static_cast<Enum>(i);
    return std::nullopt;
}

bool digits(std::string_view s, std::size_t pos, std::size_t n, int& out)
{
    if (pos + n > s.size())
        return false;
    out = 0;
    for (std::size_t i = pos; i < pos + n; ++i) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        out = out * 10 + (s[i] - '0');
    }
    return true;
}

} // namespace

std::string_view toString(StationState s)
{
    const auto i = static_cast<std::size_t>(s);
    return i < kStateNames.size() ? kStateNames[i] : "unknown";
}
std::optional<StationState> stationStateFromString(std::string_view text)
{
    return lookup<StationState>(kStateNames, text);
}
std::string_view toString(QualityResult r)
{
    const auto i = static_cast<std::size_t>(r);
    return i < kResultNames.size() ? kResultNames[i] : "unknown";
}
std::optional<QualityResult> qualityResultFromString(std::string_view text)
{
    return lookup<QualityResult>(kResultNames, text);
}
std::string_view toString(EventKind k)
{
    return kKindNames.at(static_cast<std::size_t>(k));
}

Event Event::stateChange(TimeMs t, int station, StationState s, std::string reason)
{
    Event e;
    e.t = t;
    e.kind = EventKind::StateChange;
    e.channel = station;
    e.code = static_cast<int>(s);
    e.text = std::move(reason);
    return e;
}

Event Event::partEnter(TimeMs t, int station, std::int64_t part, std::int64_t config)
{
    Event e;
    e.t = t;
    e.kind = EventKind::PartEnter;
    e.channel = station;
    e.part = part;
    e.config = config;
    return e;
}

Event Event::partLeave(TimeMs t, int station, std::int64_t part, std::int64_t config)
{
    Event e = partEnter(t, station, part, config);
    e.kind = EventKind::PartLeave;
    return e;
}

Event Event::quality(TimeMs t, int checkpoint, std::int64_t part, std::int64_t config,
                     QualityResult r, std::string defectCode)
{
    Event e;
    e.t = t;
    e.kind = EventKind::Quality;
    e.channel = checkpoint;
    e.part = part;
    e.config = config;
    e.code = static_cast<int>(r);
    e.text = std::move(defectCode);
    return e;
}

Event Event::measurement(TimeMs t, int controlPoint, double value)
{
    Event e;
    e.t = t;
    e.kind = EventKind::Measurement;
    e.channel = controlPoint;
    e.value = value;
    return e;
}

Event Event::alarm(TimeMs t, int station, int severity, std::string message)
{
    Event e;
    e.t = t;
    e.kind = EventKind::Alarm;
    e.channel = station;
    e.code = severity;
    e.text = std::move(message);
    return e;
}

std::string formatIsoTime(TimeMs t)
{
    // Integer civil-from-days (H. Hinnant's algorithm) rather than std::chrono's year, which
    // holds +-32767 only: the largest TimeMs printed as year -6911 (issue 14 item 5).
    std::int64_t days = t / 86'400'000;
    std::int64_t msOfDay = t % 86'400'000;
    if (msOfDay < 0) {
        msOfDay += 86'400'000;
        --days;
    }
    const std::int64_t z = days + 719'468;
    const std::int64_t era = (z >= 0 ? z : z - 146'096) / 146'097;
    const std::int64_t doe = z - era * 146'097;
    const std::int64_t yoe = (doe - doe / 1460 + doe / 36'524 - doe / 146'096) / 365;
    const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const std::int64_t mp = (5 * doy + 2) / 153;
    const std::int64_t day = doy - (153 * mp + 2) / 5 + 1;
    const std::int64_t month = mp < 10 ? mp + 3 : mp - 9;
    const std::int64_t year = yoe + era * 400 + (month <= 2);
    char buf[64];
    // Years past 9999 or before 0 in ISO 8601's expanded form, with their sign.
    std::snprintf(
        buf, sizeof buf,
        year >= 0 && year <= 9999 ? "%04lld-%02lld-%02lldT%02lld:%02lld:%02lld.%03lldZ"
                                  : "%+lld-%02lld-%02lldT%02lld:%02lld:%02lld.%03lldZ",
        static_cast<long long>(year), static_cast<long long>(month), static_cast<long long>(day),
        static_cast<long long>(msOfDay / 3'600'000), static_cast<long long>(msOfDay / 60'000 % 60),
        static_cast<long long>(msOfDay / 1000 % 60), static_cast<long long>(msOfDay % 1000));
    return buf;
}

std::optional<TimeMs> parseIsoTime(std::string_view s)
{
    using namespace std::chrono;
    int y, mo, d, h, mi, sec;
    if (!digits(s, 0, 4, y) || s.size() < 19 || s[4] != '-' || !digits(s, 5, 2, mo) ||
        s[7] != '-' || !digits(s, 8, 2, d) || (s[10] != 'T' && s[10] != ' ') ||
        !digits(s, 11, 2, h) || s[13] != ':' || !digits(s, 14, 2, mi) || s[16] != ':' ||
        !digits(s, 17, 2, sec))
        return std::nullopt;
    const year_month_day ymd{year{y}, month{unsigned(mo)}, day{unsigned(d)}};
    if (!ymd.ok() || h > 23 || mi > 59 || sec > 60)
        return std::nullopt;
    std::size_t pos = 19;
    int ms = 0;
    if (pos < s.size() && s[pos] == '.') {
        ++pos;
        int scale = 100;
        std::size_t start = pos;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
            ms += (s[pos] - '0') * scale;
            scale /= 10;
            ++pos;
        }
        if (pos == start)
            return std::nullopt;
    }
    int offsetMin = 0;
    if (pos < s.size()) {
        if (s[pos] == 'Z' && pos + 1 == s.size()) {
            ++pos;
        } else if ((s[pos] == '+' || s[pos] == '-') && pos + 6 == s.size() && s[pos + 3] == ':') {
            int oh, om;
            if (!digits(s, pos + 1, 2, oh) || !digits(s, pos + 4, 2, om))
                return std::nullopt;
            offsetMin = (s[pos] == '-' ? -1 : 1) * (oh * 60 + om);
            pos += 6;
        } else {
            return std::nullopt;
        }
    }
    const auto tp = sys_days{ymd} + hours{h} + minutes{mi} + seconds{sec} + milliseconds{ms} -
                    minutes{offsetMin};
    return duration_cast<milliseconds>(tp.time_since_epoch()).count();
}

std::optional<TimeArgument> parseTimeArgument(std::string_view text)
{
    if (auto iso = parseIsoTime(text))
        return TimeArgument{std::string(text), true, *iso};
    // "HH:MM:SS[.fff]": hours may exceed 23 (a long recording), minutes and seconds may not.
    int h = 0, m = 0;
    double sec = 0;
    char c1 = 0, c2 = 0;
    std::istringstream in{std::string(text)};
    if (!(in >> h >> c1 >> m >> c2 >> sec) || c1 != ':' || c2 != ':' || h < 0 || m < 0 || m > 59 ||
        !(sec >= 0) || sec >= 60 || in.peek() != std::char_traits<char>::eof())
        return std::nullopt;
    return TimeArgument{std::string(text), false,
                        TimeMs(h) * 3600000 + TimeMs(m) * 60000 + TimeMs(std::llround(sec * 1000))};
}

std::string timeArgumentProblem(std::string_view text)
{
    return "\"" + std::string(text) + "\" is neither an offset like 02:15:00 nor an ISO 8601 time";
}

TimeMs timeInRecording(const TimeArgument& arg, std::string_view option, TimeMs start, TimeMs end)
{
    const TimeMs t = arg.resolve(start);
    if (t < start || t > end)
        throw ArgumentError(std::string(option) + " " + arg.text + " lies outside the recording (" +
                            formatIsoTime(start) + " to " + formatIsoTime(end) + ")");
    return t;
}

std::optional<TimeMs> resolveTimeArgument(std::string_view text, TimeMs recordingStart)
{
    if (const auto arg = parseTimeArgument(text))
        return arg->resolve(recordingStart);
    return std::nullopt;
}

} // namespace takt::twin
