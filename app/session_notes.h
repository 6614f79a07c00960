#pragma once

#include "app/document.h"
#include "render/scene_view.h"
#include "twin/session_store.h"

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
    std::optional<render::CameraView> camera;
};

/// An annotation as the GUI keeps it (see BookmarkEntry for `key`).
struct AnnotationEntry {
    int key = 0;
    twin::Annotation annotation;
};

/// The user's bookmarks and annotations of the open session's recording, read from the session
/// file and written back to it, with an undo stack of the edits (one QUndoCommand per edit, see
/// note_commands.h). Reads use the read-only store the file was checked with; the first edit
/// reopens the file read-write (a file that failed the checks never reaches here). A bookmark's
/// camera is stored as the camera view named "bookmark:<id>". GUI thread.
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
    const BookmarkEntry* bookmark(int key) const;
    const AnnotationEntry* annotation(int key) const;
    QUndoStack* undoStack() const { return m_undo; }

    // Undoable edits: each pushes one command.
    void addBookmark(qint64 t, const QString& name, std::optional<render::CameraView> camera);
    void renameBookmark(int key, const QString& name);
    void removeBookmark(int key);
    void addAnnotation(qint64 t, const QString& station, const QString& text);
    void editAnnotation(int key, const QString& text);
    void removeAnnotation(int key);

    // The writes the commands make (no undo). Return false and emit failed() on an error.
    bool insertBookmark(BookmarkEntry& entry); ///< Gives a new key when entry.key is 0.
    bool deleteBookmark(int key);
    bool setBookmarkName(int key, const std::string& name);
    bool insertAnnotation(AnnotationEntry& entry);
    bool deleteAnnotation(int key);
    bool setAnnotationText(int key, const std::string& text);

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

    std::shared_ptr<const Document> m_doc;
    std::unique_ptr<twin::SessionStore> m_store;
    bool m_writable = false;
    std::vector<BookmarkEntry> m_bookmarks;
    std::vector<AnnotationEntry> m_annotations;
    int m_nextKey = 1;
    QUndoStack* m_undo;
};

/// A camera view as JSON ({"position":[x,y,z],"viewCenter":[...],"up":[...],"fov":deg}) and back
/// (nullopt for text that is not such an object).
std::string cameraToJson(const render::CameraView& view);
std::optional<render::CameraView> cameraFromJson(const std::string& json);

} // namespace takt::app
