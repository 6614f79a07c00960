#include "twin/live/live_recorder.h"

#include "twin/event_writer.h"
#include "twin/live/raw_queue.h"
#include "twin/log.h"

#include <algorithm>
#include <atomic>
#include <deque>
#include <mutex>
#include <thread>

namespace takt::twin::live {

struct LiveRecorder::Impl {
    LiveRecorderOptions options;
    std::unique_ptr<PayloadDecoder> decoder;
    RawQueue queue;
    std::unique_ptr<EventWriter> writer;
    std::unique_ptr<MqttClient> client;
    std::thread thread;
    std::atomic<bool> stopping{false};
    std::uint64_t nextSeq = 1;
    std::atomic<std::uint64_t> handed{0}; // Messages decoded and handed to the writer.

    mutable std::mutex mutex; // Guards what stats() and takeEvents() read.
    DecoderCounters counters;
    TimeMs lagMs = 0;
    TimeMs head = 0;
    double rate = 0.0;
    std::deque<Event> viewer;
    std::uint64_t viewerDropped = 0;
    std::string failure;

    explicit Impl(std::size_t queueMax) : queue(queueMax) {}
    void run();
};

void LiveRecorder::Impl::run()
{
    std::vector<RawMessage> batch;
    std::vector<Event> decodedAll;
    auto rateStart = std::chrono::steady_clock::now();
    std::uint64_t rateCount = 0;
    for (;;) {
        batch.clear();
        decodedAll.clear();
        const bool open = queue.popAll(batch, std::chrono::milliseconds(50), options.gather);
        const std::size_t taken = batch.size();
        try {
            for (auto& m : batch) {
                m.seq = nextSeq++;
                DecodeResult r = decoder->decode(m);
                for (const auto& reply : r.replies)
                    client->publish(reply.topic, reply.payload, reply.qos);
                decodedAll.insert(decodedAll.end(), r.events.begin(), r.events.end());
            }
            // One hand-over for the batch: raw messages first, their events after, committed
            // in the same transaction.
            if (taken)
                writer->push(batch, decodedAll);
        } catch (const std::exception& e) {
            std::lock_guard lock(mutex);
            failure = e.what();
            logger("live")->error("live recording stopped: {}", failure);
            queue.close();
            return;
        }
        rateCount += taken;
        const auto now = std::chrono::steady_clock::now();
        const auto c = decoder->counters();
        const bool forViewer = options.viewerBufferEvents > 0 && !decodedAll.empty();
        {
            std::lock_guard lock(mutex);
            counters = c;
            if (c.lastSourceMs) {
                head = std::max(head, c.lastSourceMs);
                lagMs = nowMs() - c.lastSourceMs;
            }
            if (const auto dt = std::chrono::duration<double>(now - rateStart).count(); dt >= 1.0) {
                rate = static_cast<double>(rateCount) / dt;
                rateCount = 0;
                rateStart = now;
            }
            if (forViewer)
                for (auto& e : decodedAll) {
                    if (viewer.size() >= options.viewerBufferEvents) {
                        viewer.pop_front();
                        ++viewerDropped;
                    }
                    viewer.push_back(std::move(e));
                }
            // Counted last: flush() relies on the counters being current once this moves.
            handed += taken;
        }
        if (forViewer && options.onEvents)
            options.onEvents();
        if (!open)
            return;
    }
}

LiveRecorder::LiveRecorder(const std::filesystem::path& session, std::int64_t recordingId,
                           const Plant& plant, LiveRecorderOptions options)
    : m_impl(std::make_unique<Impl>(options.queueMaxMessages))
{
    auto& d = *m_impl;
    d.options = std::move(options);
    d.decoder = makeDecoder(d.options.format, plant, d.options.decoder);
    if (d.options.mqtt.subscriptions.empty())
        d.options.mqtt.subscriptions = d.decoder->subscriptions();
    EventWriterOptions w;
    // A message waits at most `gather` before the writer has it, then at most the writer's
    // interval: the two together keep the promised bound (a kill loses ≤ flushInterval).
    w.flushInterval =
        std::max(d.options.flushInterval - d.options.gather, std::chrono::milliseconds(1));
    d.writer = std::make_unique<EventWriter>(session, recordingId, w);
    d.client = std::make_unique<MqttClient>(d.options.mqtt, &d.queue);
}

LiveRecorder::~LiveRecorder()
{
    stop();
}

void LiveRecorder::start()
{
    auto& d = *m_impl;
    if (d.thread.joinable())
        return;
    d.thread = std::thread([&d] { d.run(); });
    d.client->start();
}

void LiveRecorder::stop()
{
    auto& d = *m_impl;
    if (d.stopping.exchange(true))
        return;
    d.client->stop(); // No more messages after this: the queue holds the last ones.
    d.queue.close();
    if (d.thread.joinable())
        d.thread.join();
    try {
        d.writer->close();
    } catch (const std::exception& e) {
        std::lock_guard lock(d.mutex);
        if (d.failure.empty())
            d.failure = e.what();
    }
}

void LiveRecorder::flush()
{
    auto& d = *m_impl;
    // Everything received so far must pass the decode thread before the writer's flush.
    const auto target = d.client->received();
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (d.handed < target && d.thread.joinable() && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    try {
        d.writer->flush();
    } catch (const std::exception&) {
    }
}

LiveStats LiveRecorder::stats() const
{
    const auto& d = *m_impl;
    LiveStats s;
    s.connection = d.client->status();
    s.received = d.client->received();
    s.queueDepth = d.queue.depth();
    s.queueHighWater = d.queue.highWater();
    s.rawCommitted = d.writer->committedRaw();
    s.eventsCommitted = d.writer->committed();
    std::lock_guard lock(d.mutex);
    s.decoder = d.counters;
    s.messagesPerSecond = d.rate;
    s.lagMs = d.lagMs;
    s.liveHeadMs = d.head;
    s.viewerDropped = d.viewerDropped;
    return s;
}

void LiveRecorder::takeEvents(std::vector<Event>& out)
{
    std::lock_guard lock(m_impl->mutex);
    for (auto& e : m_impl->viewer)
        out.push_back(std::move(e));
    m_impl->viewer.clear();
}

std::string LiveRecorder::failure() const
{
    std::lock_guard lock(m_impl->mutex);
    return m_impl->failure;
}

} // namespace takt::twin::live
