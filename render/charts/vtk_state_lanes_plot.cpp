#include "render/vtk_state_lanes_plot.h"

#include "render/chart_palette.h"

#include <vtkBrush.h>
#include <vtkContext2D.h>
#include <vtkContextDevice2D.h>
#include <vtkObjectFactory.h>
#include <vtkPen.h>
#include <vtkStringArray.h>

#include <algorithm>

namespace takt::render {

vtkStandardNewMacro(VtkStateLanesPlot);

void VtkStateLanesPlot::setRects(std::vector<Rect> rects, std::vector<Rect> stripes, double xMax,
                                 double yMax)
{
    m_rects = std::move(rects);
    m_stripes = std::move(stripes);
    m_xMax = xMax;
    m_yMax = yMax;
    std::array<bool, twin::kStationStateCount> present{};
    for (const Rect& r : m_rects)
        present[std::min(static_cast<std::size_t>(r.state), present.size() - 1)] = true;
    m_legendStates.clear();
    vtkNew<vtkStringArray> labels;
    for (const twin::StationState s : twin::kStationStates)
        if (present[static_cast<std::size_t>(s)]) {
            m_legendStates.push_back(s);
            labels->InsertNextValue(stateName(s).toStdString());
        }
    SetLabels(labels);
    Modified();
}

void VtkStateLanesPlot::fill(vtkContext2D* painter, twin::StationState state) const
{
    const QColor c = stateColor(state);
    painter->GetBrush()->SetColor(static_cast<unsigned char>(c.red()),
                                  static_cast<unsigned char>(c.green()),
                                  static_cast<unsigned char>(c.blue()), 255);
}

bool VtkStateLanesPlot::Paint(vtkContext2D* painter)
{
    if (!GetVisible())
        return false;
    painter->GetPen()->SetLineType(vtkPen::NO_PEN);
    painter->GetBrush()->SetColor(244, 244, 244, 255);
    for (const Rect& r : m_stripes)
        painter->DrawRect(r.x0, r.y0, r.x1 - r.x0, r.y1 - r.y0);
    // One draw call per state: the OpenGL device turns n points into n / 4 quads. Drawing a
    // rectangle at a time took about 1.7 s for a 60-station shift (29,000 segments).
    std::vector<float> quads;
    std::size_t i = 0;
    while (i < m_rects.size()) {
        const twin::StationState state = m_rects[i].state;
        quads.clear();
        for (; i < m_rects.size() && m_rects[i].state == state; ++i) {
            const Rect& r = m_rects[i];
            quads.insert(quads.end(), {r.x0, r.y0, r.x1, r.y0, r.x1, r.y1, r.x0, r.y1});
        }
        fill(painter, state);
        painter->GetDevice()->DrawQuad(quads.data(), int(quads.size() / 2));
    }
    painter->GetPen()->SetLineType(vtkPen::SOLID_LINE);
    return true;
}

bool VtkStateLanesPlot::PaintLegend(vtkContext2D* painter, const vtkRectf& rect, int legendIndex)
{
    if (legendIndex < 0 || legendIndex >= int(m_legendStates.size()))
        return false;
    painter->GetPen()->SetColor(120, 120, 120, 255);
    painter->GetPen()->SetWidth(1.0f);
    fill(painter, m_legendStates[static_cast<std::size_t>(legendIndex)]);
    painter->DrawRect(rect[0], rect[1], rect[2], rect[3]);
    return true;
}

void VtkStateLanesPlot::GetBounds(double bounds[4])
{
    bounds[0] = 0.0;
    bounds[1] = m_xMax;
    bounds[2] = 0.0;
    bounds[3] = m_yMax;
}

} // namespace takt::render
