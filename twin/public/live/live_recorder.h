#pragma once

#include "twin/events.h"
#include "twin/live/decoder.h"
#include "twin/live/mqtt_client.h"
#include "twin/plant.h"

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <vector>

namespace takt::twin::live {

/// How a live recording connects, decodes and stores.
struct LiveRecorderOptions {
    MqttOptions mqtt; ///< Subscriptions are filled in from the decoder when left empty.
    PayloadFormat format = PayloadFormat::TaktJson;
    DecoderOptions decoder;
    std::chrono::milliseconds flushInterval{250}; ///< Longest wait of a message for its commit
                                                  ///< (gather included).
    std::size_t queueMaxMessages = 1'000'000;
    std::size_t viewerBufferEvents = 0; ///< Decoded events kept for takeEvents(); 0: none.
    /// Once the first message of a batch is queued, the decode thread waits this much longer
    /// for more before it takes them (fewer wake-ups on a fast feed; adds at most this much
    /// to the latency of a message).
    std::chrono::milliseconds gather{4};
    /// Called on the decode thread each time new events are ready for takeEvents() (needs
    /// viewerBufferEvents > 0), so that a viewer can take them at once instead of on a timer.
    /// Must return at once (post to the viewer's thread); it must not call the recorder.
    std::function<void()> onEvents;
};

/// Everything an indicator shows, read at once (see LiveRecorder::stats()).
struct LiveStats {
    ConnectionStatus connection;
    DecoderCounters decoder;        ///< Duplicates, gaps, errors by kind, stale stations.
    std::uint64_t received = 0;     ///< Messages off the network.
    std::uint64_t rawCommitted = 0; ///< Raw messages committed to the session.
    std::uint64_t eventsCommitted = 0;
    std::size_t queueDepth = 0;
    std::size_t queueHighWater = 0;
    double messagesPerSecond = 0.0;  ///< Received, over the last second or so.
    TimeMs lagMs = 0;                ///< Decode time minus source time of the latest event.
    TimeMs liveHeadMs = 0;           ///< Latest source time seen (the timeline's live head).
    std::uint64_t viewerDropped = 0; ///< Events the viewer buffer dropped (not polled in time).
};

/// A live connection recording into a session: the MQTT client's network thread queues raw
/// messages; a decode thread numbers them, decodes them and hands raw message and events to one
/// EventWriter (raw first, same transaction, batches of at most flushInterval); Sparkplug
/// Rebirth requests go back through the client when enabled.
///
/// stats() and takeEvents() are for a GUI timer: they take a short lock, never wait for the
/// network or the disk. Constructor throws LiveError or SessionError; the rest never throws.
class LiveRecorder {
public:
    /// `session` must exist with `recordingId` begun; `plant` must outlive the recorder.
    LiveRecorder(const std::filesystem::path& session, std::int64_t recordingId, const Plant& plant,
                 LiveRecorderOptions options);
    LiveRecorder(const LiveRecorder&) = delete;
    LiveRecorder& operator=(const LiveRecorder&) = delete;
    ~LiveRecorder(); ///< stop()

    /// Connects (in the background) and starts recording. Returns at once.
    void start();
    /// Disconnects, decodes and commits everything received, and stops. Idempotent.
    void stop();
    /// Blocks until everything received so far is committed.
    void flush();

    LiveStats stats() const;
    /// Moves the events decoded since the last call into `out` (needs viewerBufferEvents > 0).
    void takeEvents(std::vector<Event>& out);
    /// The failure that stopped the decode thread (the disk, the session); empty if none.
    std::string failure() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace takt::twin::live
