#pragma once

#include "twin/kpi.h"
#include "twin/recording_data.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

namespace takt::twin {

/// What a loss was.
enum class LossKind { Down, Setup, Quality };

/// One stoppage, setup or quality failure and the vehicles it cost the line against takt
/// (docs/vehicle-losses.md): what it took from the line end when it happened, less what the line
/// made up for it by producing faster than takt.
struct VehicleLoss {
    LossKind kind = LossKind::Down;
    int station = -1;       ///< The station that stopped, or the checkpoint's station.
    int checkpoint = -1;    ///< Quality failures: the checkpoint where the unit first failed.
    std::int64_t part = -1; ///< Quality failures: the unit.
    TimeMs at = 0;          ///< When the stoppage began (it may be before the window) or the fail.
    TimeMs durationMs = 0;  ///< Stoppages: the part of the down or setup run inside the window.
    double lineStopS = 0.0; ///< Stoppages: the line end's output time it cost (its lineStops).
    double lostVehicles = 0.0;      ///< lineStopS / takt, or 1 for a unit that failed.
    double recoveredVehicles = 0.0; ///< Of those, made up by the line running ahead of takt.
    double vehicles = 0.0;          ///< What it cost: lostVehicles - recoveredVehicles.
};

/// The shift's (or window's) shortfall against takt and the losses it is made of. The sum of the
/// losses plus the start-up loss plus `unattributedVehicles` equals `shortfallVehicles`.
struct VehicleLossReport {
    TimeMs startMs = 0; ///< The recording's start (losses' times are told from it).
    double taktS = 0.0;
    double plannedS = 0.0;        ///< The line's planned busy time (KpiReport::plannedS).
    double targetVehicles = 0.0;  ///< plannedS / takt.
    std::int64_t units = 0;       ///< Units that left the line.
    std::int64_t goodUnits = 0;   ///< Of those, units without a fail result.
    double shortfallVehicles = 0; ///< targetVehicles - goodUnits (negative: ahead of takt).
    double downVehicles = 0.0;    ///< Sum over the losses of each kind of what they cost.
    double setupVehicles = 0.0;
    double qualityVehicles = 0.0;
    double startupVehicles = 0.0;   ///< Line end starved while the line filled after a cold start.
    double lostVehicles = 0.0;      ///< Lost by all losses and the start-up when they happened.
    double recoveredVehicles = 0.0; ///< Of those, made up by running ahead of takt.
    /// Running slower than takt that the line did not make up (stations slower than takt,
    /// starvation longer than the stoppage behind it, the takt in progress at the window's end).
    double speedVehicles = 0.0;
    /// Vehicles the line was ahead of takt at the window's end, with no loss left to make up.
    double aheadVehicles = 0.0;
    /// What no stoppage, setup or failure explains: speedVehicles - aheadVehicles.
    double unattributedVehicles = 0.0;
    /// Every down and setup run of a station inside the window (costing nothing when the line
    /// end kept producing) and every unit that failed, most vehicles first, then by time.
    std::vector<VehicleLoss> losses;
};

/// The vehicles each stoppage, setup and quality failure of [kpis.from, kpis.to) cost the line,
/// from the line-level attribution of `kpis` (computeKpis over the same data and window), less
/// what the line made up for it by producing faster than takt (the takt ledger of
/// docs/vehicle-losses.md). Any thread (reads `data` only). Does not throw (except
/// std::bad_alloc).
VehicleLossReport computeVehicleLosses(const RecordingData& data, const KpiReport& kpis);

/// The losses of one station in a report (stoppages and the failures at its checkpoints).
std::vector<VehicleLoss> lossesOf(const VehicleLossReport& report, int station);

/// "down", "setup" or "quality".
const char* lossKindName(LossKind kind);

/// One line for a loss: "BIW070 down 15.4 min at 03:57 — 11.0 vehicles", with "(15.4 lost, 4.4
/// made up)" when the line made up part of it (times as offsets from `startMs`, hh:mm).
std::string describeLoss(const VehicleLoss& loss, const Plant& plant, TimeMs startMs);

/// The report as the "vehicle_losses" object of `takt kpi --json` (docs/kpi-json.md).
nlohmann::json vehicleLossesToJson(const VehicleLossReport& report, const Plant& plant);

/// The reconciliation and the ten costliest losses, as `takt kpi` prints them.
void printVehicleLosses(std::ostream& out, const VehicleLossReport& report, const Plant& plant);

} // namespace takt::twin
