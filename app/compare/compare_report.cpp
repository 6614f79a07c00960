#include "app/compare_report.h"

#include "app/compare_dock.h"
#include "render/heatmap.h"
#include "twin/compare_format.h"
#include "twin/error.h"

#include <QFileInfo>
#include <QLinearGradient>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>

#include <algorithm>
#include <cmath>

namespace takt::app {
namespace {

constexpr int kDpi = 150;
const QColor kInk(0x22, 0x22, 0x22);
const QColor kRule(0xbb, 0xbb, 0xbb);

void setFont(QPainter& p, int points, bool bold = false)
{
    QFont f = p.font();
    f.setPointSize(points);
    f.setBold(bold);
    p.setFont(f);
}

/// A table with a header row: columns' widths in pixels, right-aligned but the first.
int table(QPainter& p, QPoint at, const std::vector<int>& widths,
          const std::vector<QStringList>& rows, int rowHeight)
{
    int y = at.y();
    for (std::size_t r = 0; r < rows.size(); ++r) {
        setFont(p, 8, r == 0);
        int x = at.x();
        for (std::size_t c = 0; c < widths.size() && c < std::size_t(rows[r].size()); ++c) {
            const QRect cell(x, y, widths[c] - 8, rowHeight);
            p.drawText(cell, (c == 0 ? Qt::AlignLeft : Qt::AlignRight) | Qt::AlignVCenter,
                       rows[r][int(c)]);
            x += widths[c];
        }
        y += rowHeight;
        if (r == 0) {
            p.setPen(kRule);
            p.drawLine(at.x(), y, x, y);
            p.setPen(kInk);
        }
    }
    return y;
}

} // namespace

void writeComparisonPdf(const twin::Comparison& c, const QImage& view, twin::StationState heatState,
                        double heatScale, const QString& path)
{
    QPdfWriter writer(path);
    writer.setResolution(kDpi);
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Landscape,
                                     QMarginsF(12, 10, 12, 10), QPageLayout::Millimeter));
    writer.setTitle(QStringLiteral("Comparison — %1").arg(QString::fromStdString(c.plantId)));
    writer.setCreator(QStringLiteral("Takt"));
    QPainter p(&writer);
    if (!p.isActive())
        throw twin::Error(path.toStdString() + ": cannot write the report");
    const QRect page(0, 0, writer.width(), writer.height());
    p.setPen(kInk);
    setFont(p, 16, true);
    p.drawText(
        QRect(0, 0, page.width(), 60), Qt::AlignLeft | Qt::AlignVCenter,
        QStringLiteral("Comparison of two recordings — %1").arg(QString::fromStdString(c.plantId)));
    setFont(p, 9);
    const auto side = [](const char* name, const twin::CompareSide& s) {
        return QStringLiteral("%1  %2, recording %3 “%4”, %5 to %6")
            .arg(QLatin1String(name), QFileInfo(QString::fromStdString(s.session)).fileName())
            .arg(s.recording.id)
            .arg(QString::fromStdString(s.recording.name),
                 QString::fromStdString(twin::formatIsoTime(s.kpi.from)),
                 QString::fromStdString(twin::formatIsoTime(s.kpi.to)));
    };
    p.drawText(QRect(0, 62, page.width(), 30), Qt::AlignLeft, side("A", c.a));
    p.drawText(QRect(0, 92, page.width(), 30), Qt::AlignLeft, side("B", c.b));
    p.drawText(QRect(0, 122, page.width(), 30), Qt::AlignLeft,
               QStringLiteral("Same shift offsets %1 to %2; B − A: shares in percentage points.")
                   .arg(QString::fromStdString(twin::formatOffsetHmsFraction(c.fromOffsetMs)),
                        QString::fromStdString(twin::formatOffsetHmsFraction(c.toOffsetMs))));

    const int top = 170;
    const int rowH = 30;
    // Left: the line KPIs, then the bottleneck rankings.
    std::vector<QStringList> line{{QStringLiteral("Line KPI"), QStringLiteral("A"),
                                   QStringLiteral("B"), QStringLiteral("B − A")}};
    for (const auto& r : twin::lineRows(c))
        line.push_back({QString::fromStdString(r.label).trimmed(),
                        comparedValue(r.value.a, r.unit, false),
                        comparedValue(r.value.b, r.unit, false),
                        comparedValue(r.value.delta(), r.unit, true)});
    int y = table(p, QPoint(0, top), {300, 150, 150, 160}, line, rowH);
    std::vector<QStringList> ranking{{QStringLiteral("#"),
                                      QStringLiteral("Bottleneck A (mean active s)"),
                                      QStringLiteral("Bottleneck B")}};
    const auto ra = c.ranking(false), rb = c.ranking(true);
    for (std::size_t i = 0; i < 8 && i < std::max(ra.size(), rb.size()); ++i) {
        const auto name = [](const twin::StationComparison* s, bool b) {
            return s ? QStringLiteral("%1 (%2)")
                           .arg(QString::fromStdString(s->id))
                           .arg(b ? s->meanActiveS.b : s->meanActiveS.a, 0, 'f', 1)
                     : QString();
        };
        ranking.push_back({QString::number(i + 1), name(i < ra.size() ? ra[i] : nullptr, false),
                           name(i < rb.size() ? rb[i] : nullptr, true)});
    }
    table(p, QPoint(0, y + 40), {60, 350, 350}, ranking, rowH);

    // Right: the layout with the diverging heatmap and its key, then the largest changes.
    const int right = 820;
    const QRect viewBox(right, top, page.width() - right, 560);
    const QString stateName = QString::fromUtf8(std::string(twin::toString(heatState)).c_str());
    if (!view.isNull()) {
        const QImage scaled =
            view.scaled(viewBox.size(), Qt::KeepAspectRatio, Qt::SmoothTransformation);
        p.drawImage(viewBox.topLeft(), scaled);
        y = top + scaled.height();
    } else {
        p.drawText(viewBox, Qt::AlignCenter, QStringLiteral("(the 3D view could not be drawn)"));
        y = viewBox.bottom();
    }
    const QRect bar(right, y + 16, page.width() - right - 1, 22);
    QLinearGradient g(bar.topLeft(), bar.topRight());
    for (int i = 0; i <= 20; ++i)
        g.setColorAt(i / 20.0, render::heatmapColour(-1.0 + i / 10.0,
                                                     render::HeatmapPalette::Diverging, 0.85));
    p.fillRect(bar, g);
    p.setPen(kRule);
    p.drawRect(bar);
    p.setPen(kInk);
    setFont(p, 8);
    const QString pp = QString::number(heatScale * 100.0, 'f', 1);
    const QRect key(right, bar.bottom() + 4, page.width() - right, 30);
    p.drawText(key, Qt::AlignLeft | Qt::AlignVCenter, QStringLiteral("−%1 pp (A higher)").arg(pp));
    p.drawText(key, Qt::AlignRight | Qt::AlignVCenter,
               QStringLiteral("floor: %1 share, B − A; red: B higher, +%2 pp").arg(stateName, pp));

    std::vector<const twin::StationComparison*> changed;
    for (const auto& s : c.stations)
        if (s.hasStates)
            changed.push_back(&s);
    const std::size_t st = std::size_t(heatState);
    std::stable_sort(changed.begin(), changed.end(), [st](const auto* l, const auto* r) {
        return std::fabs(l->share[st].delta()) > std::fabs(r->share[st].delta());
    });
    std::vector<QStringList> stations{{QStringLiteral("Station"), stateName + QStringLiteral(" A"),
                                       QStringLiteral("B"), QStringLiteral("B − A"),
                                       QStringLiteral("rank A"), QStringLiteral("rank B")}};
    for (std::size_t i = 0; i < changed.size() && i < 8; ++i) {
        const auto& s = *changed[i];
        const auto rank = [](int r) { return r > 0 ? QStringLiteral("#%1").arg(r) : QString(); };
        stations.push_back({QString::fromStdString(s.id),
                            comparedValue(s.share[st].a, twin::KpiUnit::Share, false),
                            comparedValue(s.share[st].b, twin::KpiUnit::Share, false),
                            comparedValue(s.share[st].delta(), twin::KpiUnit::Share, true),
                            rank(s.rankA), rank(s.rankB)});
    }
    table(p, QPoint(right, key.bottom() + 30), {200, 150, 120, 150, 110, 110}, stations, rowH);
    if (!p.end())
        throw twin::Error(path.toStdString() + ": cannot write the report");
}

} // namespace takt::app
