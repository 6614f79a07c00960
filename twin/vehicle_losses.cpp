#include "twin/vehicle_losses.h"

#include "twin/events.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ostream>
#include <map>
#include <unordered_map>
#include <unordered_set>

namespace takt::twin {

VehicleLossReport computeVehicleLosses(const RecordingData& data, const KpiReport& kpis)
{
    VehicleLossReport r;
    const auto& plant = data.plant();
    r.taktS = kpis.taktS;
    r.startMs = data.startMs();
    r.plannedS = kpis.plannedS;
    r.units = kpis.units;
    r.goodUnits = kpis.goodUnits;
    if (r.taktS <= 0 || kpis.to <= kpis.from)
        return r;
    const double taktMs = r.taktS * 1000.0;
    r.targetVehicles = r.plannedS / r.taktS;
    r.shortfallVehicles = r.targetVehicles - double(r.goodUnits);
    r.startupVehicles = kpis.startupLossS / r.taktS;

    // Line output time per stoppage, keyed as the KPI attribution names them.
    std::map<std::pair<int, TimeMs>, TimeMs> lineStop;
    for (const auto& slice : kpis.lineStops)
        lineStop[{slice.station, slice.stoppageSince}] += slice.ms;

    // Every down and setup run inside the window, one loss each.
    for (std::size_t i = 0; i < plant.stations.size(); ++i) {
        const auto& c = data.states(int(i));
        if (c.t.empty())
            continue;
        std::map<TimeMs, VehicleLoss> runs;
        data.forEachStateInterval(
            int(i), kpis.from, kpis.to, [&](StationState s, TimeMs a, TimeMs b) {
                if (s != StationState::Down && s != StationState::Setup)
                    return;
                const auto k = lastAtOrBefore(c.t, a);
                const TimeMs since = k >= 0 ? c.since[std::size_t(k)] : a;
                auto& loss = runs[since];
                loss.kind = s == StationState::Down ? LossKind::Down : LossKind::Setup;
                loss.station = int(i);
                loss.at = since;
                loss.durationMs += b - a;
            });
        for (auto& [since, loss] : runs) {
            const auto it = lineStop.find({int(i), since});
            const TimeMs ms = it == lineStop.end() ? 0 : it->second;
            loss.lineStopS = double(ms) / 1000.0;
            loss.vehicles = double(ms) / taktMs;
            (loss.kind == LossKind::Down ? r.downVehicles : r.setupVehicles) += loss.vehicles;
            r.losses.push_back(loss);
        }
    }

    // Each unit that left the line with a fail result (not a good unit) costs one vehicle, given
    // to the checkpoint where it first failed (computeKpis counts fails before `to`).
    std::unordered_map<std::int64_t, std::pair<int, TimeMs>> firstFail;
    for (std::size_t q = 0; q < plant.checkpoints.size(); ++q) {
        const auto& col = data.quality(int(q));
        for (std::size_t i = 0; i < col.t.size() && col.t[i] < kpis.to; ++i) {
            if (col.result[i] != QualityResult::Fail)
                continue;
            auto [it, fresh] = firstFail.try_emplace(col.part[i], int(q), col.t[i]);
            if (!fresh && col.t[i] < it->second.second)
                it->second = {int(q), col.t[i]};
        }
    }
    for (int e : data.lineEnds()) {
        const auto& pc = data.parts(e);
        const auto a = std::size_t(std::lower_bound(pc.leaveT.begin(), pc.leaveT.end(), kpis.from) -
                                   pc.leaveT.begin());
        for (std::size_t i = a; i < pc.leaveT.size() && pc.leaveT[i] < kpis.to; ++i) {
            const auto it = firstFail.find(pc.leavePart[i]);
            if (it == firstFail.end())
                continue;
            VehicleLoss loss;
            loss.kind = LossKind::Quality;
            loss.checkpoint = it->second.first;
            loss.station =
                plant.stationIndex(plant.checkpoints[std::size_t(loss.checkpoint)].station);
            loss.part = pc.leavePart[i];
            loss.at = it->second.second;
            loss.vehicles = 1.0;
            r.qualityVehicles += 1.0;
            r.losses.push_back(loss);
        }
    }

    r.unattributedVehicles = r.shortfallVehicles - r.downVehicles - r.setupVehicles -
                             r.qualityVehicles - r.startupVehicles;
    std::stable_sort(r.losses.begin(), r.losses.end(),
                     [](const VehicleLoss& x, const VehicleLoss& y) {
                         return x.vehicles != y.vehicles ? x.vehicles > y.vehicles : x.at < y.at;
                     });
    return r;
}

std::vector<VehicleLoss> lossesOf(const VehicleLossReport& report, int station)
{
    std::vector<VehicleLoss> out;
    for (const auto& loss : report.losses)
        if (loss.station == station)
            out.push_back(loss);
    return out;
}

const char* lossKindName(LossKind kind)
{
    switch (kind) {
    case LossKind::Down:
        return "down";
    case LossKind::Setup:
        return "setup";
    case LossKind::Quality:
        return "quality";
    }
    return "?";
}

std::string describeLoss(const VehicleLoss& loss, const Plant& plant, TimeMs startMs)
{
    const auto offset = std::max<TimeMs>(0, loss.at - startMs) / 60'000;
    char when[32];
    std::snprintf(when, sizeof when, "%02lld:%02lld", static_cast<long long>(offset / 60),
                  static_cast<long long>(offset % 60));
    const std::string station =
        loss.station >= 0 ? plant.stations[std::size_t(loss.station)].id : std::string("?");
    char text[160];
    if (loss.kind == LossKind::Quality)
        std::snprintf(text, sizeof text, "unit %lld failed at %s (%s) at %s — 1 vehicle",
                      static_cast<long long>(loss.part),
                      plant.checkpoints[std::size_t(loss.checkpoint)].id.c_str(), station.c_str(),
                      when);
    else
        std::snprintf(text, sizeof text, "%s %s %.1f min at %s — %.1f vehicles", station.c_str(),
                      lossKindName(loss.kind), double(loss.durationMs) / 60'000.0, when,
                      loss.vehicles);
    return text;
}

nlohmann::json vehicleLossesToJson(const VehicleLossReport& r, const Plant& plant)
{
    nlohmann::json losses = nlohmann::json::array();
    for (const auto& l : r.losses) {
        nlohmann::json j = {{"kind", lossKindName(l.kind)},
                            {"station", plant.stations[std::size_t(l.station)].id},
                            {"at", formatIsoTime(l.at)},
                            {"vehicles", l.vehicles}};
        if (l.kind == LossKind::Quality) {
            j["checkpoint"] = plant.checkpoints[std::size_t(l.checkpoint)].id;
            j["part"] = l.part;
        } else {
            j["duration_s"] = double(l.durationMs) / 1000.0;
            j["line_stop_s"] = l.lineStopS;
        }
        losses.push_back(std::move(j));
    }
    return {{"target", r.targetVehicles},       {"good_units", r.goodUnits},
            {"shortfall", r.shortfallVehicles}, {"down", r.downVehicles},
            {"setup", r.setupVehicles},         {"quality", r.qualityVehicles},
            {"startup", r.startupVehicles},     {"unattributed", r.unattributedVehicles},
            {"losses", std::move(losses)}};
}

void printVehicleLosses(std::ostream& out, const VehicleLossReport& r, const Plant& plant)
{
    char line[256];
    std::snprintf(line, sizeof line,
                  "\nVehicles     target %.1f (planned %.0f s / takt %g s), good %lld: shortfall "
                  "%.1f\n             = down %.1f + setup %.1f + quality %.0f + start-up %.1f + "
                  "unattributed %.1f\n",
                  r.targetVehicles, r.plannedS, r.taktS, static_cast<long long>(r.goodUnits),
                  r.shortfallVehicles, r.downVehicles, r.setupVehicles, r.qualityVehicles,
                  r.startupVehicles, r.unattributedVehicles);
    out << line;
    std::size_t shown = 0;
    for (const auto& l : r.losses) {
        if (shown == 10 || l.vehicles <= 0)
            break;
        out << "  " << describeLoss(l, plant, r.startMs) << "\n";
        ++shown;
    }
}

} // namespace takt::twin
