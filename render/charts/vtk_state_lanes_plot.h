#pragma once
// Internal to render: a VTK plot that draws one lane of coloured state segments per station.

#include "twin/events.h"

#include <vtkPlot.h>

#include <array>
#include <vector>

namespace takt::render {

/// vtkPlot drawing filled rectangles in data coordinates (x: hours, y: lane units), with one
/// legend entry per state present. Built by StateTimelineChart only.
class VtkStateLanesPlot : public vtkPlot {
public:
    static VtkStateLanesPlot* New();

    struct Rect {
        float x0, x1, y0, y1;
        twin::StationState state; ///< Unused for stripes.
    };

    /// Replaces the rectangles; `stripes` are lane backgrounds drawn first (light grey).
    void setRects(std::vector<Rect> rects, std::vector<Rect> stripes, double xMax, double yMax);

    bool Paint(vtkContext2D* painter) override;
    bool PaintLegend(vtkContext2D* painter, const vtkRectf& rect, int legendIndex) override;
    void GetBounds(double bounds[4]) override;

protected:
    VtkStateLanesPlot() = default;
    ~VtkStateLanesPlot() override = default;

private:
    void fill(vtkContext2D* painter, twin::StationState state) const;

    std::vector<Rect> m_rects;
    std::vector<Rect> m_stripes;
    std::vector<twin::StationState> m_legendStates;
    double m_xMax = 1.0;
    double m_yMax = 1.0;

public:
    // Last in the class: the macro ends without ';' (-Wpedantic rejects an extra one), which
    // makes clang-format indent whatever follows it as a continuation.
    // clang-format off
    vtkTypeMacro(VtkStateLanesPlot, vtkPlot)
    // clang-format on
};

} // namespace takt::render
