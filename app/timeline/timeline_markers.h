#pragma once

#include "twin/events.h"

#include <QColor>
#include <QString>

#include <vector>

namespace takt::twin {
class RecordingData;
}

namespace takt::app {

/// An event worth a tick above the timeline's state lanes.
struct TimelineMarker {
    enum class Kind { Stoppage, FailedCheck, MissedTakt };
    Kind kind = Kind::Stoppage;
    twin::TimeMs t = 0;
    QString text; ///< The tooltip: what happened, where, for how long.
};

/// The markers of a recording, sorted by time: a station going `down` (one per stoppage, with
/// its duration and the vehicles it cost the line against takt over the shift), a quality check
/// failing (one vehicle when the unit left the line failed), and a missed takt (two consecutive
/// departures from the line end more than `missFactor` × takt apart; the marker sits at the late
/// departure). GUI thread or any thread (reads `data` only).
std::vector<TimelineMarker> collectTimelineMarkers(const twin::RecordingData& data,
                                                   double missFactor = 1.5);

/// The colour of a marker kind's tick.
QColor markerColor(TimelineMarker::Kind kind);

} // namespace takt::app
