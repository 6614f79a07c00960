#pragma once

#include "app/video_exporter.h"

#include <QImage>
#include <QObject>
#include <QString>

class QMenu;

namespace takt::app {

class MainWindow;

/// File › Export Image… (Ctrl+E) and File › Export Video…: save the 3D frame of the window as
/// a PNG, or step the replay through a segment and encode it as a clip with captions.
/// GUI thread; owned by the window.
class ExportActions : public QObject {
    Q_OBJECT
public:
    /// Adds the actions to `fileMenu`.
    ExportActions(MainWindow* window, QMenu* fileMenu);

    /// Ask for a file (and, for video, the segment), then export.
    void exportImage();
    void exportVideo();

    /// Saves the view's current 3D frame to `path`; the frame, or a null image and `error`.
    QImage exportImageTo(const QString& path, QString* error);
    /// Steps the window's replay through `options`, captioning each frame, and restores the
    /// replay position afterwards.
    VideoResult exportVideoTo(const VideoOptions& options, const VideoProgress& progress);

private:
    MainWindow* m_window;
};

} // namespace takt::app
