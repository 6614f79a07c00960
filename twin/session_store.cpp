#include "twin/session_store.h"

#include "twin/event_inserter.h"
#include "twin/log.h"
#include "twin/manifest.h"
#include "twin/session_check.h"
#include "twin/session_exit.h"
#include "twin/session_schema.h"
#include "twin/sqlite_db.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <fstream>

namespace takt::twin {

using detail::SqliteDb;
using detail::SqliteStatement;
using detail::SqliteTransaction;

namespace {

/// FNV-1a over the file's bytes: enough to notice that a layout changed, cheap to compute.
std::string fingerprint(const std::string& file)
{
    std::ifstream in(file, std::ios::binary);
    if (!in)
        return {};
    std::uint64_t h = 1469598103934665603ull;
    char buf[1 << 16];
    std::uint64_t size = 0;
    while (in.read(buf, sizeof buf) || in.gcount() > 0) {
        const auto n = static_cast<std::size_t>(in.gcount());
        for (std::size_t i = 0; i < n; ++i)
            h = (h ^ static_cast<unsigned char>(buf[i])) * 1099511628211ull;
        size += n;
    }
    char out[48];
    std::snprintf(out, sizeof out, "fnv1a64:%016llx:%llu", static_cast<unsigned long long>(h),
                  static_cast<unsigned long long>(size));
    return out;
}

Plant plantFromManifest(const std::string& text, const std::string& file)
{
    // The layout recorded in a session may live on another machine: keep the path as text and
    // do not require it to exist.
    nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object())
        throw SessionError(file, "stored plant manifest is not valid JSON");
    std::string layout = j.value("layout", "");
    j.erase("layout");
    try {
        Plant p = parsePlantManifest(j.dump(), file + " (stored manifest)", {});
        p.layoutPath = layout;
        return p;
    } catch (const ManifestError& e) {
        throw SessionError(file, std::string("stored plant manifest is invalid: ") + e.what());
    }
}

RecordingKind kindFromString(const std::string& s)
{
    if (s == "live")
        return RecordingKind::Live;
    if (s == "imported")
        return RecordingKind::Imported;
    if (s == "scenario")
        return RecordingKind::Scenario;
    return RecordingKind::Simulated;
}

RecordingInfo readRecording(const SqliteStatement& st)
{
    RecordingInfo r;
    r.id = st.int64(0);
    r.kind = kindFromString(st.text(1));
    r.name = st.text(2);
    r.startMs = st.int64(3);
    if (!st.isNull(4))
        r.endMs = st.int64(4);
    r.paramsJson = st.text(5);
    return r;
}

} // namespace

void closeSessionReadersForExit()
{
    detail::SqliteDb::closeReadersForExit();
}

std::string_view toString(RecordingKind k)
{
    switch (k) {
    case RecordingKind::Simulated:
        return "simulated";
    case RecordingKind::Live:
        return "live";
    case RecordingKind::Imported:
        return "imported";
    case RecordingKind::Scenario:
        return "scenario";
    }
    return "simulated";
}

struct SessionStore::Impl {
    std::filesystem::path path;
    std::unique_ptr<SqliteDb> db;
    Plant plant;
    int version = 0;

    /// After a user's edit: copies the WAL into the file now, so that the edit does not wait in
    /// the WAL until the program quits (a crash, a copy of the .takt alone, or a reader that
    /// cannot see the WAL would miss it). Passive: never waits for readers; what a reader holds
    /// back is copied at the next edit or on close.
    void editDone() { db->checkpoint(); }
};

SessionStore::SessionStore(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
SessionStore::SessionStore(SessionStore&&) noexcept = default;
SessionStore& SessionStore::operator=(SessionStore&&) noexcept = default;
SessionStore::~SessionStore() = default;

SessionStore SessionStore::create(const std::filesystem::path& file, const Plant& plant)
{
    const std::string name = file.string();
    std::error_code ec;
    if (std::filesystem::exists(file, ec))
        throw SessionError(name, "already exists; a new session does not replace a file");
    auto impl = std::make_unique<Impl>();
    impl->path = file;
    impl->db = std::make_unique<SqliteDb>(name, SqliteDb::Mode::Create);
    auto& db = *impl->db;
    db.exec("PRAGMA journal_mode = WAL");
    db.exec("PRAGMA synchronous = NORMAL");
    db.exec("PRAGMA application_id = " + std::to_string(kSessionApplicationId));
    detail::migrateSession(db, 0);

    SqliteTransaction tx(db);
    SqliteStatement meta(db, "INSERT INTO meta VALUES (?1, ?2)");
    const auto put = [&](std::string_view k, const std::string& v) {
        meta.bind(1, k).bind(2, std::string_view(v)).step();
        meta.reset();
    };
    put("manifest", writePlantManifest(plant, plant.layoutPath));
    put("layout_fingerprint", plant.layoutPath.empty() ? "" : fingerprint(plant.layoutPath));
    put("created_ms", std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(
                                         std::chrono::system_clock::now().time_since_epoch())
                                         .count()));
    SqliteStatement st(db, "INSERT INTO stations VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    for (std::size_t i = 0; i < plant.stations.size(); ++i) {
        const auto& s = plant.stations[i];
        st.bind(1, std::int64_t(i))
            .bind(2, std::string_view(s.id))
            .bind(3, std::string_view(s.name));
        st.bind(4, toString(s.kind))
            .bind(5, std::string_view(s.segment))
            .bind(6, s.capacity)
            .step();
        st.reset();
    }
    SqliteStatement qc(db, "INSERT INTO checkpoints VALUES (?1, ?2, ?3, ?4)");
    for (std::size_t i = 0; i < plant.checkpoints.size(); ++i) {
        const auto& c = plant.checkpoints[i];
        qc.bind(1, std::int64_t(i))
            .bind(2, std::string_view(c.id))
            .bind(3, std::string_view(c.name));
        qc.bind(4, std::string_view(c.station)).step();
        qc.reset();
    }
    SqliteStatement cp(db, "INSERT INTO control_points VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    for (std::size_t i = 0; i < plant.controlPoints.size(); ++i) {
        const auto& c = plant.controlPoints[i];
        cp.bind(1, std::int64_t(i))
            .bind(2, std::string_view(c.id))
            .bind(3, std::string_view(c.name));
        cp.bind(4, std::string_view(c.station)).bind(5, std::string_view(c.unit));
        cp.bind(6, c.target).bind(7, c.lsl).bind(8, c.usl).step();
        cp.reset();
    }
    tx.commit();
    impl->plant =
        plantFromManifest(db.queryText("SELECT value FROM meta WHERE key='manifest'"), name);
    impl->version = kSessionSchemaVersion;
    return SessionStore(std::move(impl));
}

SessionStore SessionStore::open(const std::filesystem::path& file, Access access)
{
    const std::string name = file.string();
    auto impl = std::make_unique<Impl>();
    impl->path = file;
    impl->db = detail::inspectSession(name, impl->version, access == Access::ReadWrite);
    impl->db.reset(); // Inspection done; only now may SQLite touch the file (and its WAL).
    if (access == Access::ReadOnly) {
        impl->db = std::make_unique<SqliteDb>(name, SqliteDb::Mode::ReadOnly);
    } else {
        // SQLite would fall back to reading only and fail at the first write with "attempt to
        // write a readonly database"; say it up front instead.
        if (SqliteDb::readOnlyOpening(name) == SqliteDb::ReadOnlyOpening::Immutable)
            throw SessionError(name, "cannot be written here: the file or its folder is "
                                     "read-only (it can be read)");
        impl->db = std::make_unique<SqliteDb>(name, SqliteDb::Mode::ReadWrite);
        impl->db->exec("PRAGMA journal_mode = WAL");
        impl->db->exec("PRAGMA synchronous = NORMAL");
        if (impl->version < kSessionSchemaVersion) {
            logger("twin")->info("{}: migrating session schema {} to {}", name, impl->version,
                                 kSessionSchemaVersion);
            detail::migrateSession(*impl->db, impl->version);
            impl->version = kSessionSchemaVersion;
        }
    }
    const std::string manifest =
        impl->version >= 1 ? impl->db->queryText("SELECT value FROM meta WHERE key='manifest'")
                           : std::string();
    if (manifest.empty())
        throw SessionError(name, "holds no plant manifest (an incomplete session)");
    impl->plant = plantFromManifest(manifest, name);
    return SessionStore(std::move(impl));
}

const std::filesystem::path& SessionStore::path() const
{
    return m_impl->path;
}
const Plant& SessionStore::plant() const
{
    return m_impl->plant;
}
int SessionStore::schemaVersion() const
{
    return m_impl->version;
}
std::string SessionStore::manifestJson() const
{
    return m_impl->db->queryText("SELECT value FROM meta WHERE key='manifest'");
}

std::int64_t SessionStore::beginRecording(RecordingKind kind, const std::string& name, TimeMs start,
                                          const std::string& paramsJson)
{
    SqliteStatement st(*m_impl->db, "INSERT INTO recordings(kind, name, start_ms, params) "
                                    "VALUES (?1, ?2, ?3, ?4)");
    st.bind(1, toString(kind)).bind(2, std::string_view(name)).bind(3, start);
    st.bind(4, std::string_view(paramsJson)).step();
    return m_impl->db->lastInsertRowId();
}

std::int64_t SessionStore::addRecording(const RecordingInfo& info, std::span<const Event> events)
{
    if (!info.endMs)
        throw SessionError(m_impl->path.string(), "a complete recording needs an end time");
    SqliteTransaction tx(*m_impl->db);
    SqliteStatement st(*m_impl->db, "INSERT INTO recordings(kind, name, start_ms, end_ms, params) "
                                    "VALUES (?1, ?2, ?3, ?4, ?5)");
    st.bind(1, toString(info.kind)).bind(2, std::string_view(info.name)).bind(3, info.startMs);
    st.bind(4, *info.endMs).bind(5, std::string_view(info.paramsJson)).step();
    const auto id = m_impl->db->lastInsertRowId();
    detail::EventInserter ins(*m_impl->db);
    ins.insert(id, events);
    tx.commit();
    m_impl->editDone();
    return id;
}

void SessionStore::endRecording(std::int64_t id, TimeMs end)
{
    SqliteStatement st(*m_impl->db, "UPDATE recordings SET end_ms = ?2 WHERE id = ?1");
    st.bind(1, id).bind(2, end).step();
    if (m_impl->db->changes() == 0)
        throw SessionError(m_impl->path.string(), "no recording " + std::to_string(id));
}

std::vector<RecordingInfo> SessionStore::recordings() const
{
    SqliteStatement st(*m_impl->db, "SELECT id, kind, name, start_ms, end_ms, params "
                                    "FROM recordings ORDER BY id");
    std::vector<RecordingInfo> out;
    while (st.step())
        out.push_back(readRecording(st));
    return out;
}

RecordingInfo SessionStore::recording(std::int64_t id) const
{
    SqliteStatement st(*m_impl->db, "SELECT id, kind, name, start_ms, end_ms, params "
                                    "FROM recordings WHERE id = ?1");
    st.bind(1, id);
    if (!st.step())
        throw SessionError(m_impl->path.string(), "no recording " + std::to_string(id));
    return readRecording(st);
}

void SessionStore::writeEvents(std::int64_t recordingId, std::span<const Event> events)
{
    SqliteTransaction tx(*m_impl->db);
    detail::EventInserter ins(*m_impl->db);
    ins.insert(recordingId, events);
    tx.commit();
}

void SessionStore::forEachEvent(std::int64_t recordingId,
                                const std::function<void(const Event&)>& fn,
                                bool withMeasurements) const
{
    detail::readEvents(*m_impl->db, recordingId, fn, withMeasurements);
}

std::vector<Event> SessionStore::events(std::int64_t recordingId) const
{
    std::vector<Event> out;
    forEachEvent(recordingId, [&](const Event& e) { out.push_back(e); });
    std::stable_sort(out.begin(), out.end(),
                     [](const Event& a, const Event& b) { return a.t < b.t; });
    return out;
}

std::int64_t SessionStore::addBookmark(std::int64_t rec, TimeMs t, const std::string& label)
{
    SqliteStatement st(*m_impl->db,
                       "INSERT INTO bookmarks(recording_id, t_ms, label) VALUES (?1, ?2, ?3)");
    st.bind(1, rec).bind(2, t).bind(3, std::string_view(label)).step();
    const auto id = m_impl->db->lastInsertRowId();
    m_impl->editDone();
    return id;
}

std::vector<Bookmark> SessionStore::bookmarks(std::int64_t rec) const
{
    SqliteStatement st(*m_impl->db, "SELECT id, recording_id, t_ms, label FROM bookmarks "
                                    "WHERE recording_id = ?1 ORDER BY t_ms, id");
    st.bind(1, rec);
    std::vector<Bookmark> out;
    while (st.step())
        out.push_back({st.int64(0), st.int64(1), st.int64(2), st.text(3)});
    return out;
}

void SessionStore::renameBookmark(std::int64_t id, const std::string& label)
{
    SqliteStatement st(*m_impl->db, "UPDATE bookmarks SET label = ?2 WHERE id = ?1");
    st.bind(1, id).bind(2, std::string_view(label)).step();
    m_impl->editDone();
}

void SessionStore::removeBookmark(std::int64_t id)
{
    SqliteStatement st(*m_impl->db, "DELETE FROM bookmarks WHERE id = ?1");
    st.bind(1, id).step();
    m_impl->editDone();
}

std::int64_t SessionStore::addAnnotation(const Annotation& a)
{
    SqliteStatement st(*m_impl->db, "INSERT INTO annotations(recording_id, t_ms, station, text) "
                                    "VALUES (?1, ?2, ?3, ?4)");
    st.bind(1, a.recordingId).bind(2, a.t).bindOptional(3, a.station);
    st.bind(4, std::string_view(a.text)).step();
    const auto id = m_impl->db->lastInsertRowId();
    m_impl->editDone();
    return id;
}

std::vector<Annotation> SessionStore::annotations(std::int64_t rec) const
{
    SqliteStatement st(*m_impl->db, "SELECT id, recording_id, t_ms, station, text FROM "
                                    "annotations WHERE recording_id = ?1 ORDER BY t_ms, id");
    st.bind(1, rec);
    std::vector<Annotation> out;
    while (st.step())
        out.push_back({st.int64(0), st.int64(1), st.int64(2), st.text(3), st.text(4)});
    return out;
}

void SessionStore::updateAnnotationText(std::int64_t id, const std::string& text)
{
    SqliteStatement st(*m_impl->db, "UPDATE annotations SET text = ?2 WHERE id = ?1");
    st.bind(1, id).bind(2, std::string_view(text)).step();
    m_impl->editDone();
}

void SessionStore::removeAnnotation(std::int64_t id)
{
    SqliteStatement st(*m_impl->db, "DELETE FROM annotations WHERE id = ?1");
    st.bind(1, id).step();
    m_impl->editDone();
}

std::int64_t SessionStore::saveCameraView(const std::string& name, const CameraView& camera)
{
    const std::string json = cameraViewToJson(camera);
    SqliteStatement st(*m_impl->db, "INSERT INTO camera_views(name, camera) VALUES (?1, ?2) "
                                    "ON CONFLICT(name) DO UPDATE SET camera = excluded.camera");
    st.bind(1, std::string_view(name)).bind(2, std::string_view(json)).step();
    SqliteStatement id(*m_impl->db, "SELECT id FROM camera_views WHERE name = ?1");
    id.bind(1, std::string_view(name));
    const auto viewId = id.step() ? id.int64(0) : 0;
    m_impl->editDone();
    return viewId;
}

std::vector<SavedCameraView> SessionStore::cameraViews() const
{
    SqliteStatement st(*m_impl->db, "SELECT id, name, camera FROM camera_views ORDER BY name");
    std::vector<SavedCameraView> out;
    while (st.step())
        out.push_back({st.int64(0), st.text(1), cameraViewFromJson(st.text(2))});
    return out;
}

void SessionStore::removeCameraView(const std::string& name)
{
    SqliteStatement st(*m_impl->db, "DELETE FROM camera_views WHERE name = ?1");
    st.bind(1, std::string_view(name)).step();
    m_impl->editDone();
}

void SessionStore::setViewSetting(const std::string& key, const std::string& value)
{
    SqliteStatement st(*m_impl->db, "INSERT INTO view_settings VALUES (?1, ?2) "
                                    "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    st.bind(1, std::string_view(key)).bind(2, std::string_view(value)).step();
    m_impl->editDone();
}

std::optional<std::string> SessionStore::viewSetting(const std::string& key) const
{
    SqliteStatement st(*m_impl->db, "SELECT value FROM view_settings WHERE key = ?1");
    st.bind(1, std::string_view(key));
    if (!st.step())
        return std::nullopt;
    return st.text(0);
}

std::string SessionStore::integrityCheck() const
{
    return m_impl->db->queryText("PRAGMA integrity_check");
}

} // namespace takt::twin
