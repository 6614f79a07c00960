#pragma once

#include <QColor>
#include <QImage>

#include <optional>
#include <vector>

namespace takt::render {

/// One sample on the factory floor: a position (metres, floor plane x/z) and the value shown
/// there (utilisation, downtime, defect count... any non-negative quantity).
struct HeatPoint {
    double x = 0.0;
    double z = 0.0;
    double value = 0.0;
};

/// How values become colours.
enum class HeatmapPalette {
    /// Non-negative values: transparent → yellow → orange → red (ColorBrewer YlOrRd).
    Sequential,
    /// Signed differences: blue (negative) ↔ clear (zero) ↔ red (positive), ColorBrewer RdBu,
    /// colour-blind safe; `maxValue` is the magnitude shown at full colour on either side.
    Diverging,
};

/// How a floor heatmap is computed.
struct HeatmapOptions {
    double minX = 0.0; ///< floor bounds in metres; the image covers [minX, maxX] × [minZ, maxZ]
    double maxX = 1.0;
    double minZ = 0.0;
    double maxZ = 1.0;
    double metresPerPixel = 0.25; ///< resolution; the image is about (extent / this) pixels wide
    double radius = 4.0;          ///< how far one point's heat spreads, metres
    /// Value shown at full colour and opacity; larger values saturate. Empty: the largest
    /// input value, so that the hottest point is always at full colour.
    std::optional<double> maxValue;
    double maxAlpha = 0.85; ///< opacity at full value; 0 at value 0, rising with the value
    HeatmapPalette palette = HeatmapPalette::Sequential;
};

/// The colour the heatmap gives a value at `t` of full scale (Sequential: 0..1; Diverging:
/// -1..1, negative blue, positive red), with the opacity it has at `maxAlpha`: for legends that
/// must match the floor. Any thread.
QColor heatmapColour(double t, HeatmapPalette palette, double maxAlpha = 1.0);

/// Computes a heatmap of `points` over the floor with VTK filters (Gaussian splatting, each
/// point's value falling off with distance and the maximum kept where splats overlap, then
/// a colour/opacity ramp: transparent → yellow → orange → red). Returns an RGBA image
/// (QImage::Format_RGBA8888, not premultiplied): column 0 is `minX`, row 0 is `minZ`, so the
/// image lies on the floor as seen from above with +z pointing down the image. Cold areas are
/// fully transparent so the floor shows through. Points outside the bounds still warm the
/// inside within `radius`; negative values count as 0 with the sequential palette. With the
/// diverging palette, positive and negative values are splatted apart and each pixel takes the
/// one of larger magnitude, so a station that lost a share never cancels a neighbour that
/// gained one. Any thread (no GL).
/// Throws twin::Error if the bounds are empty, a size is not positive, or the image would
/// exceed 8192 pixels a side.
QImage makeFloorHeatmap(const std::vector<HeatPoint>& points, const HeatmapOptions& options);

} // namespace takt::render
