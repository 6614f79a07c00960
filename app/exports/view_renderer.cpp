#include "app/view_renderer.h"

#include "app/document_loader.h"
#include "app/frame_grabber.h"
#include "app/replay_controller.h"
#include "render/scene_view.h"

#include <QApplication>
#include <QEventLoop>
#include <QTimer>
#include <QVBoxLayout>
#include <QWidget>

namespace takt::app {

ViewRenderer::ViewRenderer(QSize size, QObject* parent)
    : QObject(parent), m_size(size),
      m_window(std::make_unique<QWidget>(nullptr, Qt::FramelessWindowHint)),
      m_view(new render::SceneView(m_window.get(), render::SceneView::Purpose::Images)),
      m_replay(new ReplayController(this)), m_grabber(new FrameGrabber(m_view, this))
{
    auto* layout = new QVBoxLayout(m_window.get());
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);
    m_window->setWindowTitle(QStringLiteral("Takt — rendering"));
    m_window->setFixedSize(size);
    m_window->move(0, 0);
    m_view->setAnimated(false); // the same image for the same moment
    m_window->show();
    connect(m_replay, &ReplayController::frameChanged, m_view, &render::SceneView::setOverlayFrame);
}

ViewRenderer::~ViewRenderer() = default;

QString ViewRenderer::openBlocking(const QString& path)
{
    DocumentLoader loader;
    QEventLoop loop;
    QString error;
    bool done = false; // a missing file fails inside open(), before the loop runs
    connect(&loader, &DocumentLoader::loaded, &loop, [&](std::shared_ptr<Document> doc) {
        m_document = std::move(doc);
        done = true;
        loop.quit();
    });
    connect(&loader, &DocumentLoader::failed, &loop, [&](const QString&, const QString& reason) {
        error = reason.isEmpty() ? QStringLiteral("cannot open") : reason;
        done = true;
        loop.quit();
    });
    loader.open(path);
    if (!done)
        loop.exec();
    if (!error.isEmpty())
        return error;
    // Laid out at its final size before the camera is fitted to it.
    QApplication::processEvents();
    m_view->setScene(m_document->scene, m_document->plant ? &*m_document->plant : nullptr,
                     m_document->plant ? &m_document->binding : nullptr);
    m_view->fitAll();
    m_replay->setDocument(m_document);
    m_firstFrame = true;
    return {};
}

QImage ViewRenderer::renderAt(std::optional<twin::TimeMs> t, bool* blank)
{
    if (t && m_replay->hasRecording())
        m_replay->seek(*t); // frameChanged: the view draws the new moment
    if (m_firstFrame) {
        // The first frames of a new scene come while meshes are still uploaded: let it settle.
        QEventLoop loop;
        QTimer::singleShot(500, &loop, &QEventLoop::quit);
        loop.exec();
        m_firstFrame = false;
    }
    return m_grabber->grabBlocking(FrameGrabber::Pacing{60, 250, 1}, blank);
}

} // namespace takt::app
