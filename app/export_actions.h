#pragma once

#include <QObject>

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

    void exportImage();
    void exportVideo();

private:
    MainWindow* m_window;
};

} // namespace takt::app
