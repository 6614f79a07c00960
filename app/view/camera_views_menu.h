#pragma once

#include <QObject>

class QAction;
class QMenu;

namespace takt::render {
class SceneView;
}

namespace takt::app {

class SessionNotes;

/// View › Save Camera View… (Ctrl+Shift+V) and View › Camera Views: the session's named camera
/// views, one entry each to go there, and a Delete submenu. Saving and deleting go through
/// SessionNotes, so they are stored in the session file and undoable. Without a session the
/// entries say so, and saving says it with statusMessage().
/// GUI thread; owned by the menu's window.
class CameraViewsMenu : public QObject {
    Q_OBJECT
public:
    CameraViewsMenu(SessionNotes* notes, render::SceneView* view, QMenu* viewMenu);

    QAction* saveAction() const { return m_save; }
    /// The "Camera Views" submenu (rebuilt whenever the notes change).
    QMenu* viewsMenu() const { return m_views; }
    QMenu* deleteMenu() const { return m_delete; }

public slots:
    /// Asks for a name (proposing "View N") and saves the current camera under it.
    void saveCurrentView();
    /// Points the camera at the named view; false if there is none of that name.
    bool goTo(const QString& name);

signals:
    /// A line for the status bar (saving without a session).
    void statusMessage(const QString& line);

private:
    void rebuild();

    SessionNotes* m_notes;
    render::SceneView* m_view;
    QAction* m_save;
    QMenu* m_views;
    QMenu* m_delete;
};

} // namespace takt::app
