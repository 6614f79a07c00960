#include "twin/kpi_format.h"

#include "twin/session_store.h"

#include <cmath>
#include <cstdio>
#include <algorithm>
#include <ostream>
#include <vector>

namespace takt::twin {
namespace {

nlohmann::json number(double v)
{
    return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json();
}

nlohmann::json oeeJson(const Oee& o)
{
    return {{"availability", number(o.availability)},
            {"performance", number(o.performance)},
            {"quality", number(o.quality)},
            {"oee", number(o.oee)}};
}

nlohmann::json processingJson(const DurationStats& d)
{
    return {{"samples", d.samples}, {"mean_s", number(d.meanS)}, {"p95_s", number(d.p95S)}};
}

nlohmann::json interdepartureJson(const DurationStats& d)
{
    return {{"samples", d.samples},
            {"mean_s", number(d.meanS)},
            {"median_s", number(d.medianS)},
            {"p95_s", number(d.p95S)}};
}

std::string fmt(const char* format, double v)
{
    if (!std::isfinite(v))
        return "-";
    char buf[64];
    std::snprintf(buf, sizeof buf, format, v);
    return buf;
}

std::string pct(double share)
{
    return fmt("%.1f", share * 100.0);
}

std::string pad(std::string s, std::size_t width, bool right = true)
{
    if (s.size() >= width)
        return s;
    return right ? std::string(width - s.size(), ' ') + s : s + std::string(width - s.size(), ' ');
}

} // namespace

nlohmann::json kpiToJson(const KpiReport& r, const Plant& plant, const RecordingInfo& rec)
{
    using nlohmann::json;
    json j;
    j["format"] = "takt-kpi";
    j["version"] = 2;
    j["plant"] = plant.id;
    j["recording"] = {{"id", rec.id},
                      {"kind", std::string(toString(rec.kind))},
                      {"name", rec.name},
                      {"start", formatIsoTime(rec.startMs)},
                      // No end: the recording was interrupted (or a live one is still growing).
                      {"end", rec.endMs ? json(formatIsoTime(*rec.endMs)) : json()},
                      {"complete", rec.endMs.has_value()}};
    j["window"] = {{"from", formatIsoTime(r.from)},
                   {"to", formatIsoTime(r.to)},
                   {"from_ms", r.from},
                   {"to_ms", r.to},
                   {"hours", r.hours}};
    j["takt_s"] = r.taktS;
    j["throughput"] = {{"units", r.units},
                       {"good_units", r.goodUnits},
                       {"per_hour", number(r.throughputPerHour)},
                       {"target_per_hour", number(r.targetPerHour)}};
    j["line_interdeparture_time"] = interdepartureJson(r.lineInterdeparture);
    j["oee"] = oeeJson(r.oee);
    json losses = json::array();
    if (r.startupLossS > 0)
        losses.push_back({{"cause", "start-up"}, {"s", r.startupLossS}});
    for (const auto& s : r.stations)
        if (s.lineStopS > 0)
            losses.push_back({{"cause", s.id}, {"s", s.lineStopS}});
    j["oee"]["planned_s"] = r.plannedS;
    j["oee"]["ideal_cycle_s"] = r.idealCycleS;
    j["oee"]["startup_s"] = r.startupLossS;
    j["oee"]["availability_losses"] = losses;
    json cps = json::array();
    for (const auto& c : r.checkpoints)
        cps.push_back({{"id", c.id},
                       {"parts", c.parts},
                       {"first_pass", c.firstPass},
                       {"fpy", number(c.fpy)},
                       {"fails", c.fails},
                       {"reworks", c.reworks}});
    j["first_pass_yield"] = {
        {"overall", number(r.fpyOverall)}, {"rolled", number(r.rolledYield)}, {"checkpoints", cps}};
    json stations = json::array();
    for (const auto& s : r.stations) {
        json shares = json::object();
        for (int k = 0; k < kStationStateCount; ++k)
            shares[std::string(toString(StationState(k)))] = s.stateShare[std::size_t(k)];
        json st{{"id", s.id},
                {"kind", std::string(toString(plant.stations[std::size_t(s.station)].kind))},
                {"has_states", s.hasStates},
                {"state_shares", shares},
                {"utilisation", s.utilisation},
                {"parts_out", s.partsOut},
                {"processing_time", processingJson(s.processing)},
                {"interdeparture_time", interdepartureJson(s.interdeparture)},
                {"oee", s.hasStates ? oeeJson(s.oee) : json()},
                {"line_stop_s", s.lineStopS}};
        if (const auto* b = r.bottleneck.station(s.station))
            st["bottleneck"] = {{"active_periods", b->activePeriods},
                                {"mean_active_s", b->meanActiveS},
                                {"sole_share", b->soleShare},
                                {"shifting_share", b->shiftingShare}};
        stations.push_back(st);
    }
    j["stations"] = stations;
    json buffers = json::array();
    for (const auto& b : r.buffers)
        buffers.push_back({{"id", b.id},
                           {"capacity", b.capacity},
                           {"average_wip", b.averageWip},
                           {"average_fill", b.averageFill}});
    j["buffers"] = buffers;
    json byCode = json::array(), byConfig = json::array();
    for (const auto& d : r.defectsByCode)
        byCode.push_back({{"code", d.key}, {"count", d.count}});
    for (const auto& d : r.defectsByConfig)
        byConfig.push_back({{"config", d.config}, {"name", d.key}, {"count", d.count}});
    j["defects"] = {{"by_code", byCode}, {"by_configuration", byConfig}};
    const int avg = r.bottleneck.averageBottleneck;
    j["bottleneck"] = {{"average", avg >= 0 ? json(plant.stations[std::size_t(avg)].id) : json()},
                       {"method", "active period (Roser, Nakano & Tanaka 2001/2002)"}};
    j["warnings"] = r.warnings;
    return j;
}

void printKpiTable(std::ostream& out, const KpiReport& r, const Plant& plant,
                   const RecordingInfo& rec)
{
    out << "Recording " << rec.id << " \"" << rec.name << "\" (" << toString(rec.kind)
        << (rec.endMs ? "" : ", interrupted: no end recorded") << ") of " << plant.id << "\n";
    out << "Window       " << formatIsoTime(r.from) << " .. " << formatIsoTime(r.to) << " ("
        << fmt("%.2f", r.hours) << " h)\n";
    out << "Throughput   " << fmt("%.1f", r.throughputPerHour) << " units/h, target "
        << fmt("%.1f", r.targetPerHour) << " (takt " << fmt("%g", r.taktS) << " s); units "
        << r.units << ", good " << r.goodUnits << "\n";
    out << "Line end     interdeparture time mean " << fmt("%.1f", r.lineInterdeparture.meanS)
        << " s, median " << fmt("%.1f", r.lineInterdeparture.medianS) << " s, p95 "
        << fmt("%.1f", r.lineInterdeparture.p95S) << " s (takt " << fmt("%g", r.taktS) << " s)\n";
    out << "OEE          " << pct(r.oee.oee) << " % = availability " << pct(r.oee.availability)
        << " % x performance " << pct(r.oee.performance) << " % x quality " << pct(r.oee.quality)
        << " %\n";
    out << "             planned " << fmt("%.0f", r.plannedS) << " s, ideal cycle "
        << fmt("%g", r.idealCycleS) << " s; line stopped by";
    {
        std::vector<std::pair<double, std::string>> losses;
        if (r.startupLossS > 0)
            losses.push_back({r.startupLossS, "start-up"});
        for (const auto& s : r.stations)
            if (s.lineStopS > 0)
                losses.push_back({s.lineStopS, s.id});
        std::stable_sort(losses.begin(), losses.end(),
                         [](const auto& a, const auto& b) { return a.first > b.first; });
        for (std::size_t i = 0; i < losses.size() && i < 5; ++i)
            out << (i ? ", " : " ") << losses[i].second << " " << fmt("%.0f", losses[i].first)
                << " s";
        if (losses.empty())
            out << " nothing";
        else if (losses.size() > 5)
            out << ", ... (" << losses.size() - 5 << " more)";
        out << "\n";
    }
    out << "FPY          overall " << pct(r.fpyOverall) << " %, rolled " << pct(r.rolledYield)
        << " %\n";
    const int avg = r.bottleneck.averageBottleneck;
    out << "Bottleneck   "
        << (avg >= 0 ? plant.stations[std::size_t(avg)].id + " (mean active period " +
                           fmt("%.1f", r.bottleneck.station(avg)->meanActiveS) + " s)"
                     : std::string("none (no station states)"))
        << "\n\n";

    out << pad("Station", 14, false) << pad("work%", 7) << pad("starv%", 7) << pad("block%", 7)
        << pad("down%", 7) << pad("setup%", 7) << pad("out", 6) << pad("proc s", 8) << pad("p95", 7)
        << pad("interdep s", 11) << pad("median", 8) << pad("p95", 7) << pad("OEE%", 7)
        << pad("stop s", 8) << pad("sole%", 7) << pad("shift%", 7) << "\n";
    for (const auto& s : r.stations) {
        if (!s.hasStates)
            continue;
        const auto* b = r.bottleneck.station(s.station);
        const auto share = [&](StationState st) { return pct(s.stateShare[std::size_t(st)]); };
        out << pad(s.id, 14, false) << pad(share(StationState::Working), 7)
            << pad(share(StationState::Starved), 7) << pad(share(StationState::Blocked), 7)
            << pad(share(StationState::Down), 7) << pad(share(StationState::Setup), 7)
            << pad(std::to_string(s.partsOut), 6) << pad(fmt("%.1f", s.processing.meanS), 8)
            << pad(fmt("%.1f", s.processing.p95S), 7)
            << pad(fmt("%.1f", s.interdeparture.meanS), 11)
            << pad(fmt("%.1f", s.interdeparture.medianS), 8)
            << pad(fmt("%.1f", s.interdeparture.p95S), 7) << pad(pct(s.oee.oee), 7)
            << pad(fmt("%.0f", s.lineStopS), 8) << pad(b ? pct(b->soleShare) : "-", 7)
            << pad(b ? pct(b->shiftingShare) : "-", 7) << "\n";
    }
    if (!r.buffers.empty()) {
        out << "\n"
            << pad("Buffer", 14, false) << pad("cap", 5) << pad("avg WIP", 9) << pad("fill%", 7)
            << "\n";
        for (const auto& b : r.buffers)
            out << pad(b.id, 14, false) << pad(std::to_string(b.capacity), 5)
                << pad(fmt("%.2f", b.averageWip), 9) << pad(pct(b.averageFill), 7) << "\n";
    }
    if (!r.checkpoints.empty()) {
        out << "\n"
            << pad("Checkpoint", 14, false) << pad("parts", 7) << pad("FPY%", 7) << pad("fails", 7)
            << pad("rework", 7) << "\n";
        for (const auto& c : r.checkpoints)
            out << pad(c.id, 14, false) << pad(std::to_string(c.parts), 7) << pad(pct(c.fpy), 7)
                << pad(std::to_string(c.fails), 7) << pad(std::to_string(c.reworks), 7) << "\n";
    }
    const auto pareto = [&](const char* title, const std::vector<ParetoEntry>& v) {
        if (v.empty())
            return;
        out << "\n" << title << ":";
        for (std::size_t i = 0; i < v.size() && i < 10; ++i)
            out << (i ? ", " : " ") << v[i].key << " " << v[i].count;
        if (v.size() > 10)
            out << ", ... (" << v.size() - 10 << " more)";
        out << "\n";
    };
    pareto("Defects by code", r.defectsByCode);
    pareto("Defects by configuration", r.defectsByConfig);
    for (const auto& w : r.warnings)
        out << "warning: " << w << "\n";
}

} // namespace takt::twin
