#pragma once

#include "render/chart_palette.h"

#include <QColor>
#include <QRectF>
#include <QString>

#include <array>
#include <limits>
#include <vector>

namespace takt::render {

// Station states are drawn with stateColor() and named with stateName() (chart_palette.h):
// one palette for the 3D overlays, the legend and the charts.

/// Colour of a first-pass yield (0..1) on the checkpoint scale: red below 90 %, through amber,
/// to green at 99 % and above.
QColor yieldColor(double fpy);

/// The colour that marks the bottleneck; chosen to stand apart from every state colour.
QColor bottleneckColor();

/// What the overlays show for one station at one moment.
struct StationOverlay {
    int state = 6;            ///< 0..6, see stateColor().
    bool bottleneck = false;  ///< The momentary bottleneck.
    int wip = -1;             ///< Parts held (buffers and conveyors); -1 when not shown.
    int capacity = 0;         ///< Parts it can hold, for the WIP gauge.
};

/// What the overlays show for one quality checkpoint.
struct CheckpointOverlay {
    int station = -1;  ///< Station index where the marker stands.
    QString id;        ///< Short label ("Q07").
    double fpy = std::numeric_limits<double>::quiet_NaN(); ///< First-pass yield 0..1; NaN: none yet.
};

/// Everything the overlays show at one moment; indices follow the plant's stations.
struct OverlayFrame {
    std::vector<StationOverlay> stations;
    std::vector<CheckpointOverlay> checkpoints;
};

/// A label of the 3D view as last laid out: where its plate is on screen (pixels of the view,
/// y down) and whether it is drawn (false: it would overlap a more important label).
struct LabelPlacement {
    QString text;
    QRectF rect;
    bool shown = false;
};

/// Which overlays are drawn.
struct OverlaySettings {
    bool stateColors = true;
    bool bottleneck = true;
    bool checkpoints = true;
    bool wip = true;
    bool flow = true;
    bool labels = true;
    bool heatmap = false;
    float labelScale = 1.0f; ///< Label size on screen (presentation mode: larger).
};

} // namespace takt::render
