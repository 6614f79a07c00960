#include "twin/event_writer.h"

#include "twin/event_inserter.h"
#include "twin/log.h"
#include "twin/session_error.h"
#include "twin/sqlite_db.h"

#include <condition_variable>
#include <exception>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

namespace takt::twin {

struct EventWriter::Impl {
    std::string file;
    std::int64_t recordingId = 0;
    EventWriterOptions options;
    CommitCallback onCommit;

    mutable std::mutex mutex;
    std::condition_variable work; // Writer waits for events, a flush or stop.
    std::condition_variable done; // Producers wait for commits (flush, back-pressure).
    std::vector<Event> pending;
    std::vector<live::RawMessage> pendingRaw;
    std::uint64_t committedRaw = 0;
    std::uint64_t pushedRaw = 0;
    std::uint64_t pushed = 0;
    std::uint64_t committed = 0;
    bool flushRequested = false;
    bool stop = false;
    std::string error; // Non-empty once the writer failed.
    std::thread thread;

    void run(std::promise<void>& ready);
    void throwIfFailed() const
    {
        if (!error.empty())
            throw SessionError(file, "event writer failed: " + error);
    }
};

void EventWriter::Impl::run(std::promise<void>& ready)
{
    std::unique_ptr<detail::SqliteDb> db;
    std::unique_ptr<detail::EventInserter> inserter;
    try {
        db = std::make_unique<detail::SqliteDb>(file, detail::SqliteDb::Mode::ReadWrite);
        db->exec("PRAGMA synchronous = NORMAL");
        // The measurement index takes inserts at ~400 places at once (one per control point):
        // a page cache that holds all their leaf pages, and fewer WAL checkpoints, keep the
        // writer ahead of a live feed.
        db->exec("PRAGMA cache_size = -65536");
        db->exec("PRAGMA wal_autocheckpoint = 8192");
        inserter = std::make_unique<detail::EventInserter>(*db);
        ready.set_value();
    } catch (...) {
        ready.set_exception(std::current_exception());
        return;
    }

    std::vector<Event> batch;
    std::vector<live::RawMessage> rawBatch;
    auto deadline = std::chrono::steady_clock::now() + options.flushInterval;
    for (;;) {
        std::unique_lock lock(mutex);
        work.wait_until(lock, deadline, [&] {
            return stop || flushRequested ||
                   pending.size() + pendingRaw.size() >= options.batchEvents;
        });
        if (pending.empty() && pendingRaw.empty()) {
            flushRequested = false;
            done.notify_all();
            if (stop)
                return;
            deadline = std::chrono::steady_clock::now() + options.flushInterval;
            continue;
        }
        batch.swap(pending);
        rawBatch.swap(pendingRaw);
        flushRequested = false;
        lock.unlock();
        done.notify_all(); // The queue has room again.

        try {
            detail::SqliteTransaction tx(*db);
            inserter->insertRaw(recordingId, rawBatch);
            inserter->insert(recordingId, batch);
            tx.commit();
        } catch (const std::exception& e) {
            std::lock_guard g(mutex);
            error = e.what();
            // The owner gets it from push() or close() and reports it; logged here it was said
            // twice (issue 14: `takt simulate` on a full disk printed two lines).
            logger("twin")->debug("{}", error);
            stop = true;
            done.notify_all();
            return;
        }
        const TimeMs lastT = batch.empty() ? rawBatch.back().receivedMs : batch.back().t;
        std::uint64_t total = 0;
        {
            std::lock_guard g(mutex);
            committed += batch.size();
            committedRaw += rawBatch.size();
            total = committed;
        }
        done.notify_all();
        if (onCommit)
            onCommit(total, lastT);
        batch.clear();
        rawBatch.clear();
        deadline = std::chrono::steady_clock::now() + options.flushInterval;
    }
}

EventWriter::EventWriter(const std::filesystem::path& session, std::int64_t recordingId,
                         EventWriterOptions options, CommitCallback onCommit)
    : m_impl(std::make_unique<Impl>())
{
    m_impl->file = session.string();
    m_impl->recordingId = recordingId;
    m_impl->options = options;
    m_impl->onCommit = std::move(onCommit);
    std::promise<void> ready;
    auto started = ready.get_future();
    m_impl->thread = std::thread([this, &ready] { m_impl->run(ready); });
    try {
        started.get();
    } catch (...) {
        m_impl->thread.join();
        throw;
    }
}

EventWriter::~EventWriter()
{
    try {
        close();
    } catch (const std::exception& e) {
        // While an exception propagates (push() threw this error), that exception reports it.
        if (std::uncaught_exceptions() == 0)
            logger("twin")->error("{}", e.what());
    }
}

void EventWriter::push(const Event& e)
{
    push(std::span<const Event>(&e, 1));
}

void EventWriter::push(std::span<const Event> events)
{
    std::unique_lock lock(m_impl->mutex);
    m_impl->throwIfFailed();
    if (m_impl->stop)
        throw SessionError(m_impl->file, "event writer is closed");
    m_impl->done.wait(lock, [&] {
        return !m_impl->error.empty() || m_impl->pending.size() < m_impl->options.maxQueued;
    });
    m_impl->throwIfFailed();
    const bool wasBelow = m_impl->pending.size() < m_impl->options.batchEvents;
    m_impl->pending.insert(m_impl->pending.end(), events.begin(), events.end());
    m_impl->pushed += events.size();
    if (wasBelow && m_impl->pending.size() >= m_impl->options.batchEvents)
        m_impl->work.notify_one();
}

void EventWriter::push(live::RawMessage raw, std::span<const Event> decoded)
{
    std::vector<live::RawMessage> one;
    one.push_back(std::move(raw));
    push(one, decoded);
}

void EventWriter::push(std::vector<live::RawMessage>& raws, std::span<const Event> decoded)
{
    std::unique_lock lock(m_impl->mutex);
    m_impl->throwIfFailed();
    if (m_impl->stop)
        throw SessionError(m_impl->file, "event writer is closed");
    m_impl->done.wait(lock, [&] {
        return !m_impl->error.empty() ||
               m_impl->pending.size() + m_impl->pendingRaw.size() < m_impl->options.maxQueued;
    });
    m_impl->throwIfFailed();
    const auto before = m_impl->pending.size() + m_impl->pendingRaw.size();
    m_impl->pushedRaw += raws.size();
    if (m_impl->pendingRaw.empty()) {
        m_impl->pendingRaw.swap(raws);
    } else {
        for (auto& r : raws)
            m_impl->pendingRaw.push_back(std::move(r));
    }
    raws.clear();
    m_impl->pending.insert(m_impl->pending.end(), decoded.begin(), decoded.end());
    m_impl->pushed += decoded.size();
    const auto after = m_impl->pending.size() + m_impl->pendingRaw.size();
    if (before < m_impl->options.batchEvents && after >= m_impl->options.batchEvents)
        m_impl->work.notify_one();
}

void EventWriter::flush()
{
    std::unique_lock lock(m_impl->mutex);
    m_impl->throwIfFailed();
    if (!m_impl->thread.joinable())
        return;
    const auto target = m_impl->pushed;
    const auto targetRaw = m_impl->pushedRaw;
    m_impl->flushRequested = true;
    m_impl->work.notify_one();
    m_impl->done.wait(lock, [&] {
        return !m_impl->error.empty() ||
               (m_impl->committed >= target && m_impl->committedRaw >= targetRaw);
    });
    m_impl->throwIfFailed();
}

void EventWriter::close()
{
    if (!m_impl->thread.joinable())
        return;
    {
        std::lock_guard lock(m_impl->mutex);
        m_impl->stop = true;
        m_impl->flushRequested = true;
    }
    m_impl->work.notify_one();
    m_impl->thread.join();
    std::lock_guard lock(m_impl->mutex);
    m_impl->throwIfFailed();
}

std::uint64_t EventWriter::pushed() const
{
    std::lock_guard lock(m_impl->mutex);
    return m_impl->pushed;
}

std::uint64_t EventWriter::committed() const
{
    std::lock_guard lock(m_impl->mutex);
    return m_impl->committed;
}

std::uint64_t EventWriter::committedRaw() const
{
    std::lock_guard lock(m_impl->mutex);
    return m_impl->committedRaw;
}

} // namespace takt::twin
