#pragma once
// Internal to render: the vertical "now" line over a chart's time axis.

#include <vtkContextItem.h>
#include <vtkWeakPointer.h>

#include <optional>

class vtkChartXY;

namespace takt::render {

/// A context item drawn after its chart: a vertical line across the plot area at a time (hours
/// from shift start) of the chart's bottom axis; nothing when the time is unset or outside the
/// visible range. Reads the axes as the chart laid them out in the same frame, so that changing
/// the time costs a repaint, not a rebuild of the chart. GUI thread only.
class VtkTimeCursor : public vtkContextItem {
public:
    static VtkTimeCursor* New();

    void setChart(vtkChartXY* chart) { m_chart = chart; }
    void setHours(std::optional<double> hours) { m_hours = hours; }
    std::optional<double> hours() const { return m_hours; }
    /// Line width in scene pixels.
    void setLineWidth(float width) { m_width = width; }
    /// Scene x (pixels from the left) where the cursor falls with the axes as last laid out;
    /// nullopt when it is not drawn.
    std::optional<double> sceneX() const;

    bool Paint(vtkContext2D* painter) override;

protected:
    VtkTimeCursor() = default;
    ~VtkTimeCursor() override = default;

private:
    vtkWeakPointer<vtkChartXY> m_chart;
    std::optional<double> m_hours;
    float m_width = 2.0f;

public:
    // Last in the class: the macro ends without ';' (see vtk_state_lanes_plot.h).
    // clang-format off
    vtkTypeMacro(VtkTimeCursor, vtkContextItem)
    // clang-format on
};

} // namespace takt::render
