#pragma once

#include "twin/events.h"

#include <QString>

#include <limits>
#include <vector>

namespace takt::twin {
struct Plant;
struct LineState;
} // namespace takt::twin

namespace takt::render {

/// What the overlays show for one station at one moment.
struct StationOverlay {
    twin::StationState state = twin::StationState::Unknown; ///< Drawn with stateColor().
    bool bottleneck = false;                                ///< The momentary bottleneck.
    int wip = -1;     ///< Parts held (buffers and conveyors); -1 when not shown.
    int capacity = 0; ///< Parts it can hold, for the WIP gauge.
    bool operator==(const StationOverlay&) const = default;
};

/// What the overlays show for one quality checkpoint.
struct CheckpointOverlay {
    int station = -1; ///< Station index where the marker stands.
    QString id;       ///< Short label ("Q07").
    double fpy =
        std::numeric_limits<double>::quiet_NaN(); ///< First-pass yield 0..1; NaN: none yet.
};

/// Everything the 3D view shows of the line at one moment; indices follow the plant's stations
/// and checkpoints. Made by buildOverlayFrame() only.
struct OverlayFrame {
    std::vector<StationOverlay> stations;
    std::vector<CheckpointOverlay> checkpoints;
    int bottleneck = -1; ///< Index of the momentary bottleneck (its station is flagged); -1: none.
};

/// The one translation from the twin's state of the line to what the 3D overlays draw:
/// each station's state, the momentary bottleneck (`bottleneck`, a station index; -1: none),
/// the WIP of buffers and conveyors against their capacity, and each checkpoint's first-pass
/// yield so far. A replay and a live feed give the same inputs, so both draw through it.
/// Stations or checkpoints that `state` does not cover (an empty LineState: no recording)
/// come out unknown, without WIP or yield. Any thread; does not throw.
OverlayFrame buildOverlayFrame(const twin::Plant& plant, const twin::LineState& state,
                               int bottleneck);

} // namespace takt::render
