#pragma once
// Internal to render: the VTK side of a Chart. Never include this from a public header.

#include "render/chart_base.h"

#include <vtkSmartPointer.h>

#include <QColor>
#include <QImage>
#include <QSize>
#include <QString>

#include <optional>
#include <string>
#include <utility>
#include <vector>

class vtkAxis;
class vtkChartXY;
class vtkContextActor;
class vtkContextScene;
class vtkPen;
class vtkTextProperty;

namespace takt::render {

/// Where a chart builds itself: a VTK context scene plus the styling every chart shares
/// (light theme, fonts, colours). GUI thread only.
struct ChartScene {
    ChartScene(vtkContextScene* scene, double scale);

    /// Builds `chart` into this scene (clears what was there).
    void populate(const Chart& chart);

    /// Scene x pixel (from the left) of `hours` from shift start on the time axis, with the
    /// axes as last laid out (by the last render); nullopt without a time axis, before the
    /// first render, or outside the visible range.
    std::optional<double> timeToSceneX(double hours) const;
    /// Scene y pixels (from the bottom) of the bottom and top of the plot area, as last laid
    /// out; nullopt before the first render.
    std::optional<std::pair<double, double>> plotYRange() const;

    /// Makes the one vtkChartXY of this scene with the house theme and a title.
    vtkChartXY* makeXYChart(const QString& title);

    /// Styles an axis: title (with unit), fonts, grid.
    void styleAxis(vtkAxis* axis, const QString& title, bool grid) const;

    /// Declares the bottom axis a time axis in hours from shift start over [0, spanHours]:
    /// fixed range, h:mm tick labels recomputed for whatever range is visible.
    void setTimeAxis(double spanHours);

    /// Lays the chart out in a `width` × `height` pixel scene (with a margin all round) and
    /// recomputes the time ticks if the visible range changed. Call before each render.
    void prepare(int width, int height);

    /// Recomputes h:mm ticks if the visible time range changed.
    void updateTimeTicks();

    /// Zooms the time axis by `factor` (< 1 zooms in) about the scene x pixel `atX`; pans it
    /// by `dx` scene pixels; resets it to the whole shift. False if there is no time axis.
    bool zoomTime(double factor, double atX);
    bool panTime(double dx);
    bool resetTime();

    int fontSize(int points) const;
    float lineWidth(float width) const;
    void setColor(vtkPen* pen, const QColor& color) const;
    void styleText(vtkTextProperty* text, int points, bool bold = false) const;

    vtkContextScene* scene = nullptr;
    vtkSmartPointer<vtkChartXY> chart;
    double scale = 1.0;
    bool timeAxis = false;
    double spanHours = 0.0;
    double tickMin = 0.0; // range the current ticks were made for
    double tickMax = -1.0;
};

/// The context actor whose scene Chart::renderImage fills; one per process.
vtkContextActor* offscreenActor();
/// Renders `actor` (its scene populated and prepared for `size`) alone in the process's one
/// offscreen VTK window, into an RGB image of `size` pixels. Every chart image and VtkView
/// of the process shares that window and its OpenGL context: one X connection and one context
/// however many charts there are. Puts back the OpenGL context that was current. GUI thread
/// only; throws twin::Error if DISPLAY is unset, the size is empty or rendering fails.
QImage renderOffscreen(vtkContextActor* actor, QSize size);
/// Frees the OpenGL objects `actor` made in the offscreen window (call before the actor goes,
/// if it was rendered); nothing once the window is gone with the application object.
void releaseOffscreen(vtkContextActor* actor);

/// "h:mm" for a time in hours since shift start (negative times get a minus sign).
std::string formatHoursMinutes(double hours);

/// A string VTK takes (UTF-8).
std::string toVtk(const QString& text);

} // namespace takt::render
