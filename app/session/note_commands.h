#pragma once

#include "app/session_notes.h"

#include <QUndoCommand>

#include <optional>

namespace takt::app {

/// Adds a bookmark (with its camera view); undo removes it.
class AddBookmarkCommand : public QUndoCommand {
public:
    AddBookmarkCommand(SessionNotes* notes, BookmarkEntry entry);
    void redo() override;
    void undo() override;
    int key() const { return m_entry.key; }

private:
    SessionNotes* m_notes;
    BookmarkEntry m_entry;
};

/// Renames a bookmark; undo restores the old name.
class RenameBookmarkCommand : public QUndoCommand {
public:
    RenameBookmarkCommand(SessionNotes* notes, int key, std::string oldName, std::string newName);
    void redo() override;
    void undo() override;

private:
    SessionNotes* m_notes;
    int m_key;
    std::string m_old, m_new;
};

/// Removes a bookmark; undo writes it back (with a new row id, the same key).
class RemoveBookmarkCommand : public QUndoCommand {
public:
    RemoveBookmarkCommand(SessionNotes* notes, BookmarkEntry entry);
    void redo() override;
    void undo() override;

private:
    SessionNotes* m_notes;
    BookmarkEntry m_entry;
};

/// Adds an annotation; undo removes it.
class AddAnnotationCommand : public QUndoCommand {
public:
    AddAnnotationCommand(SessionNotes* notes, AnnotationEntry entry);
    void redo() override;
    void undo() override;

private:
    SessionNotes* m_notes;
    AnnotationEntry m_entry;
};

/// Changes an annotation's text; undo restores the old text.
class EditAnnotationCommand : public QUndoCommand {
public:
    EditAnnotationCommand(SessionNotes* notes, int key, std::string oldText, std::string newText);
    void redo() override;
    void undo() override;

private:
    SessionNotes* m_notes;
    int m_key;
    std::string m_old, m_new;
};

/// Removes an annotation; undo writes it back.
class RemoveAnnotationCommand : public QUndoCommand {
public:
    RemoveAnnotationCommand(SessionNotes* notes, AnnotationEntry entry);
    void redo() override;
    void undo() override;

private:
    SessionNotes* m_notes;
    AnnotationEntry m_entry;
};

/// Saves a named camera view; undo removes it, or puts back the view it replaced.
class SaveCameraViewCommand : public QUndoCommand {
public:
    SaveCameraViewCommand(SessionNotes* notes, CameraViewEntry entry,
                          std::optional<CameraViewEntry> replaced);
    void redo() override;
    void undo() override;

private:
    SessionNotes* m_notes;
    CameraViewEntry m_entry;
    std::optional<CameraViewEntry> m_replaced;
};

/// Removes a named camera view; undo writes it back.
class RemoveCameraViewCommand : public QUndoCommand {
public:
    RemoveCameraViewCommand(SessionNotes* notes, CameraViewEntry entry);
    void redo() override;
    void undo() override;

private:
    SessionNotes* m_notes;
    CameraViewEntry m_entry;
};

/// Changes the story order (SessionNotes::moveInStory); undo puts the old order back.
class MoveInStoryCommand : public QUndoCommand {
public:
    MoveInStoryCommand(SessionNotes* notes, std::vector<int> before, std::vector<int> after,
                       const QString& caption);
    void redo() override;
    void undo() override;

private:
    SessionNotes* m_notes;
    std::vector<int> m_before, m_after;
};

} // namespace takt::app
