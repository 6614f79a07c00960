#include "app/kpi_panel.h"

#include "app/kpi_cache.h"
#include "app/replay_controller.h"

#include <QCheckBox>
#include <QDateTime>
#include <QFrame>
#include <QFontMetrics>
#include <QGridLayout>
#include <QLabel>
#include <QVBoxLayout>

#include <cmath>

namespace takt::app {

namespace {

const QColor kGood(0x00, 0x9E, 0x73);
const QColor kWarn(0xE6, 0x9F, 0x00);
const QColor kBad(0xD5, 0x5E, 0x00);
const QColor kNeutral(0x21, 0x21, 0x21);

/// Green at or above target, amber down to `amber`, red below.
QColor against(double value, double target, double amber)
{
    return value >= target ? kGood : value >= amber ? kWarn : kBad;
}

QString percent(double v)
{
    return QStringLiteral("%1 %").arg(100.0 * v, 0, 'f', 1);
}

const QMap<QString, QString>& titles()
{
    static const QMap<QString, QString> t = {
        {QStringLiteral("throughput"), KpiPanel::tr("Throughput")},
        {QStringLiteral("oee"), KpiPanel::tr("OEE")},
        {QStringLiteral("availability"), KpiPanel::tr("Availability")},
        {QStringLiteral("performance"), KpiPanel::tr("Performance")},
        {QStringLiteral("quality"), KpiPanel::tr("Quality")},
        {QStringLiteral("fpy"), KpiPanel::tr("First-pass yield")},
        {QStringLiteral("bottleneckNow"), KpiPanel::tr("Bottleneck now")},
        {QStringLiteral("bottleneckAvg"), KpiPanel::tr("Average bottleneck")}};
    return t;
}

} // namespace

const QStringList& KpiPanel::tileKeys()
{
    static const QStringList keys = {
        QStringLiteral("throughput"),    QStringLiteral("oee"),
        QStringLiteral("availability"),  QStringLiteral("performance"),
        QStringLiteral("quality"),       QStringLiteral("fpy"),
        QStringLiteral("bottleneckNow"), QStringLiteral("bottleneckAvg")};
    return keys;
}

KpiPanel::KpiPanel(ReplayController* replay, KpiCache* kpis, QWidget* parent)
    : QWidget(parent), m_replay(replay), m_kpis(kpis),
      m_whole(new QCheckBox(tr("Whole shift"), this)), m_window(new QLabel(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    auto* top = new QHBoxLayout;
    m_window->setWordWrap(true); // its text follows the replay; it must not set the dock's width
    top->addWidget(m_window, 1);
    top->addWidget(m_whole);
    layout->addLayout(top);
    auto* grid = new QGridLayout;
    grid->setSpacing(6);
    int i = 0;
    for (const auto& key : tileKeys()) {
        Tile tile;
        auto* frame = new QFrame(this);
        frame->setObjectName(key);
        frame->setFrameShape(QFrame::StyledPanel);
        frame->setStyleSheet(
            QStringLiteral("QFrame#%1 { background: #FAFAFA; border: 1px solid #D0D0D0;"
                           " border-radius: 6px; }")
                .arg(key));
        auto* v = new QVBoxLayout(frame);
        v->setContentsMargins(8, 4, 8, 4);
        v->setSpacing(0);
        auto* title = new QLabel(titles().value(key), frame);
        title->setStyleSheet(QStringLiteral("color: #616161; font-size: 9pt;"));
        tile.value = new QLabel(QStringLiteral("—"), frame);
        tile.value->setStyleSheet(QStringLiteral("font-size: 20pt; font-weight: bold;"));
        // The value (a station's name in the bottleneck tiles) must not widen the dock as the
        // replay moves: the dock keeps the width it was given, or a layout restored later.
        tile.value->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
        tile.value->ensurePolished(); // its height at 20 pt, whatever size fitValue() picks
        tile.value->setFixedHeight(tile.value->sizeHint().height());
        tile.detail = new QLabel(frame);
        tile.detail->setStyleSheet(QStringLiteral("color: #616161; font-size: 8pt;"));
        tile.detail->setWordWrap(true);
        v->addWidget(title);
        v->addWidget(tile.value);
        v->addWidget(tile.detail);
        tile.frame = frame;
        m_tiles.insert(key, tile);
        grid->addWidget(frame, i / 2, i % 2);
        ++i;
    }
    layout->addLayout(grid);
    layout->addStretch(1);
    connect(m_whole, &QCheckBox::toggled, this, &KpiPanel::refresh);
    connect(m_whole, &QCheckBox::toggled, this, &KpiPanel::wholeShiftChanged);
    connect(m_kpis, &KpiCache::updated, this, &KpiPanel::refresh);
    connect(m_replay, &ReplayController::positionChanged, this, &KpiPanel::refreshBottleneckNow);
    refresh();
}

KpiPanel::~KpiPanel() = default;

void KpiPanel::setDocument(std::shared_ptr<const Document> doc)
{
    m_doc = std::move(doc);
    refresh();
}

void KpiPanel::setWholeShift(bool whole)
{
    m_whole->setChecked(whole);
}

bool KpiPanel::wholeShift() const
{
    return m_whole->isChecked();
}

const twin::KpiReport& KpiPanel::shownReport() const
{
    return wholeShift() ? m_kpis->wholeShift() : m_kpis->current();
}

QString KpiPanel::tileValue(const QString& key) const
{
    return m_tiles.contains(key) ? m_tiles[key].value->text() : QString();
}

void KpiPanel::setTile(const QString& key, const QString& value, const QString& detail,
                       const QColor& colour)
{
    Tile& tile = m_tiles[key];
    tile.value->setText(value);
    tile.colour = colour;
    fitValue(tile);
    tile.detail->setText(detail);
}

void KpiPanel::fitValue(const Tile& tile) const
{
    QFont font = tile.value->font();
    font.setBold(true);
    int pt = 20;
    for (; pt > 10; --pt) {
        font.setPointSize(pt);
        if (QFontMetrics(font).horizontalAdvance(tile.value->text()) <= tile.value->width())
            break;
    }
    const QString style = QStringLiteral("font-size: %1pt; font-weight: bold; color: %2;")
                              .arg(pt)
                              .arg(tile.colour.name());
    if (tile.value->styleSheet() != style)
        tile.value->setStyleSheet(style);
}

void KpiPanel::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    for (const auto& tile : std::as_const(m_tiles))
        fitValue(tile);
}

QString KpiPanel::stationLabel(int station) const
{
    if (!m_doc || !m_doc->plant || station < 0 ||
        std::size_t(station) >= m_doc->plant->stations.size())
        return tr("—");
    return QString::fromStdString(m_doc->plant->stations[std::size_t(station)].id);
}

void KpiPanel::refresh()
{
    if (!m_kpis->hasReport()) {
        m_window->setText(tr("No recording"));
        for (const auto& key : tileKeys())
            setTile(key, tr("—"), {}, kNeutral);
        return;
    }
    const auto& r = shownReport();
    const auto hhmm = [](twin::TimeMs t) {
        return QDateTime::fromMSecsSinceEpoch(t, Qt::UTC).toString(QStringLiteral("HH:mm:ss"));
    };
    const twin::TimeMs trailing = m_kpis->trailingWindow(); // live: "last hour"
    const QString window = wholeShift()            ? tr("Whole shift")
                           : trailing == 3'600'000 ? tr("Last hour")
                           : trailing > 0          ? tr("Last %1 min").arg(trailing / 60'000)
                                                   : tr("Shift so far");
    m_window->setText(tr("<b>%1</b> %2 – %3 UTC (%4 h)")
                          .arg(window, hhmm(r.from), hhmm(r.to))
                          .arg(r.hours, 0, 'f', 2));
    setTile(QStringLiteral("throughput"), tr("%1 /h").arg(r.throughputPerHour, 0, 'f', 1),
            tr("target %1 /h (takt %2 s) · %3 units")
                .arg(r.targetPerHour, 0, 'f', 1)
                .arg(r.taktS, 0, 'f', 0)
                .arg(r.units),
            r.units == 0 ? kNeutral
                         : against(r.throughputPerHour, r.targetPerHour, 0.9 * r.targetPerHour));
    setTile(QStringLiteral("oee"), percent(r.oee.oee), tr("target 85 %"),
            against(r.oee.oee, 0.85, 0.65));
    // The station that stopped the line longest, or the start-up of a cold line.
    QString stopper;
    double stopS = r.startupLossS;
    if (stopS > 0)
        stopper = tr("start-up");
    for (const auto& s : r.stations)
        if (s.lineStopS > stopS) {
            stopS = s.lineStopS;
            stopper = QString::fromStdString(s.id);
        }
    setTile(
        QStringLiteral("availability"), percent(r.oee.availability),
        stopper.isEmpty()
            ? tr("line never stopped · target 90 %")
            : tr("most stops: %1 %2 min · target 90 %").arg(stopper).arg(stopS / 60.0, 0, 'f', 1),
        against(r.oee.availability, 0.90, 0.80));
    setTile(QStringLiteral("performance"), percent(r.oee.performance),
            tr("vs ideal cycle %1 s · target 95 %").arg(r.idealCycleS, 0, 'g', 4),
            against(r.oee.performance, 0.95, 0.85));
    setTile(QStringLiteral("quality"), percent(r.oee.quality),
            tr("%1 good of %2 units · target 99 %").arg(r.goodUnits).arg(r.units),
            against(r.oee.quality, 0.99, 0.95));
    setTile(QStringLiteral("fpy"), percent(r.fpyOverall),
            tr("rolled yield %1 · target 95 %").arg(percent(r.rolledYield)),
            against(r.fpyOverall, 0.95, 0.90));
    const int avg = r.bottleneck.averageBottleneck;
    QString avgDetail;
    if (const auto* b = r.bottleneck.station(avg)) {
        const auto& k = r.stations[std::size_t(avg)];
        // Its own time per part first: the dock may show only two lines of the detail.
        // Early in a window a station may have no departure gap yet: a dash, not "nan s".
        const auto seconds = [](double s) {
            return std::isfinite(s) ? QString::number(s, 'f', 1) + QStringLiteral(" s")
                                    : QStringLiteral("—");
        };
        avgDetail = tr("processing time %1 · interdeparture time %2 (means) · "
                       "mean active period %3 s · sole %4 · shifting %5")
                        .arg(seconds(k.processing.meanS), seconds(k.interdeparture.meanS))
                        .arg(b->meanActiveS, 0, 'f', 0)
                        .arg(percent(b->soleShare), percent(b->shiftingShare));
    }
    setTile(QStringLiteral("bottleneckAvg"), stationLabel(avg), avgDetail,
            avg >= 0 ? kBad : kNeutral);
    refreshBottleneckNow();
}

void KpiPanel::refreshBottleneckNow()
{
    const int now = m_replay->hasRecording() ? m_replay->bottleneck() : -1;
    QString detail;
    if (now >= 0 && m_doc && m_doc->bottlenecks) {
        const auto m = m_doc->bottlenecks->at(m_replay->position());
        detail = m.shifting ? tr("shifting with %1").arg(stationLabel(m.shiftingWith))
                            : tr("sole bottleneck");
    }
    setTile(QStringLiteral("bottleneckNow"), stationLabel(now), detail, now >= 0 ? kBad : kNeutral);
}

} // namespace takt::app
