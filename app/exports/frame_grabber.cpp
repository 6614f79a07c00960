#include "app/frame_grabber.h"

#include "render/scene_view.h"
#include "twin/log.h"

#include <QEventLoop>
#include <QHash>
#include <QTimer>

#include <algorithm>

namespace takt::app {
namespace {

/// How long a requested capture may take before it is asked for again: far above a frame of
/// 10 M triangles on llvmpipe under load (seconds).
constexpr int kCaptureWaitMs = 20000;

} // namespace

FrameGrabber::FrameGrabber(render::SceneView* view, QObject* parent)
    : QObject(parent), m_view(view), m_watchdog(new QTimer(this))
{
    connect(view, &render::SceneView::frameCaptured, this, &FrameGrabber::onFrame);
    m_watchdog->setSingleShot(true);
    m_watchdog->setInterval(kCaptureWaitMs);
    connect(m_watchdog, &QTimer::timeout, this, [this] {
        if (!m_active)
            return;
        twin::logger("app")->warn("no 3D capture came back in {} s: asking again",
                                  kCaptureWaitMs / 1000);
        m_view->requestCapture();
        m_watchdog->start();
    });
}

void FrameGrabber::grab(Pacing pacing)
{
    m_pacing = pacing;
    m_active = true;
    m_tries = 0;
    m_settled = 0;
    request();
}

QImage FrameGrabber::grabBlocking(Pacing pacing, bool* blank)
{
    QImage result;
    bool wasBlank = true;
    QEventLoop loop;
    const auto c = connect(this, &FrameGrabber::grabbed, &loop, [&](const QImage& frame, bool b) {
        result = frame;
        wasBlank = b;
        loop.quit();
    });
    grab(pacing);
    if (m_active)
        loop.exec();
    disconnect(c);
    if (blank)
        *blank = wasBlank;
    return result;
}

bool FrameGrabber::isBlank(const QImage& image)
{
    if (image.isNull() || image.width() < 8 || image.height() < 8)
        return true;
    // Blank when one colour (the clear colour, or black) covers nearly every sample.
    QHash<QRgb, int> counts;
    int samples = 0;
    for (int y = 0; y < image.height(); y += std::max(1, image.height() / 64))
        for (int x = 0; x < image.width(); x += std::max(1, image.width() / 64)) {
            ++counts[image.pixel(x, y) & 0xF8F8F8u];
            ++samples;
        }
    int most = 0;
    for (int c : counts)
        most = std::max(most, c);
    return most > samples * 98 / 100;
}

void FrameGrabber::request()
{
    ++m_tries;
    m_view->requestCapture();
    m_watchdog->start();
}

void FrameGrabber::onFrame(const QImage& frame)
{
    m_watchdog->stop();
    if (!m_active)
        return;
    // A capture asked for right after a change may show the frame drawn before it.
    if (m_settled < m_pacing.settleFrames) {
        ++m_settled;
        request();
        return;
    }
    const bool blank = isBlank(frame);
    if (blank && m_tries < m_pacing.maxTries) {
        QTimer::singleShot(m_pacing.retryMs, this, [this] {
            if (m_active)
                request();
        });
        return;
    }
    m_active = false;
    emit grabbed(frame, blank);
}

} // namespace takt::app
