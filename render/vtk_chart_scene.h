#pragma once
// Internal to render: the VTK side of a Chart. Never include this from a public header.

#include "render/chart_base.h"

#include <vtkSmartPointer.h>

#include <QColor>
#include <QString>

#include <optional>
#include <string>
#include <vector>

class vtkAxis;
class vtkChartXY;
class vtkContextScene;
class vtkPen;
class vtkTextProperty;

namespace takt::render {

class VtkTimeCursor;

/// Where a chart builds itself: a VTK context scene plus the styling every chart shares
/// (light theme, fonts, colours). GUI thread only.
struct ChartScene {
    ChartScene(vtkContextScene* scene, double scale);

    /// Builds `chart` into this scene (clears what was there); on a time axis, with the time
    /// cursor on top.
    void populate(const Chart& chart);

    /// The time cursor at `hours` from shift start (nullopt: none). Takes effect at the next
    /// render; the chart is not rebuilt.
    void setTimeCursor(std::optional<double> hours);
    /// Scene x pixel of the time cursor with the axes as last laid out; nullopt when it is not
    /// drawn (no time axis, no time, outside the visible range, not laid out yet).
    std::optional<double> timeCursorX() const;

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
    vtkSmartPointer<VtkTimeCursor> cursor;
    std::optional<double> cursorHours;
    double scale = 1.0;
    bool timeAxis = false;
    double spanHours = 0.0;
    double tickMin = 0.0; // range the current ticks were made for
    double tickMax = -1.0;
};

/// "h:mm" for a time in hours since shift start (negative times get a minus sign).
std::string formatHoursMinutes(double hours);

/// A string VTK takes (UTF-8).
std::string toVtk(const QString& text);

} // namespace takt::render
