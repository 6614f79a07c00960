#include "app/compare_mode.h"

#include "app/compare_dock.h"
#include "app/compare_report.h"
#include "app/frame_grabber.h"
#include "app/main_window.h"
#include "app/overlay_legend.h"
#include "app/replay_controller.h"
#include "app/timeline_bar.h"
#include "render/heatmap.h"
#include "render/scene_view.h"
#include "twin/bottleneck.h"
#include "twin/log.h"
#include "twin/session_store.h"

#include <QAction>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QStatusBar>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <cmath>

namespace takt::app {

/// What the worker thread hands back: B as a document to replay, and the comparison.
struct CompareMode::Loaded {
    int generation = 0;
    QString error;
    std::shared_ptr<Document> docB;
    std::optional<twin::Comparison> comparison;
};

namespace {

/// Reads B, checks it is a recording of A's plant and compares the two over their common shift
/// (offset 0 to the end of the shorter). Worker thread: reads A's recording data only.
std::shared_ptr<CompareMode::Loaded> load(std::shared_ptr<const Document> a, QString reference,
                                          int generation)
{
    auto out = std::make_shared<CompareMode::Loaded>();
    out->generation = generation;
    try {
        const twin::RecordingRef ref = twin::parseRecordingRef(reference.toStdString());
        const std::string nameA = QFileInfo(a->path).fileName().toStdString();
        const std::string nameB =
            QFileInfo(QString::fromStdString(ref.path)).fileName().toStdString();
        const auto storeB = twin::SessionStore::open(ref.path);
        if (auto why = twin::plantMismatch(*a->plant, storeB.plant(), nameA, nameB)) {
            out->error = QString::fromStdString(*why);
            return out;
        }
        const auto recordings = storeB.recordings();
        if (recordings.empty())
            throw twin::Error(ref.path + ": holds no recording");
        const twin::RecordingInfo recB =
            ref.recordingId ? storeB.recording(*ref.recordingId) : recordings.back();
        auto replayB = std::make_shared<twin::Replay>(twin::RecordingData::load(storeB, recB.id));
        const auto storeA = twin::SessionStore::open(a->path.toStdString());
        const twin::RecordingInfo recA = storeA.recording(a->recordingId);
        const auto& dataA = a->replay->data();
        const auto& dataB = replayB->data();
        const twin::TimeMs to =
            std::min(dataA.endMs() - dataA.startMs(), dataB.endMs() - dataB.startMs());
        if (to <= 0)
            throw twin::Error(nameB + ": recording " + std::to_string(recB.id) +
                              " holds no events");
        twin::Comparison c = twin::compareRecordings(dataA, recA, dataB, recB, 0, to);
        c.a.session = a->path.toStdString();
        c.b.session = ref.path;
        auto doc = std::make_shared<Document>();
        doc->path = QString::fromStdString(ref.path);
        doc->plant = storeB.plant();
        doc->recordingName = QString::fromStdString(recB.name);
        doc->recordingId = recB.id;
        doc->bottlenecks = std::make_shared<const twin::BottleneckAnalysis>(
            twin::analyseBottlenecks(dataB, replayB->startMs(), replayB->endMs()));
        doc->replay = std::move(replayB);
        out->docB = std::move(doc);
        out->comparison = std::move(c);
    } catch (const std::exception& e) {
        out->error = QString::fromStdString(e.what());
    }
    return out;
}
} // namespace

CompareMode::CompareMode(MainWindow* window, QMenu* fileMenu)
    : QObject(window), m_window(window), m_dock(new CompareDock(window)),
      m_replayB(new ReplayController(this)), m_timelineB(new TimelineBar(m_replayB, window)),
      m_strip(new QWidget(window)), m_labelA(new QLabel(window)), m_labelB(new QLabel(m_strip))
{
    // The dock shares the tall left column with the plant tree, in front of it while comparing.
    window->addDockWidget(Qt::LeftDockWidgetArea, m_dock);
    if (auto* plant = window->findChild<QDockWidget*>(QStringLiteral("plantTreeDock")))
        window->tabifyDockWidget(plant, m_dock);
    m_dock->hide();
    // A's caption goes above A's timeline, B's caption and timeline below it.
    auto* centre = qobject_cast<QVBoxLayout*>(window->centralWidget()->layout());
    const int at = centre ? centre->indexOf(window->timeline()) : -1;
    auto* strip = new QVBoxLayout(m_strip);
    strip->setContentsMargins(0, 0, 0, 0);
    strip->setSpacing(0);
    strip->addWidget(m_labelB);
    strip->addWidget(m_timelineB);
    for (auto* label : {m_labelA, m_labelB}) {
        label->setContentsMargins(6, 2, 6, 2);
        label->setTextFormat(Qt::RichText);
    }
    if (centre && at >= 0) {
        centre->insertWidget(at, m_labelA);
        centre->insertWidget(at + 2, m_strip);
    }
    m_labelA->hide();
    m_strip->hide();

    auto* compareWith = new QAction(tr("Compare &With…"), this);
    compareWith->setToolTip(tr("Compare this recording with another recording of the same plant"));
    connect(compareWith, &QAction::triggered, this, &CompareMode::chooseFile);
    m_export = new QAction(tr("Export Comparison &Report…"), this);
    connect(m_export, &QAction::triggered, this, &CompareMode::chooseReport);
    m_close = new QAction(tr("Close Co&mparison"), this);
    connect(m_close, &QAction::triggered, this, &CompareMode::close);
    m_export->setEnabled(false);
    m_close->setEnabled(false);
    if (fileMenu) {
        fileMenu->addAction(compareWith);
        fileMenu->addAction(m_export);
        fileMenu->addAction(m_close);
    }

    ReplayController* a = window->replay();
    connect(a, &ReplayController::positionChanged, this,
            [this, a](qint64 t) { follow(a, m_replayB, t); });
    connect(m_replayB, &ReplayController::positionChanged, this,
            [this, a](qint64 t) { follow(m_replayB, a, t); });
    // One clock drives: playing either pauses the other, which then follows its position.
    connect(a, &ReplayController::playingChanged, this, [this](bool playing) {
        if (playing)
            m_replayB->pause();
    });
    connect(m_replayB, &ReplayController::playingChanged, this, [a](bool playing) {
        if (playing)
            a->pause();
    });
    connect(m_dock, &CompareDock::heatStateChanged, this, &CompareMode::applyHeatmap);
    // The legend's switches keep the compare heatmap on while the legend itself shows none.
    connect(window->legend(), &OverlayLegend::settingsChanged, this, [this] {
        if (isActive() && m_window->legend()->heatmapMetric() == HeatmapMetric::Off)
            m_window->sceneView()->setOverlaySettings(overlaySettings());
    });
    // Another document ends the comparison (its plant may differ).
    connect(window, &MainWindow::documentShown, this, &CompareMode::close);
}

CompareMode::~CompareMode() = default;

void CompareMode::chooseFile()
{
    const QString path = QFileDialog::getOpenFileName(
        m_window, tr("Compare with a recording"),
        QFileInfo(m_window->document() ? m_window->document()->path : QString()).absolutePath(),
        tr("Sessions (*.takt);;All files (*)"));
    if (!path.isEmpty())
        open(path);
}

void CompareMode::open(const QString& reference)
{
    const auto a = m_window->replay()->document();
    if (!a || !a->replay || !a->plant) {
        fail(tr("compare mode needs a recording: open a session first"));
        return;
    }
    const int generation = ++m_generation;
    m_window->statusBar()->showMessage(tr("Comparing with %1…").arg(reference));
    twin::logger("app")->info("comparing {} with {}", a->path.toStdString(),
                              reference.toStdString());
    auto* watcher = new QFutureWatcher<std::shared_ptr<Loaded>>(this);
    connect(watcher, &QFutureWatcher<std::shared_ptr<Loaded>>::finished, this, [this, watcher] {
        watcher->deleteLater();
        auto loaded = watcher->result();
        if (loaded->generation != m_generation)
            return; // a newer open replaced this one
        if (!loaded->error.isEmpty())
            fail(loaded->error);
        else
            show(std::move(loaded));
    });
    watcher->setFuture(QtConcurrent::run(load, a, reference, generation));
}

void CompareMode::show(std::shared_ptr<Loaded> loaded)
{
    // B starts at its beginning; A keeps its position and B is brought to it below.
    m_following = true;
    m_comparison = std::move(loaded->comparison);
    m_docB = loaded->docB;
    m_replayB->setDocument(m_docB);
    m_following = false;
    const QString nameA = QFileInfo(QString::fromStdString(m_comparison->a.session)).fileName();
    const QString nameB = QFileInfo(m_docB->path).fileName();
    m_labelA->setText(
        tr("<b>A</b> %1 — %2")
            .arg(nameA.toHtmlEscaped(),
                 QString::fromStdString(m_comparison->a.recording.name).toHtmlEscaped()));
    m_labelB->setText(tr("<b>B</b> %1 — %2 (kept at A's shift offset)")
                          .arg(nameB.toHtmlEscaped(), m_docB->recordingName.toHtmlEscaped()));
    m_labelA->show();
    m_strip->show();
    m_dock->setComparison(*m_comparison, nameA, nameB);
    m_dock->show();
    m_dock->raise();
    m_window->resizeDocks({m_dock}, {520}, Qt::Horizontal);
    m_export->setEnabled(true);
    m_close->setEnabled(true);
    applyHeatmap();
    follow(m_window->replay(), m_replayB, m_window->replay()->position());
    m_window->statusBar()->showMessage(tr("Comparing with %1 — units %2 → %3")
                                           .arg(nameB)
                                           .arg(m_comparison->units.a)
                                           .arg(m_comparison->units.b),
                                       10000);
    emit compared();
}

void CompareMode::fail(const QString& reason)
{
    const QString line = tr("Cannot compare: %1").arg(reason);
    twin::logger("app")->error("{}", line.toStdString());
    m_window->statusBar()->showMessage(line);
    auto* box = new QMessageBox(QMessageBox::Warning, tr("Cannot compare"), line, QMessageBox::Ok,
                                m_window);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
    emit failed(reason);
}

void CompareMode::close()
{
    ++m_generation; // a comparison still loading is dropped
    if (!isActive())
        return;
    m_comparison.reset();
    m_heat.clear();
    m_replayB->setDocument(nullptr);
    m_docB.reset();
    m_labelA->hide();
    m_strip->hide();
    m_dock->hide();
    m_export->setEnabled(false);
    m_close->setEnabled(false);
    m_window->sceneView()->setHeatmapValues({}, 0);
    m_window->sceneView()->setOverlaySettings(m_window->legend()->settings());
}

void CompareMode::applyHeatmap()
{
    if (!isActive())
        return;
    const std::size_t state = std::size_t(m_dock->heatState());
    m_heat.assign(m_window->document() && m_window->document()->plant
                      ? m_window->document()->plant->stations.size()
                      : m_comparison->stations.size(),
                  0.0);
    double scale = 0.0;
    for (const auto& s : m_comparison->stations)
        if (s.hasStates && s.stationA >= 0 && std::size_t(s.stationA) < m_heat.size()) {
            const double d = s.share[state].delta();
            m_heat[std::size_t(s.stationA)] = d;
            scale = std::max(scale, std::fabs(d));
        }
    // Half a percentage point at least: two identical recordings stay clear, not noisy.
    scale = std::max(scale, 0.005);
    // The legend's own heatmap gives way; its other switches stay as they are.
    m_window->legend()->setHeatmapMetric(HeatmapMetric::Off);
    m_window->sceneView()->setOverlaySettings(overlaySettings());
    m_window->sceneView()->setHeatmapValues(m_heat, scale, render::HeatmapPalette::Diverging);
    m_heatScale = scale;
    m_dock->setHeatScale(scale);
}

render::OverlaySettings CompareMode::overlaySettings() const
{
    // The state pads and tints show A's state of the moment and would cover the floor under
    // each station, where its difference is drawn: off while comparing.
    auto s = m_window->legend()->settings();
    s.heatmap = true;
    s.stateColors = false;
    return s;
}

void CompareMode::follow(ReplayController* from, ReplayController* to, qint64 t)
{
    if (m_following || !isActive() || !to->hasRecording() || !from->hasRecording())
        return;
    m_following = true;
    const qint64 target =
        std::clamp<qint64>(to->startMs() + (t - from->startMs()), to->startMs(), to->endMs());
    if (target != to->position())
        to->seek(target);
    m_following = false;
}

void CompareMode::chooseReport()
{
    const QString path =
        QFileDialog::getSaveFileName(m_window, tr("Export comparison report"),
                                     QStringLiteral("comparison.pdf"), tr("PDF (*.pdf)"));
    if (path.isEmpty())
        return;
    QString error;
    if (exportReport(path, &error))
        m_window->statusBar()->showMessage(tr("Wrote %1").arg(path), 10000);
    else
        fail(error);
}

bool CompareMode::exportReport(const QString& path, QString* error)
{
    if (!isActive()) {
        if (error)
            *error = tr("no comparison is open");
        return false;
    }
    FrameGrabber grabber(m_window->sceneView());
    bool blank = false;
    const QImage frame = grabber.grabBlocking(FrameGrabber::Pacing{20, 100, 1}, &blank);
    try {
        writeComparisonPdf(*m_comparison, blank ? QImage() : frame, m_dock->heatState(),
                           m_heatScale, path);
    } catch (const std::exception& e) {
        if (error)
            *error = QString::fromStdString(e.what());
        return false;
    }
    return true;
}

} // namespace takt::app
