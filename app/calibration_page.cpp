#include "app/calibration_page.h"

#include "twin/calibration.h"
#include "twin/recording_data.h"
#include "twin/session_store.h"

#include <QBrush>
#include <QColor>
#include <QHeaderView>
#include <QLabel>
#include <QTabWidget>
#include <QTableWidget>
#include <QThread>
#include <QVBoxLayout>

#include <exception>
#include <optional>

namespace takt::app {

/// One background calibration and what it came to.
struct CalibrationPage::Result {
    std::string path;
    std::int64_t recordingId = 0;
    std::optional<twin::CalibrationReport> report;
    std::optional<twin::Plant> plant;
    std::optional<twin::RecordingInfo> recording;
    QString error;
};

namespace {

const QColor kFlagColour(255, 224, 160); // amber: look here before trusting the model

QString num(double v, int decimals)
{
    return QString::number(v, 'f', decimals);
}

/// "12.34 [11.90, 12.80]", or "—" with the reason as tooltip when the estimate is missing.
QTableWidgetItem* estimateItem(const twin::Estimate& e, int decimals, double scale = 1.0)
{
    auto* item = new QTableWidgetItem;
    if (!e.value) {
        item->setText(QStringLiteral("—"));
        item->setToolTip(QString::fromStdString(e.missing));
        return item;
    }
    QString text = num(scale * *e.value, decimals);
    if (e.ci)
        text += QStringLiteral(" [%1, %2]")
                    .arg(num(scale * e.ci->low, decimals), num(scale * e.ci->high, decimals));
    item->setText(text);
    item->setToolTip(QObject::tr("from %1 observations").arg(e.samples));
    return item;
}

QString optional(const std::optional<double>& v, int decimals)
{
    return v ? num(*v, decimals) : QStringLiteral("—");
}

QString distributionName(const twin::StationCalibration& s)
{
    return s.fitted ? QString::fromLatin1(twin::toString(s.fitted->kind).data())
                    : QStringLiteral("—");
}

void flagRow(QTableWidget* table, int row, const QStringList& reasons)
{
    const int last = table->columnCount() - 1;
    auto* item = new QTableWidgetItem(
        reasons.isEmpty()
            ? QObject::tr("ok")
            : QObject::tr("too little data: %1").arg(reasons.join(QStringLiteral("; "))));
    item->setToolTip(item->text());
    table->setItem(row, last, item);
    if (reasons.isEmpty())
        return;
    for (int c = 0; c <= last; ++c)
        if (auto* cell = table->item(row, c))
            cell->setBackground(kFlagColour);
}

QTableWidget* makeTable(QWidget* parent, const QStringList& headers)
{
    auto* t = new QTableWidget(parent);
    t->setColumnCount(int(headers.size()));
    t->setHorizontalHeaderLabels(headers);
    t->verticalHeader()->hide();
    t->horizontalHeader()->setStretchLastSection(true);
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    return t;
}

} // namespace

CalibrationPage::CalibrationPage(QWidget* parent)
    : QWidget(parent), m_summary(new QLabel(this)), m_tabs(new QTabWidget(this)),
      m_stations(makeTable(this, {tr("Station"), tr("Kind"), tr("n parts"), tr("Distribution"),
                                  tr("Mean s [95 %]"), tr("Session mean s"), tr("SD s [95 %]"),
                                  tr("Failures"), tr("MTBF s [95 %]"), tr("MTTR s [95 %]"),
                                  tr("Session MTBF/MTTR s"), tr("Setups"), tr("Data")})),
      m_checkpoints(makeTable(this, {tr("Checkpoint"), tr("Station"), tr("n inspected"),
                                     tr("Defects"), tr("Defect rate % [95 %]"),
                                     tr("Session rate %"), tr("Rework share [95 %]"), tr("Data")}))
{
    setObjectName(QStringLiteral("calibrationPage"));
    auto* layout = new QVBoxLayout(this);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_summary);
    m_tabs->addTab(m_stations, tr("Stations"));
    m_tabs->addTab(m_checkpoints, tr("Quality checkpoints"));
    layout->addWidget(m_tabs, 1);
    m_summary->setText(tr("No calibration yet."));
}

CalibrationPage::~CalibrationPage() = default;

QStringList CalibrationPage::tooLittleData(const twin::StationCalibration& s)
{
    QStringList out;
    const bool flow = s.kind == twin::StationKind::Buffer || s.kind == twin::StationKind::Conveyor;
    if (!flow && !s.fitMissing.empty())
        out << QString::fromStdString(s.fitMissing);
    if (s.kind == twin::StationKind::Conveyor && !s.transportS.value)
        out << QString::fromStdString(s.transportS.missing);
    if (s.failures > 0 && !s.mtbf.value)
        out << QStringLiteral("MTBF: ") + QString::fromStdString(s.mtbf.missing);
    else if (s.failures > 0 && !s.mttr.value)
        out << QStringLiteral("MTTR: ") + QString::fromStdString(s.mttr.missing);
    if (s.setups > 0 && !s.setupMean.value)
        out << QStringLiteral("setups: ") + QString::fromStdString(s.setupMean.missing);
    return out;
}

QStringList CalibrationPage::tooLittleData(const twin::CheckpointCalibration& c)
{
    QStringList out;
    if (!c.defectRate.value)
        out << QString::fromStdString(c.defectRate.missing);
    return out;
}

void CalibrationPage::load(const QString& path, std::int64_t recordingId)
{
    auto job = std::make_shared<Result>();
    job->path = path.toStdString();
    job->recordingId = recordingId;
    m_pending = job;
    m_summary->setText(tr("Calibrating from recording %1…").arg(recordingId));
    auto* thread = QThread::create([job] {
        try {
            const auto store = twin::SessionStore::open(job->path);
            const auto data = twin::RecordingData::load(store, job->recordingId);
            job->recording = store.recording(job->recordingId);
            job->plant = store.plant();
            job->report = twin::calibrate(data, data.startMs(), data.endMs());
        } catch (const std::exception& e) {
            job->error = QString::fromStdString(e.what());
        }
    });
    connect(thread, &QThread::finished, this, [this, job] { showResult(job); });
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    thread->start();
}

void CalibrationPage::showResult(const std::shared_ptr<Result>& result)
{
    if (result != m_pending)
        return; // replaced by a newer load()
    m_pending.reset();
    if (!result->error.isEmpty()) {
        m_summary->setText(result->error);
        emit failed(result->error);
        return;
    }
    setReport(*result->report, *result->plant, *result->recording);
    emit loaded();
}

void CalibrationPage::setReport(const twin::CalibrationReport& r, const twin::Plant& session,
                                const twin::RecordingInfo& rec)
{
    const auto text = [](const std::string& s) { return QString::fromStdString(s); };
    m_stations->setRowCount(int(r.stations.size()));
    int flaggedStations = 0;
    for (int row = 0; row < int(r.stations.size()); ++row) {
        const auto& s = r.stations[std::size_t(row)];
        const auto& st = session.stations[std::size_t(s.station)];
        const bool flow =
            s.kind == twin::StationKind::Buffer || s.kind == twin::StationKind::Conveyor;
        const auto put = [&](int col, const QString& t) {
            m_stations->setItem(row, col, new QTableWidgetItem(t));
        };
        put(0, text(s.id));
        put(1, QString::fromLatin1(twin::toString(s.kind).data()));
        put(2, QString::number(s.samples));
        if (s.kind == twin::StationKind::Conveyor) {
            put(3, tr("transport"));
            m_stations->setItem(row, 4, estimateItem(s.transportS, 2));
        } else if (flow) {
            put(3, tr("max WIP %1 of %2").arg(s.maxWip).arg(st.capacity));
            put(4, QStringLiteral("—"));
        } else {
            put(3, distributionName(s));
            m_stations->setItem(row, 4, estimateItem(s.mean, 2));
        }
        put(5, num(st.cycleTime.meanS, 2));
        if (flow)
            put(6, QStringLiteral("—"));
        else
            m_stations->setItem(row, 6, estimateItem(s.sd, 2));
        put(7, QString::number(s.failures));
        m_stations->setItem(row, 8, estimateItem(s.mtbf, 0));
        m_stations->setItem(row, 9, estimateItem(s.mttr, 0));
        put(10, QStringLiteral("%1 / %2").arg(optional(st.mtbfS, 0), optional(st.mttrS, 0)));
        auto* setups = estimateItem(s.setupMean, 1);
        setups->setText(QStringLiteral("%1: %2").arg(s.setups).arg(setups->text()));
        m_stations->setItem(row, 11, setups);
        const auto flags = tooLittleData(s);
        flaggedStations += flags.isEmpty() ? 0 : 1;
        flagRow(m_stations, row, flags);
    }
    m_checkpoints->setRowCount(int(r.checkpoints.size()));
    int flaggedCheckpoints = 0;
    for (int row = 0; row < int(r.checkpoints.size()); ++row) {
        const auto& c = r.checkpoints[std::size_t(row)];
        const auto put = [&](int col, const QString& t) {
            m_checkpoints->setItem(row, col, new QTableWidgetItem(t));
        };
        put(0, text(c.id));
        put(1, text(c.station));
        put(2, QString::number(c.inspections));
        put(3, QString::number(c.defects));
        m_checkpoints->setItem(row, 4, estimateItem(c.defectRate, 2, 100.0));
        put(5, num(100.0 * session.checkpoints[std::size_t(c.checkpoint)].defectRate, 2));
        m_checkpoints->setItem(row, 6, estimateItem(c.reworkShare, 2));
        const auto flags = tooLittleData(c);
        flaggedCheckpoints += flags.isEmpty() ? 0 : 1;
        flagRow(m_checkpoints, row, flags);
    }
    m_stations->resizeColumnsToContents();
    m_checkpoints->resizeColumnsToContents();
    m_tabs->setTabText(0, tr("Stations (%1 flagged)").arg(flaggedStations));
    m_tabs->setTabText(1, tr("Quality checkpoints (%1 flagged)").arg(flaggedCheckpoints));
    QString summary =
        tr("Calibration of recording %1 “%2” (%3 h) of %4. Each estimate with [its 95 % "
           "interval]; n is its sample size; “session” is the value in the session's manifest. "
           "The distribution is the lowest AIC of normal, lognormal and exponential "
           "(deterministic when all times lie within 2 ms). Rows in amber have too little data; "
           "a missing estimate keeps the session's value (hover over “—” for why).")
            .arg(rec.id)
            .arg(text(rec.name))
            .arg(r.hours, 0, 'f', 2)
            .arg(text(session.id));
    for (const auto& w : r.warnings)
        summary += QStringLiteral("\n") + tr("Warning: %1").arg(text(w));
    m_summary->setText(summary);
}

} // namespace takt::app
