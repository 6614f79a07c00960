#pragma once

#include <QImage>
#include <QSize>
#include <QString>

namespace takt::render {

struct ChartScene;

/// Base of Takt's charts. A chart holds plain data (set when it is made) and knows how to draw
/// itself with VTK, either into a VtkView or offscreen into an image of a given size (reports,
/// render tests). Charts are immutable once made: to show new data, make a new chart and hand
/// it to the view. Times on chart axes are shown as h:mm from the start of the shift.
class Chart {
public:
    virtual ~Chart();
    Chart(const Chart&) = delete;
    Chart& operator=(const Chart&) = delete;

    /// Renders the chart offscreen into an RGB image of `size` pixels; `scale` multiplies font
    /// sizes and line widths (2.0 for a 2× print). The same image for the same data, size and
    /// scale. GUI thread only: every call shares one hidden VTK window with an OpenGL context
    /// of its own, kept until the application object is destroyed. Needs an X display (Xvfb
    /// in CI); throws twin::Error if DISPLAY is unset, the size is empty or rendering fails.
    QImage renderImage(QSize size, double scale = 1.0) const;

    /// Whether the horizontal axis is time, so that a view may pan and zoom along it.
    virtual bool hasTimeAxis() const = 0;

protected:
    Chart() = default;

private:
    friend struct ChartScene;
    /// Adds this chart's items to `scene` (implemented with VTK in the chart's .cpp).
    virtual void build(ChartScene& scene) const = 0;
};

} // namespace takt::render
