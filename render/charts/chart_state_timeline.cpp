#include "render/chart_state_timeline.h"

#include "render/vtk_chart_scene.h"
#include "render/vtk_state_lanes_plot.h"

#include <vtkAxis.h>
#include <vtkChartLegend.h>
#include <vtkChartXY.h>
#include <vtkDoubleArray.h>
#include <vtkNew.h>
#include <vtkStringArray.h>

#include <algorithm>

namespace takt::render {
namespace {
constexpr double kMsPerHour = 3'600'000.0;
constexpr float kLaneFill = 0.76f; // share of a lane's height the segments fill
} // namespace

StateTimelineChart::StateTimelineChart(StateTimelineData data) : m_data(std::move(data)) {}

StateTimelineChart::~StateTimelineChart() = default;

void StateTimelineChart::build(ChartScene& cs) const
{
    vtkChartXY* chart = cs.makeXYChart(m_data.title);
    const int n = int(m_data.lanes.size());

    std::int64_t spanMs = m_data.spanMs;
    if (spanMs <= 0)
        for (const StateLane& lane : m_data.lanes)
            for (const StateSegment& s : lane.segments)
                spanMs = std::max(spanMs, s.endMs);
    const double span = spanMs > 0 ? double(spanMs) / kMsPerHour : 1.0;

    std::vector<VtkStateLanesPlot::Rect> rects;
    std::vector<VtkStateLanesPlot::Rect> stripes;
    vtkNew<vtkDoubleArray> tickPos;
    vtkNew<vtkStringArray> tickLabels;
    const float gap = (1.0f - kLaneFill) / 2.0f;
    for (int i = 0; i < n; ++i) {
        const StateLane& lane = m_data.lanes[static_cast<std::size_t>(i)];
        const float base = float(n - 1 - i); // the first lane on top
        if (i % 2 == 0)
            stripes.push_back({0.0f, float(span), base, base + 1.0f, twin::StationState::Unknown});
        for (const StateSegment& s : lane.segments) {
            if (s.endMs <= s.startMs)
                continue;
            rects.push_back({float(double(s.startMs) / kMsPerHour),
                             float(double(s.endMs) / kMsPerHour), base + gap, base + 1.0f - gap,
                             s.state});
        }
        tickPos->InsertNextValue(base + 0.5);
        tickLabels->InsertNextValue(toVtk(lane.name));
    }
    // Drawing grouped by colour saves brush changes; the rectangles do not overlap in a lane.
    std::stable_sort(rects.begin(), rects.end(),
                     [](const auto& a, const auto& b) { return a.state < b.state; });

    vtkNew<VtkStateLanesPlot> plot;
    plot->setRects(std::move(rects), std::move(stripes), span, std::max(n, 1));
    chart->AddPlot(plot);

    vtkAxis* y = chart->GetAxis(vtkAxis::LEFT);
    cs.styleAxis(y, QString(), false);
    y->SetBehavior(vtkAxis::FIXED);
    y->SetRange(0.0, std::max(n, 1));
    y->SetCustomTickPositions(tickPos, tickLabels);
    y->SetTicksVisible(false);
    cs.setTimeAxis(span);
    chart->GetAxis(vtkAxis::BOTTOM)->SetGridVisible(true);

    chart->SetShowLegend(true);
    vtkChartLegend* legend = chart->GetLegend();
    legend->SetInline(false);
    legend->SetHorizontalAlignment(vtkChartLegend::RIGHT);
    legend->SetVerticalAlignment(vtkChartLegend::TOP);
}

} // namespace takt::render
