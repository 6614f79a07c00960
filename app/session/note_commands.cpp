#include "app/note_commands.h"

#include <QObject>

namespace takt::app {
namespace {
QString q(const std::string& s)
{
    return QString::fromStdString(s);
}
} // namespace

AddBookmarkCommand::AddBookmarkCommand(SessionNotes* notes, BookmarkEntry entry)
    : m_notes(notes), m_entry(std::move(entry))
{
    setText(QObject::tr("Add Bookmark “%1”").arg(q(m_entry.bookmark.label)));
}
void AddBookmarkCommand::redo()
{
    m_notes->insertBookmark(m_entry);
}
void AddBookmarkCommand::undo()
{
    m_notes->deleteBookmark(m_entry.key);
}

RenameBookmarkCommand::RenameBookmarkCommand(SessionNotes* notes, int key, std::string oldName,
                                             std::string newName)
    : m_notes(notes), m_key(key), m_old(std::move(oldName)), m_new(std::move(newName))
{
    setText(QObject::tr("Rename Bookmark “%1”").arg(q(m_old)));
}
void RenameBookmarkCommand::redo()
{
    m_notes->setBookmarkName(m_key, m_new);
}
void RenameBookmarkCommand::undo()
{
    m_notes->setBookmarkName(m_key, m_old);
}

RemoveBookmarkCommand::RemoveBookmarkCommand(SessionNotes* notes, BookmarkEntry entry)
    : m_notes(notes), m_entry(std::move(entry))
{
    setText(QObject::tr("Remove Bookmark “%1”").arg(q(m_entry.bookmark.label)));
}
void RemoveBookmarkCommand::redo()
{
    m_notes->deleteBookmark(m_entry.key);
}
void RemoveBookmarkCommand::undo()
{
    m_notes->insertBookmark(m_entry);
}

AddAnnotationCommand::AddAnnotationCommand(SessionNotes* notes, AnnotationEntry entry)
    : m_notes(notes), m_entry(std::move(entry))
{
    setText(QObject::tr("Add Annotation"));
}
void AddAnnotationCommand::redo()
{
    m_notes->insertAnnotation(m_entry);
}
void AddAnnotationCommand::undo()
{
    m_notes->deleteAnnotation(m_entry.key);
}

EditAnnotationCommand::EditAnnotationCommand(SessionNotes* notes, int key, std::string oldText,
                                             std::string newText)
    : m_notes(notes), m_key(key), m_old(std::move(oldText)), m_new(std::move(newText))
{
    setText(QObject::tr("Edit Annotation"));
}
void EditAnnotationCommand::redo()
{
    m_notes->setAnnotationText(m_key, m_new);
}
void EditAnnotationCommand::undo()
{
    m_notes->setAnnotationText(m_key, m_old);
}

RemoveAnnotationCommand::RemoveAnnotationCommand(SessionNotes* notes, AnnotationEntry entry)
    : m_notes(notes), m_entry(std::move(entry))
{
    setText(QObject::tr("Remove Annotation"));
}
void RemoveAnnotationCommand::redo()
{
    m_notes->deleteAnnotation(m_entry.key);
}
void RemoveAnnotationCommand::undo()
{
    m_notes->insertAnnotation(m_entry);
}

SaveCameraViewCommand::SaveCameraViewCommand(SessionNotes* notes, CameraViewEntry entry,
                                             std::optional<CameraViewEntry> replaced)
    : m_notes(notes), m_entry(std::move(entry)), m_replaced(std::move(replaced))
{
    setText((m_replaced ? QObject::tr("Replace Camera View “%1”")
                        : QObject::tr("Save Camera View “%1”"))
                .arg(q(m_entry.name)));
}
void SaveCameraViewCommand::redo()
{
    m_notes->writeCameraView(m_entry);
}
void SaveCameraViewCommand::undo()
{
    if (m_replaced)
        m_notes->writeCameraView(*m_replaced);
    else
        m_notes->eraseCameraView(m_entry.name);
}

RemoveCameraViewCommand::RemoveCameraViewCommand(SessionNotes* notes, CameraViewEntry entry)
    : m_notes(notes), m_entry(std::move(entry))
{
    setText(QObject::tr("Delete Camera View “%1”").arg(q(m_entry.name)));
}
void RemoveCameraViewCommand::redo()
{
    m_notes->eraseCameraView(m_entry.name);
}
void RemoveCameraViewCommand::undo()
{
    m_notes->writeCameraView(m_entry);
}

MoveInStoryCommand::MoveInStoryCommand(SessionNotes* notes, std::vector<int> before,
                                       std::vector<int> after, const QString& caption)
    : m_notes(notes), m_before(std::move(before)), m_after(std::move(after))
{
    setText(QObject::tr("Move “%1” in the Story").arg(caption));
}
void MoveInStoryCommand::redo()
{
    m_notes->setStoryOrder(m_after);
}
void MoveInStoryCommand::undo()
{
    m_notes->setStoryOrder(m_before);
}

} // namespace takt::app
