#include "render/chart_spc.h"

#include "render/chart_palette.h"
#include "render/vtk_chart_scene.h"

#include <vtkAxis.h>
#include <vtkChartLegend.h>
#include <vtkChartXY.h>
#include <vtkDoubleArray.h>
#include <vtkNew.h>
#include <vtkPen.h>
#include <vtkPlotLine.h>
#include <vtkPlotPoints.h>
#include <vtkTable.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace takt::render {
namespace {
constexpr double kMsPerHour = 3'600'000.0;

vtkSmartPointer<vtkTable> twoColumns(const char* yName)
{
    auto table = vtkSmartPointer<vtkTable>::New();
    vtkNew<vtkDoubleArray> x;
    x->SetName("time");
    vtkNew<vtkDoubleArray> y;
    y->SetName(yName);
    table->AddColumn(x);
    table->AddColumn(y);
    return table;
}

void append(vtkTable* table, double x, double y)
{
    vtkDoubleArray::SafeDownCast(table->GetColumn(0))->InsertNextValue(x);
    vtkDoubleArray::SafeDownCast(table->GetColumn(1))->InsertNextValue(y);
}
} // namespace

SpcChart::SpcChart(SpcData data) : m_data(std::move(data)) {}

SpcChart::~SpcChart() = default;

std::vector<std::size_t> SpcChart::violations() const
{
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < m_data.samples.size(); ++i) {
        const double v = m_data.samples[i].value;
        if ((m_data.lowerSpec && v < *m_data.lowerSpec) ||
            (m_data.upperSpec && v > *m_data.upperSpec))
            out.push_back(i);
    }
    return out;
}

void SpcChart::build(ChartScene& cs) const
{
    QString title = m_data.title;
    if (title.isEmpty())
        title =
            m_data.name.isEmpty() ? QStringLiteral("SPC") : QStringLiteral("SPC: ") + m_data.name;
    vtkChartXY* chart = cs.makeXYChart(title);

    std::int64_t spanMs = m_data.spanMs;
    double lo = std::numeric_limits<double>::max();
    double hi = std::numeric_limits<double>::lowest();
    auto values = twoColumns("value");
    auto bad = twoColumns("violation");
    const std::vector<std::size_t> outside = violations();
    std::size_t next = 0;
    for (std::size_t i = 0; i < m_data.samples.size(); ++i) {
        const SpcSample& s = m_data.samples[i];
        const double t = double(s.timeMs) / kMsPerHour;
        append(values, t, s.value);
        if (next < outside.size() && outside[next] == i) {
            append(bad, t, s.value);
            ++next;
        }
        if (m_data.spanMs <= 0)
            spanMs = std::max(spanMs, s.timeMs);
        lo = std::min(lo, s.value);
        hi = std::max(hi, s.value);
    }
    for (const auto& limit : {m_data.target, m_data.lowerSpec, m_data.upperSpec})
        if (limit) {
            lo = std::min(lo, *limit);
            hi = std::max(hi, *limit);
        }
    if (lo > hi) {
        lo = 0.0;
        hi = 1.0;
    }
    const double pad = hi > lo ? (hi - lo) * 0.12 : std::max(1.0, std::abs(hi) * 0.1);
    const double span = spanMs > 0 ? double(spanMs) / kMsPerHour : 1.0;

    // A line needs two points (VTK complains otherwise); one sample is a lone marker.
    auto* line = vtkPlotPoints::SafeDownCast(
        chart->AddPlot(values->GetNumberOfRows() >= 2 ? vtkChart::LINE : vtkChart::POINTS));
    line->SetInputData(values, 0, 1);
    const QColor& c = chart_colors::kPrimary;
    line->SetColor(c.red(), c.green(), c.blue(), 255);
    line->SetWidth(cs.lineWidth(1.5f));
    line->SetMarkerStyle(vtkPlotPoints::CIRCLE);
    line->SetMarkerSize(float(cs.lineWidth(5.0f)));
    line->SetLabel("Measured");

    auto addLimit = [&](double value, const QColor& colour, int lineType, const QString& label) {
        auto table = twoColumns("limit");
        append(table, 0.0, value);
        append(table, span, value);
        auto* plot = vtkPlotLine::SafeDownCast(chart->AddPlot(vtkChart::LINE));
        plot->SetInputData(table, 0, 1);
        plot->SetColor(colour.red(), colour.green(), colour.blue(), 255);
        plot->SetWidth(cs.lineWidth(2.0f));
        plot->GetPen()->SetLineType(lineType);
        plot->SetLabel(toVtk(label));
    };
    const QString unit = m_data.unit.isEmpty() ? QString() : QStringLiteral(" ") + m_data.unit;
    if (m_data.upperSpec)
        addLimit(*m_data.upperSpec, chart_colors::kLimit, vtkPen::DASH_LINE,
                 QStringLiteral("USL %1%2").arg(*m_data.upperSpec, 0, 'g', 6).arg(unit));
    if (m_data.target)
        addLimit(*m_data.target, chart_colors::kTarget, vtkPen::SOLID_LINE,
                 QStringLiteral("Target %1%2").arg(*m_data.target, 0, 'g', 6).arg(unit));
    if (m_data.lowerSpec)
        addLimit(*m_data.lowerSpec, chart_colors::kLimit, vtkPen::DASH_DOT_LINE,
                 QStringLiteral("LSL %1%2").arg(*m_data.lowerSpec, 0, 'g', 6).arg(unit));

    if (bad->GetNumberOfRows() > 0) {
        auto* marks = vtkPlotPoints::SafeDownCast(chart->AddPlot(vtkChart::POINTS));
        marks->SetInputData(bad, 0, 1);
        const QColor& v = chart_colors::kLimit;
        marks->SetColor(v.red(), v.green(), v.blue(), 255);
        marks->SetMarkerStyle(vtkPlotPoints::DIAMOND);
        marks->SetMarkerSize(float(cs.lineWidth(13.0f)));
        marks->SetLabel(toVtk(QStringLiteral("Out of spec (%1)").arg(bad->GetNumberOfRows())));
    }

    vtkAxis* y = chart->GetAxis(vtkAxis::LEFT);
    cs.styleAxis(y,
                 m_data.unit.isEmpty() ? m_data.name
                                       : QStringLiteral("%1 [%2]").arg(m_data.name, m_data.unit),
                 true);
    y->SetBehavior(vtkAxis::FIXED);
    y->SetRange(lo - pad, hi + pad);
    cs.setTimeAxis(span);

    chart->SetShowLegend(true);
    vtkChartLegend* legend = chart->GetLegend();
    legend->SetInline(false);
    legend->SetHorizontalAlignment(vtkChartLegend::RIGHT);
    legend->SetVerticalAlignment(vtkChartLegend::TOP);
}

} // namespace takt::render
