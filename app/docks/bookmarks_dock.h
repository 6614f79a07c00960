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

/// The "Bookmarks" dock: the session's bookmarks and annotations in story order, the moments of
/// the shift story (app/shift_story.h). Double-clicking one seeks there (and restores a
/// bookmark's camera view); its actions add (Ctrl+B adds a bookmark at the current time with the
/// current camera), edit the caption in place (F2), remove, move earlier or later in the story
/// (Alt+Up, Alt+Down) and add the event-made moments (the longest stoppages and the worst
/// checkpoint hour) in one step, each undoable. It keeps the timeline's flags in step with the
/// notes. GUI thread.
class BookmarksDock : public QDockWidget {
    Q_OBJECT
public:
    BookmarksDock(SessionNotes* notes, ReplayController* replay, render::SceneView* view,
                  TimelineBar* timeline, QWidget* parent = nullptr);

    /// Adds Undo, Redo and the dock's actions to an Edit menu.
    void fillEditMenu(QMenu* menu);
    QTreeWidget* list() const { return m_list; }
    QAction* addBookmarkAction() const { return m_addBookmark; }
    QAction* editAction() const { return m_edit; }
    QAction* moveUpAction() const { return m_moveUp; }
    QAction* moveDownAction() const { return m_moveDown; }
    QAction* addEventsAction() const { return m_addEvents; }

public slots:
    /// Bookmarks the current replay position with the current camera view.
    void addBookmarkHere();
    void addAnnotationHere();
    void editSelected();
    void removeSelected();
    /// Moves the selected moment `delta` places in the story.
    void moveSelected(int delta);
    /// Adds the longest stoppages and the worst checkpoint hour as annotations (one undo step).
    void addEventMoments();
    /// Seeks to an item's time and restores a bookmark's camera.
    void activate(QTreeWidgetItem* item);

private:
    void refresh();
    /// A caption edited in place: renames the bookmark or edits the annotation (undoable).
    void captionEdited(QTreeWidgetItem* item, int column);

    SessionNotes* m_notes;
    ReplayController* m_replay;
    render::SceneView* m_view;
    TimelineBar* m_timeline;
    QTreeWidget* m_list;
    QAction* m_addBookmark;
    QAction* m_addAnnotation;
    QAction* m_edit;
    QAction* m_remove;
    QAction* m_moveUp;
    QAction* m_moveDown;
    QAction* m_addEvents;
    bool m_refreshing = false;
};

} // namespace takt::app
