#include "render/vtk_time_cursor.h"

#include "render/chart_palette.h"

#include <vtkAxis.h>
#include <vtkChartXY.h>
#include <vtkContext2D.h>
#include <vtkObjectFactory.h>
#include <vtkPen.h>

namespace takt::render {

vtkStandardNewMacro(VtkTimeCursor);

std::optional<double> VtkTimeCursor::sceneX() const
{
    if (!m_hours || !m_chart)
        return std::nullopt;
    vtkAxis* x = m_chart->GetAxis(vtkAxis::BOTTOM);
    const double lo = x->GetMinimum();
    const double hi = x->GetMaximum();
    const double p1 = x->GetPoint1()[0];
    const double p2 = x->GetPoint2()[0];
    // Before the first layout the axis has no extent on screen.
    if (!(hi > lo) || !(p2 > p1) || *m_hours < lo || *m_hours > hi)
        return std::nullopt;
    return p1 + (*m_hours - lo) / (hi - lo) * (p2 - p1);
}

bool VtkTimeCursor::Paint(vtkContext2D* painter)
{
    const auto x = sceneX();
    if (!x || !GetVisible())
        return true;
    vtkAxis* y = m_chart->GetAxis(vtkAxis::LEFT);
    const float y0 = y->GetPoint1()[1];
    const float y1 = y->GetPoint2()[1];
    const QColor& c = chart_colors::kCursor;
    vtkPen* pen = painter->GetPen();
    pen->SetColor(static_cast<unsigned char>(c.red()), static_cast<unsigned char>(c.green()),
                  static_cast<unsigned char>(c.blue()), 255);
    pen->SetWidth(m_width);
    pen->SetLineType(vtkPen::SOLID_LINE);
    painter->DrawLine(float(*x), y0, float(*x), y1);
    return true;
}

} // namespace takt::render
