#pragma once

#include "twin/events.h"
#include "twin/live/decoder.h"
#include "twin/live/live_recorder.h"

#include <atomic>
#include <chrono>
#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace takt::twin::live {

/// Connection settings shared by record and publish.
struct BrokerSettings {
    std::string url;      ///< mqtt://HOST:PORT or mqtts://HOST:PORT
    std::string clientId; ///< Empty: a default per verb ("takt-record-<plant>", ...).
    std::string username;
    std::string password; ///< Never written to the session.
    std::string caFile;
};

/// `takt record`: what to record, where and for how long.
struct RecordOptions {
    BrokerSettings broker;
    std::filesystem::path plant; ///< Manifest; needed when `out` does not exist yet.
    std::filesystem::path out;   ///< Session file: created, or a new recording appended.
    std::optional<std::chrono::milliseconds> duration; ///< Unset: until `stop`.
    PayloadFormat format = PayloadFormat::TaktJson;
    bool sparkplugRebirth = false;
    std::chrono::seconds statusEvery{5}; ///< Status line period on `log` (0: never).
};

/// What a recording run did.
struct RecordResult {
    std::int64_t recordingId = 0;
    LiveStats stats;
};

/// Records a live feed into a session until `duration` passes or `stop` becomes true (a signal
/// handler sets it), then commits everything received and ends the recording. Status lines and
/// connection problems go to `log`. Throws Error subclasses (bad URL, manifest, session).
RecordResult recordLive(const RecordOptions& options, const std::atomic<bool>& stop,
                        std::ostream& log);

/// `takt publish`: a recorded shift replayed onto a broker as if live.
struct PublishOptions {
    BrokerSettings broker;
    std::filesystem::path session;
    std::optional<std::int64_t> recordingId; ///< Unset: the last recording.
    double speed = 1.0;                      ///< Replay speed; 0: as fast as the broker takes.
    PayloadFormat format = PayloadFormat::TaktJson;
    /// Shift every time so that the first event is "now" (keeps the spacing; times compress
    /// only in pace, not in value). False: publish the recorded times.
    bool shiftToNow = true;
    std::string producer; ///< Takt JSON producer id / Sparkplug edge node id; default per run.
    std::chrono::seconds statusEvery{5};
    /// Messages sent and not yet acknowledged at most (1-65,535), all of them in flight at once.
    /// An unpaced publish (speed 0) sends at most this many per round trip through the broker;
    /// libmosquitto walks the whole list of unacknowledged messages on every acknowledgement,
    /// so a large window costs CPU per message (20,000: 124 us a message, 500: 36 us).
    int window = 500;
};

struct PublishResult {
    std::uint64_t events = 0;       ///< Events read from the recording.
    std::uint64_t messages = 0;     ///< Messages published (births included).
    std::uint64_t acknowledged = 0; ///< Of those, acknowledged by the broker (QoS 1).
    TimeMs offsetMs = 0;            ///< Added to every recorded time.
    std::string producer;
};

/// Publishes a recording at QoS 1 and waits until the broker acknowledged every message.
/// Stops early when `stop` becomes true (then waits at most 30 s more for acknowledgements).
/// Throws Error subclasses.
PublishResult publishSession(const PublishOptions& options, const std::atomic<bool>& stop,
                             std::ostream& log);

/// Replays a live recording's raw messages through a fresh decoder of `format` (the one in the
/// recording's params when unset): the events it saw live, in decode order.
std::vector<Event> redecodeLiveRecording(const std::filesystem::path& session,
                                         std::int64_t recordingId,
                                         std::optional<PayloadFormat> format = std::nullopt);

/// The raw messages of a live recording, in arrival order.
std::vector<RawMessage> liveMessages(const std::filesystem::path& session,
                                     std::int64_t recordingId);

} // namespace takt::twin::live
