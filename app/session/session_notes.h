#pragma once

#include "app/document.h"
#include "twin/session_store.h"
#include "twin/story_events.h"

#include <QObject>

#include <map>
#include <memory>
#include <optional>
#include <vector>

class QUndoStack;

namespace takt::app {

/// A bookmark as the GUI keeps it: `key` stays the same across undo and redo while the row id
/// in the file changes when a removed bookmark is written back.
struct BookmarkEntry {
    int key = 0;
    twin::Bookmark bookmark;
    std::optional<twin::CameraView> camera;
};

/// An annotation as the GUI keeps it (see BookmarkEntry for `key`).
struct AnnotationEntry {
    int key = 0;
    twin::Annotation annotation;
};

/// A camera view the user saved under a name (View › Save Camera View…). Names are unique in
/// a session; the views bookmarks keep ("bookmark:<id>") are not among them.
struct CameraViewEntry {
    std::string name;
    twin::CameraView camera;
};

/// The user's bookmarks and annotations of the open session's recording and the session's named
/// camera views, read from the session file and written back to it, with an undo stack of the
/// edits (one QUndoCommand per edit, see note_commands.h). Reads use the read-only store the
/// file was checked with; the first edit reopens the file read-write (a file that failed the
/// checks never reaches here). A bookmark's camera is stored as the camera view named
/// "bookmark:<id>"; cameraViews() lists the others. GUI thread.
class SessionNotes : public QObject {
    Q_OBJECT
public:
    explicit SessionNotes(QObject* parent = nullptr);
    ~SessionNotes() override;

    /// Shows the notes of a session document (none for other documents) and clears the undo
    /// stack. A failure to read is reported with failed() and leaves the lists empty.
    void setDocument(std::shared_ptr<const Document> doc);
    bool hasSession() const { return m_store != nullptr; }

    const std::vector<BookmarkEntry>& bookmarks() const { return m_bookmarks; }
    const std::vector<AnnotationEntry>& annotations() const { return m_annotations; }
    /// Named camera views, by name; not the bookmarks' cameras.
    const std::vector<CameraViewEntry>& cameraViews() const { return m_views; }
    const BookmarkEntry* bookmark(int key) const;
    const AnnotationEntry* annotation(int key) const;
    const CameraViewEntry* cameraView(const std::string& name) const;
    QUndoStack* undoStack() const { return m_undo; }
    /// The bookmarks' and annotations' keys in story order (the order Play Story and `takt
    /// story` tell them, kept in the session file, twin/story_order.h): time order until the
    /// user moves one; a note added later goes before the first that comes later in time.
    std::vector<int> storyOrder() const;

    // Undoable edits: each pushes one command.
    void addBookmark(qint64 t, const QString& name, std::optional<twin::CameraView> camera);
    void renameBookmark(int key, const QString& name);
    void removeBookmark(int key);
    void addAnnotation(qint64 t, const QString& station, const QString& text);
    void editAnnotation(int key, const QString& text);
    void removeAnnotation(int key);
    /// Moves a bookmark or annotation `delta` places later (negative: earlier) in the story;
    /// nothing is pushed when it cannot move.
    void moveInStory(int key, int delta);
    /// Adds event-made moments (twin/story_events.h) as annotations at their stations, as one
    /// undoable step, leaving out those already there (same time and text). Returns how many it
    /// added.
    int addEventMoments(const std::vector<twin::EventMoment>& moments);
    /// Saves the camera under `name` (trimmed), replacing a view of that name. Emits failed()
    /// and pushes nothing for an empty or reserved ("bookmark:...") name or without a session.
    void saveCameraView(const QString& name, const twin::CameraView& camera);
    void removeCameraView(const std::string& name);

    // The writes the commands make (no undo). Return false and emit failed() on an error.
    bool insertBookmark(BookmarkEntry& entry); ///< Gives a new key when entry.key is 0.
    bool deleteBookmark(int key);
    bool setBookmarkName(int key, const std::string& name);
    bool insertAnnotation(AnnotationEntry& entry);
    bool deleteAnnotation(int key);
    bool setAnnotationText(int key, const std::string& text);
    bool writeCameraView(const CameraViewEntry& entry); ///< Adds or replaces by name.
    bool eraseCameraView(const std::string& name);
    /// Sets the story order (`keys` may name notes since removed: a removed note that an undo
    /// brings back keeps its place).
    bool setStoryOrder(const std::vector<int>& keys);
    const std::vector<int>& storyOrderWithRemoved() const { return m_order; }

signals:
    /// The lists changed (load or edit).
    void changed();
    /// Reading or writing the session failed; one line.
    void failed(const QString& reason);

private:
    twin::SessionStore* writable();
    /// Opens the file for writing if needed; false (and failed()) when it cannot be.
    bool ensureWritable();
    bool guarded(const std::function<void()>& write);
    std::optional<qint64> timeOf(int key) const;
    /// Gives a note not yet in the story its place by time.
    void placeInStory(int key);
    void writeStoryOrder();

    std::shared_ptr<const Document> m_doc;
    std::unique_ptr<twin::SessionStore> m_store;
    bool m_writable = false;
    std::vector<BookmarkEntry> m_bookmarks;
    std::vector<AnnotationEntry> m_annotations;
    std::vector<CameraViewEntry> m_views;
    std::vector<int> m_order; ///< Story order by key, including removed notes' keys.
    int m_nextKey = 1;
    QUndoStack* m_undo;
};

/// Whether a stored camera view belongs to a bookmark ("bookmark:<id>") rather than the user.
bool isBookmarkCameraName(const std::string& name);

} // namespace takt::app
