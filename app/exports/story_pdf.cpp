#include "app/story_pdf.h"

#include "app/shift_story.h"
#include "app/time_format.h"
#include "twin/error.h"

#include <QDateTime>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>

#include <algorithm>

namespace takt::app {
namespace {

const QColor kInk(0x22, 0x28, 0x30);
const QColor kMuted(0x5f, 0x6b, 0x7a);
const QColor kAccent(0x1f, 0x5f, 0xa8);
const QColor kTile(0xf1, 0xf4, 0xf8);

void setFont(QPainter& p, double points, bool bold)
{
    QFont f(QStringLiteral("DejaVu Sans"));
    f.setPointSizeF(points);
    f.setBold(bold);
    p.setFont(f);
}

/// One KPI of the moment's window: a label, a large value and a line of detail.
void tile(QPainter& p, const QRect& rect, const QString& label, const QString& value,
          const QString& detail)
{
    p.setPen(Qt::NoPen);
    p.setBrush(kTile);
    p.drawRoundedRect(rect, 14, 14);
    p.setBrush(kAccent);
    p.drawRect(QRect(rect.left(), rect.top() + 14, 7, rect.height() - 28));
    const QRect inner = rect.adjusted(28, 14, -16, -12);
    setFont(p, 10, false);
    p.setPen(kMuted);
    p.drawText(inner, Qt::AlignTop | Qt::AlignLeft, label);
    setFont(p, 22, true);
    p.setPen(kInk);
    p.drawText(inner.adjusted(0, 36, 0, 0), Qt::AlignTop | Qt::AlignLeft, value);
    setFont(p, 9, false);
    p.drawText(inner, Qt::AlignBottom | Qt::AlignLeft | Qt::TextWordWrap, detail);
}

void momentPage(QPainter& p, const QRect& page, const ShiftStory& story, std::size_t i,
                const QImage& view)
{
    const auto& m = story.moments[i];
    const int n = int(story.moments.size());
    const QRect head(page.left(), page.top(), page.width(), 64);
    p.setPen(kInk);
    setFont(p, 15, true);
    p.drawText(head, Qt::AlignLeft | Qt::AlignVCenter,
               QStringLiteral("Moment %1 of %2 · %3")
                   .arg(i + 1)
                   .arg(n)
                   .arg(formatOffsetHm(m.t - story.start)));
    setFont(p, 9, false);
    p.setPen(kMuted);
    p.drawText(head, Qt::AlignRight | Qt::AlignVCenter,
               QStringLiteral("%1 · %2").arg(story.plant, story.recording));
    p.setPen(QPen(kAccent, 3));
    p.drawLine(head.bottomLeft(), head.bottomRight());

    const QRect foot(page.left(), page.bottom() - 36, page.width(), 36);
    p.setPen(kMuted);
    p.drawText(foot, Qt::AlignLeft | Qt::AlignVCenter,
               QStringLiteral("Takt shift story · %1 · %2")
                   .arg(story.file, QDateTime::fromMSecsSinceEpoch(m.t, Qt::UTC)
                                        .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"))));
    p.drawText(foot, Qt::AlignRight | Qt::AlignVCenter,
               QStringLiteral("page %1 of %2").arg(i + 1).arg(n));

    // The caption, large, then the loss that the window holds.
    setFont(p, 20, true);
    p.setPen(kInk);
    const QRect captionBox(page.left(), head.bottom() + 20, page.width(), 130);
    const QRect used =
        p.boundingRect(captionBox, Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap,
                       m.caption.isEmpty() ? QStringLiteral("(no caption)") : m.caption);
    p.drawText(captionBox, Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap,
               m.caption.isEmpty() ? QStringLiteral("(no caption)") : m.caption);
    int y = std::min(used.bottom(), captionBox.bottom()) + 12;
    setFont(p, 12, false);
    p.setPen(kMuted);
    // An event-made moment's caption is its loss already.
    if (m.loss != m.caption)
        p.drawText(QRect(page.left(), y, page.width(), 40), Qt::AlignLeft | Qt::AlignVCenter,
                   m.loss.isEmpty()
                       ? QStringLiteral("No stoppage, setup or failure in these minutes.")
                       : m.loss);
    y += 60;

    // The 3D view on the left, the KPIs of the window on the right.
    const QRect body(page.left(), y, page.width(), foot.top() - 20 - y);
    const int tilesW = int(body.width() * 0.27);
    const QRect area(body.left(), body.top(), body.width() - tilesW - 30, body.height());
    if (view.isNull()) {
        setFont(p, 11, false);
        p.drawText(area, Qt::AlignCenter, QStringLiteral("No view"));
    } else {
        const QSize fitted = view.size().scaled(area.size(), Qt::KeepAspectRatio);
        const QRect target(area.left(), area.top(), fitted.width(), fitted.height());
        p.drawImage(target, view);
        p.setPen(QPen(QColor(0xd0, 0xd6, 0xde), 1));
        p.setBrush(Qt::NoBrush);
        p.drawRect(target);
    }
    const auto& k = m.kpi;
    const int gap = 18, th = (body.height() - 3 * gap) / 4;
    const QRect first(area.right() + 30, body.top(), tilesW, th);
    const auto at = [&](int row) { return first.translated(0, row * (th + gap)); };
    const double minutes = double(m.to - m.from) / 60'000.0;
    tile(p, at(0), QStringLiteral("Minutes around the moment"),
         QStringLiteral("%1–%2").arg(formatOffsetHm(m.from - story.start),
                                     formatOffsetHm(m.to - story.start)),
         QStringLiteral("%1 min of the shift").arg(minutes, 0, 'f', 0));
    tile(p, at(1), QStringLiteral("Output"),
         QStringLiteral("%1 /h").arg(k.throughputPerHour, 0, 'f', 1),
         QStringLiteral("%1 units, %2 good; target %3 /h")
             .arg(k.units)
             .arg(k.goodUnits)
             .arg(k.targetPerHour, 0, 'f', 1));
    tile(p, at(2), QStringLiteral("OEE"), QString::number(k.oee.oee * 100.0, 'f', 1) + " %",
         QStringLiteral("availability %1 %, quality %2 %")
             .arg(k.oee.availability * 100.0, 0, 'f', 1)
             .arg(k.oee.quality * 100.0, 0, 'f', 1));
    // Not a station's own down time: the time the line end made nothing because of a stoppage
    // (line availability, docs/kpi-json.md). A station that stops is down longer than the line
    // stands still, as the units already past it still finish; the detail names both, so that
    // "EOL010 down 5.5 min" beside "3.1 min" reads as what it is.
    const double stoodS = (1.0 - k.oee.availability) * k.plannedS;
    QString detail = QStringLiteral("the line end made nothing, for stoppages and setups");
    const auto cause =
        std::max_element(k.stations.begin(), k.stations.end(),
                         [](const auto& a, const auto& b) { return a.lineStopS < b.lineStopS; });
    if (cause != k.stations.end() && cause->lineStopS > 0) {
        const QString id = QString::fromStdString(cause->id);
        const double downMin = (cause->stateShare[std::size_t(twin::StationState::Down)] +
                                cause->stateShare[std::size_t(twin::StationState::Setup)]) *
                               minutes;
        detail = downMin >= 0.05
                     ? QStringLiteral("%1 down %2 of these %3 min; the units past it kept leaving")
                           .arg(id)
                           .arg(downMin, 0, 'f', 1)
                           .arg(minutes, 0, 'f', 0)
                     : QStringLiteral("for a stoppage of %1 that ended before").arg(id);
    }
    tile(p, at(3),
         QStringLiteral("Line output stopped (%1 vehicles)")
             .arg(k.taktS > 0 ? stoodS / k.taktS : 0.0, 0, 'f', 1),
         QStringLiteral("%1 min").arg(stoodS / 60.0, 0, 'f', 1), detail);
}

} // namespace

void writeStoryPdf(const ShiftStory& story, const std::vector<QImage>& views, const QString& path)
{
    QPdfWriter writer(path);
    writer.setResolution(150);
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Landscape,
                                     QMarginsF(12, 10, 12, 10), QPageLayout::Millimeter));
    writer.setTitle(QStringLiteral("Shift story — %1").arg(story.plant));
    writer.setCreator(QStringLiteral("Takt"));
    QPainter p(&writer);
    if (!p.isActive())
        throw twin::Error(path.toStdString() + ": cannot write the story");
    const QRect page(0, 0, writer.width(), writer.height());
    for (std::size_t i = 0; i < story.moments.size(); ++i) {
        if (i > 0)
            writer.newPage();
        momentPage(p, page, story, i, i < views.size() ? views[i] : QImage());
    }
    if (!p.end())
        throw twin::Error(path.toStdString() + ": cannot write the story");
}

} // namespace takt::app
