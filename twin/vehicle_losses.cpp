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

namespace {

/// The line's running account against takt (docs/vehicle-losses.md, "Made up"). A loss is charged
/// when it happens; producing faster than takt is credited to the latest loss not yet made up
/// (the line catches up on its last stop first); with no loss left to make up the surplus is kept
/// and pays for the next losses as they happen (the line was ahead of takt).
class TaktLedger {
public:
    explicit TaktLedger(std::size_t accounts) : m_lost(accounts, 0.0), m_recovered(accounts, 0.0) {}

    void charge(std::size_t account, double v)
    {
        m_lost[account] += v;
        const double paid = std::min(m_ahead, v);
        m_ahead -= paid;
        m_recovered[account] += paid;
        if (v - paid > 0)
            m_owed.push_back({account, v - paid});
    }

    void credit(double v)
    {
        while (v > 0 && !m_owed.empty()) {
            auto& [account, owed] = m_owed.back();
            const double paid = std::min(owed, v);
            owed -= paid;
            m_recovered[account] += paid;
            v -= paid;
            if (owed <= 1e-12)
                m_owed.pop_back();
        }
        m_ahead += v;
    }

    double lost(std::size_t account) const { return m_lost[account]; }
    double recovered(std::size_t account) const { return m_recovered[account]; }
    double ahead() const { return m_ahead; }

private:
    std::vector<double> m_lost, m_recovered;
    std::vector<std::pair<std::size_t, double>> m_owed; ///< Oldest first.
    double m_ahead = 0.0;
};

constexpr std::size_t kNoAccount = std::size_t(-1);

/// A stretch of the line end's time that is not running time: a stoppage's or the start-up's
/// (charged to `account`) or unplanned (kNoAccount).
struct Stretch {
    TimeMs at = 0, ms = 0;
    std::size_t account = kNoAccount;
};

} // namespace

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

    // Every down and setup run inside the window, one loss each.
    std::map<std::pair<int, TimeMs>, std::size_t> runIndex;
    for (std::size_t i = 0; i < plant.stations.size(); ++i) {
        const auto& c = data.states(int(i));
        if (c.t.empty())
            continue;
        data.forEachStateInterval(
            int(i), kpis.from, kpis.to, [&](StationState s, TimeMs a, TimeMs b) {
                if (s != StationState::Down && s != StationState::Setup)
                    return;
                const auto k = lastAtOrBefore(c.t, a);
                const TimeMs since = k >= 0 ? c.since[std::size_t(k)] : a;
                auto [it, fresh] = runIndex.try_emplace({int(i), since}, r.losses.size());
                if (fresh) {
                    VehicleLoss loss;
                    loss.kind = s == StationState::Down ? LossKind::Down : LossKind::Setup;
                    loss.station = int(i);
                    loss.at = since;
                    r.losses.push_back(loss);
                }
                r.losses[it->second].durationMs += b - a;
            });
    }
    // The line end's stretches, each charged to the stoppage the KPIs traced it to (a stoppage
    // that ended before the window can still starve the line inside it: listed with duration 0).
    std::vector<Stretch> stretches;
    for (const auto& slice : kpis.lineStops) {
        auto [it, fresh] =
            runIndex.try_emplace({slice.station, slice.stoppageSince}, r.losses.size());
        if (fresh) {
            const auto& c = data.states(slice.station);
            const auto k = lastAtOrBefore(c.t, slice.stoppageSince);
            VehicleLoss loss;
            loss.kind = k >= 0 && c.state[std::size_t(k)] == StationState::Setup ? LossKind::Setup
                                                                                 : LossKind::Down;
            loss.station = slice.station;
            loss.at = slice.stoppageSince;
            r.losses.push_back(loss);
        }
        r.losses[it->second].lineStopS += double(slice.ms) / 1000.0;
        stretches.push_back({slice.at, slice.ms, it->second});
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
    std::vector<std::pair<TimeMs, std::size_t>> departures; // when, and the failure's loss
    for (int e : data.lineEnds()) {
        const auto& pc = data.parts(e);
        const auto a = std::size_t(std::lower_bound(pc.leaveT.begin(), pc.leaveT.end(), kpis.from) -
                                   pc.leaveT.begin());
        for (std::size_t i = a; i < pc.leaveT.size() && pc.leaveT[i] < kpis.to; ++i) {
            const auto it = firstFail.find(pc.leavePart[i]);
            if (it == firstFail.end()) {
                departures.push_back({pc.leaveT[i], kNoAccount});
                continue;
            }
            VehicleLoss loss;
            loss.kind = LossKind::Quality;
            loss.checkpoint = it->second.first;
            loss.station =
                plant.stationIndex(plant.checkpoints[std::size_t(loss.checkpoint)].station);
            loss.part = pc.leavePart[i];
            loss.at = it->second.second;
            departures.push_back({pc.leaveT[i], r.losses.size()});
            r.losses.push_back(loss);
        }
    }
    std::sort(departures.begin(), departures.end());

    // Run the ledger through the window: the stretches are charged as they begin; between two
    // departures, the running time (the rest) asks for runningTime / takt vehicles, and the unit
    // that leaves delivers one: the difference is credited (ahead of takt) or charged to speed.
    const std::size_t startup = r.losses.size(), speed = startup + 1;
    for (const auto& s : kpis.startupStretches)
        stretches.push_back({s.at, s.ms, startup});
    for (const auto& s : kpis.unplannedStretches)
        stretches.push_back({s.at, s.ms, kNoAccount});
    std::sort(stretches.begin(), stretches.end(),
              [](const Stretch& x, const Stretch& y) { return x.at < y.at; });
    TaktLedger ledger(speed + 1);
    TimeMs cursor = kpis.from, runningMs = 0;
    std::size_t next = 0;
    const auto runUntil = [&](TimeMs t) {
        for (; next < stretches.size() && stretches[next].at < t; ++next) {
            const auto& s = stretches[next];
            runningMs += std::max<TimeMs>(0, s.at - cursor);
            cursor = std::max(cursor, s.at + s.ms);
            if (s.account != kNoAccount)
                ledger.charge(s.account, double(s.ms) / taktMs);
        }
        runningMs += std::max<TimeMs>(0, t - cursor);
        cursor = std::max(cursor, t);
    };
    for (const auto& [t, failure] : departures) {
        runUntil(t);
        const double surplus = 1.0 - double(runningMs) / taktMs;
        runningMs = 0;
        if (surplus > 0)
            ledger.credit(surplus);
        else
            ledger.charge(speed, -surplus);
        if (failure != kNoAccount)
            ledger.charge(failure, 1.0);
    }
    runUntil(kpis.to);
    ledger.charge(speed, double(runningMs) / taktMs); // the takt in progress at the end

    for (std::size_t i = 0; i < r.losses.size(); ++i) {
        auto& loss = r.losses[i];
        loss.lostVehicles = ledger.lost(i);
        loss.recoveredVehicles = ledger.recovered(i);
        loss.vehicles = loss.lostVehicles - loss.recoveredVehicles;
        r.lostVehicles += loss.lostVehicles;
        r.recoveredVehicles += loss.recoveredVehicles;
        (loss.kind == LossKind::Down    ? r.downVehicles
         : loss.kind == LossKind::Setup ? r.setupVehicles
                                        : r.qualityVehicles) += loss.vehicles;
    }
    r.startupVehicles = ledger.lost(startup) - ledger.recovered(startup);
    r.lostVehicles += ledger.lost(startup);
    r.recoveredVehicles += ledger.recovered(startup);
    r.speedVehicles = ledger.lost(speed) - ledger.recovered(speed);
    r.aheadVehicles = ledger.ahead();
    r.unattributedVehicles = r.shortfallVehicles - r.downVehicles - r.setupVehicles -
                             r.qualityVehicles - r.startupVehicles;
    std::stable_sort(r.losses.begin(), r.losses.end(),
                     [](const VehicleLoss& x, const VehicleLoss& y) {
                         if (x.vehicles != y.vehicles)
                             return x.vehicles > y.vehicles;
                         if (x.lostVehicles != y.lostVehicles)
                             return x.lostVehicles > y.lostVehicles;
                         return x.at < y.at;
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
    char cost[96];
    if (loss.recoveredVehicles < 0.05)
        std::snprintf(cost, sizeof cost,
                      loss.kind == LossKind::Quality ? "%.0f vehicle" : "%.1f vehicles",
                      loss.vehicles);
    else
        std::snprintf(cost, sizeof cost, "%.1f vehicles (%.1f lost, %.1f made up)", loss.vehicles,
                      loss.lostVehicles, loss.recoveredVehicles);
    char text[240];
    if (loss.kind == LossKind::Quality)
        std::snprintf(text, sizeof text, "unit %lld failed at %s (%s) at %s — %s",
                      static_cast<long long>(loss.part),
                      plant.checkpoints[std::size_t(loss.checkpoint)].id.c_str(), station.c_str(),
                      when, cost);
    else
        std::snprintf(text, sizeof text, "%s %s %.1f min at %s — %s", station.c_str(),
                      lossKindName(loss.kind), double(loss.durationMs) / 60'000.0, when, cost);
    return text;
}

nlohmann::json vehicleLossesToJson(const VehicleLossReport& r, const Plant& plant)
{
    nlohmann::json losses = nlohmann::json::array();
    for (const auto& l : r.losses) {
        nlohmann::json j = {{"kind", lossKindName(l.kind)},
                            {"station", plant.stations[std::size_t(l.station)].id},
                            {"at", formatIsoTime(l.at)},
                            {"lost", l.lostVehicles},
                            {"made_up", l.recoveredVehicles},
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
            {"lost", r.lostVehicles},           {"made_up", r.recoveredVehicles},
            {"speed", r.speedVehicles},         {"ahead", r.aheadVehicles},
            {"losses", std::move(losses)}};
}

void printVehicleLosses(std::ostream& out, const VehicleLossReport& r, const Plant& plant)
{
    char line[256];
    std::snprintf(line, sizeof line,
                  "\nVehicles     target %.1f (planned %.0f s / takt %g s), good %lld: shortfall "
                  "%.1f\n             = down %.1f + setup %.1f + quality %.1f + start-up %.1f + "
                  "unattributed %.1f\n",
                  r.targetVehicles, r.plannedS, r.taktS, static_cast<long long>(r.goodUnits),
                  r.shortfallVehicles, r.downVehicles, r.setupVehicles, r.qualityVehicles,
                  r.startupVehicles, r.unattributedVehicles);
    out << line;
    std::snprintf(line, sizeof line,
                  "             (losses took %.1f, the line made up %.1f running ahead of takt; "
                  "unattributed = slower than takt %.1f - ahead at the end %.1f)\n",
                  r.lostVehicles, r.recoveredVehicles, r.speedVehicles, r.aheadVehicles);
    out << line;
    std::size_t shown = 0;
    for (const auto& l : r.losses) {
        if (shown == 10)
            break;
        if (l.lostVehicles <= 0)
            continue;
        out << "  " << describeLoss(l, plant, r.startMs) << "\n";
        ++shown;
    }
}

} // namespace takt::twin
