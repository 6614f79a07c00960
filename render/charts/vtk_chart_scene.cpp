#include "render/vtk_chart_scene.h"

#include "render/chart_palette.h"

#include <vtkAxis.h>
#include <vtkBrush.h>
#include <vtkChartLegend.h>
#include <vtkChartXY.h>
#include <vtkContextScene.h>
#include <vtkDoubleArray.h>
#include <vtkNew.h>
#include <vtkPen.h>
#include <vtkRect.h>
#include <vtkStringArray.h>
#include <vtkTextProperty.h>

#include <QFileInfo>

#include <algorithm>
#include <array>
#include <cmath>

namespace takt::render {
namespace {

const std::string kRegularFont = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
const std::string kBoldFont = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";
constexpr double kMinVisibleHours = 5.0 / 60.0; // zooming stops at a 5-minute window

/// Tick step in minutes that puts at most about eight ticks on `hours`.
double tickStepMinutes(double hours)
{
    static constexpr std::array<double, 14> kSteps{1,  2,   5,   10,  15,  20,  30,
                                                   60, 120, 180, 240, 360, 480, 720};
    for (double step : kSteps)
        if (hours * 60.0 / step <= 8.0)
            return step;
    return kSteps.back() * std::ceil(hours * 60.0 / kSteps.back() / 8.0);
}

} // namespace

std::string formatHoursMinutes(double hours)
{
    const long total = std::lround(std::abs(hours) * 60.0);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%s%ld:%02ld", hours < 0 ? "-" : "", total / 60, total % 60);
    return buf;
}

std::string toVtk(const QString& text)
{
    return text.toStdString();
}

ChartScene::ChartScene(vtkContextScene* s, double sc) : scene(s), scale(sc > 0.0 ? sc : 1.0) {}

void ChartScene::populate(const Chart& c)
{
    scene->ClearItems();
    chart = nullptr;
    timeAxis = false;
    tickMax = tickMin - 1.0;
    c.build(*this);
    updateTimeTicks();
}

std::optional<double> ChartScene::timeToSceneX(double hours) const
{
    if (!timeAxis || !chart)
        return std::nullopt;
    vtkAxis* x = chart->GetAxis(vtkAxis::BOTTOM);
    const double lo = x->GetMinimum();
    const double hi = x->GetMaximum();
    const double p1 = x->GetPoint1()[0];
    const double p2 = x->GetPoint2()[0];
    // Before the first layout the axis has no extent on screen.
    if (!(hi > lo) || !(p2 > p1) || hours < lo || hours > hi)
        return std::nullopt;
    return p1 + (hours - lo) / (hi - lo) * (p2 - p1);
}

std::optional<std::pair<double, double>> ChartScene::plotYRange() const
{
    if (!chart)
        return std::nullopt;
    vtkAxis* y = chart->GetAxis(vtkAxis::LEFT);
    const double y0 = y->GetPoint1()[1];
    const double y1 = y->GetPoint2()[1];
    if (!(y1 > y0))
        return std::nullopt;
    return std::pair{y0, y1};
}

int ChartScene::fontSize(int points) const
{
    return std::max(1, int(std::lround(points * scale)));
}

float ChartScene::lineWidth(float width) const
{
    return float(width * scale);
}

void ChartScene::setColor(vtkPen* pen, const QColor& color) const
{
    pen->SetColor(
        static_cast<unsigned char>(color.red()), static_cast<unsigned char>(color.green()),
        static_cast<unsigned char>(color.blue()), static_cast<unsigned char>(color.alpha()));
}

void ChartScene::styleText(vtkTextProperty* text, int points, bool bold) const
{
    const QColor& c = chart_colors::kText;
    // VTK's built-in "Arial" draws square brackets as parentheses, which garbles units;
    // DejaVu Sans (fonts-dejavu-core, on every Debian desktop) is used where it is installed.
    const std::string& file = bold ? kBoldFont : kRegularFont;
    if (QFileInfo::exists(QString::fromStdString(file))) {
        text->SetFontFamily(VTK_FONT_FILE);
        text->SetFontFile(file.c_str());
    } else {
        text->SetFontFamilyToArial();
    }
    text->SetFontSize(fontSize(points));
    text->SetBold(bold);
    text->SetItalic(false);
    text->SetShadow(false);
    text->SetColor(c.redF(), c.greenF(), c.blueF());
}

vtkChartXY* ChartScene::makeXYChart(const QString& title)
{
    chart = vtkSmartPointer<vtkChartXY>::New();
    scene->AddItem(chart);
    chart->SetTitle(toVtk(title));
    styleText(chart->GetTitleProperties(), 15, true);
    chart->SetRenderEmpty(true);
    chart->SetZoomWithMouseWheel(false); // views pan and zoom the time axis themselves
    chart->GetBackgroundBrush()->SetColor(255, 255, 255, 255);
    vtkChartLegend* legend = chart->GetLegend();
    styleText(legend->GetLabelProperties(), 11);
    legend->GetBrush()->SetColor(255, 255, 255, 235);
    legend->GetPen()->SetColor(205, 205, 205, 255);
    legend->SetSymbolWidth(int(std::lround(22 * scale)));
    legend->SetPadding(int(std::lround(6 * scale)));
    for (int i = 0; i < 4; ++i) {
        vtkAxis* axis = chart->GetAxis(i);
        setColor(axis->GetPen(), chart_colors::kAxis);
        axis->GetPen()->SetWidth(lineWidth(1.0f));
        setColor(axis->GetGridPen(), chart_colors::kGrid);
        axis->GetGridPen()->SetWidth(lineWidth(1.0f));
        styleText(axis->GetLabelProperties(), 11);
        styleText(axis->GetTitleProperties(), 12, true);
        axis->SetTickLength(float(5 * scale));
    }
    return chart;
}

void ChartScene::styleAxis(vtkAxis* axis, const QString& title, bool grid) const
{
    axis->SetTitle(toVtk(title));
    axis->SetGridVisible(grid);
    axis->SetTitleVisible(!title.isEmpty());
}

void ChartScene::setTimeAxis(double span)
{
    timeAxis = true;
    spanHours = span > 0.0 ? span : 1.0;
    vtkAxis* x = chart->GetAxis(vtkAxis::BOTTOM);
    x->SetBehavior(vtkAxis::FIXED);
    x->SetRange(0.0, spanHours);
    styleAxis(x, QStringLiteral("Time from shift start [h:mm]"), true);
    tickMax = tickMin - 1.0;
}

void ChartScene::prepare(int width, int height)
{
    if (chart) {
        // VTK's own layout puts the title against the top edge; leave the page a margin.
        const float m = float(8 * scale);
        chart->SetLayoutStrategy(vtkChart::FILL_RECT);
        chart->SetSize(
            vtkRectf(m, m, std::max(1.0f, width - 2 * m), std::max(1.0f, height - 2 * m)));
    }
    updateTimeTicks();
}

void ChartScene::updateTimeTicks()
{
    if (!timeAxis || !chart)
        return;
    vtkAxis* x = chart->GetAxis(vtkAxis::BOTTOM);
    const double lo = x->GetMinimum();
    const double hi = x->GetMaximum();
    if (lo == tickMin && hi == tickMax)
        return;
    tickMin = lo;
    tickMax = hi;
    const double stepH = tickStepMinutes(hi - lo) / 60.0;
    vtkNew<vtkDoubleArray> positions;
    vtkNew<vtkStringArray> labels;
    for (double t = std::ceil(lo / stepH - 1e-9) * stepH; t <= hi + 1e-9; t += stepH) {
        positions->InsertNextValue(t);
        labels->InsertNextValue(formatHoursMinutes(t));
    }
    x->SetCustomTickPositions(positions, labels);
    x->SetRange(lo, hi); // setting custom ticks may widen the range to them
}

bool ChartScene::zoomTime(double factor, double atX)
{
    if (!timeAxis || !chart || !(factor > 0.0))
        return false;
    vtkAxis* x = chart->GetAxis(vtkAxis::BOTTOM);
    const double p1 = x->GetPoint1()[0];
    const double p2 = x->GetPoint2()[0];
    const double lo = x->GetMinimum();
    const double hi = x->GetMaximum();
    if (p2 <= p1)
        return false;
    const double at = lo + (std::clamp(atX, p1, p2) - p1) / (p2 - p1) * (hi - lo);
    double width = std::clamp((hi - lo) * factor, kMinVisibleHours, spanHours);
    double newLo = at - (at - lo) / (hi - lo) * width;
    newLo = std::clamp(newLo, 0.0, spanHours - width);
    x->SetRange(newLo, newLo + width);
    updateTimeTicks();
    return true;
}

bool ChartScene::panTime(double dx)
{
    if (!timeAxis || !chart)
        return false;
    vtkAxis* x = chart->GetAxis(vtkAxis::BOTTOM);
    const double p1 = x->GetPoint1()[0];
    const double p2 = x->GetPoint2()[0];
    if (p2 <= p1)
        return false;
    const double lo = x->GetMinimum();
    const double hi = x->GetMaximum();
    const double shift = -dx / (p2 - p1) * (hi - lo);
    const double newLo = std::clamp(lo + shift, 0.0, std::max(0.0, spanHours - (hi - lo)));
    x->SetRange(newLo, newLo + (hi - lo));
    updateTimeTicks();
    return true;
}

bool ChartScene::resetTime()
{
    if (!timeAxis || !chart)
        return false;
    chart->GetAxis(vtkAxis::BOTTOM)->SetRange(0.0, spanHours);
    updateTimeTicks();
    return true;
}

} // namespace takt::render
