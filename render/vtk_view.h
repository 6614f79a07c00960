#pragma once

#include <QImage>
#include <QOpenGLWidget>

#include <cstdint>
#include <memory>
#include <optional>

namespace takt::render {

class Chart;

/// A Qt 6 widget that draws a Chart with VTK (our own small equivalent of VTK's
/// QVTKOpenGLNativeWidget, which Debian builds for Qt 5 only): VTK renders into the widget's
/// OpenGL context through a generic render window, and the OpenGL state Qt relies on is put
/// back after each frame. Repaints on demand only (new chart, resize, interaction).
/// On charts with a time axis: wheel zooms the time axis about the cursor, left drag pans it,
/// double click shows the whole shift again. GUI thread only.
class VtkView : public QOpenGLWidget {
    Q_OBJECT
public:
    /// Makes an empty view (white). Requests an OpenGL 3.2 core context for this widget.
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
    /// clock may call this at any rate; the chart itself is never rebuilt for it.
    void setTimeCursor(std::optional<std::int64_t> msFromStart);
    std::optional<std::int64_t> timeCursor() const;
    /// Widget x (logical pixels) where the time cursor is drawn with the axes as last laid
    /// out; nullopt when it is not drawn (unset, no time axis, zoomed out of view, not yet
    /// painted).
    std::optional<double> timeCursorX() const;

    /// Frames VTK has rendered into this widget (for tests and diagnostics).
    int renderedFrames() const;

    /// 800 × 450: a chart at a readable size.
    QSize sizeHint() const override;

protected:
    void initializeGL() override;
    void resizeGL(int w, int h) override;
    void paintGL() override;
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
