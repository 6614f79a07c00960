#include "render/vtk_view.h"

#include "render/chart_base.h"
#include "render/chart_palette.h"
#include "render/vtk_chart_scene.h"
#include "twin/error.h"
#include "twin/log.h"

#include <vtkChartXY.h>
#include <vtkContextActor.h>
#include <vtkContextScene.h>
#include <vtkSmartPointer.h>

#include <QMouseEvent>
#include <QPainter>
#include <QWheelEvent>

#include <cmath>
#include <optional>

namespace takt::render {

struct VtkView::Private {
    explicit Private(VtkView* view) : q(view) {}
    ~Private()
    {
        if (renders > 0)
            releaseOffscreen(actor);
    }

    VtkView* q;
    std::shared_ptr<const Chart> chart;
    /// This view's scene: kept between renders, so that a repaint, a zoom or a pan does not
    /// rebuild the chart. Rendered in the process's shared offscreen window.
    vtkSmartPointer<vtkContextActor> actor = vtkSmartPointer<vtkContextActor>::New();
    std::optional<ChartScene> scene;
    QImage image;       // the chart as VTK last rendered it, device pixels
    QSize renderedSize; // the size of the last render, failed or not
    bool stale = true;  // the chart, its size or its time range changed since
    QString error;      // why the last render failed, shown in the view
    std::optional<QPointF> dragFrom;
    std::optional<std::int64_t> cursorMs;
    int paints = 0;
    int renders = 0;

    double dpr() const { return q->devicePixelRatioF(); }
    QSize pixelSize() const
    {
        return {int(std::lround(q->width() * dpr())), int(std::lround(q->height() * dpr()))};
    }

    std::optional<double> cursorHours() const
    {
        if (!cursorMs)
            return std::nullopt;
        return double(*cursorMs) / 3'600'000.0;
    }

    /// Scene x (device pixels) of the cursor with the axes as last rendered.
    std::optional<double> cursorSceneX() const
    {
        const auto hours = cursorHours();
        if (!hours || !scene || renders == 0)
            return std::nullopt;
        return scene->timeToSceneX(*hours);
    }

    /// The cursor's device pixel column (rounded), to tell whether a new time moves it.
    std::optional<long> cursorColumn() const
    {
        const auto x = cursorSceneX();
        return x ? std::optional<long>(std::lround(*x)) : std::nullopt;
    }

    void populate()
    {
        if (!scene || std::abs(scene->scale - dpr()) > 1e-6)
            scene.emplace(actor->GetScene(), dpr()); // (new screen: fonts follow its ratio)
        if (chart)
            scene->populate(*chart);
        else {
            scene->scene->ClearItems();
            scene->chart = nullptr;
            scene->timeAxis = false;
        }
        stale = true;
    }

    void render()
    {
        const QSize size = pixelSize();
        if (!scene || std::abs(scene->scale - dpr()) > 1e-6)
            populate();
        stale = false;
        renderedSize = size;
        if (!chart || size.isEmpty()) {
            image = QImage();
            return;
        }
        scene->prepare(size.width(), size.height());
        try {
            // Kept in the backing store's format: painting it (at every cursor move) is then a
            // plain copy, not a conversion from RGB888.
            image = renderOffscreen(actor, size).convertToFormat(QImage::Format_RGB32);
            image.setDevicePixelRatio(dpr());
            error.clear();
        } catch (const twin::Error& e) {
            if (error.isEmpty())
                twin::logger("render")->error("chart view: {}", e.what());
            error = QString::fromUtf8(e.what());
            image = QImage();
        }
        ++renders;
    }
};

VtkView::VtkView(QWidget* parent) : QWidget(parent), d(std::make_unique<Private>(this))
{
    // The image covers the whole widget: Qt need not clear behind it.
    setAttribute(Qt::WA_OpaquePaintEvent);
    setMouseTracking(false);
    setFocusPolicy(Qt::WheelFocus);
}

VtkView::~VtkView() = default;

void VtkView::setChart(std::shared_ptr<const Chart> chart)
{
    d->chart = std::move(chart);
    d->populate();
    update();
}

std::shared_ptr<const Chart> VtkView::chart() const
{
    return d->chart;
}

bool VtkView::zoomTime(double factor, double x)
{
    if (!d->scene || !d->scene->zoomTime(factor, x * d->dpr()))
        return false;
    d->stale = true;
    update();
    return true;
}

bool VtkView::panTime(double dx)
{
    if (!d->scene || !d->scene->panTime(dx * d->dpr()))
        return false;
    d->stale = true;
    update();
    return true;
}

bool VtkView::resetTime()
{
    if (!d->scene || !d->scene->resetTime())
        return false;
    d->stale = true;
    update();
    return true;
}

void VtkView::setTimeCursor(std::optional<std::int64_t> msFromStart)
{
    if (msFromStart == d->cursorMs)
        return;
    const auto before = d->cursorColumn();
    d->cursorMs = msFromStart;
    // Before the first render there is no layout to compare with: paint anyway.
    if (before != d->cursorColumn() || d->renders == 0)
        update();
}

std::optional<std::int64_t> VtkView::timeCursor() const
{
    return d->cursorMs;
}

std::optional<double> VtkView::timeCursorX() const
{
    const auto x = d->cursorSceneX();
    return x ? std::optional<double>(*x / d->dpr()) : std::nullopt;
}

int VtkView::renderedFrames() const
{
    return d->paints;
}

int VtkView::chartRenders() const
{
    return d->renders;
}

QSize VtkView::sizeHint() const
{
    return {800, 450};
}

void VtkView::paintEvent(QPaintEvent*)
{
    // (A failed render is not retried at every paint: only for a new chart, size or range.)
    if (d->stale || d->renderedSize != d->pixelSize())
        d->render();
    QPainter painter(this);
    if (d->image.isNull()) {
        painter.fillRect(rect(), Qt::white);
        if (!d->error.isEmpty()) {
            painter.setPen(Qt::darkRed);
            painter.drawText(rect().adjusted(12, 12, -12, -12), Qt::AlignCenter | Qt::TextWordWrap,
                             tr("The chart could not be drawn: %1").arg(d->error));
        }
    } else {
        painter.drawImage(QPointF(0, 0), d->image);
        const auto x = d->cursorSceneX();
        const auto ys = d->scene ? d->scene->plotYRange() : std::nullopt;
        if (x && ys) {
            // Scene pixels run up from the bottom; the widget's down from the top.
            const double h = d->pixelSize().height();
            const double dpr = d->dpr();
            painter.setPen(QPen(chart_colors::kCursor, 2.0, Qt::SolidLine, Qt::FlatCap));
            painter.drawLine(QPointF(*x / dpr, (h - ys->first) / dpr),
                             QPointF(*x / dpr, (h - ys->second) / dpr));
        }
    }
    ++d->paints;
}

void VtkView::resizeEvent(QResizeEvent* event)
{
    d->stale = true;
    QWidget::resizeEvent(event);
}

void VtkView::wheelEvent(QWheelEvent* event)
{
    const double steps = event->angleDelta().y() / 120.0;
    if (steps != 0.0 && zoomTime(std::pow(0.8, steps), event->position().x()))
        event->accept();
    else
        QWidget::wheelEvent(event);
}

void VtkView::mousePressEvent(QMouseEvent* event)
{
    if (event->button() == Qt::LeftButton && d->chart && d->chart->hasTimeAxis()) {
        d->dragFrom = event->position();
        setCursor(Qt::ClosedHandCursor);
        event->accept();
        return;
    }
    QWidget::mousePressEvent(event);
}

void VtkView::mouseMoveEvent(QMouseEvent* event)
{
    if (d->dragFrom) {
        panTime(event->position().x() - d->dragFrom->x());
        d->dragFrom = event->position();
        event->accept();
        return;
    }
    QWidget::mouseMoveEvent(event);
}

void VtkView::mouseReleaseEvent(QMouseEvent* event)
{
    if (d->dragFrom && event->button() == Qt::LeftButton) {
        d->dragFrom.reset();
        unsetCursor();
        event->accept();
        return;
    }
    QWidget::mouseReleaseEvent(event);
}

void VtkView::mouseDoubleClickEvent(QMouseEvent* event)
{
    if (resetTime())
        event->accept();
    else
        QWidget::mouseDoubleClickEvent(event);
}

} // namespace takt::render
