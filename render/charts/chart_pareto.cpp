#include "render/chart_pareto.h"

#include "render/chart_palette.h"
#include "render/vtk_chart_scene.h"

#include <vtkAxis.h>
#include <vtkChartLegend.h>
#include <vtkChartXY.h>
#include <vtkDoubleArray.h>
#include <vtkNew.h>
#include <vtkPen.h>
#include <vtkPlotBar.h>
#include <vtkPlotLine.h>
#include <vtkPlotPoints.h>
#include <vtkStringArray.h>
#include <vtkTable.h>
#include <vtkTextProperty.h>

#include <algorithm>

namespace takt::render {

ParetoChart::ParetoChart(ParetoData data) : m_data(std::move(data))
{
    m_bars = m_data.categories;
    for (ParetoCategory& c : m_bars)
        c.count = std::max(0.0, c.count);
    std::stable_sort(m_bars.begin(), m_bars.end(),
                     [](const auto& a, const auto& b) { return a.count > b.count; });
    const auto keep = static_cast<std::size_t>(std::max(1, m_data.maxBars));
    if (m_bars.size() > keep) {
        // The last kept slot sums the rest so that the chart never exceeds maxBars bars. Its
        // label says how many categories it holds: a long tail of rare codes can make it the
        // tallest bar, and it must not read as one category.
        double other = 0.0;
        for (std::size_t i = keep - 1; i < m_bars.size(); ++i)
            other += m_bars[i].count;
        const auto folded = m_bars.size() - (keep - 1);
        m_bars.resize(keep - 1);
        m_bars.push_back({QStringLiteral("%1 others").arg(folded), other});
    }
}

ParetoChart::~ParetoChart() = default;

std::vector<double> ParetoChart::cumulativePercent() const
{
    double total = 0.0;
    for (const ParetoCategory& c : m_bars)
        total += c.count;
    std::vector<double> out;
    double sum = 0.0;
    for (const ParetoCategory& c : m_bars) {
        sum += c.count;
        out.push_back(total > 0.0 ? 100.0 * sum / total : 0.0);
    }
    return out;
}

void ParetoChart::build(ChartScene& cs) const
{
    vtkChartXY* chart = cs.makeXYChart(m_data.title);
    const std::vector<double> cumulative = cumulativePercent();
    const int n = int(m_bars.size());

    vtkNew<vtkTable> table;
    vtkNew<vtkDoubleArray> x;
    x->SetName("category");
    vtkNew<vtkDoubleArray> count;
    count->SetName("count");
    vtkNew<vtkDoubleArray> percent;
    percent->SetName("cumulative");
    vtkNew<vtkDoubleArray> ticks;
    vtkNew<vtkStringArray> labels;
    double peak = 0.0;
    for (int i = 0; i < n; ++i) {
        const ParetoCategory& c = m_bars[static_cast<std::size_t>(i)];
        x->InsertNextValue(i + 1);
        count->InsertNextValue(c.count);
        percent->InsertNextValue(cumulative[static_cast<std::size_t>(i)]);
        ticks->InsertNextValue(i + 1);
        labels->InsertNextValue(toVtk(c.label));
        peak = std::max(peak, c.count);
    }
    table->AddColumn(x);
    table->AddColumn(count);
    table->AddColumn(percent);

    auto* bars = vtkPlotBar::SafeDownCast(chart->AddPlot(vtkChart::BAR));
    bars->SetInputData(table, 0, 1);
    bars->SetWidth(0.7f);
    const QColor& b = chart_colors::kPrimary;
    bars->SetColor(b.red(), b.green(), b.blue(), 255);
    bars->GetPen()->SetLineType(vtkPen::NO_PEN);
    bars->SetLabel("Count");

    auto* line = vtkPlotLine::SafeDownCast(chart->AddPlot(vtkChart::LINE));
    line->SetInputData(table, 0, 2);
    const QColor& l = chart_colors::kSecondary;
    line->SetColor(l.red(), l.green(), l.blue(), 255);
    line->SetWidth(cs.lineWidth(2.5f));
    line->SetMarkerStyle(vtkPlotPoints::CIRCLE);
    line->SetMarkerSize(cs.lineWidth(7.0f));
    line->SetLabel("Cumulative %");
    chart->SetPlotCorner(line, 1); // bottom x, right y

    vtkNew<vtkTable> ref;
    vtkNew<vtkDoubleArray> rx;
    rx->SetName("x");
    vtkNew<vtkDoubleArray> ry;
    ry->SetName("80 %");
    rx->InsertNextValue(0.4);
    ry->InsertNextValue(80.0);
    rx->InsertNextValue(n + 0.6);
    ry->InsertNextValue(80.0);
    ref->AddColumn(rx);
    ref->AddColumn(ry);
    auto* eighty = vtkPlotLine::SafeDownCast(chart->AddPlot(vtkChart::LINE));
    eighty->SetInputData(ref, 0, 1);
    eighty->SetColor(110, 110, 110, 255);
    eighty->SetWidth(cs.lineWidth(1.0f));
    eighty->GetPen()->SetLineType(vtkPen::DOT_LINE);
    eighty->SetLabel("80 %");
    chart->SetPlotCorner(eighty, 1);

    vtkAxis* xAxis = chart->GetAxis(vtkAxis::BOTTOM);
    cs.styleAxis(xAxis, m_data.categoryLabel, false);
    xAxis->SetBehavior(vtkAxis::FIXED);
    xAxis->SetRange(0.4, std::max(1, n) + 0.6);
    xAxis->SetCustomTickPositions(ticks, labels);
    if (n > 6) {
        xAxis->GetLabelProperties()->SetOrientation(40.0);
        xAxis->GetLabelProperties()->SetJustificationToRight();
    }

    vtkAxis* left = chart->GetAxis(vtkAxis::LEFT);
    cs.styleAxis(left, m_data.countLabel, true);
    left->SetBehavior(vtkAxis::FIXED);
    left->SetRange(0.0, peak > 0.0 ? peak * 1.1 : 1.0);

    vtkAxis* right = chart->GetAxis(vtkAxis::RIGHT);
    cs.styleAxis(right, QStringLiteral("Cumulative share [%]"), false);
    right->SetBehavior(vtkAxis::FIXED);
    right->SetRange(0.0, 105.0);
    vtkNew<vtkDoubleArray> pticks;
    vtkNew<vtkStringArray> plabels;
    for (int p = 0; p <= 100; p += 20) {
        pticks->InsertNextValue(p);
        plabels->InsertNextValue(std::to_string(p) + " %");
    }
    right->SetCustomTickPositions(pticks, plabels);

    chart->SetShowLegend(true);
    vtkChartLegend* legend = chart->GetLegend();
    legend->SetInline(false);
    legend->SetHorizontalAlignment(vtkChartLegend::RIGHT);
    legend->SetVerticalAlignment(vtkChartLegend::TOP);
}

} // namespace takt::render
