#include "app/session_notes.h"

#include "app/note_commands.h"
#include "twin/log.h"

#include <QUndoStack>

#include <algorithm>

namespace takt::app {
namespace {

const std::string kCameraPrefix = "bookmark:";

std::string cameraName(std::int64_t bookmarkId)
{
    return kCameraPrefix + std::to_string(bookmarkId);
}

template <class Entry> auto findKey(std::vector<Entry>& list, int key)
{
    return std::find_if(list.begin(), list.end(), [key](const Entry& e) { return e.key == key; });
}

} // namespace

bool isBookmarkCameraName(const std::string& name)
{
    return name.starts_with(kCameraPrefix);
}

SessionNotes::SessionNotes(QObject* parent) : QObject(parent), m_undo(new QUndoStack(this)) {}

SessionNotes::~SessionNotes() = default;

void SessionNotes::setDocument(std::shared_ptr<const Document> doc)
{
    m_undo->clear();
    m_store.reset();
    m_writable = false;
    m_bookmarks.clear();
    m_annotations.clear();
    m_views.clear();
    m_doc = std::move(doc);
    if (m_doc && m_doc->isSession()) {
        try {
            m_store = std::make_unique<twin::SessionStore>(
                twin::SessionStore::open(m_doc->path.toStdString()));
            std::map<std::string, std::optional<twin::CameraView>> cameras;
            for (const auto& v : m_store->cameraViews()) {
                cameras[v.name] = v.camera;
                if (isBookmarkCameraName(v.name))
                    continue;
                if (v.camera)
                    m_views.push_back({v.name, *v.camera});
                else
                    twin::logger("app")->warn("camera view '{}' is not a camera view", v.name);
            }
            for (auto& b : m_store->bookmarks(m_doc->recordingId)) {
                BookmarkEntry e{m_nextKey++, std::move(b), std::nullopt};
                if (const auto it = cameras.find(cameraName(e.bookmark.id)); it != cameras.end())
                    e.camera = it->second;
                m_bookmarks.push_back(std::move(e));
            }
            for (auto& a : m_store->annotations(m_doc->recordingId))
                m_annotations.push_back({m_nextKey++, std::move(a)});
        } catch (const std::exception& e) {
            m_store.reset();
            m_bookmarks.clear();
            m_annotations.clear();
            m_views.clear();
            emit failed(tr("Cannot read bookmarks: %1").arg(QString::fromStdString(e.what())));
        }
    }
    emit changed();
}

const BookmarkEntry* SessionNotes::bookmark(int key) const
{
    auto it = findKey(const_cast<std::vector<BookmarkEntry>&>(m_bookmarks), key);
    return it == m_bookmarks.end() ? nullptr : &*it;
}

const AnnotationEntry* SessionNotes::annotation(int key) const
{
    auto it = findKey(const_cast<std::vector<AnnotationEntry>&>(m_annotations), key);
    return it == m_annotations.end() ? nullptr : &*it;
}

const CameraViewEntry* SessionNotes::cameraView(const std::string& name) const
{
    const auto it = std::find_if(m_views.begin(), m_views.end(),
                                 [&](const CameraViewEntry& v) { return v.name == name; });
    return it == m_views.end() ? nullptr : &*it;
}

twin::SessionStore* SessionNotes::writable()
{
    if (!m_store)
        return nullptr;
    if (!m_writable) {
        // The loader's read-only open checked the file; only now, at the first edit, may it
        // be migrated and written.
        m_store = std::make_unique<twin::SessionStore>(twin::SessionStore::open(
            m_doc->path.toStdString(), twin::SessionStore::Access::ReadWrite));
        m_writable = true;
    }
    return m_store.get();
}

bool SessionNotes::ensureWritable()
{
    // Checked before pushing a command, so that an edit the file refuses leaves no undo step.
    try {
        return writable() != nullptr;
    } catch (const std::exception& e) {
        emit failed(tr("Cannot save to the session: %1").arg(QString::fromStdString(e.what())));
        return false;
    }
}

bool SessionNotes::guarded(const std::function<void()>& write)
{
    try {
        if (!writable())
            throw std::runtime_error("no session is open");
        write();
    } catch (const std::exception& e) {
        const QString line =
            tr("Cannot save to the session: %1").arg(QString::fromStdString(e.what()));
        twin::logger("app")->error("{}", line.toStdString());
        emit failed(line);
        return false;
    }
    emit changed();
    return true;
}

bool SessionNotes::insertBookmark(BookmarkEntry& entry)
{
    return guarded([&] {
        if (entry.key == 0)
            entry.key = m_nextKey++;
        entry.bookmark.recordingId = m_doc->recordingId;
        entry.bookmark.id = m_store->addBookmark(entry.bookmark.recordingId, entry.bookmark.t,
                                                 entry.bookmark.label);
        if (entry.camera)
            m_store->saveCameraView(cameraName(entry.bookmark.id), *entry.camera);
        m_bookmarks.push_back(entry);
        std::stable_sort(m_bookmarks.begin(), m_bookmarks.end(),
                         [](const auto& a, const auto& b) { return a.bookmark.t < b.bookmark.t; });
    });
}

bool SessionNotes::deleteBookmark(int key)
{
    return guarded([&] {
        const auto it = findKey(m_bookmarks, key);
        if (it == m_bookmarks.end())
            return;
        m_store->removeBookmark(it->bookmark.id);
        if (it->camera)
            m_store->removeCameraView(cameraName(it->bookmark.id));
        m_bookmarks.erase(it);
    });
}

bool SessionNotes::setBookmarkName(int key, const std::string& name)
{
    return guarded([&] {
        const auto it = findKey(m_bookmarks, key);
        if (it == m_bookmarks.end())
            return;
        m_store->renameBookmark(it->bookmark.id, name);
        it->bookmark.label = name;
    });
}

bool SessionNotes::insertAnnotation(AnnotationEntry& entry)
{
    return guarded([&] {
        if (entry.key == 0)
            entry.key = m_nextKey++;
        entry.annotation.recordingId = m_doc->recordingId;
        entry.annotation.id = m_store->addAnnotation(entry.annotation);
        m_annotations.push_back(entry);
        std::stable_sort(
            m_annotations.begin(), m_annotations.end(),
            [](const auto& a, const auto& b) { return a.annotation.t < b.annotation.t; });
    });
}

bool SessionNotes::deleteAnnotation(int key)
{
    return guarded([&] {
        const auto it = findKey(m_annotations, key);
        if (it == m_annotations.end())
            return;
        m_store->removeAnnotation(it->annotation.id);
        m_annotations.erase(it);
    });
}

bool SessionNotes::setAnnotationText(int key, const std::string& text)
{
    return guarded([&] {
        const auto it = findKey(m_annotations, key);
        if (it == m_annotations.end())
            return;
        m_store->updateAnnotationText(it->annotation.id, text);
        it->annotation.text = text;
    });
}

bool SessionNotes::writeCameraView(const CameraViewEntry& entry)
{
    return guarded([&] {
        m_store->saveCameraView(entry.name, entry.camera);
        const auto it = std::find_if(m_views.begin(), m_views.end(), [&](const CameraViewEntry& v) {
            return v.name == entry.name;
        });
        if (it != m_views.end())
            it->camera = entry.camera;
        else
            m_views.insert(std::upper_bound(m_views.begin(), m_views.end(), entry,
                                            [](const auto& a, const auto& b) {
                                                return a.name < b.name; // as the store orders
                                            }),
                           entry);
    });
}

bool SessionNotes::eraseCameraView(const std::string& name)
{
    return guarded([&] {
        m_store->removeCameraView(name);
        std::erase_if(m_views, [&](const CameraViewEntry& v) { return v.name == name; });
    });
}

void SessionNotes::addBookmark(qint64 t, const QString& name,
                               std::optional<twin::CameraView> camera)
{
    if (!ensureWritable())
        return;
    BookmarkEntry e;
    e.bookmark.t = t;
    e.bookmark.label = name.toStdString();
    e.camera = camera;
    m_undo->push(new AddBookmarkCommand(this, std::move(e)));
}

void SessionNotes::renameBookmark(int key, const QString& name)
{
    if (const auto* e = bookmark(key);
        e && ensureWritable() && e->bookmark.label != name.toStdString())
        m_undo->push(new RenameBookmarkCommand(this, key, e->bookmark.label, name.toStdString()));
}

void SessionNotes::removeBookmark(int key)
{
    if (const auto* e = bookmark(key); e && ensureWritable())
        m_undo->push(new RemoveBookmarkCommand(this, *e));
}

void SessionNotes::addAnnotation(qint64 t, const QString& station, const QString& text)
{
    if (!ensureWritable())
        return;
    AnnotationEntry e;
    e.annotation.t = t;
    e.annotation.station = station.toStdString();
    e.annotation.text = text.toStdString();
    m_undo->push(new AddAnnotationCommand(this, std::move(e)));
}

void SessionNotes::editAnnotation(int key, const QString& text)
{
    if (const auto* e = annotation(key);
        e && ensureWritable() && e->annotation.text != text.toStdString())
        m_undo->push(new EditAnnotationCommand(this, key, e->annotation.text, text.toStdString()));
}

void SessionNotes::removeAnnotation(int key)
{
    if (const auto* e = annotation(key); e && ensureWritable())
        m_undo->push(new RemoveAnnotationCommand(this, *e));
}

void SessionNotes::saveCameraView(const QString& name, const twin::CameraView& camera)
{
    const std::string key = name.trimmed().toStdString();
    if (!m_store) {
        emit failed(tr("Camera views are kept in a session file (.takt); this document is not "
                       "one, so the view was not saved"));
        return;
    }
    if (key.empty()) {
        emit failed(tr("A camera view needs a name; nothing was saved"));
        return;
    }
    if (isBookmarkCameraName(key)) {
        // Bookmarks keep their cameras under these names.
        emit failed(tr("“%1” is reserved for bookmarks; choose another name").arg(name.trimmed()));
        return;
    }
    if (!ensureWritable())
        return;
    std::optional<CameraViewEntry> previous;
    if (const auto* old = cameraView(key)) {
        if (old->camera == camera)
            return;
        previous = *old;
    }
    m_undo->push(new SaveCameraViewCommand(this, {key, camera}, std::move(previous)));
}

void SessionNotes::removeCameraView(const std::string& name)
{
    if (const auto* e = cameraView(name); e && ensureWritable())
        m_undo->push(new RemoveCameraViewCommand(this, *e));
}

} // namespace takt::app
