#pragma once

#include "twin/live/raw_message.h"

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <vector>

namespace takt::twin::live {

/// The hand-over between the network thread and the decode thread: a bounded FIFO of raw
/// messages with a high-water mark. push() only waits when the queue is full (messages or
/// bytes): at QoS 1 the client has already acknowledged a message when it is queued, so
/// dropping it would lose it; waiting instead lets the broker hold the rest. Any thread.
class RawQueue {
public:
    explicit RawQueue(std::size_t maxMessages = 1'000'000, std::size_t maxBytes = 512u << 20)
        : m_maxMessages(maxMessages), m_maxBytes(maxBytes)
    {
    }

    /// Queues a message; waits while the queue is full. False once closed.
    bool push(RawMessage m)
    {
        std::unique_lock lock(m_mutex);
        if (m_items.size() >= m_maxMessages || m_bytes >= m_maxBytes)
            ++m_fullWaits;
        m_space.wait(lock, [&] {
            return m_closed || (m_items.size() < m_maxMessages && m_bytes < m_maxBytes);
        });
        if (m_closed)
            return false;
        m_bytes += m.payload.size() + m.topic.size();
        m_items.push_back(std::move(m));
        m_highWater = std::max(m_highWater, m_items.size());
        // Only a consumer that waits for this many is woken: a wake-up is two system calls
        // and a context switch, too dear to spend on every message of a fast feed.
        if (m_items.size() >= m_wakeAt) {
            m_wakeAt = kNobody;
            m_ready.notify_one();
        }
        return true;
    }

    /// Moves every queued message into `out` (appending); waits up to `timeout` for one.
    /// With `gather` > 0, once the first message is there it waits up to `gather` more for
    /// `gatherCount` of them, so that a fast feed is taken in batches (a message waits at most
    /// `gather` longer). False when closed and empty. One consumer thread at a time.
    bool popAll(std::vector<RawMessage>& out, std::chrono::milliseconds timeout,
                std::chrono::milliseconds gather = std::chrono::milliseconds(0),
                std::size_t gatherCount = 1024)
    {
        std::unique_lock lock(m_mutex);
        m_wakeAt = 1;
        m_ready.wait_for(lock, timeout, [&] { return m_closed || !m_items.empty(); });
        if (gather.count() > 0 && !m_closed && !m_items.empty() && m_items.size() < gatherCount) {
            m_wakeAt = gatherCount;
            m_ready.wait_for(lock, gather,
                             [&] { return m_closed || m_items.size() >= gatherCount; });
        }
        m_wakeAt = kNobody;
        if (m_items.empty())
            return !m_closed;
        for (auto& m : m_items)
            out.push_back(std::move(m));
        m_items.clear();
        m_bytes = 0;
        m_space.notify_all();
        return true;
    }

    /// Wakes every waiter; later pushes are refused, queued messages can still be popped.
    void close()
    {
        std::lock_guard lock(m_mutex);
        m_closed = true;
        m_ready.notify_all();
        m_space.notify_all();
    }

    std::size_t depth() const
    {
        std::lock_guard lock(m_mutex);
        return m_items.size();
    }
    std::size_t highWater() const
    {
        std::lock_guard lock(m_mutex);
        return m_highWater;
    }
    /// How often push() found the queue full and had to wait.
    std::size_t fullWaits() const
    {
        std::lock_guard lock(m_mutex);
        return m_fullWaits;
    }

private:
    mutable std::mutex m_mutex;
    std::condition_variable m_ready, m_space;
    std::deque<RawMessage> m_items;
    std::size_t m_bytes = 0;
    std::size_t m_highWater = 0;
    std::size_t m_fullWaits = 0;
    std::size_t m_maxMessages, m_maxBytes;
    static constexpr std::size_t kNobody = static_cast<std::size_t>(-1);
    std::size_t m_wakeAt = kNobody; // Queue length that wakes the waiting consumer.
    bool m_closed = false;
};

} // namespace takt::twin::live
