#pragma once

#include "twin/camera_view.h"
#include "twin/events.h"
#include "twin/plant.h"
#include "twin/session_error.h"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace takt::twin {

/// Where a recording came from. Scenario: a what-if run of the simulator stored in the session
/// (schema 3; its params say which changes, model and seed, docs/whatif-json.md).
enum class RecordingKind { Simulated, Live, Imported, Scenario };
std::string_view toString(RecordingKind k); ///< "simulated", "live", "imported", "scenario"

/// One recording (a shift) in a session. Times in ms since the Unix epoch, UTC.
struct RecordingInfo {
    std::int64_t id = 0;
    RecordingKind kind = RecordingKind::Simulated;
    std::string name;
    TimeMs startMs = 0;
    std::optional<TimeMs> endMs; ///< Unset while the recording is still growing (live).
    std::string paramsJson;      ///< Free-form JSON (simulation seed, broker, ...).
};

/// A named moment of a recording.
struct Bookmark {
    std::int64_t id = 0;
    std::int64_t recordingId = 0;
    TimeMs t = 0;
    std::string label;
};

/// A note attached to a moment (and optionally a station id) of a recording.
struct Annotation {
    std::int64_t id = 0;
    std::int64_t recordingId = 0;
    TimeMs t = 0;
    std::string station; ///< Station id; empty when it concerns the whole line.
    std::string text;
};

/// A camera view saved in the session under a name (the camera_views table).
struct SavedCameraView {
    std::int64_t id = 0;
    std::string name;
    std::optional<CameraView> camera; ///< nullopt when the stored JSON is not a camera view.
};

/// A session file (*.takt, SQLite; schema in docs/session-schema.md): the plant manifest, its
/// recordings and their events, bookmarks, annotations, camera views and view settings.
///
/// Opening inspects the file read-only first (application_id, schema version, quick_check) and
/// refuses, without modifying it, a file that is not a Takt session, is damaged or comes from a
/// newer schema. A file larger than kFullCheckBytes (a recording of days) gets a bounded check
/// instead of a full quick_check, so that it opens in time: its length against its header, and
/// quick_check of every table but the measurements and raw live messages; damage in those is
/// found when it is read ("is damaged (...)"). See docs/session-schema.md. Bulk event writing goes
/// through EventWriter (its own thread and connection); the methods here write synchronously. One
/// thread at a time per object; several objects (and processes) may open the same file. Every
/// method throws SessionError naming the file on failure. Files up to this size get a full `PRAGMA
/// quick_check` when opened (about 0.3 s at most on a 2-core machine); larger ones the bounded
/// check (see SessionStore).
inline constexpr std::uint64_t kFullCheckBytes = std::uint64_t{128} << 20;

namespace detail {
/// Sets the size above which opening checks a file in bounded time (tests make it small).
void setFullCheckBytes(std::uint64_t bytes);
} // namespace detail

class SessionStore {
public:
    enum class Access { ReadOnly, ReadWrite };

    /// Creates a new session for `plant` (its manifest is stored as JSON). Refuses to replace an
    /// existing file.
    static SessionStore create(const std::filesystem::path& file, const Plant& plant);
    /// Opens an existing session; ReadWrite migrates an older schema to the current one.
    static SessionStore open(const std::filesystem::path& file, Access access = Access::ReadOnly);

    SessionStore(SessionStore&&) noexcept;
    SessionStore& operator=(SessionStore&&) noexcept;
    ~SessionStore();

    const std::filesystem::path& path() const;
    /// The plant as stored in the session (its layout path as recorded; it need not exist).
    const Plant& plant() const;
    /// The stored manifest text.
    std::string manifestJson() const;
    /// Schema version of the file (after migration when opened read-write).
    int schemaVersion() const;

    /// Starts a recording and returns its id.
    std::int64_t beginRecording(RecordingKind kind, const std::string& name, TimeMs start,
                                const std::string& paramsJson = "{}");
    /// Adds a complete recording (`info.id` is ignored; `info.endMs` must be set) with its events
    /// in one transaction: all of it is stored, or nothing. Returns the new id.
    std::int64_t addRecording(const RecordingInfo& info, std::span<const Event> events);
    /// Marks a recording as complete at `end`.
    void endRecording(std::int64_t recordingId, TimeMs end);
    std::vector<RecordingInfo> recordings() const;
    /// Throws SessionError if there is no such recording.
    RecordingInfo recording(std::int64_t recordingId) const;

    /// Writes events synchronously in one transaction (imports, tests). For streams use
    /// EventWriter.
    void writeEvents(std::int64_t recordingId, std::span<const Event> events);
    /// Calls `fn` for every event of a recording, table by table (states, part moves, quality,
    /// measurements, alarms), each in insertion order. Not merged by time. `withMeasurements`
    /// false leaves out the measurements (RecordingData pages them from the file).
    void forEachEvent(std::int64_t recordingId, const std::function<void(const Event&)>& fn,
                      bool withMeasurements = true) const;
    /// All events of a recording merged into time order (stable within one time). For small
    /// recordings and tests; replay uses RecordingData.
    std::vector<Event> events(std::int64_t recordingId) const;

    std::int64_t addBookmark(std::int64_t recordingId, TimeMs t, const std::string& label);
    std::vector<Bookmark> bookmarks(std::int64_t recordingId) const;
    void renameBookmark(std::int64_t id, const std::string& label);
    void removeBookmark(std::int64_t id);

    std::int64_t addAnnotation(const Annotation& a); ///< `a.id` is ignored; returns the new id.
    std::vector<Annotation> annotations(std::int64_t recordingId) const;
    void updateAnnotationText(std::int64_t id, const std::string& text);
    void removeAnnotation(std::int64_t id);

    /// Saves (or replaces, by name) a camera view; returns its id.
    /// Adds or replaces the view called `name` (JSON: cameraViewToJson); returns its row id.
    std::int64_t saveCameraView(const std::string& name, const CameraView& camera);
    /// Every saved view, by name.
    std::vector<SavedCameraView> cameraViews() const;
    void removeCameraView(const std::string& name);

    void setViewSetting(const std::string& key, const std::string& value);
    std::optional<std::string> viewSetting(const std::string& key) const;

    /// Runs `PRAGMA integrity_check`; returns "ok" or the first problem.
    std::string integrityCheck() const;

private:
    struct Impl;
    explicit SessionStore(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

} // namespace takt::twin
