#include "app/screenshot_task.h"

#include "app/command_table.h"
#include "app/frame_grabber.h"
#include "app/main_window.h"
#include "render/scene_view.h"
#include "twin/log.h"

#include <QApplication>
#include <QDateTime>
#include <QFileInfo>
#include <QImage>
#include <QPixmap>
#include <QScreen>
#include <QTimer>

#include <cstdio>
#include <cstdlib>

namespace takt::app {
namespace {
constexpr int kOverallTimeoutMs = 120'000;
} // namespace

ScreenshotTask::ScreenshotTask(MainWindow* window, QString path, qint64 startMs)
    : QObject(window), m_window(window), m_grabber(new FrameGrabber(window->sceneView(), this)),
      m_path(std::move(path)), m_startMs(startMs)
{
    // Timing runs ask at once and poll fast; screenshots give the view a moment to settle.
    connect(window, &MainWindow::documentShown, this, [this] {
        if (!m_deferred)
            startGrab();
    });
    connect(window, &MainWindow::openFailed, this,
            [this] { QTimer::singleShot(500, this, [this] { saveWindowAndQuit(1); }); });
    connect(m_grabber, &FrameGrabber::grabbed, this, &ScreenshotTask::onFrame);
    QTimer::singleShot(kOverallTimeoutMs, this, [this] {
        twin::logger("app")->error("screenshot: nothing was drawn within {} s",
                                   kOverallTimeoutMs / 1000);
        saveWindowAndQuit(3);
    });
}

void ScreenshotTask::deferUntil(QObject* source, const char* ready, const char* failed)
{
    m_deferred = true;
    connect(source, ready, this, SLOT(startGrab()));
    connect(source, failed, this, SLOT(failAndQuit()));
}

void ScreenshotTask::startGrab()
{
    QTimer::singleShot(m_path.isEmpty() ? 0 : 500, this, [this] {
        // Timing runs poll fast and long; screenshots the usual way.
        m_grabber->grab(m_path.isEmpty() ? FrameGrabber::Pacing{600, 25, 0}
                                         : FrameGrabber::Pacing{});
    });
}

void ScreenshotTask::failAndQuit()
{
    QTimer::singleShot(500, this, [this] { saveWindowAndQuit(1); });
}

void ScreenshotTask::onFrame(const QImage& frame, bool blank)
{
    if (m_path.isEmpty()) {
        twin::logger("app")->info("first frame after {} capture requests", m_grabber->tries());
        const auto* doc = m_window->document();
        const double total = (QDateTime::currentMSecsSinceEpoch() - m_startMs) / 1000.0;
        std::printf("import_s %.3f\nfirst_frame_s %.3f\ntriangles %zu\ndraw_calls %zu\n",
                    doc ? doc->importSeconds : 0.0, total, m_window->sceneView()->stats().triangles,
                    m_window->sceneView()->stats().drawCalls);
        std::fflush(stdout);
        // What is measured ends here; tearing the 3D scene down is not part of it.
        std::_Exit(blank ? kExitBlank : kExitOk);
    }
    // A dock or the legend may still be settling when the first frame comes: a frame drawn at
    // another size than the view has now is not what the window shows, so draw it again.
    const QSize viewPixels = m_window->sceneView()->size() * m_window->devicePixelRatio();
    if (frame.size() != viewPixels && m_sizeRetries++ < kMaxSizeRetries) {
        QTimer::singleShot(250, this, [this] { m_grabber->grab(); });
        return;
    }
    const QFileInfo info(m_path);
    frame.save(info.path() + QLatin1Char('/') + info.completeBaseName() +
               QStringLiteral("-3d.png"));
    // Give the window system a moment to show the frame before reading the screen back.
    QTimer::singleShot(300, this,
                       [this, blank] { saveWindowAndQuit(blank ? kExitBlank : kExitOk); });
}

void ScreenshotTask::saveWindowAndQuit(int exitCode)
{
    QScreen* screen = m_window->screen();
    const QPixmap shot = screen ? screen->grabWindow(m_window->winId()) : m_window->grab();
    if (!shot.save(m_path)) {
        twin::logger("app")->error("screenshot: cannot write {}", m_path.toStdString());
        exitCode = kExitFailure;
    } else {
        twin::logger("app")->info("screenshot saved to {}", m_path.toStdString());
    }
    QApplication::exit(exitCode);
}

} // namespace takt::app
