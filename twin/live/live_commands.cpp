#include "twin/live/live_commands.h"

#include "twin/event_inserter.h"
#include "twin/live/mqtt_client.h"
#include "twin/live/sparkplug.h"
#include "twin/live/takt_json.h"
#include "twin/manifest.h"
#include "twin/session_store.h"
#include "twin/sqlite_db.h"

#include <nlohmann/json.hpp>

#include <unistd.h>

#include <algorithm>
#include <ostream>
#include <thread>

namespace takt::twin::live {
namespace {

MqttOptions mqttOptions(const BrokerSettings& b, const std::string& defaultClientId)
{
    MqttOptions o;
    o.broker = parseBrokerUrl(b.url);
    o.clientId = b.clientId.empty() ? defaultClientId : b.clientId;
    o.username = b.username;
    o.password = b.password;
    o.caFile = b.caFile;
    return o;
}

std::string statusLine(const LiveStats& s)
{
    std::string line = std::string(toString(s.connection.state));
    if (s.connection.state != ConnectionState::Connected && !s.connection.lastError.empty())
        line += " (" + s.connection.lastError + ")";
    line += ", " + std::to_string(s.received) + " messages (" +
            std::to_string(static_cast<long long>(s.messagesPerSecond)) + "/s), " +
            std::to_string(s.decoder.events) + " events, " + std::to_string(s.decoder.duplicates) +
            " duplicates, " + std::to_string(s.decoder.gaps) + " gaps, " +
            std::to_string(s.decoder.errorTotal()) + " rejected";
    for (int k = 0; k < kDecodeErrorCount; ++k)
        if (s.decoder.errors[static_cast<std::size_t>(k)])
            line += " " + std::string(toString(static_cast<DecodeError>(k))) + "=" +
                    std::to_string(s.decoder.errors[static_cast<std::size_t>(k)]);
    if (!s.decoder.staleStations.empty())
        line += ", " + std::to_string(s.decoder.staleStations.size()) + " stale stations";
    line += ", queue high-water " + std::to_string(s.queueHighWater);
    return line;
}

} // namespace

RecordResult recordLive(const RecordOptions& options, const std::atomic<bool>& stop,
                        std::ostream& log)
{
    std::error_code ec;
    const bool exists = std::filesystem::exists(options.out, ec);
    std::optional<SessionStore> store;
    if (exists) {
        store.emplace(SessionStore::open(options.out, SessionStore::Access::ReadWrite));
    } else {
        if (options.plant.empty())
            throw LiveError(options.out.string() +
                            " does not exist: --plant is needed to create it");
        store.emplace(SessionStore::create(options.out, loadPlantManifest(options.plant)));
    }
    const Plant plant = store->plant();

    LiveRecorderOptions ro;
    ro.mqtt = mqttOptions(options.broker, "takt-record-" + plant.id);
    ro.format = options.format;
    ro.decoder.sparkplugRebirth = options.sparkplugRebirth;
    // The password and user stay out of the session; the rest says where the data came from.
    const nlohmann::json params{{"broker", ro.mqtt.broker.url()},
                                {"format", toString(options.format)},
                                {"client_id", ro.mqtt.clientId},
                                {"sparkplug_rebirth", options.sparkplugRebirth}};
    const TimeMs start = nowMs();
    RecordResult result;
    result.recordingId = store->beginRecording(
        RecordingKind::Live, "live " + ro.mqtt.broker.url() + " " + formatIsoTime(start), start,
        params.dump());

    LiveRecorder recorder(options.out, result.recordingId, plant, ro);
    recorder.start();
    log << "takt record: recording " << result.recordingId << " of " << options.out.string()
        << " from " << ro.mqtt.broker.url() << " (" << toString(options.format) << "), client id '"
        << ro.mqtt.clientId << "'\n"
        << std::flush;

    const auto t0 = std::chrono::steady_clock::now();
    auto nextStatus = t0 + options.statusEvery;
    ConnectionState shown = ConnectionState::Connecting;
    std::string shownError;
    while (!stop) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        const auto now = std::chrono::steady_clock::now();
        if (options.duration && now - t0 >= *options.duration)
            break;
        if (!recorder.failure().empty())
            break;
        const auto s = recorder.stats();
        if (s.connection.state != shown || s.connection.lastError != shownError) {
            shown = s.connection.state;
            shownError = s.connection.lastError;
            log << "takt record: " << toString(shown);
            if (!shownError.empty() && shown != ConnectionState::Connected)
                log << ": " << shownError << "; next try in "
                    << std::max<TimeMs>(0, s.connection.nextRetryMs - nowMs()) << " ms";
            log << "\n" << std::flush;
        }
        if (options.statusEvery.count() > 0 && now >= nextStatus) {
            log << "takt record: " << statusLine(s) << "\n" << std::flush;
            nextStatus = now + options.statusEvery;
        }
    }
    recorder.stop();
    result.stats = recorder.stats();
    if (const auto f = recorder.failure(); !f.empty())
        throw SessionError(options.out.string(), "live recording failed: " + f);
    store->endRecording(result.recordingId, std::max(nowMs(), result.stats.liveHeadMs));
    log << "takt record: done: " << statusLine(result.stats) << "\n" << std::flush;
    return result;
}

PublishResult publishSession(const PublishOptions& options, const std::atomic<bool>& stop,
                             std::ostream& log)
{
    const SessionStore store = SessionStore::open(options.session);
    const auto recordings = store.recordings();
    if (recordings.empty())
        throw SessionError(options.session.string(), "has no recording to publish");
    const RecordingInfo rec =
        options.recordingId ? store.recording(*options.recordingId) : recordings.back();
    const Plant& plant = store.plant();
    // Streamed in time order from the file: a shift of millions of events is never all held.
    detail::SqliteDb db(options.session.string(), detail::SqliteDb::Mode::ReadOnly);

    PublishResult result;
    result.producer = options.producer.empty() ? "takt-publish-" + std::to_string(::getpid()) +
                                                     "-" + std::to_string(nowMs())
                                               : options.producer;
    result.offsetMs = options.shiftToNow ? nowMs() - rec.startMs : 0;

    MqttOptions mo = mqttOptions(options.broker, result.producer);
    // Unacknowledged messages kept at most, and as many in flight. It used to be 20,000
    // unacknowledged with 100 in flight: libmosquitto keeps the queued messages in the list of
    // unacknowledged ones and walks all of it on every acknowledgement (to release the next
    // queued one), so the publisher spent 124 us of CPU a message, most of it in that walk, and
    // set the pace of bench_live. With 500 in flight and none queued: 36 us (load 14, 2 cores).
    const int window = std::clamp(options.window, 1, 65'535);
    const auto unacknowledgedMax = static_cast<std::uint64_t>(window);
    mo.maxInflight = window;
    // No network thread: this thread writes each message as it publishes it and reads the
    // acknowledgements when the window is full (36 us of CPU a message with a network thread,
    // most of it waking that thread and its select() per message).
    mo.networkThread = false;
    std::optional<SparkplugEdge> edge;
    if (options.format == PayloadFormat::SparkplugB) {
        // bdSeq: a new number per session of the edge node, so a host can tell our death apart.
        edge.emplace(plant, result.producer, static_cast<std::uint64_t>(nowMs() % 256));
        mo.will = edge->ndeath();
    }
    MqttClient client(mo, nullptr);
    client.start();
    log << "takt publish: recording " << rec.id << " to " << mo.broker.url() << " as '"
        << result.producer << "' (" << toString(options.format) << ", speed "
        << (options.speed > 0 ? std::to_string(options.speed) + "x" : "max") << ")\n"
        << std::flush;
    while (!stop && !client.waitConnected(std::chrono::seconds(2))) {
        const auto s = client.status();
        log << "takt publish: " << toString(s.state) << ": " << s.lastError << "\n" << std::flush;
    }

    const auto send = [&](const std::string& topic, const std::string& payload) {
        if (!client.publish(topic, payload, 1))
            throw LiveError("cannot publish on '" + topic + "'");
        ++result.messages;
        while (!stop && client.published() - client.acknowledged() >= unacknowledgedMax)
            client.pump(std::chrono::milliseconds(10));
    };
    if (edge) {
        const auto nb = edge->nbirth(rec.startMs + result.offsetMs);
        send(nb.topic, nb.payload);
        for (std::size_t s = 0; s < plant.stations.size(); ++s) {
            const auto birth = edge->dbirth(static_cast<int>(s), rec.startMs + result.offsetMs);
            send(birth.topic, birth.payload);
        }
    }

    const auto wallStart = std::chrono::steady_clock::now();
    auto nextStatus = wallStart + options.statusEvery;
    std::uint64_t seq = 0;
    std::optional<TimeMs> first;
    struct Stopped {};
    try {
        detail::readEventsInTimeOrder(db, rec.id, [&](const Event& original) {
            if (stop)
                throw Stopped{};
            ++result.events;
            if (!first)
                first = original.t;
            if (options.speed > 0) {
                const auto due =
                    wallStart +
                    std::chrono::microseconds(static_cast<std::int64_t>(
                        static_cast<double>(original.t - *first) * 1000.0 / options.speed));
                // Waiting for the event's time, the client reads acknowledgements and keeps
                // the connection (there is no other thread to do it).
                for (auto now = std::chrono::steady_clock::now(); due > now && !stop;
                     now = std::chrono::steady_clock::now())
                    client.pump(std::min(std::chrono::ceil<std::chrono::milliseconds>(due - now),
                                         std::chrono::milliseconds(100)));
            }
            Event e = original;
            e.t += result.offsetMs;
            if (edge) {
                if (const auto m = edge->ddata(e))
                    send(m->topic, m->payload);
            } else if (const auto m = encodeTaktJson(plant, e, result.producer, ++seq)) {
                send(m->topic, m->payload);
            }
            if (options.statusEvery.count() > 0 && std::chrono::steady_clock::now() >= nextStatus) {
                log << "takt publish: " << result.messages << " messages, at "
                    << formatIsoTime(original.t) << " of the recording\n"
                    << std::flush;
                nextStatus = std::chrono::steady_clock::now() + options.statusEvery;
            }
        });
    } catch (const Stopped&) {
    }
    if (edge) {
        const auto nd = edge->ndeath();
        send(nd.topic, nd.payload);
    }
    // Stopped or not, what was handed to the client is delivered before we go: wait for the
    // broker's acknowledgements (while it is away, as long as it takes; after a stop request,
    // at most 30 s more).
    const auto stopWait = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (!client.waitAcknowledged(std::chrono::seconds(2))) {
        const auto s = client.status();
        log << "takt publish: waiting for the broker to acknowledge "
            << client.published() - client.acknowledged() << " messages (" << toString(s.state)
            << (s.lastError.empty() ? "" : ": " + s.lastError) << ")\n"
            << std::flush;
        if (stop && std::chrono::steady_clock::now() > stopWait)
            break;
    }
    result.acknowledged = client.acknowledged();
    client.stop();
    log << "takt publish: done: " << result.messages << " messages published, "
        << result.acknowledged << " acknowledged\n"
        << std::flush;
    return result;
}

std::vector<RawMessage> liveMessages(const std::filesystem::path& session, std::int64_t recordingId)
{
    detail::SqliteDb db(session.string(), detail::SqliteDb::Mode::ReadOnly);
    std::vector<RawMessage> out;
    detail::readLiveMessages(db, recordingId, [&](const RawMessage& m) { out.push_back(m); });
    return out;
}

std::vector<Event> redecodeLiveRecording(const std::filesystem::path& session,
                                         std::int64_t recordingId,
                                         std::optional<PayloadFormat> format)
{
    const SessionStore store = SessionStore::open(session);
    const RecordingInfo rec = store.recording(recordingId);
    DecoderOptions opts;
    const auto params = nlohmann::json::parse(rec.paramsJson, nullptr, false);
    if (!format && params.is_object())
        format = payloadFormatFromString(params.value("format", "json"));
    if (params.is_object())
        opts.sparkplugRebirth = params.value("sparkplug_rebirth", false);
    const Plant& plant = store.plant();
    auto decoder = makeDecoder(format.value_or(PayloadFormat::TaktJson), plant, opts);
    std::vector<Event> out;
    for (const auto& m : liveMessages(session, recordingId)) {
        auto r = decoder->decode(m);
        out.insert(out.end(), r.events.begin(), r.events.end());
    }
    return out;
}

} // namespace takt::twin::live
