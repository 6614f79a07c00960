#include "app/main_window.h"

#include "app/document_loader.h"
#include "render/scene_view.h"
#include "twin/log.h"

#include <QAction>
#include <QApplication>
#include <QFileDialog>
#include <QFileInfo>
#include <QKeySequence>
#include <QLabel>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>

namespace takt::app {

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent),
      m_view(new render::SceneView(this)),
      m_loader(new DocumentLoader(this)),
      m_plantLabel(new QLabel(this)),
      m_statsLabel(new QLabel(this)),
      m_timeLabel(new QLabel(this))
{
    setWindowTitle(QStringLiteral("Takt"));
    setCentralWidget(m_view);
    createMenus();
    statusBar()->addPermanentWidget(m_plantLabel);
    statusBar()->addPermanentWidget(m_statsLabel);
    statusBar()->addPermanentWidget(m_timeLabel);

    connect(m_loader, &DocumentLoader::progress, this,
            [this](const QString& message) { statusBar()->showMessage(message); });
    connect(m_loader, &DocumentLoader::loaded, this, &MainWindow::showDocument);
    connect(m_loader, &DocumentLoader::failed, this, &MainWindow::showFailure);
}

MainWindow::~MainWindow() = default;

void MainWindow::createMenus()
{
    auto* file = menuBar()->addMenu(tr("&File"));
    auto* open = file->addAction(tr("&Open…"), this, &MainWindow::chooseFile);
    open->setShortcut(QKeySequence::Open);
    file->addSeparator();
    auto* quit = file->addAction(tr("&Quit"), qApp, &QApplication::quit);
    quit->setShortcut(QKeySequence::Quit);

    auto* view = menuBar()->addMenu(tr("&View"));
    auto* fit = view->addAction(tr("&Fit All"), m_view, &render::SceneView::fitAll);
    fit->setShortcuts({QKeySequence(Qt::Key_Home), QKeySequence(Qt::Key_F)});
}

void MainWindow::chooseFile()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open plant or layout"), QString(),
        tr("Plants and layouts (*.json *.glb *.gltf *.fbx *.obj *.dae *.stl *.ply *.3ds *.ifc);;"
           "Plant manifests (*.json);;All files (*)"));
    if (!path.isEmpty())
        openFile(path);
}

void MainWindow::openFile(const QString& path)
{
    twin::logger("app")->info("opening {}", path.toStdString());
    m_loader->open(path);
}

void MainWindow::showDocument(std::shared_ptr<Document> doc)
{
    m_document = std::move(doc);
    m_view->setScene(m_document->scene, m_document->plant ? &*m_document->plant : nullptr,
                     m_document->plant ? &m_document->binding : nullptr);
    const auto stats = m_view->stats();
    const QLocale locale(QLocale::English);
    setWindowTitle(QStringLiteral("%1 — Takt").arg(m_document->title()));
    m_plantLabel->setText(m_document->title());
    m_statsLabel->setText(tr("nodes %1 · triangles %2 · draw calls %3")
                              .arg(locale.toString(qulonglong(stats.nodes)),
                                   locale.toString(qulonglong(stats.triangles)),
                                   locale.toString(qulonglong(stats.drawCalls))));
    m_timeLabel->setText(tr("imported in %1 s").arg(m_document->importSeconds, 0, 'f', 2));
    QString message = tr("Opened %1").arg(QFileInfo(m_document->path).fileName());
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
    auto* box = new QMessageBox(QMessageBox::Warning, tr("Cannot open file"), line,
                                QMessageBox::Ok, this);
    box->setInformativeText(path);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
    emit openFailed(path, reason);
}

} // namespace takt::app
