#include "app/main_window.h"

#include "app/app_settings.h"
#include "app/bookmarks_dock.h"
#include "app/scenarios_dock.h"
#include "app/camera_views_menu.h"
#include "app/compare_mode.h"
#include "app/connect_dialog.h"
#include "app/damage_notice.h"
#include "app/document_loader.h"
#include "app/heatmap_controller.h"
#include "app/inspect_actions.h"
#include "app/live_session.h"
#include "app/overlay_legend.h"
#include "app/export_actions.h"
#include "app/presentation_mode.h"
#include "app/recordings_menu.h"
#include "app/replay_controller.h"
#include "app/session_notes.h"
#include "app/timeline_bar.h"
#include "app/workstation_docks.h"
#include "render/scene_view.h"
#include "twin/log.h"

#include <QAction>
#include <QDockWidget>
#include <QApplication>
#include <QFileDialog>
#include <QFileInfo>
#include <QKeySequence>
#include <QLabel>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>
#include <QVBoxLayout>

namespace takt::app {

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent), m_view(new render::SceneView(this)), m_loader(new DocumentLoader(this)),
      m_replay(new ReplayController(this)), m_timeline(new TimelineBar(m_replay, this)),
      m_legend(new OverlayLegend(this)), m_heatmap(new HeatmapController(m_replay, m_view, this)),
      m_bottleneckLabel(new QLabel(this)), m_plantLabel(new QLabel(this)),
      m_statsLabel(new QLabel(this)), m_timeLabel(new QLabel(this)),
      m_docks(new WorkstationDocks(this, m_replay, m_view))
{
    setWindowTitle(QStringLiteral("Takt"));
    auto* centre = new QWidget(this);
    auto* layout = new QVBoxLayout(centre);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_legend);
    layout->addWidget(m_timeline);
    m_timeline->hide();
    setCentralWidget(centre);
    m_notes = new SessionNotes(this);
    m_bookmarks = new BookmarksDock(m_notes, m_replay, m_view, m_timeline, this);
    addDockWidget(Qt::RightDockWidgetArea, m_bookmarks);
    m_scenarios = new ScenariosDock(this);
    addDockWidget(Qt::RightDockWidgetArea, m_scenarios);
    tabifyDockWidget(m_bookmarks, m_scenarios);
    // Closed until asked for (View › Scenarios): its results table would otherwise widen the
    // right dock area at the 3D view's expense on every screen.
    m_scenarios->hide();
    m_bookmarks->raise();
    m_settings = new AppSettings(this);
    createMenus();
    statusBar()->addPermanentWidget(m_bottleneckLabel);
    statusBar()->addPermanentWidget(m_plantLabel);
    statusBar()->addPermanentWidget(m_statsLabel);
    statusBar()->addPermanentWidget(m_timeLabel);
    statusBar()->addPermanentWidget(new DamageNotice(m_replay, this)); // a damaged session file

    connect(m_loader, &DocumentLoader::progress, this,
            [this](const QString& message) { statusBar()->showMessage(message); });
    connect(m_loader, &DocumentLoader::loaded, this, &MainWindow::showDocument);
    connect(m_loader, &DocumentLoader::failed, this, &MainWindow::showFailure);
    // The 3D view draws the replay's frame as it comes; the window only names the bottleneck.
    connect(m_replay, &ReplayController::frameChanged, m_view, &render::SceneView::setOverlayFrame);
    connect(m_replay, &ReplayController::frameChanged, this, &MainWindow::showBottleneck);
    connect(m_legend, &OverlayLegend::settingsChanged, m_view,
            &render::SceneView::setOverlaySettings);
    connect(m_legend, &OverlayLegend::heatmapMetricChanged, m_heatmap,
            &HeatmapController::setMetric);
    connect(m_view, &render::SceneView::stationPicked, m_docks, &WorkstationDocks::selectStation);
    connect(m_docks, &WorkstationDocks::stationSelected, m_view,
            &render::SceneView::setSelectedStation);
    connect(m_notes, &SessionNotes::failed, this,
            [this](const QString& line) { statusBar()->showMessage(line); });
}

void MainWindow::showBottleneck(const render::OverlayFrame& frame)
{
    const int b = frame.bottleneck;
    const auto* plant = m_document && m_document->plant ? &*m_document->plant : nullptr;
    m_bottleneckLabel->setText(
        plant && b >= 0 && std::size_t(b) < plant->stations.size()
            ? tr("Bottleneck now: %1")
                  .arg(QString::fromStdString(plant->stations[std::size_t(b)].id))
            : QString());
}

MainWindow::~MainWindow() = default;

void MainWindow::createMenus()
{
    auto* file = menuBar()->addMenu(tr("&File"));
    auto* open = file->addAction(tr("&Open…"), this, &MainWindow::chooseFile);
    open->setShortcut(QKeySequence::Open);
    m_settings->attachRecentMenu(file->addMenu(tr("Open &Recent")));
    file->addAction(tr("&Connect…"), this, [this] {
        if (const auto c = ConnectDialog::ask(this))
            LiveSession::begin(this, *c);
    });
    file->addSeparator();
    new ExportActions(this, file); // Export Image…, Export Video…
    file->addSeparator();
    new CompareMode(this, file); // Compare With…, Export Comparison Report…, Close Comparison
    file->addSeparator();
    auto* quit = file->addAction(tr("&Quit"), qApp, &QApplication::quit);
    quit->setShortcut(QKeySequence::Quit);

    m_bookmarks->fillEditMenu(menuBar()->addMenu(tr("&Edit")));
    auto* view = menuBar()->addMenu(tr("&View"));
    view->addAction(m_bookmarks->toggleViewAction());
    view->addAction(m_scenarios->toggleViewAction());
    auto* fit = view->addAction(tr("&Fit All"), m_view, &render::SceneView::fitAll);
    fit->setShortcuts({QKeySequence(Qt::Key_Home), QKeySequence(Qt::Key_F)});
    auto* fitSel = view->addAction(tr("Fit &Selection"), m_view, &render::SceneView::fitSelection);
    fitSel->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F));
    new InspectActions(m_view, view, statusBar()); // 1 3 7 9, P plan, M measure, H section
    auto* cameraViews = new CameraViewsMenu(m_notes, m_view, view); // Ctrl+Shift+V saves
    connect(cameraViews, &CameraViewsMenu::statusMessage, this,
            [this](const QString& line) { statusBar()->showMessage(line, 10000); });
    view->addSeparator();
    for (auto* dock : m_docks->docks())
        view->addAction(dock->toggleViewAction());
    new PresentationMode(this, view); // F11, Esc leaves

    auto* replay = menuBar()->addMenu(tr("&Replay"));
    auto* play = replay->addAction(tr("&Play / Pause"), m_replay, &ReplayController::togglePlay);
    play->setShortcut(QKeySequence(Qt::Key_Space));
    auto* back =
        replay->addAction(tr("Step &Back One Takt"), m_replay, &ReplayController::stepBack);
    back->setShortcut(QKeySequence(Qt::Key_BracketLeft));
    auto* fwd =
        replay->addAction(tr("Step &Forward One Takt"), m_replay, &ReplayController::stepForward);
    fwd->setShortcut(QKeySequence(Qt::Key_BracketRight));
    // End always goes to the live head; a seek, a step or a pause leaves it.
    auto* follow = replay->addAction(tr("Follow &Live"));
    follow->setCheckable(true);
    connect(follow, &QAction::triggered, this, [this, follow] {
        m_replay->setFollowLive(true);
        follow->setChecked(m_replay->followsLive());
    });
    follow->setShortcut(QKeySequence(Qt::Key_End));
    connect(m_replay, &ReplayController::followLiveChanged, follow, &QAction::setChecked);
    for (auto* a : {play, back, fwd, follow})
        a->setShortcutContext(Qt::ApplicationShortcut);
    replay->addSeparator();
    new RecordingsMenu(this, replay); // the session's recordings, scenario runs among them
}

void MainWindow::chooseFile()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open plant or layout"), m_settings->lastDirectory(),
        tr("Sessions, plants and layouts (*.takt *.json *.glb *.gltf *.fbx *.obj *.dae *.stl *.ply "
           "*.3ds *.ifc *.step *.stp);;Sessions (*.takt);;Plant manifests (*.json);;"
           "All files (*)"));
    if (!path.isEmpty())
        openFile(path);
}

void MainWindow::openFile(const QString& path)
{
    twin::logger("app")->info("opening {}", path.toStdString());
    m_loader->open(path);
}

void MainWindow::openRecording(const QString& path, std::int64_t recordingId)
{
    twin::logger("app")->info("opening {} recording {}", path.toStdString(), recordingId);
    m_loader->open(path, recordingId);
}

void MainWindow::showDocument(std::shared_ptr<Document> doc)
{
    m_document = std::move(doc);
    m_replay->setDocument(nullptr);
    m_view->setScene(m_document->scene, m_document->plant ? &*m_document->plant : nullptr,
                     m_document->plant ? &m_document->binding : nullptr);
    const auto stats = m_view->stats();
    const QLocale locale(QLocale::English);
    setWindowTitle(QStringLiteral("%1 — Takt").arg(m_document->title()));
    m_plantLabel->setText(m_document->title());
    QString drawn = tr("triangles %1").arg(locale.toString(qulonglong(stats.triangles)));
    if (stats.lines > 0) // lines and points only where the layout has them
        drawn += tr(" · lines %1").arg(locale.toString(qulonglong(stats.lines)));
    if (stats.points > 0)
        drawn += tr(" · points %1").arg(locale.toString(qulonglong(stats.points)));
    m_statsLabel->setText(tr("nodes %1 · %2 · draw calls %3")
                              .arg(locale.toString(qulonglong(stats.nodes)), drawn,
                                   locale.toString(qulonglong(stats.drawCalls))));
    m_timeLabel->setText(tr("imported in %1 s").arg(m_document->importSeconds, 0, 'f', 2));
    m_timeline->setVisible(m_document->isSession());
    m_replay->setDocument(m_document);
    m_heatmap->setDocument(m_document);
    m_docks->setDocument(m_document);
    m_notes->setDocument(m_document);
    m_scenarios->setDocument(m_document);
    QString message = tr("Opened %1").arg(QFileInfo(m_document->path).fileName());
    if (m_document->isSession())
        message += tr(" — recording “%1”").arg(m_document->recordingName);
    if (m_document->plant && !m_document->binding.unboundStations.empty()) {
        message += tr(" — %n station(s) not found in the layout", nullptr,
                      int(m_document->binding.unboundStations.size()));
        for (const auto& id : m_document->binding.unboundStations)
            twin::logger("app")->warn("station {} matches no node of the layout", id);
    }
    statusBar()->showMessage(message, 10000);
    emit documentShown();
}

void MainWindow::showFailure(const QString& path, const QString& reason)
{
    const QString line = tr("Cannot open %1: %2").arg(QFileInfo(path).fileName(), reason);
    twin::logger("app")->error("{}", line.toStdString());
    statusBar()->showMessage(line);
    // Window-modal and non-blocking: the window stays usable behind it.
    auto* box =
        new QMessageBox(QMessageBox::Warning, tr("Cannot open file"), line, QMessageBox::Ok, this);
    box->setInformativeText(path);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
    emit openFailed(path, reason);
}

} // namespace takt::app
