#include "twin/compare_format.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ostream>

namespace takt::twin {
namespace {

nlohmann::json number(double v)
{
    return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json();
}

nlohmann::json pairJson(const KpiPair& p)
{
    return {{"a", number(p.a)}, {"b", number(p.b)}, {"delta", number(p.delta())}};
}

nlohmann::json rankJson(int rank)
{
    return rank > 0 ? nlohmann::json(rank) : nlohmann::json();
}

nlohmann::json sideJson(const CompareSide& s)
{
    const RecordingInfo& rec = s.recording;
    return {{"session", s.session},
            {"recording",
             {{"id", rec.id},
              {"kind", std::string(toString(rec.kind))},
              {"name", rec.name},
              {"start", formatIsoTime(rec.startMs)},
              {"end", rec.endMs ? nlohmann::json(formatIsoTime(*rec.endMs)) : nlohmann::json()},
              {"complete", rec.endMs.has_value()}}},
            {"from", formatIsoTime(s.kpi.from)},
            {"to", formatIsoTime(s.kpi.to)}};
}

std::string fmt(const char* format, double v)
{
    if (!std::isfinite(v))
        return "-";
    char buf[64];
    std::snprintf(buf, sizeof buf, format, v);
    return buf;
}

std::string pad(std::string s, std::size_t width, bool right = true)
{
    if (s.size() >= width)
        return s;
    return right ? std::string(width - s.size(), ' ') + s : s + std::string(width - s.size(), ' ');
}

/// A difference in percentage points, "+0.0" rather than "-0.0" for what rounds to nothing.
std::string points(double delta)
{
    const double pp = delta * 100.0;
    return fmt("%+.1f", std::fabs(pp) < 0.05 ? 0.0 : pp);
}

/// A value as the table shows it: shares in %, their differences in percentage points.
std::string shown(double v, KpiUnit unit, bool delta)
{
    switch (unit) {
    case KpiUnit::Count:
        return fmt(delta ? "%+.0f" : "%.0f", v);
    case KpiUnit::PerHour:
    case KpiUnit::Seconds:
        return fmt(delta ? "%+.2f" : "%.2f", v);
    case KpiUnit::Share:
        return delta ? points(v) + " pp" : fmt("%.1f", v * 100.0) + " %";
    }
    return "-";
}

std::string rankText(int rank)
{
    return rank > 0 ? "#" + std::to_string(rank) : "-";
}

} // namespace

std::string formatOffsetHmsFraction(TimeMs offsetMs)
{
    const bool negative = offsetMs < 0;
    const TimeMs t = negative ? -offsetMs : offsetMs;
    char buf[48];
    std::snprintf(buf, sizeof buf, "%s%02lld:%02lld:%02lld", negative ? "-" : "",
                  static_cast<long long>(t / 3600000), static_cast<long long>(t / 60000 % 60),
                  static_cast<long long>(t / 1000 % 60));
    std::string s = buf;
    if (t % 1000 != 0) {
        std::snprintf(buf, sizeof buf, ".%03lld", static_cast<long long>(t % 1000));
        s += buf;
    }
    return s;
}

nlohmann::json comparisonToJson(const Comparison& c)
{
    using nlohmann::json;
    json j;
    j["format"] = "takt-compare";
    j["version"] = 1;
    j["plant"] = c.plantId;
    j["window"] = {{"from_offset", formatOffsetHmsFraction(c.fromOffsetMs)},
                   {"to_offset", formatOffsetHmsFraction(c.toOffsetMs)},
                   {"from_offset_ms", c.fromOffsetMs},
                   {"to_offset_ms", c.toOffsetMs},
                   {"hours", double(c.toOffsetMs - c.fromOffsetMs) / 3600000.0}};
    j["a"] = sideJson(c.a);
    j["b"] = sideJson(c.b);
    json line = json::object();
    for (const auto& row : lineRows(c))
        line[row.key] = pairJson(row.value);
    j["line"] = line;
    const auto idOf = [&c](int rank, bool sideB) -> json {
        for (const auto& s : c.stations)
            if ((sideB ? s.rankB : s.rankA) == rank)
                return s.id;
        return json();
    };
    json rankA = json::array(), rankB = json::array();
    for (const auto* s : c.ranking(false))
        rankA.push_back(s->id);
    for (const auto* s : c.ranking(true))
        rankB.push_back(s->id);
    j["bottleneck"] = {{"average", {{"a", idOf(1, false)}, {"b", idOf(1, true)}}},
                       {"ranking", {{"a", rankA}, {"b", rankB}}},
                       {"method", "active period (Roser, Nakano & Tanaka 2001/2002)"}};
    json stations = json::array();
    for (const auto& s : c.stations) {
        json shares = json::object();
        for (const StationState st : kStationStates)
            shares[std::string(toString(st))] = pairJson(s.share[std::size_t(st)]);
        stations.push_back(
            {{"id", s.id},
             {"has_states", s.hasStates},
             {"state_shares", shares},
             {"parts_out", pairJson(s.partsOut)},
             {"mean_active_s", pairJson(s.meanActiveS)},
             {"bottleneck_rank", {{"a", rankJson(s.rankA)}, {"b", rankJson(s.rankB)}}}});
    }
    j["stations"] = stations;
    j["warnings"] = c.warnings;
    return j;
}

void printComparisonTable(std::ostream& out, const Comparison& c)
{
    const auto side = [&](const char* name, const CompareSide& s) {
        out << name << "  " << s.session << " recording " << s.recording.id << " \""
            << s.recording.name << "\" (" << toString(s.recording.kind) << "), "
            << formatIsoTime(s.kpi.from) << " .. " << formatIsoTime(s.kpi.to) << "\n";
    };
    out << "Comparing two recordings of " << c.plantId << " over shift offsets "
        << formatOffsetHmsFraction(c.fromOffsetMs) << " .. "
        << formatOffsetHmsFraction(c.toOffsetMs) << " ("
        << fmt("%.2f", double(c.toOffsetMs - c.fromOffsetMs) / 3600000.0) << " h)\n";
    side("A", c.a);
    side("B", c.b);
    out << "\n"
        << pad("Line", 26, false) << pad("A", 11) << pad("B", 11) << pad("B - A", 12) << "\n";
    for (const auto& row : lineRows(c))
        out << pad(row.label, 26, false) << pad(shown(row.value.a, row.unit, false), 11)
            << pad(shown(row.value.b, row.unit, false), 11)
            << pad(shown(row.value.delta(), row.unit, true), 12) << "\n";

    const auto ra = c.ranking(false);
    const auto rb = c.ranking(true);
    out << "\nBottleneck ranking (active period method; mean active period, s)\n"
        << pad("#", 4) << "  " << pad("A", 24, false) << pad("B", 24, false) << "\n";
    for (std::size_t i = 0; i < std::max(ra.size(), rb.size()) && i < 10; ++i) {
        const auto cell = [](const StationComparison* s, bool b) {
            return s ? s->id + " " + fmt("%.1f", b ? s->meanActiveS.b : s->meanActiveS.a) : "";
        };
        out << pad(std::to_string(i + 1), 4) << "  "
            << pad(cell(i < ra.size() ? ra[i] : nullptr, false), 24, false)
            << pad(cell(i < rb.size() ? rb[i] : nullptr, true), 24, false) << "\n";
    }

    out << "\nState shares, B - A in percentage points (A % in brackets)\n"
        << pad("Station", 14, false) << pad("working", 15) << pad("starved", 15)
        << pad("blocked", 15) << pad("down", 15) << pad("setup", 15) << pad("rank A", 8)
        << pad("rank B", 8) << "\n";
    for (const auto& s : c.stations) {
        if (!s.hasStates)
            continue;
        out << pad(s.id, 14, false);
        for (const StationState st :
             {StationState::Working, StationState::Starved, StationState::Blocked,
              StationState::Down, StationState::Setup}) {
            const KpiPair& p = s.share[std::size_t(st)];
            out << pad(points(p.delta()) + " (" + fmt("%.1f", p.a * 100.0) + ")", 15);
        }
        out << pad(rankText(s.rankA), 8) << pad(rankText(s.rankB), 8) << "\n";
    }
    for (const auto& w : c.warnings)
        out << "warning: " << w << "\n";
}

} // namespace takt::twin
