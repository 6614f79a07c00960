#pragma once

#include <QObject>
#include <QString>

class QImage;

namespace takt::app {

class FrameGrabber;
class MainWindow;

/// `takt --screenshot IMAGE.png`: once the document is drawn, saves a screenshot of the window
/// (as the screen shows it) to IMAGE.png and the 3D frame alone to IMAGE-3d.png, then quits.
/// With an empty path (`--first-frame`), prints how long the import and the first drawn frame
/// took and quits without saving. Exit code 0 when the 3D frame shows something, 3 when it
/// stayed blank, 1 when the file could not be opened (the screenshot still shows the error).
class ScreenshotTask : public QObject {
    Q_OBJECT
public:
    /// `startMs`: milliseconds since the epoch when the program started (for --first-frame).
    ScreenshotTask(MainWindow* window, QString path, qint64 startMs);
    /// Waits for `source`'s `ready` signal (SIGNAL()) after the document is shown, not for the
    /// document alone (compare mode: the comparison is read after it); its `failed` signal
    /// saves the window as it is and quits with 1.
    void deferUntil(QObject* source, const char* ready, const char* failed);

private slots:
    void startGrab();
    void failAndQuit();

private:
    void onFrame(const QImage& frame, bool blank);
    void saveWindowAndQuit(int exitCode);

    MainWindow* m_window;
    FrameGrabber* m_grabber;
    QString m_path;
    qint64 m_startMs = 0;
    bool m_deferred = false;
    int m_sizeRetries = 0;
    static constexpr int kMaxSizeRetries = 20;
};

} // namespace takt::app
