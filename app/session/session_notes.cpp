#include "app/session_notes.h"

#include "app/note_commands.h"
#include "twin/log.h"
#include "twin/story_order.h"

#include <QUndoStack>

#include <algorithm>
#include <cstdlib>

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
    m_order.clear();
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
            std::vector<int> keys;
            std::vector<twin::StoryNoteRef> refs;
            std::vector<twin::TimeMs> times;
            for (const auto& b : m_bookmarks) {
                keys.push_back(b.key);
                refs.push_back({twin::StoryNoteRef::Kind::Bookmark, b.bookmark.id});
                times.push_back(b.bookmark.t);
            }
            for (const auto& a : m_annotations) {
                keys.push_back(a.key);
                refs.push_back({twin::StoryNoteRef::Kind::Annotation, a.annotation.id});
                times.push_back(a.annotation.t);
            }
            const auto saved = twin::parseStoryOrder(
                m_store->viewSetting(twin::storyOrderSettingKey(m_doc->recordingId)));
            for (const auto i : twin::applyStoryOrder(refs, times, saved))
                m_order.push_back(keys[i]);
        } catch (const std::exception& e) {
            m_store.reset();
            m_bookmarks.clear();
            m_annotations.clear();
            m_views.clear();
            m_order.clear();
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
        placeInStory(entry.key);
        writeStoryOrder(); // its row id is new
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
        writeStoryOrder();
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
        placeInStory(entry.key);
        writeStoryOrder();
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
        writeStoryOrder();
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

std::optional<qint64> SessionNotes::timeOf(int key) const
{
    if (const auto* b = bookmark(key))
        return b->bookmark.t;
    if (const auto* a = annotation(key))
        return a->annotation.t;
    return std::nullopt;
}

std::vector<int> SessionNotes::storyOrder() const
{
    std::vector<int> live;
    for (const int key : m_order)
        if (timeOf(key))
            live.push_back(key);
    return live;
}

void SessionNotes::placeInStory(int key)
{
    if (std::find(m_order.begin(), m_order.end(), key) != m_order.end())
        return;
    const auto live = storyOrder();
    std::vector<twin::TimeMs> times;
    for (const int k : live)
        if (k != key)
            times.push_back(*timeOf(k));
    const auto at = twin::storyInsertPosition(times, *timeOf(key));
    if (at >= times.size())
        m_order.push_back(key);
    else
        m_order.insert(std::find(m_order.begin(), m_order.end(), live[at]), key);
}

void SessionNotes::writeStoryOrder()
{
    std::vector<twin::StoryNoteRef> refs;
    for (const int key : storyOrder()) {
        if (const auto* b = bookmark(key))
            refs.push_back({twin::StoryNoteRef::Kind::Bookmark, b->bookmark.id});
        else if (const auto* a = annotation(key))
            refs.push_back({twin::StoryNoteRef::Kind::Annotation, a->annotation.id});
    }
    m_store->setViewSetting(twin::storyOrderSettingKey(m_doc->recordingId),
                            twin::storyOrderJson(refs));
}

bool SessionNotes::setStoryOrder(const std::vector<int>& keys)
{
    return guarded([&] {
        m_order = keys;
        writeStoryOrder();
    });
}

void SessionNotes::moveInStory(int key, int delta)
{
    auto after = m_order;
    auto i = std::size_t(std::find(after.begin(), after.end(), key) - after.begin());
    if (i >= after.size() || !timeOf(key))
        return;
    // Step over removed notes' keys, which keep their places for an undo that brings them back.
    for (int n = 0; n < std::abs(delta); ++n) {
        std::size_t j = i;
        do
            j = delta > 0 ? j + 1 : j - 1;
        while (j < after.size() && !timeOf(after[j]));
        if (j >= after.size())
            break;
        std::swap(after[i], after[j]);
        i = j;
    }
    if (after == m_order || !ensureWritable())
        return;
    const auto* b = bookmark(key);
    const QString caption =
        QString::fromStdString(b ? b->bookmark.label : annotation(key)->annotation.text);
    m_undo->push(new MoveInStoryCommand(this, m_order, std::move(after), caption));
}

int SessionNotes::addEventMoments(const std::vector<twin::EventMoment>& moments)
{
    if (!m_doc || !m_doc->plant)
        return 0;
    std::vector<const twin::EventMoment*> fresh;
    for (const auto& e : moments)
        if (std::none_of(m_annotations.begin(), m_annotations.end(), [&](const auto& a) {
                return a.annotation.t == e.t && a.annotation.text == e.caption;
            }))
            fresh.push_back(&e);
    if (fresh.empty() || !ensureWritable())
        return 0;
    m_undo->beginMacro(tr("Add Event Moments"));
    for (const auto* e : fresh) {
        const auto& stations = m_doc->plant->stations;
        const QString station = e->station >= 0 && std::size_t(e->station) < stations.size()
                                    ? QString::fromStdString(stations[std::size_t(e->station)].id)
                                    : QString();
        addAnnotation(e->t, station, QString::fromStdString(e->caption));
    }
    m_undo->endMacro();
    return int(fresh.size());
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
