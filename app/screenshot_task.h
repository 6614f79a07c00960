#pragma once

#include <QObject>
#include <QString>

class QImage;

namespace takt::app {

class MainWindow;

/// `takt --screenshot IMAGE.png`: once the document is drawn, saves a screenshot of the window
/// (as the screen shows it) to IMAGE.png and the 3D frame alone to IMAGE-3d.png, then quits.
/// Exit code 0 when the 3D frame shows something, 3 when it stayed blank, 1 when the file
/// could not be opened (the screenshot still shows the error).
class ScreenshotTask : public QObject {
    Q_OBJECT
public:
    ScreenshotTask(MainWindow* window, QString path);

    /// True when an image is (nearly) one flat colour: nothing was drawn.
    static bool isBlank(const QImage& image);

private:
    void capture();
    void onFrame(const QImage& frame);
    void saveWindowAndQuit(int exitCode);

    MainWindow* m_window;
    QString m_path;
    int m_tries = 0;
};

} // namespace takt::app
