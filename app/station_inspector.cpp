#include "app/station_inspector.h"

#include "app/kpi_cache.h"
#include "app/replay_controller.h"
#include "render/chart_palette.h"
#include "twin/vehicle_losses.h"

#include <QDateTime>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

#include <cmath>

namespace takt::app {

namespace {

const QStringList kFields = {QStringLiteral("state"),      QStringLiteral("since"),
                             QStringLiteral("reason"),     QStringLiteral("part"),
                             QStringLiteral("config"),     QStringLiteral("parts"),
                             QStringLiteral("processing"), QStringLiteral("interdeparture"),
                             QStringLiteral("shares"),     QStringLiteral("vehicles")};

QString q(const std::string& s)
{
    return QString::fromStdString(s);
}

QString number(double v)
{
    return QString::number(v, 'g', 5);
}

QTableWidget* makeTable(const QStringList& headers, QWidget* parent)
{
    auto* t = new QTableWidget(0, int(headers.size()), parent);
    t->setHorizontalHeaderLabels(headers);
    t->verticalHeader()->hide();
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    t->setSelectionMode(QAbstractItemView::SingleSelection);
    t->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    t->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    t->verticalHeader()->setDefaultSectionSize(t->fontMetrics().height() + 6);
    return t;
}

void setCell(QTableWidget* t, int r, int c, const QString& text, const QColor& fg = {},
             const QColor& bg = {})
{
    auto* item = t->item(r, c);
    if (!item) {
        item = new QTableWidgetItem;
        t->setItem(r, c, item);
    }
    item->setText(text);
    item->setForeground(fg.isValid() ? QBrush(fg) : QBrush());
    item->setBackground(bg.isValid() ? QBrush(bg) : QBrush());
}

} // namespace

StationInspector::StationInspector(ReplayController* replay, KpiCache* kpis, QWidget* parent)
    : QWidget(parent), m_replay(replay), m_kpis(kpis), m_title(new QLabel(this)),
      m_chip(new QLabel(this)), m_form(new QFormLayout),
      m_controlPoints(makeTable(
          {tr("Control point"), tr("Value"), tr("LSL"), tr("Target"), tr("USL"), tr("Unit")},
          this)),
      m_checkpoints(
          makeTable({tr("Checkpoint"), tr("FPY"), tr("Pass"), tr("Fail"), tr("Rework")}, this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    QFont big = m_title->font();
    big.setPointSizeF(big.pointSizeF() * 1.4);
    big.setBold(true);
    m_title->setFont(big);
    m_title->setWordWrap(true);
    layout->addWidget(m_title);
    m_chip->setAlignment(Qt::AlignCenter);
    m_chip->setMinimumHeight(28);
    layout->addWidget(m_chip);
    layout->addLayout(m_form);
    for (const auto& name : kFields) {
        if (name == QLatin1String("state"))
            continue; // the chip
        auto* label = new QLabel(this);
        label->setObjectName(name);
        label->setTextFormat(name == QLatin1String("shares") ? Qt::RichText : Qt::PlainText);
        label->setWordWrap(true);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
        static const QStringList captions = {
            tr("Since"),          tr("Reason"),        tr("Part"),
            tr("Config"),         tr("Parts in/out"),  tr("Processing time"),
            tr("Interdeparture"), tr("States so far"), tr("Vehicles lost")};
        m_form->addRow(captions[kFields.indexOf(name) - 1], label);
    }
    layout->addWidget(new QLabel(tr("<b>Control points</b> (last value)"), this));
    m_controlPoints->setMinimumHeight(160);
    m_checkpoints->setMinimumHeight(90);
    layout->addWidget(m_controlPoints, 2);
    layout->addWidget(new QLabel(tr("<b>Quality checkpoints</b> (FPY so far)"), this));
    layout->addWidget(m_checkpoints, 1);

    connect(m_replay, &ReplayController::positionChanged, this, &StationInspector::updateNow);
    connect(m_kpis, &KpiCache::updated, this, &StationInspector::updateKpis);
    connect(m_controlPoints, &QTableWidget::currentCellChanged, this, [this](int r) {
        if (r >= 0 && std::size_t(r) < m_cpRows.size())
            emit controlPointSelected(m_cpRows[std::size_t(r)]);
    });
    setStation(-1);
}

StationInspector::~StationInspector() = default;

void StationInspector::setDocument(std::shared_ptr<const Document> doc)
{
    m_doc = std::move(doc);
    m_station = -2; // force a rebuild
    setStation(-1);
}

void StationInspector::setStation(int station)
{
    const int count = m_doc && m_doc->plant ? int(m_doc->plant->stations.size()) : 0;
    if (station >= count)
        station = -1;
    if (station == m_station)
        return;
    m_station = station;
    rebuildTables();
    updateNow();
    updateKpis();
}

QString StationInspector::fieldText(const QString& name) const
{
    if (name == QLatin1String("state"))
        return m_chip->text();
    const auto* label = findChild<QLabel*>(name);
    return label ? label->text() : QString();
}

void StationInspector::rebuildTables()
{
    m_cpRows.clear();
    m_qcRows.clear();
    if (m_station >= 0) {
        const auto& plant = *m_doc->plant;
        const auto& id = plant.stations[std::size_t(m_station)].id;
        for (std::size_t c = 0; c < plant.controlPoints.size(); ++c)
            if (plant.controlPoints[c].station == id)
                m_cpRows.push_back(int(c));
        for (std::size_t c = 0; c < plant.checkpoints.size(); ++c)
            if (plant.checkpoints[c].station == id)
                m_qcRows.push_back(int(c));
    }
    const QSignalBlocker block(m_controlPoints);
    m_controlPoints->setRowCount(int(m_cpRows.size()));
    for (int r = 0; r < int(m_cpRows.size()); ++r) {
        const auto& cp = m_doc->plant->controlPoints[std::size_t(m_cpRows[std::size_t(r)])];
        setCell(m_controlPoints, r, 0, q(cp.name));
        setCell(m_controlPoints, r, 2, number(cp.lsl));
        setCell(m_controlPoints, r, 3, number(cp.target));
        setCell(m_controlPoints, r, 4, number(cp.usl));
        setCell(m_controlPoints, r, 5, q(cp.unit));
    }
    m_checkpoints->setRowCount(int(m_qcRows.size()));
    for (int r = 0; r < int(m_qcRows.size()); ++r)
        setCell(m_checkpoints, r, 0,
                q(m_doc->plant->checkpoints[std::size_t(m_qcRows[std::size_t(r)])].name));
}

void StationInspector::updateNow()
{
    const auto& state = m_replay->lineState();
    const bool have = m_station >= 0 && m_replay->hasRecording() &&
                      std::size_t(m_station) < state.stations.size();
    if (m_station < 0) {
        m_title->setText(tr("No station selected"));
        m_chip->setText(tr("Pick a station in the 3D view or the plant tree"));
        m_chip->setStyleSheet({});
        m_shownState.reset();
        for (auto* label : findChildren<QLabel*>())
            if (kFields.contains(label->objectName()))
                label->clear();
        return;
    }
    const auto& st = m_doc->plant->stations[std::size_t(m_station)];
    m_title->setText(QStringLiteral("%1  (%2)").arg(q(st.name), q(st.id)));
    if (!have) {
        m_shownState.reset();
        m_chip->setText(tr("No recording"));
        m_chip->setStyleSheet({});
        return;
    }
    const auto& v = state.stations[std::size_t(m_station)];
    m_shownState = v.state;
    const QColor c = render::stateColor(v.state);
    const bool dark = c.lightnessF() < 0.55;
    m_chip->setText(render::stateName(v.state));
    m_chip->setStyleSheet(
        QStringLiteral("QLabel { background: %1; color: %2; border-radius: 6px;"
                       " font-weight: bold; padding: 4px; }")
            .arg(c.name(), dark ? QStringLiteral("white") : QStringLiteral("black")));
    const auto label = [this](const char* name) { return findChild<QLabel*>(QLatin1String(name)); };
    const qint64 ago = (state.t - v.since) / 1000;
    label("since")->setText(v.state == twin::StationState::Unknown
                                ? tr("—")
                                : tr("%1 UTC (%2 min %3 s ago)")
                                      .arg(QDateTime::fromMSecsSinceEpoch(v.since, Qt::UTC)
                                               .toString(QStringLiteral("HH:mm:ss")))
                                      .arg(ago / 60)
                                      .arg(ago % 60));
    label("reason")->setText(v.reason.empty() ? tr("—") : q(v.reason));
    label("part")->setText(v.part ? QString::number(*v.part) : tr("—"));
    label("config")->setText(v.config ? q(m_doc->plant->configurationName(std::uint64_t(*v.config)))
                                      : tr("—"));
    label("parts")->setText(
        tr("%1 in / %2 out (WIP %3)").arg(v.partsIn).arg(v.partsOut).arg(v.wip));

    for (int r = 0; r < int(m_cpRows.size()); ++r) {
        const auto cpIndex = std::size_t(m_cpRows[std::size_t(r)]);
        const auto& cv = state.controlPoints[cpIndex];
        const QColor bad(0xD5, 0x5E, 0x00);
        setCell(m_controlPoints, r, 1, cv.value ? number(*cv.value) : tr("—"),
                cv.outOfSpec ? QColor(Qt::white) : QColor(), cv.outOfSpec ? bad : QColor());
    }
    for (int r = 0; r < int(m_qcRows.size()); ++r) {
        const auto& cv = state.checkpoints[std::size_t(m_qcRows[std::size_t(r)])];
        setCell(m_checkpoints, r, 2, QString::number(cv.passes));
        setCell(m_checkpoints, r, 3, QString::number(cv.fails));
        setCell(m_checkpoints, r, 4, QString::number(cv.reworks));
    }
}

void StationInspector::updateKpis()
{
    auto* processing = findChild<QLabel*>(QStringLiteral("processing"));
    auto* interdeparture = findChild<QLabel*>(QStringLiteral("interdeparture"));
    auto* shares = findChild<QLabel*>(QStringLiteral("shares"));
    auto* vehicles = findChild<QLabel*>(QStringLiteral("vehicles"));
    vehicles->clear();
    vehicles->setToolTip(QString());
    if (m_station < 0 || !m_kpis->hasReport()) {
        processing->clear();
        interdeparture->clear();
        shares->clear();
        return;
    }
    const auto& report = m_kpis->current();
    const twin::StationKpi* k = nullptr;
    for (const auto& s : report.stations)
        if (s.station == m_station)
            k = &s;
    if (!k) {
        processing->setText(tr("—"));
        interdeparture->setText(tr("—"));
        shares->setText(tr("—"));
        return;
    }
    // Processing time: the station's own working time per part, against its nominal time.
    if (k->processing.samples < 1 || std::isnan(k->processing.meanS)) {
        processing->setText(tr("no part finished yet"));
    } else {
        const double nominal = m_doc->plant->stations[std::size_t(m_station)].cycleTime.meanS;
        processing->setText(tr("mean %1 s · p95 %2 s · nominal %3 s")
                                .arg(k->processing.meanS, 0, 'f', 1)
                                .arg(k->processing.p95S, 0, 'f', 1)
                                .arg(nominal, 0, 'f', 1));
    }
    // Interdeparture time: every loss included, the figure to hold against takt.
    if (k->interdeparture.samples < 1 || std::isnan(k->interdeparture.meanS)) {
        interdeparture->setText(tr("not enough departures yet"));
        interdeparture->setStyleSheet(QString());
    } else {
        const bool slow = k->interdeparture.meanS > report.taktS;
        interdeparture->setText(tr("mean %1 s · median %2 s · p95 %3 s · takt %4 s%5")
                                    .arg(k->interdeparture.meanS, 0, 'f', 1)
                                    .arg(k->interdeparture.medianS, 0, 'f', 1)
                                    .arg(k->interdeparture.p95S, 0, 'f', 1)
                                    .arg(report.taktS, 0, 'f', 0)
                                    .arg(slow ? tr("  — slower than takt") : QString()));
        interdeparture->setStyleSheet(slow ? QStringLiteral("color: #D55E00; font-weight: bold;")
                                           : QString());
    }
    // What its stoppages, setups and failures cost the line so far (docs/vehicle-losses.md).
    if (m_doc->replay) {
        const auto losses =
            twin::lossesOf(twin::computeVehicleLosses(m_doc->replay->data(), report), m_station);
        double total = 0;
        QStringList worst;
        for (const auto& loss : losses) {
            total += loss.vehicles;
            if (worst.size() < 3 && loss.lostVehicles > 0)
                worst << QString::fromStdString(
                    twin::describeLoss(loss, *m_doc->plant, m_replay->startMs()));
        }
        // Short enough for the dock's width; the costliest losses in the tooltip.
        vehicles->setText(losses.empty()
                              ? tr("none so far")
                              : tr("%1 against takt (%n loss(es))", nullptr, int(losses.size()))
                                    .arg(tr("%1 vehicles").arg(total, 0, 'f', 1)));
        vehicles->setToolTip(worst.join(QStringLiteral("\n")));
    }
    if (!k->hasStates) {
        shares->setText(tr("no state reports (buffer)"));
    } else {
        QStringList parts;
        for (const twin::StationState s : twin::kStationStates)
            if (k->stateShare[std::size_t(s)] >= 0.0005)
                parts << QStringLiteral("<span style=\"color:%1\">■</span> %2 %3 %")
                             .arg(render::stateColor(s).name(), render::stateName(s))
                             .arg(100.0 * k->stateShare[std::size_t(s)], 0, 'f', 1);
        shares->setText(parts.join(QStringLiteral(" &nbsp; ")));
    }
    for (int r = 0; r < int(m_qcRows.size()); ++r) {
        const int c = m_qcRows[std::size_t(r)];
        QString text = tr("—");
        QColor fg;
        for (const auto& ck : report.checkpoints)
            if (ck.checkpoint == c && ck.parts > 0) {
                text = QStringLiteral("%1 %").arg(100.0 * ck.fpy, 0, 'f', 1);
                fg = ck.fpy < 0.99 ? QColor(0xD5, 0x5E, 0x00) : QColor(0x00, 0x9E, 0x73);
            }
        setCell(m_checkpoints, r, 1, text, fg);
    }
}

} // namespace takt::app
