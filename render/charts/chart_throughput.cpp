#include "render/chart_throughput.h"

#include "render/chart_palette.h"
#include "render/vtk_chart_scene.h"

#include <vtkAxis.h>
#include <vtkChartLegend.h>
#include <vtkChartXY.h>
#include <vtkDoubleArray.h>
#include <vtkLookupTable.h>
#include <vtkNew.h>
#include <vtkPen.h>
#include <vtkPlotBar.h>
#include <vtkPlotLine.h>
#include <vtkTable.h>

#include <algorithm>

namespace takt::render {
namespace {
constexpr double kMsPerHour = 3'600'000.0;

vtkNew<vtkDoubleArray> column(const char* name)
{
    vtkNew<vtkDoubleArray> a;
    a->SetName(name);
    return a;
}
} // namespace

ThroughputChart::ThroughputChart(ThroughputData data) : m_data(std::move(data)) {}

ThroughputChart::~ThroughputChart() = default;

double ThroughputChart::targetPerHour() const
{
    return m_data.taktSeconds > 0.0 ? 3600.0 / m_data.taktSeconds : 0.0;
}

void ThroughputChart::build(ChartScene& cs) const
{
    vtkChartXY* chart = cs.makeXYChart(m_data.title);
    const double target = targetPerHour();

    std::int64_t spanMs = m_data.spanMs;
    double narrowest = 0.0;
    double peak = target;
    auto t = column("time");
    auto rate = column("Units per hour");
    auto below = column("below");
    for (const ThroughputInterval& iv : m_data.intervals) {
        if (iv.endMs <= iv.startMs)
            continue;
        if (m_data.spanMs <= 0)
            spanMs = std::max(spanMs, iv.endMs);
        const double width = double(iv.endMs - iv.startMs) / kMsPerHour;
        narrowest = narrowest > 0.0 ? std::min(narrowest, width) : width;
        t->InsertNextValue(double(iv.startMs + iv.endMs) / 2.0 / kMsPerHour);
        rate->InsertNextValue(iv.unitsPerHour);
        below->InsertNextValue(target > 0.0 && iv.unitsPerHour < target ? 1.0 : 0.0);
        peak = std::max(peak, iv.unitsPerHour);
    }
    const double span = spanMs > 0 ? double(spanMs) / kMsPerHour : 1.0;

    vtkNew<vtkTable> table;
    table->AddColumn(t);
    table->AddColumn(rate);
    table->AddColumn(below);
    auto* bars = vtkPlotBar::SafeDownCast(chart->AddPlot(vtkChart::BAR));
    bars->SetInputData(table, 0, 1);
    bars->SetWidth(float(narrowest > 0.0 ? narrowest * 0.8 : 0.1));
    bars->SetLabel("Units/h (orange < target)");
    // Per-bar colour: blue where the target is met, orange where it is missed.
    vtkNew<vtkLookupTable> lut;
    lut->SetNumberOfTableValues(2);
    lut->SetRange(0.0, 1.0);
    const QColor& met = chart_colors::kPrimary;
    const QColor& missed = chart_colors::kSecondary;
    lut->SetTableValue(0, met.redF(), met.greenF(), met.blueF(), 1.0);
    lut->SetTableValue(1, missed.redF(), missed.greenF(), missed.blueF(), 1.0);
    bars->SetLookupTable(lut);
    bars->SelectColorArray("below");
    bars->ScalarVisibilityOn();
    bars->SetColor(met.red(), met.green(), met.blue(), 255);
    bars->GetPen()->SetLineType(vtkPen::NO_PEN);

    if (target > 0.0) {
        vtkNew<vtkTable> line;
        auto lx = column("time");
        auto ly = column("target");
        lx->InsertNextValue(0.0);
        ly->InsertNextValue(target);
        lx->InsertNextValue(span);
        ly->InsertNextValue(target);
        line->AddColumn(lx);
        line->AddColumn(ly);
        auto* plot = vtkPlotLine::SafeDownCast(chart->AddPlot(vtkChart::LINE));
        plot->SetInputData(line, 0, 1);
        const QColor& c = chart_colors::kLimit;
        plot->SetColor(c.red(), c.green(), c.blue(), 255);
        plot->SetWidth(cs.lineWidth(2.0f));
        plot->GetPen()->SetLineType(vtkPen::DASH_LINE);
        plot->SetLabel(QStringLiteral("Target %1/h").arg(target, 0, 'f', 0).toStdString());
    }

    vtkAxis* y = chart->GetAxis(vtkAxis::LEFT);
    cs.styleAxis(y, QStringLiteral("Throughput [units/h]"), true);
    y->SetBehavior(vtkAxis::FIXED);
    y->SetRange(0.0, peak > 0.0 ? peak * 1.15 : 1.0);
    cs.setTimeAxis(span);

    chart->SetShowLegend(true);
    vtkChartLegend* legend = chart->GetLegend();
    legend->SetInline(false);
    legend->SetHorizontalAlignment(vtkChartLegend::RIGHT);
    legend->SetVerticalAlignment(vtkChartLegend::TOP);
}

} // namespace takt::render
