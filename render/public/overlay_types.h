#pragma once

#include "render/chart_palette.h"
#include "render/overlay_frame.h"

#include <QColor>
#include <QRectF>
#include <QString>

namespace takt::render {

// Station states are drawn with stateColor() and named with stateName() (chart_palette.h):
// one palette for the 3D overlays, the legend and the charts. What the overlays show at a
// moment is an OverlayFrame (overlay_frame.h), made by buildOverlayFrame().

/// Colour of a first-pass yield (0..1) on the checkpoint scale: red below 90 %, through amber,
/// to green at 99 % and above.
QColor yieldColor(double fpy);

/// The colour that marks the bottleneck; chosen to stand apart from every state colour.
QColor bottleneckColor();

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
