#pragma once

#include <QWidget>

#include <cstdint>
#include <memory>
#include <optional>

namespace takt::render {

class Chart;

/// A Qt 6 widget that shows a Chart drawn by VTK (in place of VTK's QVTKOpenGLNativeWidget,
/// which Debian builds for Qt 5 only). VTK renders the chart offscreen, in the window every
/// chart of the process shares, into an image that the widget paints; the time cursor is
/// painted by Qt over that image, so moving it costs no VTK frame. A plain widget rather than
/// a QOpenGLWidget: one of those in a window makes Qt compose the whole window through OpenGL
/// at every repaint of any widget in it, which on a software renderer made each repaint of
/// the timeline scrubber cost 8 ms instead of 1. VTK renders on demand only (new chart,
/// resize, zoom, pan).
/// On charts with a time axis: wheel zooms the time axis about the cursor, left drag pans it,
/// double click shows the whole shift again. GUI thread only.
class VtkView : public QWidget {
    Q_OBJECT
public:
    /// Makes an empty view (white).
    explicit VtkView(QWidget* parent = nullptr);
    ~VtkView() override;

    /// Shows `chart` (null: nothing) and schedules a repaint. The view keeps the chart alive.
    void setChart(std::shared_ptr<const Chart> chart);
    /// The chart shown, or null.
    std::shared_ptr<const Chart> chart() const;

    /// Zooms the time axis by `factor` (< 1 zooms in) about widget x coordinate `x`, or pans it
    /// by `dx` widget pixels (positive moves the content right), or shows it whole again.
    /// No effect on charts without a time axis; false then.
    bool zoomTime(double factor, double x);
    bool panTime(double dx);
    bool resetTime();

    /// A vertical line at `msFromStart` (milliseconds from the start of the shift) on charts
    /// with a time axis, drawn over the chart; nullopt hides it. Kept across setChart(). Only
    /// repaints when the line moves by a pixel or more (or appears or goes), so that a replay
    /// clock may call this at any rate; the chart is neither rebuilt nor rendered again for it.
    void setTimeCursor(std::optional<std::int64_t> msFromStart);
    std::optional<std::int64_t> timeCursor() const;
    /// Widget x (logical pixels) where the time cursor is drawn with the axes as last laid
    /// out; nullopt when it is not drawn (unset, no time axis, zoomed out of view, not yet
    /// painted).
    std::optional<double> timeCursorX() const;

    /// Times the widget has painted itself (chart and cursor), and times VTK has rendered its
    /// chart (for tests and diagnostics).
    int renderedFrames() const;
    int chartRenders() const;

    /// 800 × 450: a chart at a readable size.
    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace takt::render
