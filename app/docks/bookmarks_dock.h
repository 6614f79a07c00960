#pragma once

#include <QDockWidget>

class QAction;
class QMenu;
class QTreeWidget;
class QTreeWidgetItem;

namespace takt::render {
class SceneView;
}

namespace takt::app {

class ReplayController;
class SessionNotes;
class TimelineBar;

/// The "Bookmarks" dock: the session's bookmarks and annotations by time. Double-clicking one
/// seeks there (and restores a bookmark's camera view); its actions add (Ctrl+B adds a bookmark
/// at the current time with the current camera), rename or edit and remove, each undoable. It
/// keeps the timeline's flags in step with the notes. GUI thread.
class BookmarksDock : public QDockWidget {
    Q_OBJECT
public:
    BookmarksDock(SessionNotes* notes, ReplayController* replay, render::SceneView* view,
                  TimelineBar* timeline, QWidget* parent = nullptr);

    /// Adds Undo, Redo and the dock's actions to an Edit menu.
    void fillEditMenu(QMenu* menu);
    QTreeWidget* list() const { return m_list; }
    QAction* addBookmarkAction() const { return m_addBookmark; }

public slots:
    /// Bookmarks the current replay position with the current camera view.
    void addBookmarkHere();
    void addAnnotationHere();
    void editSelected();
    void removeSelected();
    /// Seeks to an item's time and restores a bookmark's camera.
    void activate(QTreeWidgetItem* item);

private:
    void refresh();

    SessionNotes* m_notes;
    ReplayController* m_replay;
    render::SceneView* m_view;
    TimelineBar* m_timeline;
    QTreeWidget* m_list;
    QAction* m_addBookmark;
    QAction* m_addAnnotation;
    QAction* m_edit;
    QAction* m_remove;
};

} // namespace takt::app
