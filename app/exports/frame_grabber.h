#pragma once

#include <QImage>
#include <QObject>
#include <QTimer>

namespace takt::render {
class SceneView;
}

namespace takt::app {

/// Reads back the next drawn frame of a SceneView that shows something: asks the view for a
/// capture, and asks again a little later while the frame comes back blank (the scene is not
/// drawn yet). Shared by `--screenshot`, `takt render`, the report's snapshots, the video export
/// and File › Export Image. GUI thread only.
class FrameGrabber : public QObject {
    Q_OBJECT
public:
    /// Pacing of the capture requests.
    struct Pacing {
        int maxTries = 60;    ///< Captures asked for before giving up on a blank frame.
        int retryMs = 250;    ///< Pause between two blank captures.
        int settleFrames = 0; ///< Frames thrown away first (state changed just before).
    };

    explicit FrameGrabber(render::SceneView* view, QObject* parent = nullptr);

    /// Starts grabbing; grabbed() follows (once). A grab in progress is restarted.
    void grab(Pacing pacing);
    void grab() { grab(Pacing{}); }
    /// Grabs and waits in a local event loop; `blank` (optional) tells whether the frame
    /// stayed blank after every try. For headless commands and modal exports.
    QImage grabBlocking(Pacing pacing, bool* blank = nullptr);
    /// Capture requests of the current (or last) grab.
    int tries() const { return m_tries; }

    /// True when an image is (nearly) one flat colour: nothing was drawn.
    static bool isBlank(const QImage& image);

signals:
    /// The frame; `blank` when it stayed blank after every try.
    void grabbed(const QImage& frame, bool blank);

private:
    void request();
    void onFrame(const QImage& frame);

    render::SceneView* m_view;
    Pacing m_pacing;
    bool m_active = false;
    int m_tries = 0;
    int m_settled = 0;
    /// Asks again when a requested capture has not come back in kCaptureWaitMs: Qt 3D may drop
    /// a capture request (seen once as a `takt report` waiting forever), and a grab must end.
    QTimer* m_watchdog = nullptr;
};

} // namespace takt::app
