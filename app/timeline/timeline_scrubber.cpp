#include "app/timeline_scrubber.h"

#include "render/chart_palette.h"
#include "twin/recording_data.h"

#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace takt::app {
namespace {
constexpr int kFlagRow = 10;   // flags: y 0..10
constexpr int kMarkerRow = 10; // markers: y 10..20, one third per kind
constexpr int kMargin = 6;     // left and right, so the ends can be clicked
const QColor kBackground(0xF4, 0xF4, 0xF4);
const QColor kBookmark(0x00, 0x72, 0xB2);
const QColor kAnnotation(0xE6, 0x9F, 0x00);
} // namespace

TimelineScrubber::TimelineScrubber(QWidget* parent) : QWidget(parent)
{
    setMouseTracking(false);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setCursor(Qt::PointingHandCursor);
    setToolTip(tr("Click or drag to scrub through the shift"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
}

QSize TimelineScrubber::sizeHint() const
{
    return {800, 120};
}
QSize TimelineScrubber::minimumSizeHint() const
{
    return {200, 60};
}

void TimelineScrubber::setRecording(const twin::RecordingData* data)
{
    m_data = data;
    m_markers = data ? collectTimelineMarkers(*data) : std::vector<TimelineMarker>{};
    m_start = data ? data->startMs() : 0;
    m_end = data ? data->endMs() : 0;
    m_position = m_start;
    m_cache = QImage();
    update();
}

void TimelineScrubber::setPosition(qint64 t)
{
    if (t == m_position)
        return;
    // Repaint only the strips under the old and the new playhead.
    const int oldX = int(std::lround(xOf(m_position)));
    m_position = t;
    const int newX = int(std::lround(xOf(m_position)));
    update(QRect(oldX - 3, 0, 7, height()));
    update(QRect(newX - 3, 0, 7, height()));
}

void TimelineScrubber::setFlags(std::vector<TimelineFlag> flags)
{
    m_flags = std::move(flags);
    update();
}

QRect TimelineScrubber::lanesRect() const
{
    const int top = kFlagRow + kMarkerRow + 2;
    return QRect(kMargin, top, std::max(1, width() - 2 * kMargin), std::max(1, height() - top - 2));
}

double TimelineScrubber::xOf(qint64 t) const
{
    const QRect r = lanesRect();
    if (m_end <= m_start)
        return r.left();
    return r.left() + double(t - m_start) * r.width() / double(m_end - m_start);
}

qint64 TimelineScrubber::timeAt(int x) const
{
    const QRect r = lanesRect();
    const double f = std::clamp(double(x - r.left()) / r.width(), 0.0, 1.0);
    return m_start + qint64(std::llround(f * double(m_end - m_start)));
}

void TimelineScrubber::renderCache()
{
    const qreal dpr = devicePixelRatioF();
    m_cache = QImage(size() * dpr, QImage::Format_RGB32);
    m_cache.setDevicePixelRatio(dpr);
    m_cache.fill(kBackground);
    if (!m_data || m_end <= m_start)
        return;
    QPainter p(&m_cache);
    const QRect lanes = lanesRect();
    const int n = int(m_data->plant().stations.size());
    const double laneH = n > 0 ? double(lanes.height()) / n : 0;
    // A recording of days: a pixel spans minutes, and each column shows the state that filled
    // most of it, read from the per-minute state overview instead of every state change.
    const double msPerPixel = double(m_end - m_start) / std::max(1, lanes.width());
    const bool overview = msPerPixel >= 2.0 * twin::StateOverview::kBucketMs;
    for (int s = 0; s < n; ++s) {
        const double y0 = lanes.top() + s * laneH;
        // A one-pixel gap between lanes when they are tall enough to afford it.
        const double h = laneH >= 4 ? laneH - 1 : laneH;
        if (overview) {
            paintOverviewLane(p, s, y0, h);
            continue;
        }
        m_data->forEachStateInterval(
            s, m_start, m_end, [&](twin::StationState st, twin::TimeMs a, twin::TimeMs b) {
                const double x0 = xOf(a), x1 = std::max(xOf(b), x0 + 0.5);
                p.fillRect(QRectF(x0, y0, x1 - x0, h), render::stateColor(st));
            });
    }
    const double sub = kMarkerRow / 3.0;
    for (const auto& m : m_markers) {
        const double x = std::floor(xOf(m.t)) + 0.5;
        const double y = kFlagRow + int(m.kind) * sub;
        p.setPen(QPen(markerColor(m.kind), 1));
        p.drawLine(QPointF(x, y), QPointF(x, y + sub));
    }
}

void TimelineScrubber::paintOverviewLane(QPainter& p, int station, double y0, double h) const
{
    const auto& ov = m_data->stateOverview();
    const auto& col = m_data->states(station);
    constexpr twin::TimeMs kB = twin::StateOverview::kBucketMs;
    const QRect lanes = lanesRect();
    for (int x = lanes.left(); x < lanes.right(); ++x) {
        const twin::TimeMs a = timeAt(x), b = std::max<twin::TimeMs>(timeAt(x + 1), a + 1);
        twin::StateOverview::Times times{};
        const auto b0 = (a - ov.origin()) / kB, b1 = std::max(b0 + 1, (b - ov.origin()) / kB);
        ov.sum(station, b0, b1, times);
        // After its latest change a station is in its latest state (not summarised yet).
        if (!col.t.empty() && b > col.t.back())
            times[std::size_t(col.state.back())] += b - std::max(a, col.t.back());
        const auto most = std::max_element(times.begin(), times.end());
        const auto state =
            *most > 0 ? twin::StationState(most - times.begin()) : twin::StationState::Unknown;
        p.fillRect(QRectF(x, y0, 1, h), render::stateColor(state));
    }
}

void TimelineScrubber::paintEvent(QPaintEvent*)
{
    if (m_cache.isNull() || m_cache.size() != size() * devicePixelRatioF())
        renderCache();
    QPainter p(this);
    p.drawImage(0, 0, m_cache);
    if (!m_data)
        return;
    p.setRenderHint(QPainter::Antialiasing);
    for (const auto& f : m_flags) {
        const double x = xOf(f.t);
        const QColor c = f.kind == TimelineFlag::Kind::Bookmark ? kBookmark : kAnnotation;
        p.setPen(QPen(c, 1));
        p.drawLine(QPointF(x, 0), QPointF(x, kFlagRow + kMarkerRow));
        const QPointF tri[3] = {{x, 0}, {x + 6, 2.5}, {x, 5}};
        p.setBrush(c);
        p.drawPolygon(tri, 3);
    }
    p.setRenderHint(QPainter::Antialiasing, false);
    const int x = int(std::lround(xOf(m_position)));
    p.fillRect(QRect(x - 1, 0, 3, height()), QColor(0x21, 0x21, 0x21));
    p.fillRect(QRect(x, 0, 1, height()), Qt::white);
}

void TimelineScrubber::resizeEvent(QResizeEvent*)
{
    m_cache = QImage();
}

void TimelineScrubber::mousePressEvent(QMouseEvent* e)
{
    if (e->button() != Qt::LeftButton || !m_data)
        return QWidget::mousePressEvent(e);
    m_dragging = true;
    emit draggingChanged(true);
    emit seekRequested(timeAt(int(e->position().x())));
}

void TimelineScrubber::mouseMoveEvent(QMouseEvent* e)
{
    if (m_dragging)
        emit seekRequested(timeAt(int(e->position().x())));
}

void TimelineScrubber::mouseReleaseEvent(QMouseEvent* e)
{
    if (m_dragging && e->button() == Qt::LeftButton) {
        m_dragging = false;
        emit draggingChanged(false);
    }
}

bool TimelineScrubber::event(QEvent* e)
{
    if (e->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(e);
        const QString text = toolTipAt(help->pos());
        if (text.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), text, this);
        return true;
    }
    return QWidget::event(e);
}

QString TimelineScrubber::toolTipAt(const QPoint& p) const
{
    if (!m_data)
        return {};
    const auto near = [&](qint64 t) { return std::abs(xOf(t) - p.x()) <= 3.0; };
    QStringList lines;
    if (p.y() < kFlagRow) {
        for (const auto& f : m_flags)
            if (near(f.t))
                lines << f.text;
    } else if (p.y() < kFlagRow + kMarkerRow + 2) {
        // Markers are sorted by time: look only around the time under the cursor.
        const qint64 lo = timeAt(p.x() - 3), hi = timeAt(p.x() + 3);
        auto it = std::lower_bound(m_markers.begin(), m_markers.end(), lo,
                                   [](const TimelineMarker& m, qint64 t) { return m.t < t; });
        for (; it != m_markers.end() && it->t <= hi && lines.size() < 12; ++it)
            lines << it->text;
    } else {
        const QRect lanes = lanesRect();
        const int n = int(m_data->plant().stations.size());
        const int s =
            n > 0 ? std::clamp((p.y() - lanes.top()) * n / std::max(1, lanes.height()), 0, n - 1)
                  : -1;
        if (s >= 0) {
            const qint64 t = timeAt(p.x());
            twin::StationState state = twin::StationState::Unknown;
            m_data->forEachStateInterval(
                s, t, t + 1,
                [&](twin::StationState st, twin::TimeMs, twin::TimeMs) { state = st; });
            lines << QStringLiteral("%1 — %2").arg(
                QString::fromStdString(m_data->plant().stations[std::size_t(s)].id),
                render::stateName(state));
        }
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace takt::app
