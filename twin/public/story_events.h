#pragma once

#include "twin/recording_data.h"
#include "twin/vehicle_losses.h"

#include <string>
#include <vector>

namespace takt::twin {

/// A moment of a shift story made from a recording's events rather than by the user (issue 15):
/// one of the longest stoppages, or the worst hour of a quality checkpoint.
struct EventMoment {
    enum class Kind { Stoppage, CheckpointHour };
    Kind kind = Kind::Stoppage;
    TimeMs t = 0;     ///< The stoppage's start, or the middle of the checkpoint's hour.
    int station = -1; ///< The station to show: the one that stopped, or the checkpoint's.
    /// In vehicles: "BIW070 down 15.4 min at 03:57 — 11.0 vehicles" (describeLoss), or
    /// "QC-PAINT worst hour 04:00–05:00: 9 of 58 vehicles failed first time (FPY 84.5 %)".
    std::string caption;
};

/// How many of the longest stoppages the Bookmarks dock's "Add Event Moments" and `takt story
/// --events` add.
inline constexpr std::size_t kStoryEventStoppages = 3;

/// The `stoppages` longest down and setup runs of the recording (longest first; each with the
/// vehicles it cost, from `losses` = computeVehicleLosses over the whole recording), then the
/// worst checkpoint hour: of the recording's whole hours counted from its start, the
/// checkpoint and hour with the lowest first-pass yield (computeKpis over that hour; at least
/// 10 units inspected, none when no checkpoint fell below 100 %). Any thread (reads `data`
/// only). Does not throw (except std::bad_alloc).
std::vector<EventMoment> findEventMoments(const RecordingData& data,
                                          const VehicleLossReport& losses, std::size_t stoppages);

} // namespace takt::twin
