#include "app/report_pdf.h"

#include "app/shift_report.h"
#include "app/time_format.h"
#include "render/chart_pareto.h"
#include "render/chart_spc.h"
#include "render/chart_state_timeline.h"
#include "render/chart_throughput.h"
#include "twin/error.h"

#include <QDateTime>
#include <QFileInfo>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>

#include <cmath>

namespace takt::app {
namespace {

constexpr int kDpi = 150;
constexpr double kChartScale = 1.6;
const QColor kInk(0x22, 0x28, 0x30);
const QColor kMuted(0x5f, 0x6b, 0x7a);
const QColor kAccent(0x1f, 0x5f, 0xa8);
const QColor kTile(0xf1, 0xf4, 0xf8);
const QColor kGood(0x1b, 0x8a, 0x5a);
const QColor kBad(0xc8, 0x4b, 0x1a);

QString pct(double v, int decimals = 1)
{
    return QString::number(v * 100.0, 'f', decimals) + QStringLiteral(" %");
}

QString isoMinutes(twin::TimeMs t)
{
    return QDateTime::fromMSecsSinceEpoch(t, Qt::UTC)
        .toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"));
}

/// Paints pages with a common header and footer; content() is the free area of a page.
class PageWriter {
public:
    PageWriter(QPdfWriter& writer, const ShiftReportData& r)
        : m_writer(writer), m_r(r), m_p(&writer)
    {
    }

    bool ok() const { return m_p.isActive(); }
    QPainter& painter() { return m_p; }

    QRect begin(const QString& title)
    {
        if (m_page > 0)
            m_writer.newPage();
        ++m_page;
        const QRect page(0, 0, m_writer.width(), m_writer.height());
        m_p.setPen(kInk);
        setFont(16, true);
        const QRect head(page.left(), page.top(), page.width(), 70);
        m_p.drawText(head, Qt::AlignLeft | Qt::AlignVCenter, title);
        setFont(9, false);
        m_p.setPen(kMuted);
        m_p.drawText(head, Qt::AlignRight | Qt::AlignVCenter,
                     QStringLiteral("%1 · %2").arg(m_r.plant, m_r.recording));
        m_p.setPen(QPen(kAccent, 3));
        m_p.drawLine(head.bottomLeft(), head.bottomRight());
        const QRect foot(page.left(), page.bottom() - 40, page.width(), 40);
        m_p.setPen(kMuted);
        m_p.drawText(foot, Qt::AlignLeft | Qt::AlignVCenter,
                     QStringLiteral("Takt shift report · %1").arg(m_r.file));
        m_p.drawText(foot, Qt::AlignRight | Qt::AlignVCenter,
                     QStringLiteral("page %1 of %2").arg(m_page).arg(kShiftReportPages));
        m_p.setPen(kInk);
        return QRect(page.left(), head.bottom() + 25, page.width(),
                     foot.top() - head.bottom() - 45);
    }

    void setFont(double points, bool bold)
    {
        QFont f(QStringLiteral("DejaVu Sans"));
        f.setPointSizeF(points);
        f.setBold(bold);
        m_p.setFont(f);
    }

    void chart(const render::Chart& c, const QRect& rect)
    {
        const QImage image = c.renderImage(rect.size(), kChartScale);
        m_p.drawImage(rect, image);
        m_p.setPen(QPen(QColor(0xd0, 0xd6, 0xde), 1));
        m_p.setBrush(Qt::NoBrush);
        m_p.drawRect(rect);
    }

    void note(const QRect& rect, const QString& text)
    {
        setFont(11, false);
        m_p.setPen(kMuted);
        m_p.drawText(rect, Qt::AlignCenter | Qt::TextWordWrap, text);
        m_p.setPen(kInk);
    }

private:
    QPdfWriter& m_writer;
    const ShiftReportData& m_r;
    QPainter m_p;
    int m_page = 0;
};

void tile(PageWriter& w, const QRect& rect, const QString& label, const QString& value,
          const QString& detail, const QColor& valueColor)
{
    auto& p = w.painter();
    p.setPen(Qt::NoPen);
    p.setBrush(kTile);
    p.drawRoundedRect(rect, 18, 18);
    p.setBrush(kAccent);
    p.drawRect(QRect(rect.left(), rect.top() + 18, 8, rect.height() - 36));
    const QRect inner = rect.adjusted(36, 24, -24, -20);
    w.setFont(12, false);
    p.setPen(kMuted);
    p.drawText(inner, Qt::AlignTop | Qt::AlignLeft, label);
    // Long station ids shrink until they fit the tile.
    for (double points = 30; points >= 14; points -= 2) {
        w.setFont(points, true);
        if (p.fontMetrics().horizontalAdvance(value) <= inner.width())
            break;
    }
    p.setPen(valueColor);
    p.drawText(inner.adjusted(0, 50, 0, 0), Qt::AlignTop | Qt::AlignLeft, value);
    w.setFont(10, false);
    p.setPen(kInk);
    p.drawText(inner, Qt::AlignBottom | Qt::AlignLeft | Qt::TextWordWrap, detail);
}

void titlePage(PageWriter& w, const ShiftReportData& r)
{
    const QRect c = w.begin(QStringLiteral("Shift report"));
    auto& p = w.painter();
    w.setFont(26, true);
    p.setPen(kInk);
    p.drawText(QRect(c.left(), c.top(), c.width(), 90), Qt::AlignLeft | Qt::AlignVCenter, r.plant);
    w.setFont(12, false);
    p.setPen(kMuted);
    const double hours = double(r.to - r.from) / 3.6e6;
    const QString lines = QStringLiteral("Recording: %1    Session: %2\nWindow: %3 to %4 (%5 h)")
                              .arg(r.recording, r.file, isoMinutes(r.from), isoMinutes(r.to))
                              .arg(hours, 0, 'f', 1);
    p.drawText(QRect(c.left(), c.top() + 95, c.width(), 90), Qt::AlignLeft | Qt::AlignTop, lines);

    const auto& k = r.kpi;
    const int gap = 30;
    const int tw = (c.width() - 3 * gap) / 4;
    const int th = 330;
    const int top = c.top() + 220;
    const double ratio = k.targetPerHour > 0 ? k.throughputPerHour / k.targetPerHour : 0.0;
    tile(w, QRect(c.left(), top, tw, th), QStringLiteral("Throughput"),
         QStringLiteral("%1 /h").arg(k.throughputPerHour, 0, 'f', 1),
         QStringLiteral("target %1 /h (takt %2 s): %3 of target\n%4 units, %5 good")
             .arg(k.targetPerHour, 0, 'f', 1)
             .arg(k.taktS, 0, 'f', 0)
             .arg(pct(ratio, 0))
             .arg(k.units)
             .arg(k.goodUnits),
         ratio >= 0.95 ? kGood : kBad);
    tile(w, QRect(c.left() + (tw + gap), top, tw, th), QStringLiteral("OEE = A × P × Q"),
         pct(k.oee.oee),
         QStringLiteral("availability %1\nperformance %2\nquality %3")
             .arg(pct(k.oee.availability), pct(k.oee.performance), pct(k.oee.quality)),
         k.oee.oee >= 0.85 ? kGood : kBad);
    tile(w, QRect(c.left() + 2 * (tw + gap), top, tw, th), QStringLiteral("First-pass yield"),
         pct(k.fpyOverall),
         QStringLiteral("rolled yield over %1 checkpoints: %2")
             .arg(k.checkpoints.size())
             .arg(pct(k.rolledYield)),
         k.fpyOverall >= 0.95 ? kGood : kBad);
    const auto* bn = k.bottleneck.station(k.bottleneck.averageBottleneck);
    tile(w, QRect(c.left() + 3 * (tw + gap), top, tw, th), QStringLiteral("Average bottleneck"),
         r.averageBottleneck.isEmpty() ? QStringLiteral("—")
                                       : r.averageBottleneck.section(' ', 0, 0),
         bn ? QStringLiteral("%1\nmean active period %2 min; sole bottleneck %3 of the shift")
                  .arg(r.averageBottleneck.section(' ', 1))
                  .arg(bn->meanActiveS / 60.0, 0, 'f', 1)
                  .arg(pct(bn->soleShare, 0))
            : QStringLiteral("no state data"),
         kAccent);

    w.setFont(11, false);
    p.setPen(kInk);
    QString summary =
        QStringLiteral("Line end interdeparture time: mean %1 s, median %2 s, p95 %3 s against a "
                       "takt of %4 s. Performance is measured against the line's ideal cycle time "
                       "of %5 s; the line stood still %6 min for stoppages.")
            .arg(k.lineInterdeparture.meanS, 0, 'f', 1)
            .arg(k.lineInterdeparture.medianS, 0, 'f', 1)
            .arg(k.lineInterdeparture.p95S, 0, 'f', 1)
            .arg(k.taktS, 0, 'f', 0)
            .arg(k.idealCycleS, 0, 'g', 4)
            .arg((1.0 - k.oee.availability) * k.plannedS / 60.0, 0, 'f', 1);
    if (!r.moments.empty()) {
        summary +=
            QStringLiteral("\nWorst moments (3D snapshots on page %1):").arg(kShiftReportPages);
        for (const auto& m : r.moments)
            summary += QStringLiteral("\n  • %1 — %2").arg(m.title, m.detail);
    }
    for (const auto& warning : k.warnings)
        summary += QStringLiteral("\nNote: ") + QString::fromStdString(warning);
    p.drawText(QRect(c.left(), top + th + 50, c.width(), c.bottom() - top - th - 50),
               Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, summary);
}

void table(PageWriter& w, const QRect& rect, const LossTable& t)
{
    auto& p = w.painter();
    w.setFont(12, true);
    p.setPen(kInk);
    p.drawText(QRect(rect.left(), rect.top(), rect.width(), 50), Qt::AlignLeft | Qt::AlignVCenter,
               t.title);
    const int rowH = 46;
    const std::array<double, 3> widths{0.58, 0.2, 0.22};
    auto drawRow = [&](int y, const QStringList& cells, bool header) {
        int x = rect.left();
        for (int i = 0; i < cells.size() && i < 3; ++i) {
            const int cw = int(rect.width() * widths[std::size_t(i)]);
            const QRect cell(x + 8, y, cw - 16, rowH);
            p.drawText(cell, (i == 0 ? Qt::AlignLeft : Qt::AlignRight) | Qt::AlignVCenter,
                       p.fontMetrics().elidedText(cells[i], Qt::ElideRight, cell.width()));
            x += cw;
        }
        Q_UNUSED(header);
    };
    int y = rect.top() + 60;
    p.setPen(Qt::NoPen);
    p.setBrush(kAccent);
    p.drawRect(QRect(rect.left(), y, rect.width(), rowH));
    w.setFont(9.5, true);
    p.setPen(Qt::white);
    drawRow(y, t.header, true);
    w.setFont(9.5, false);
    for (std::size_t i = 0; i < t.rows.size(); ++i) {
        y += rowH;
        if (i % 2) {
            p.setPen(Qt::NoPen);
            p.setBrush(kTile);
            p.drawRect(QRect(rect.left(), y, rect.width(), rowH));
        }
        p.setPen(kInk);
        drawRow(y, t.rows[i], false);
    }
    if (t.rows.empty())
        w.note(QRect(rect.left(), y + rowH, rect.width(), rowH),
               QStringLiteral("none in this shift"));
}

} // namespace

void writeShiftReportPdf(const ShiftReportData& r, const std::vector<QImage>& snapshots,
                         const QString& path, const std::function<void(const QString&)>& progress)
{
    QPdfWriter writer(path);
    writer.setResolution(kDpi);
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Landscape,
                                     QMarginsF(12, 10, 12, 10), QPageLayout::Millimeter));
    writer.setTitle(QStringLiteral("Shift report — %1").arg(r.plant));
    writer.setCreator(QStringLiteral("Takt"));
    PageWriter w(writer, r);
    if (!w.ok())
        throw twin::Error(path.toStdString() + ": cannot write the report");

    progress(QStringLiteral("page 1: title and KPIs"));
    titlePage(w, r);

    progress(QStringLiteral("page 2: state timeline"));
    QRect c = w.begin(QStringLiteral("Station states"));
    w.chart(render::StateTimelineChart(r.timeline), c);

    progress(QStringLiteral("page 3: throughput and defect Paretos"));
    c = w.begin(QStringLiteral("Throughput and defects"));
    const int half = (c.height() - 30) / 2;
    w.chart(render::ThroughputChart(r.throughput), QRect(c.left(), c.top(), c.width(), half));
    const int col = (c.width() - 30) / 2;
    const QRect lower(c.left(), c.top() + half + 30, col, c.height() - half - 30);
    if (r.defectsByCode.categories.empty())
        w.note(lower, QStringLiteral("No defects in this shift."));
    else {
        w.chart(render::ParetoChart(r.defectsByCode), lower);
        w.chart(render::ParetoChart(r.defectsByConfig), lower.translated(col + 30, 0));
    }

    progress(QStringLiteral("page 4: SPC"));
    c = w.begin(QStringLiteral("Control points with the most violations"));
    if (r.spc.empty())
        w.note(c, QStringLiteral("The plant has no control points."));
    const int spcH =
        r.spc.empty() ? 0 : (c.height() - 30 * int(r.spc.size() - 1)) / int(r.spc.size());
    for (std::size_t i = 0; i < r.spc.size(); ++i)
        w.chart(render::SpcChart(r.spc[i]),
                QRect(c.left(), c.top() + int(i) * (spcH + 30), c.width(), spcH));

    progress(QStringLiteral("page 5: top losses"));
    c = w.begin(QStringLiteral("Top losses"));
    {
        // Two columns of tables, each one above the other.
        const int colW = (c.width() - 60) / 2;
        const int rowsH = (c.height() - 40) / 2;
        for (std::size_t i = 0; i < r.losses.size() && i < 4; ++i) {
            const int column = int(i / 2), row = int(i % 2);
            table(w,
                  QRect(c.left() + column * (colW + 60), c.top() + row * (rowsH + 40), colW, rowsH),
                  r.losses[i]);
        }
    }

    progress(QStringLiteral("page 6: 3D snapshots"));
    c = w.begin(QStringLiteral("The worst moments on the layout"));
    auto& p = w.painter();
    const int m = std::max<int>(1, int(r.moments.size()));
    const int sw = (c.width() - 40 * (m - 1)) / m;
    if (r.moments.empty())
        w.note(c, QStringLiteral("The recording is too short to find worst moments."));
    for (int i = 0; i < int(r.moments.size()); ++i) {
        const auto& moment = r.moments[std::size_t(i)];
        const QRect box(c.left() + i * (sw + 40), c.top(), sw, c.height());
        w.setFont(13, true);
        p.setPen(kInk);
        p.drawText(QRect(box.left(), box.top(), box.width(), 50), Qt::AlignLeft | Qt::AlignVCenter,
                   QStringLiteral("%1 at %2").arg(moment.title, formatOffsetHm(moment.t - r.from)));
        w.setFont(10, false);
        p.setPen(kMuted);
        p.drawText(QRect(box.left(), box.top() + 50, box.width(), 80),
                   Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap,
                   moment.detail + QStringLiteral("\n") + isoMinutes(moment.t));
        const QRect area(box.left(), box.top() + 140, box.width(), box.height() - 140);
        const QImage image =
            std::size_t(i) < snapshots.size() ? snapshots[std::size_t(i)] : QImage();
        if (image.isNull()) {
            w.note(area, QStringLiteral("No snapshot"));
            continue;
        }
        const QSize fitted = image.size().scaled(area.size(), Qt::KeepAspectRatio);
        const QRect target(area.left(), area.top(), fitted.width(), fitted.height());
        p.drawImage(target, image);
        p.setPen(QPen(QColor(0xd0, 0xd6, 0xde), 1));
        p.setBrush(Qt::NoBrush);
        p.drawRect(target);
    }
    if (!p.end())
        throw twin::Error(path.toStdString() + ": cannot write the report");
}

} // namespace takt::app
