#pragma once

#include "twin/events.h"
#include "twin/live/raw_message.h"

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <span>
#include <vector>

namespace takt::twin {

/// Tuning of an EventWriter.
struct EventWriterOptions {
    /// Longest time an event waits in the queue before its batch is committed.
    std::chrono::milliseconds flushInterval{250};
    /// A batch is committed as soon as this many events are queued.
    std::size_t batchEvents = 50'000;
    /// push() blocks while this many events wait (back-pressure on a slow disk).
    std::size_t maxQueued = 2'000'000;
};

/// Streams events into one recording of a session file from a dedicated writer thread with its
/// own SQLite connection and prepared statements. Producers queue events with push(); the
/// writer commits them in batches, one transaction each, at least every flushInterval.
///
/// Durability: a committed batch survives the death of the process (SIGKILL); at most the
/// events of the last flushInterval are lost. (WAL with synchronous=NORMAL: a power cut may
/// lose more, but never corrupts the file.)
///
/// push(), flush() and committed() may be called from any thread. The commit callback runs on
/// the writer thread after each commit. The constructor and flush()/close() throw SessionError
/// when the file cannot be written; push() throws once the writer has failed.
class EventWriter : public EventSink {
public:
    /// Called after each committed batch with the total number of committed events and the time
    /// of the last one.
    using CommitCallback = std::function<void(std::uint64_t committed, TimeMs lastT)>;

    EventWriter(const std::filesystem::path& session, std::int64_t recordingId,
                EventWriterOptions options = {}, CommitCallback onCommit = {});
    EventWriter(const EventWriter&) = delete;
    EventWriter& operator=(const EventWriter&) = delete;
    /// Commits what is queued and stops the thread; errors are logged, not thrown (use close()).
    ~EventWriter() override;

    void push(const Event& e);
    void push(std::span<const Event> events);
    void onEvent(const Event& e) override { push(e); }
    /// Queues one raw live message and the events decoded from it; both are committed in the
    /// same transaction, the raw message first (table `live_messages`, schema 2).
    void push(live::RawMessage raw, std::span<const Event> decoded);
    /// The same for a batch of raw messages (moved from, left empty) and the events decoded
    /// from them, queued under one lock.
    void push(std::vector<live::RawMessage>& raws, std::span<const Event> decoded);

    /// Blocks until every event pushed before the call is committed.
    void flush();
    /// Flushes and stops the writer thread; later pushes throw.
    void close();

    std::uint64_t pushed() const;
    std::uint64_t committed() const;
    /// Raw live messages committed so far.
    std::uint64_t committedRaw() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace takt::twin
