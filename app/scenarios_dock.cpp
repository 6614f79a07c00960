#include "app/scenarios_dock.h"

#include "app/calibration_page.h"
#include "twin/calibration.h"
#include "twin/recording_data.h"
#include "twin/scenario_recording.h"
#include "twin/session_store.h"
#include "twin/whatif.h"

#include <nlohmann/json.hpp>

#include <QDialog>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QThread>
#include <QVBoxLayout>

#include <exception>
#include <optional>

namespace takt::app {

/// One background run: its inputs, and what it came to.
struct ScenariosDock::Job {
    std::string path;
    std::int64_t recordingId = 0;
    bool sensitivity = false;
    std::vector<std::string> sets;
    int replications = 10;
    double hours = 0; ///< 0: the recording's length.
    std::shared_ptr<std::atomic<bool>> cancel;
    std::optional<twin::WhatIfResult> whatIf;
    std::optional<twin::SensitivityResult> ranking;
    QString error;
    // What a stored run needs to repeat replication 1 exactly.
    std::optional<twin::Plant> model;
    twin::TimeMs startMs = 0;
    double runHours = 0, warmupHours = 0;
};

namespace {

QString interval(double mean, const twin::stats::Interval& ci, double scale = 1.0)
{
    return QStringLiteral("%1 [%2, %3]")
        .arg(scale * mean, 0, 'f', 2)
        .arg(scale * ci.low, 0, 'f', 2)
        .arg(scale * ci.high, 0, 'f', 2);
}

/// Warm-up of the model runs: the recording's own (docs/whatif-json.md), 0 for a cold
/// simulated shift, else 2 h.
double warmupOf(const std::string& paramsJson)
{
    const auto p = nlohmann::json::parse(paramsJson, nullptr, false);
    if (p.is_object() && p.contains("warmup_hours") && p["warmup_hours"].is_number())
        return p["warmup_hours"].get<double>();
    return p.is_object() && p.contains("seed") ? 0.0 : 2.0;
}

} // namespace

ScenariosDock::ScenariosDock(QWidget* parent)
    : QDockWidget(tr("Scenarios"), parent), m_changes(new QLineEdit(this)),
      m_replications(new QSpinBox(this)), m_hours(new QDoubleSpinBox(this)),
      m_run(new QPushButton(tr("Run what-if"), this)),
      m_improve(new QPushButton(tr("Where to improve"), this)),
      m_cancelButton(new QPushButton(tr("Cancel"), this)),
      m_save(new QPushButton(tr("Save as recording"), this)),
      m_calibration(new QPushButton(tr("Calibration report…"), this)),
      m_progress(new QProgressBar(this)), m_table(new QTableWidget(this)),
      m_verdict(new QLabel(this))
{
    setObjectName(QStringLiteral("scenariosDock"));
    auto* body = new QWidget(this);
    auto* layout = new QVBoxLayout(body);
    auto* form = new QFormLayout;
    m_changes->setPlaceholderText(QStringLiteral("GA-BM020.cycle=-10%; GA-TR090.capacity=6"));
    m_changes->setToolTip(QString::fromStdString(twin::scenarioFieldsText()));
    form->addRow(tr("Changes"), m_changes);
    m_replications->setRange(2, 1000);
    m_replications->setValue(10);
    form->addRow(tr("Replications"), m_replications);
    m_hours->setRange(0, 24 * 31);
    m_hours->setDecimals(2);
    m_hours->setSpecialValueText(tr("as recorded"));
    m_hours->setSuffix(tr(" h"));
    form->addRow(tr("Hours each"), m_hours);
    layout->addLayout(form);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_run);
    buttons->addWidget(m_improve);
    buttons->addWidget(m_cancelButton);
    layout->addLayout(buttons);
    auto* more = new QHBoxLayout;
    m_save->setToolTip(tr("Store the what-if's first run (seed 1) in the session as a recording "
                          "of kind scenario, to replay it (Replay › Recording) or compare it"));
    m_calibration->setToolTip(tr("Each estimate of the calibrated model with its sample size and "
                                 "95 % interval; too little data flagged"));
    more->addWidget(m_save);
    more->addWidget(m_calibration);
    layout->addLayout(more);
    layout->addWidget(m_progress);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    layout->addWidget(m_table, 1);
    m_verdict->setWordWrap(true);
    m_verdict->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_verdict);
    setWidget(body);
    connect(m_run, &QPushButton::clicked, this, &ScenariosDock::runWhatIf);
    connect(m_changes, &QLineEdit::returnPressed, this, &ScenariosDock::runWhatIf);
    connect(m_improve, &QPushButton::clicked, this, &ScenariosDock::runWhereToImprove);
    connect(m_cancelButton, &QPushButton::clicked, this, &ScenariosDock::cancel);
    connect(m_save, &QPushButton::clicked, this, &ScenariosDock::saveAsRecording);
    connect(m_calibration, &QPushButton::clicked, this, &ScenariosDock::showCalibrationReport);
    setRunning(false);
    setEnabled(false);
    m_verdict->setText(tr("Open a session to run scenarios on its recording."));
}

ScenariosDock::~ScenariosDock()
{
    if (m_cancel)
        m_cancel->store(true); // the worker keeps its own state and finishes alone
}

void ScenariosDock::setDocument(std::shared_ptr<const Document> doc)
{
    if (doc && doc->isSession())
        setSession(doc->path, doc->recordingId);
    else
        setSession({}, 0);
}

void ScenariosDock::setSession(const QString& path, std::int64_t recordingId)
{
    cancel();
    m_path = path;
    m_recordingId = recordingId;
    m_lastWhatIf.reset();
    setEnabled(!path.isEmpty());
    setRunning(m_running);
    m_table->clear();
    m_table->setRowCount(0);
    m_table->setColumnCount(0);
    m_progress->setValue(0);
    m_verdict->setText(path.isEmpty()
                           ? tr("Open a session to run scenarios on its recording.")
                           : tr("The model is calibrated from the recording; each change is "
                                "compared over paired replications."));
}

void ScenariosDock::runWhatIf()
{
    start(false);
}
void ScenariosDock::runWhereToImprove()
{
    start(true);
}

void ScenariosDock::cancel()
{
    if (m_cancel)
        m_cancel->store(true);
}

void ScenariosDock::setRunning(bool running)
{
    m_running = running;
    m_run->setEnabled(!running);
    m_improve->setEnabled(!running);
    m_changes->setEnabled(!running);
    m_cancelButton->setEnabled(running);
    m_save->setEnabled(!running && !m_saving && m_lastWhatIf != nullptr);
}

void ScenariosDock::start(bool sensitivity)
{
    if (m_running || m_path.isEmpty())
        return;
    auto job = std::make_shared<Job>();
    job->path = m_path.toStdString();
    job->recordingId = m_recordingId;
    job->sensitivity = sensitivity;
    job->replications = m_replications->value();
    job->hours = m_hours->value();
    for (const auto& part : m_changes->text().split(QLatin1Char(';'), Qt::SkipEmptyParts))
        if (!part.trimmed().isEmpty())
            job->sets.push_back(part.trimmed().toStdString());
    if (!sensitivity && job->sets.empty()) {
        m_verdict->setText(tr("Write at least one change, such as GA-BM020.cycle=-10%."));
        return;
    }
    job->cancel = m_cancel = std::make_shared<std::atomic<bool>>(false);
    setRunning(true);
    m_progress->setRange(0, 0);
    m_verdict->setText(tr("Calibrating from the recording…"));
    QPointer<ScenariosDock> self(this);
    auto* thread = QThread::create([job, self] {
        try {
            const auto store = twin::SessionStore::open(job->path);
            const auto data = twin::RecordingData::load(store, job->recordingId);
            const auto model = twin::calibratedPlant(
                store.plant(), twin::calibrate(data, data.startMs(), data.endMs()));
            std::vector<twin::ScenarioChange> changes;
            for (const auto& s : job->sets)
                changes.push_back(twin::parseScenarioChange(s));
            twin::ReplicationOptions o;
            o.hours = job->hours > 0 ? job->hours : double(data.endMs() - data.startMs()) / 3.6e6;
            o.warmupHours = warmupOf(store.recording(job->recordingId).paramsJson);
            job->model = model;
            job->startMs = data.startMs();
            job->runHours = o.hours;
            job->warmupHours = o.warmupHours;
            o.cancel = job->cancel.get();
            o.progress = [self](int done, int total) {
                QMetaObject::invokeMethod(
                    self.data(),
                    [self, done, total] {
                        if (self)
                            self->showProgress(done, total);
                    },
                    Qt::QueuedConnection);
            };
            if (job->sensitivity)
                job->ranking = twin::runSensitivity(model, 0.1, job->replications, 1, o);
            else
                job->whatIf = twin::runWhatIf(model, changes, job->replications, 1, o);
        } catch (const std::exception& e) {
            job->error = QString::fromStdString(e.what());
        }
    });
    connect(thread, &QThread::finished, this, [this, job] { showResult(job); });
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    thread->start();
}

void ScenariosDock::showProgress(int done, int total)
{
    m_progress->setRange(0, total);
    m_progress->setValue(done);
    m_verdict->setText(tr("%1 of %2 replications").arg(done).arg(total));
}

void ScenariosDock::showResult(const std::shared_ptr<Job>& job)
{
    if (job->cancel != m_cancel)
        return; // an older run, replaced since
    m_lastWhatIf.reset();
    if (job->whatIf && !job->whatIf->cancelled && job->error.isEmpty())
        m_lastWhatIf = job;
    setRunning(false);
    m_cancel.reset();
    m_progress->setRange(0, 1);
    m_progress->setValue(job->error.isEmpty() ? 1 : 0);
    m_table->clear();
    if (!job->error.isEmpty()) {
        m_table->setRowCount(0);
        m_verdict->setText(job->error);
        emit finished();
        return;
    }
    const bool cancelled =
        (job->whatIf && job->whatIf->cancelled) || (job->ranking && job->ranking->cancelled);
    if (cancelled) {
        m_table->setRowCount(0);
        m_verdict->setText(tr("Cancelled."));
        emit finished();
        return;
    }
    const auto put = [this](int row, int col, const QString& text) {
        m_table->setItem(row, col, new QTableWidgetItem(text));
    };
    if (job->whatIf) {
        const auto& r = *job->whatIf;
        m_table->setColumnCount(5);
        m_table->setHorizontalHeaderLabels(
            {tr("KPI"), tr("Baseline"), tr("Scenario"), tr("Difference"), tr("p")});
        m_table->setRowCount(int(r.kpis.size()));
        for (int i = 0; i < int(r.kpis.size()); ++i) {
            const auto& d = r.kpis[std::size_t(i)];
            const bool pct = d.key != "throughput_per_hour" && d.key != "good_per_hour";
            const double k = pct ? 100.0 : 1.0;
            put(i, 0, QString::fromStdString(d.name) + (pct ? QStringLiteral(" %") : QString()));
            put(i, 1, interval(d.baseline.mean, d.baselineCi, k));
            put(i, 2, interval(d.scenario.mean, d.scenarioCi, k));
            put(i, 3,
                (d.diff.meanDiff >= 0 ? QStringLiteral("+") : QString()) +
                    interval(d.diff.meanDiff, d.diff.ci, k));
            put(i, 4,
                QStringLiteral("%1 %2")
                    .arg(d.diff.pValue, 0, 'g', 2)
                    .arg(d.significant ? tr("significant") : tr("not significant")));
        }
        const auto name = [](const std::vector<twin::BottleneckCount>& b) {
            return b.empty() ? QStringLiteral("-") : QString::fromStdString(b.front().station);
        };
        m_verdict->setText(tr("%1 paired replications (common random numbers). Average "
                              "bottleneck: %2 → %3.")
                               .arg(r.replications)
                               .arg(name(r.baselineBottleneck), name(r.scenarioBottleneck)));
    } else if (job->ranking) {
        const auto& r = *job->ranking;
        m_table->setColumnCount(4);
        m_table->setHorizontalHeaderLabels(
            {tr("Station"), tr("Gain units/h [95 %]"), tr("p"), tr("Bottleneck after")});
        m_table->setRowCount(int(r.rows.size()));
        for (int i = 0; i < int(r.rows.size()); ++i) {
            const auto& row = r.rows[std::size_t(i)];
            QString station = QString::fromStdString(row.station);
            if (row.station == r.activeBottleneck)
                station += tr(" (bottleneck)");
            put(i, 0, station);
            put(i, 1,
                (row.gain.meanDiff >= 0 ? QStringLiteral("+") : QString()) +
                    interval(row.gain.meanDiff, row.gain.ci));
            put(i, 2, QString::number(row.gain.pValue, 'g', 2));
            put(i, 3, QString::fromStdString(row.newBottleneck));
        }
        m_verdict->setText(tr("Each station alone 10 % faster, %1 paired replications: %2.")
                               .arg(r.replications)
                               .arg(QString::fromStdString(r.verdict)));
    }
    m_table->resizeColumnsToContents();
    emit finished();
}

void ScenariosDock::saveAsRecording()
{
    if (!m_lastWhatIf || m_saving || m_running)
        return;
    const auto job = m_lastWhatIf;
    m_saving = true;
    setRunning(false);
    m_verdict->setText(tr("Storing the scenario's first run in the session…"));
    struct Saved {
        std::int64_t id = 0;
        QString error;
    };
    auto saved = std::make_shared<Saved>();
    auto* thread = QThread::create([job, saved] {
        try {
            std::vector<twin::ScenarioChange> changes;
            for (const auto& s : job->sets)
                changes.push_back(twin::parseScenarioChange(s));
            twin::ScenarioRunSpec spec;
            spec.sets = job->sets;
            spec.sourceRecording = job->recordingId;
            spec.seed = 1; // the what-if's first replication (its seeds start at 1)
            spec.replications = job->replications;
            spec.hours = job->runHours;
            spec.warmupHours = job->warmupHours;
            spec.startMs = job->startMs;
            // Written only now, on the user's request: the session is opened for writing here.
            auto store = twin::SessionStore::open(job->path, twin::SessionStore::Access::ReadWrite);
            saved->id =
                twin::storeScenarioRun(store, twin::applyScenario(*job->model, changes), spec);
        } catch (const std::exception& e) {
            saved->error = QString::fromStdString(e.what());
        }
    });
    connect(thread, &QThread::finished, this, [this, job, saved] {
        m_saving = false;
        setRunning(m_running);
        if (!saved->error.isEmpty()) {
            m_verdict->setText(tr("Not stored: %1").arg(saved->error));
            emit saveFailed(saved->error);
            return;
        }
        m_verdict->setText(tr("Stored the scenario's first run as recording %1 of the session; "
                              "Replay › Recording replays it, File › Compare With… compares it.")
                               .arg(saved->id));
        emit recordingSaved(QString::fromStdString(job->path), saved->id);
    });
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    thread->start();
}

CalibrationPage* ScenariosDock::showCalibrationReport()
{
    if (m_path.isEmpty())
        return nullptr;
    auto* dialog = new QDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Calibration report — recording %1").arg(m_recordingId));
    auto* page = new CalibrationPage(dialog);
    auto* layout = new QVBoxLayout(dialog);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(page);
    dialog->resize(1200, 700);
    page->load(m_path, m_recordingId);
    dialog->show();
    return page;
}

} // namespace takt::app
