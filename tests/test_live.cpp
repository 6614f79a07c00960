// Live feeds (issue 10) against a real mosquitto: the ctest fixture's broker on a free port of
// 127.0.0.1, or a broker of the test's own where it must be killed or speak TLS.
#include "live_support.h"
#include "sparkplug_payloads.h"
#include "test_plants.h"

#include "twin/live/live_commands.h"
#include "twin/live/live_recorder.h"
#include "twin/live/raw_queue.h"
#include "twin/live/sparkplug.h"
#include "twin/live/takt_json.h"
#include "twin/manifest.h"
#include "twin/session_store.h"

#include <QtTest>

#include <nlohmann/json.hpp>

#include <csignal>

#include <atomic>
#include <fstream>
#include <sstream>
#include <thread>

using namespace takt::twin;
using namespace takt::twin::live;
using namespace takt::twin::testing;

namespace {

const char* kPlantFile = TAKT_SOURCE_DIR "/tests/data/small_plant.json";

/// A session with one live recording and a recorder on it.
struct Rig {
    std::string file;
    Plant plant;
    std::int64_t recording = 0;
    std::unique_ptr<LiveRecorder> recorder;

    Rig(const QTemporaryDir& dir, const char* name, int port, PayloadFormat format,
        const std::string& clientId, bool rebirth = false)
    {
        file = dir.filePath(name).toStdString();
        plant = loadPlantManifest(kPlantFile);
        auto store = SessionStore::create(file, plant);
        recording = store.beginRecording(RecordingKind::Live, "test", nowMs(),
                                         std::string(R"({"format":")") +
                                             std::string(toString(format)) + "\"}");
        LiveRecorderOptions o;
        o.mqtt.broker = parseBrokerUrl("mqtt://127.0.0.1:" + std::to_string(port));
        o.mqtt.clientId = clientId;
        o.format = format;
        o.decoder.sparkplugRebirth = rebirth;
        recorder = std::make_unique<LiveRecorder>(file, recording, plant, o);
        recorder->start();
    }
    bool connected()
    {
        return waitFor(
            [&] { return recorder->stats().connection.state == ConnectionState::Connected; },
            10'000);
    }
    bool received(std::uint64_t n, int ms = 30'000)
    {
        return waitFor([&] { return recorder->stats().received >= n; }, ms);
    }
    std::vector<Event> stored() const { return SessionStore::open(file).events(recording); }
};

/// Publishes raw messages at QoS 1 from a client of the test's own.
class TestPublisher {
public:
    explicit TestPublisher(int port, const std::string& id = "test-publisher")
    {
        MqttOptions o;
        o.broker = parseBrokerUrl("mqtt://127.0.0.1:" + std::to_string(port));
        o.clientId = id;
        m_client = std::make_unique<MqttClient>(o, nullptr);
        m_client->start();
    }
    bool connected() { return m_client->waitConnected(std::chrono::seconds(10)); }
    void send(const std::string& topic, const std::string& payload)
    {
        QVERIFY(m_client->publish(topic, payload, 1));
    }
    void send(const OutgoingMessage& m) { send(m.topic, m.payload); }
    // Generous: under the sanitizers (asan preset) on a loaded machine the flood's 10,100
    // acknowledgements took over 30 s.
    bool acked() { return m_client->waitAcknowledged(std::chrono::seconds(180)); }

private:
    std::unique_ptr<MqttClient> m_client;
};

} // namespace

class TestLive : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        m_port = fixtureBrokerPort();
        QVERIFY2(m_port > 0, "no broker.port: run through ctest (fixture live_broker)");
    }

    void brokerUrls()
    {
        const auto a = parseBrokerUrl("mqtt://plant-gw.local:1884");
        QCOMPARE(a.host, std::string("plant-gw.local"));
        QCOMPARE(a.port, 1884);
        QVERIFY(!a.tls);
        const auto b = parseBrokerUrl("mqtts://[::1]");
        QCOMPARE(b.host, std::string("::1"));
        QCOMPARE(b.port, 8883);
        QVERIFY(b.tls);
        QVERIFY_THROWS_EXCEPTION(LiveError, parseBrokerUrl("http://x"));
        QVERIFY_THROWS_EXCEPTION(LiveError, parseBrokerUrl("mqtt://x:99999"));
    }

    // publish -> record -> replay: the stored events are exactly the published ones, and the raw
    // messages decode again to exactly those events.
    void publishRecordReplay_data()
    {
        QTest::addColumn<int>("format");
        QTest::newRow("json") << int(PayloadFormat::TaktJson);
        QTest::newRow("sparkplug") << int(PayloadFormat::SparkplugB);
    }
    void publishRecordReplay()
    {
        QFETCH(int, format);
        const auto fmt = static_cast<PayloadFormat>(format);
        QTemporaryDir dir;
        const std::string source = dir.filePath("shift.takt").toStdString();
        QVERIFY(simulateSmallPlant(source, 2.0, 11));
        Rig rig(dir, "live.takt", m_port, fmt, "test-rec-" + std::string(toString(fmt)));
        QVERIFY(rig.connected());

        PublishOptions po;
        po.broker.url = "mqtt://127.0.0.1:" + std::to_string(m_port);
        po.session = source;
        po.speed = 0;
        po.format = fmt;
        po.statusEvery = std::chrono::seconds(0);
        std::atomic<bool> stop{false};
        std::ostringstream log;
        const PublishResult pub = publishSession(po, stop, log);
        QVERIFY(pub.messages > 100);
        QVERIFY2(rig.received(pub.messages), "not every published message arrived");
        rig.recorder->stop();
        const auto stats = rig.recorder->stats();
        QCOMPARE(stats.rawCommitted, pub.messages);
        QCOMPARE(stats.decoder.errorTotal(), std::uint64_t(0));
        QCOMPARE(stats.decoder.gaps, std::uint64_t(0));

        std::vector<Event> published =
            SessionStore::open(source).events(SessionStore::open(source).recordings().back().id);
        for (auto& e : published)
            e.t += pub.offsetMs;
        if (fmt == PayloadFormat::SparkplugB)
            published = sparkplugProjection(rig.plant, published);
        std::vector<Event> stored = rig.stored();
        if (fmt == PayloadFormat::SparkplugB) {
            // The edge node's NDEATH at the end turns every station unknown.
            const auto deaths = std::count_if(stored.begin(), stored.end(), [](const Event& e) {
                return e.kind == EventKind::StateChange && e.text == "NDEATH";
            });
            QCOMPARE(deaths, static_cast<long>(rig.plant.stations.size()));
            std::erase_if(stored, [](const Event& e) { return e.text == "NDEATH"; });
        }
        warnFirstDifference(sortedEvents(stored), sortedEvents(published));
        QCOMPARE(stored.size(), published.size());
        QVERIFY(sortedEvents(stored) == sortedEvents(published));

        // The raw envelopes replay through the same decoder to the same events.
        auto again = redecodeLiveRecording(rig.file, rig.recording);
        if (fmt == PayloadFormat::SparkplugB)
            std::erase_if(again, [](const Event& e) { return e.text == "NDEATH"; });
        QVERIFY(sortedEvents(again) == sortedEvents(stored));
        QCOMPARE(liveMessages(rig.file, rig.recording).size(), std::size_t(pub.messages));
    }

    // A Sparkplug edge node written here: data before its birth, births, alias-only data, a
    // skipped seq and its death.
    void sparkplugEdgeNode()
    {
        QTemporaryDir dir;
        Rig rig(dir, "spb.takt", m_port, PayloadFormat::SparkplugB, "test-rec-edge", true);
        QVERIFY(rig.connected());
        // Watch for the host's Rebirth commands.
        RawQueue ncmd;
        MqttOptions wo;
        wo.broker = parseBrokerUrl("mqtt://127.0.0.1:" + std::to_string(m_port));
        wo.clientId = "test-ncmd-watch";
        wo.cleanSession = true;
        wo.subscriptions = {"spBv1.0/small/NCMD/edge1"};
        MqttClient watcher(wo, &ncmd);
        watcher.start();
        QVERIFY(watcher.waitConnected(std::chrono::seconds(10)));
        QThread::msleep(200); // the subscription is sent right after the CONNACK

        TestPublisher pub(m_port, "test-edge1");
        QVERIFY(pub.connected());
        SparkplugEdge edge(rig.plant, "edge1", 3);
        const int st10 = rig.plant.stationIndex("ST10"), st20 = rig.plant.stationIndex("ST20");
        const TimeMs t0 = nowMs();
        std::uint64_t sent = 0;
        // The recorder also receives its own Rebirth NCMDs (they are under spBv1.0/small/#).
        const auto send = [&](const OutgoingMessage& m) {
            pub.send(m);
            ++sent;
            QVERIFY(waitFor(
                [&] {
                    const auto st = rig.recorder->stats();
                    return st.received >= sent + st.decoder.rebirthRequests;
                },
                10'000));
            rig.recorder->flush();
        };

        // Alias-only DDATA before any birth: rejected, ST10 stale, Rebirth asked.
        send(*edge.ddata(Event::stateChange(t0, st10, StationState::Working)));
        auto s = rig.recorder->stats();
        QCOMPARE(s.decoder.errors[std::size_t(DecodeError::UnknownAlias)], std::uint64_t(1));
        QCOMPARE(s.decoder.staleStations, std::vector<int>{st10});
        QCOMPARE(s.decoder.rebirthRequests, std::uint64_t(1));

        send(edge.nbirth(t0 + 1));
        send(edge.dbirth(st10, t0 + 2, StationState::Working));
        send(edge.dbirth(st20, t0 + 3));
        s = rig.recorder->stats();
        QVERIFY(s.decoder.staleStations.empty());
        send(*edge.ddata(Event::stateChange(t0 + 10, st10, StationState::Down)));
        send(edge.ddataStateInt(st20, t0 + 11, 4)); // Int32 4 = setup
        edge.skipSeq(2);
        send(*edge.ddata(Event::stateChange(t0 + 20, st10, StationState::Working)));
        s = rig.recorder->stats();
        QCOMPARE(s.decoder.gaps, std::uint64_t(2));
        QCOMPARE(s.decoder.staleStations,
                 (std::vector<int>{std::min(st10, st20), std::max(st10, st20)}));
        QCOMPARE(s.decoder.rebirthRequests, std::uint64_t(2));

        // A death with another bdSeq is an old will: ignored. Ours turns both stations unknown.
        SparkplugEdge stranger(rig.plant, "edge1", 9);
        send(stranger.ndeath());
        const TimeMs beforeDeath = nowMs();
        send(edge.ndeath());
        rig.recorder->stop();
        s = rig.recorder->stats();
        QVERIFY(s.decoder.staleStations.empty());
        QCOMPARE(s.decoder.errorTotal(), std::uint64_t(1));

        const auto stored = rig.stored();
        QCOMPARE(stored.size(), std::size_t(6));
        const auto stateOf = [&](std::size_t i) { return stored[i].state(); };
        QCOMPARE(stored[0], Event::stateChange(t0 + 2, st10, StationState::Working));
        QCOMPARE(stored[1], Event::stateChange(t0 + 10, st10, StationState::Down));
        QCOMPARE(stored[2], Event::stateChange(t0 + 11, st20, StationState::Setup));
        QCOMPARE(stored[3], Event::stateChange(t0 + 20, st10, StationState::Working));
        for (std::size_t i = 4; i < 6; ++i) {
            TAKT_COMPARE_ENUM(stateOf(i), StationState::Unknown);
            QVERIFY(stored[i].t >= beforeDeath); // stamped with the receive time
            QCOMPARE(stored[i].text, std::string("NDEATH"));
        }

        // The Rebirth NCMDs reached the broker.
        std::vector<RawMessage> cmds;
        QVERIFY(waitFor(
            [&] {
                ncmd.popAll(cmds, std::chrono::milliseconds(10));
                return cmds.size() >= 2;
            },
            5000));
        QCOMPARE(cmds.size(), std::size_t(2));
        QVERIFY(cmds[0].payload.find("Node Control/Rebirth") != std::string::npos);
    }

    // Issue 10 item 1: a plant manifest that overrides the Sparkplug mapping (group, device ids,
    // metric names), read from its file, drives the right stations through the real broker; the
    // session keeps the mapping, so the recording decodes again to the same events.
    void sparkplugMappingFromManifest()
    {
        namespace spb = takt::twin::testing::spb;
        QTemporaryDir dir;
        nlohmann::json doc;
        {
            std::ifstream in(kPlantFile);
            doc = nlohmann::json::parse(in);
        }
        doc.erase("layout");
        doc["sparkplug"] = nlohmann::json::parse(R"({
            "group_id": "Line-A",
            "state_metric": "Status",
            "stations": {"ST10": {"device_id": "ST20"}, "ST20": {"device_id": "ST10"}},
            "control_points": {"CP1": "Weld/Current"}
        })");
        const std::string manifest = dir.filePath("mapped.json").toStdString();
        std::ofstream(manifest) << doc.dump(2);
        const Plant plant = loadPlantManifest(manifest);
        const int st10 = plant.stationIndex("ST10"), st20 = plant.stationIndex("ST20");

        const std::string file = dir.filePath("mapped.takt").toStdString();
        std::int64_t recording = 0;
        {
            auto store = SessionStore::create(file, plant);
            recording = store.beginRecording(RecordingKind::Live, "mapped", nowMs(),
                                             R"({"format":"sparkplug"})");
        }
        LiveRecorderOptions o;
        o.mqtt.broker = parseBrokerUrl("mqtt://127.0.0.1:" + std::to_string(m_port));
        o.mqtt.clientId = "test-rec-mapped";
        o.format = PayloadFormat::SparkplugB;
        LiveRecorder recorder(file, recording, plant, o);
        recorder.start();
        QVERIFY(
            waitFor([&] { return recorder.stats().connection.state == ConnectionState::Connected; },
                    10'000));
        QThread::msleep(200); // the subscription follows the CONNACK

        TestPublisher pub(m_port, "test-edge-mapped");
        QVERIFY(pub.connected());
        const std::string g = "spBv1.0/Line-A/";
        const TimeMs t0 = nowMs();
        pub.send(g + "NBIRTH/gw", spb::nbirth(std::uint64_t(t0), 1));
        // Device "ST20" is station ST10, device "ST10" is station ST20.
        pub.send(g + "DBIRTH/gw/ST20",
                 spb::payload(std::uint64_t(t0 + 1), 1,
                              {{"Status", 1, std::string("working")}, {"Weld/Current", 2, {}}}));
        pub.send(g + "DBIRTH/gw/ST10",
                 spb::payload(std::uint64_t(t0 + 2), 2, {{"Status", 3, std::string("idle")}}));
        pub.send(g + "DDATA/gw/ST20", spb::payload(std::uint64_t(t0 + 3), 3,
                                                   {{"", 1, std::string("down")}, {"", 2, 10.5}}));
        pub.send(g + "DDATA/gw/ST10",
                 spb::payload(std::uint64_t(t0 + 4), 4, {{"", 3, std::string("blocked")}}));
        // The default names carry nothing under this mapping.
        pub.send(g + "DDATA/gw/ST10",
                 spb::payload(std::uint64_t(t0 + 5), 5,
                              {{"State", {}, std::string("down")}, {"CP1", {}, 99.0}}));
        QVERIFY(pub.acked());
        QVERIFY(waitFor([&] { return recorder.stats().received >= 6; }, 30'000));
        recorder.stop();
        const auto s = recorder.stats();
        QCOMPARE(s.decoder.errorTotal(), std::uint64_t(0));
        QCOMPARE(s.decoder.gaps, std::uint64_t(0));

        const std::vector<Event> expected{
            Event::stateChange(t0 + 1, st10, StationState::Working),
            Event::stateChange(t0 + 2, st20, StationState::Idle),
            Event::stateChange(t0 + 3, st10, StationState::Down),
            Event::measurement(t0 + 3, 0, 10.5),
            Event::stateChange(t0 + 4, st20, StationState::Blocked),
        };
        const auto stored = SessionStore::open(file).events(recording);
        QCOMPARE(sortedEvents(stored), sortedEvents(expected));
        // The session's stored manifest keeps the mapping: the recording decodes the same again.
        QVERIFY(SessionStore::open(file).plant().sparkplug == plant.sparkplug);
        QCOMPARE(sortedEvents(redecodeLiveRecording(file, recording)), sortedEvents(expected));
    }

    // 10,000 bad payloads among good ones: exact counts per kind, the good ones all recorded.
    void malformedFlood()
    {
        QTemporaryDir dir;
        Rig rig(dir, "flood.takt", m_port, PayloadFormat::TaktJson, "test-rec-flood");
        QVERIFY(rig.connected());
        TestPublisher pub(m_port, "test-flood");
        QVERIFY(pub.connected());
        const std::string base = "takt/v1/small/";
        const TimeMs t0 = nowMs();
        std::uint64_t seq = 0;
        const auto env = [&](TimeMs t) {
            return R"("producer":"flood","seq":)" + std::to_string(++seq) + R"(,"ts":)" +
                   std::to_string(t);
        };
        int good = 0;
        std::uint64_t total = 0;
        for (int i = 0; i < 10'000; ++i) {
            const int k = i % 100;
            if (k < 40)
                pub.send(base + "station/ST10/state", "{not json " + std::to_string(i));
            else if (k < 70)
                pub.send(base + "station/ST10/state", "{" + env(t0) + R"(,"state":5})");
            else if (k < 90)
                pub.send(base + "station/NOPE/state", "{" + env(t0) + R"(,"state":"down"})");
            else if (k < 95)
                pub.send(base + "control/CP1/value",
                         "{" + env(t0 + 48LL * 3600 * 1000) + R"(,"value":1})");
            else if (k < 99 || i >= 100)
                pub.send(base + "control/CP1/value",
                         "{" + env(t0 - 30LL * 24 * 3600 * 1000) + R"(,"value":1})");
            else
                pub.send(base + "control/CP1/value", std::string(300 * 1024, ' '));
            ++total;
            if (i % 100 == 0) {
                pub.send(base + "control/CP1/value",
                         "{" + env(t0 + i) + R"(,"value":)" + std::to_string(i) + "}");
                ++good;
                ++total;
            }
        }
        QVERIFY(pub.acked());
        QVERIFY(rig.received(total, 180'000));
        rig.recorder->stop();
        const auto s = rig.recorder->stats();
        const auto count = [&](DecodeError e) { return s.decoder.errors[std::size_t(e)]; };
        QCOMPARE(count(DecodeError::Malformed), std::uint64_t(4000));
        QCOMPARE(count(DecodeError::WrongType), std::uint64_t(3000));
        QCOMPARE(count(DecodeError::UnknownStation), std::uint64_t(2000));
        QCOMPARE(count(DecodeError::TimeInFuture), std::uint64_t(500));
        QCOMPARE(count(DecodeError::TimeInPast), std::uint64_t(499));
        QCOMPARE(count(DecodeError::Oversized), std::uint64_t(1));
        QCOMPARE(s.decoder.errorTotal(), std::uint64_t(10'000));
        QCOMPARE(s.decoder.duplicates, std::uint64_t(0));
        QCOMPARE(s.rawCommitted, total);
        const auto stored = rig.stored();
        QCOMPARE(int(stored.size()), good);
        for (const auto& e : stored)
            QVERIFY(e.kind == EventKind::Measurement);
    }

    // The broker dies mid-stream and comes back: with persistent sessions at QoS 1 nothing is
    // lost; duplicates from redelivery are dropped on (producer, seq).
    void brokerRestartLosesNothing()
    {
        QTemporaryDir dir;
        OwnBroker broker(dir.path(), {QStringLiteral("persistence true")});
        QVERIFY2(broker.start(), qPrintable(broker.output()));
        const std::string source = dir.filePath("shift.takt").toStdString();
        QVERIFY(simulateSmallPlant(source, 1.0, 5));
        Rig rig(dir, "restart.takt", broker.port(), PayloadFormat::TaktJson, "test-rec-restart");
        QVERIFY(rig.connected());

        PublishOptions po;
        po.broker.url = "mqtt://127.0.0.1:" + std::to_string(broker.port());
        po.session = source;
        po.speed = 1200; // an hour in 3 s
        po.statusEvery = std::chrono::seconds(0);
        po.producer = "restart-publisher";
        std::atomic<bool> stop{false};
        PublishResult pub;
        std::ostringstream log;
        std::thread publisher([&] { pub = publishSession(po, stop, log); });
        QVERIFY(rig.received(200, 20'000));
        broker.stop(); // mid-stream
        QThread::msleep(800);
        QVERIFY2(broker.start(), qPrintable(broker.output()));
        publisher.join();
        QVERIFY2(rig.received(pub.messages, 60'000),
                 qPrintable(QString("received %1 of %2")
                                .arg(rig.recorder->stats().received)
                                .arg(pub.messages)));
        rig.recorder->flush();
        QThread::msleep(300);
        rig.recorder->stop();
        const auto s = rig.recorder->stats();
        QVERIFY(s.connection.connects >= 2);
        QCOMPARE(s.decoder.gaps, std::uint64_t(0));
        QCOMPARE(s.decoder.errorTotal(), std::uint64_t(0));

        std::vector<Event> published = SessionStore::open(source).events(1);
        for (auto& e : published)
            e.t += pub.offsetMs;
        const auto stored = rig.stored();
        QCOMPARE(stored.size(), published.size());
        QVERIFY(sortedEvents(stored) == sortedEvents(published));
    }

    // The headless verbs as a user runs them: `takt record` in one process, `takt publish` of a
    // simulated shift in another, then Ctrl+C (SIGINT) closes the recording cleanly.
    void recordAndPublishCommands()
    {
        QTemporaryDir dir;
        const QString shift = dir.filePath("shift.takt");
        const QString live = dir.filePath("live.takt");
        QVERIFY(simulateSmallPlant(shift.toStdString(), 1.0, 3));
        const QString broker = QString("mqtt://127.0.0.1:%1").arg(m_port);

        QProcess record;
        record.start(QStringLiteral(TAKT_EXECUTABLE),
                     {"record", "--broker", broker, "--plant", kPlantFile, "--out", live,
                      "--client-id", "test-cli-record"});
        QVERIFY(record.waitForStarted(10'000));
        QByteArray recordErr;
        QVERIFY(waitFor(
            [&] {
                record.waitForReadyRead(10);
                recordErr += record.readAllStandardError();
                return recordErr.contains("takt record: connected");
            },
            20'000));

        QProcess publish;
        publish.start(QStringLiteral(TAKT_EXECUTABLE),
                      {"publish", shift, "--broker", broker, "--speed", "max"});
        QVERIFY(publish.waitForFinished(60'000));
        QVERIFY2(publish.exitCode() == 0, publish.readAllStandardError().constData());
        const QByteArray out = publish.readAllStandardOutput();
        const auto words = out.split(' ');
        QVERIFY2(words.size() > 2, out.constData());
        const auto published = words[1].toULongLong();
        QVERIFY(published > 50);

        // All of it recorded, then SIGINT.
        QVERIFY(waitFor(
            [&] {
                if (!QFile::exists(live))
                    return false;
                try {
                    return liveMessages(live.toStdString(), 1).size() >= published;
                } catch (const std::exception&) {
                    return false;
                }
            },
            30'000));
        QVERIFY(record.processId() > 0); // kill(0) would signal the whole process group
        ::kill(static_cast<pid_t>(record.processId()), SIGINT);
        QVERIFY(record.waitForFinished(20'000));
        recordErr += record.readAllStandardError();
        QCOMPARE(record.exitStatus(), QProcess::NormalExit);
        QVERIFY2(record.exitCode() == 0, recordErr.constData());
        QVERIFY(record.readAllStandardOutput().contains(QByteArray::number(qulonglong(published)) +
                                                        " messages"));

        const auto store = SessionStore::open(live.toStdString());
        const auto rec = store.recordings().at(0);
        TAKT_COMPARE_ENUM(rec.kind, RecordingKind::Live);
        QVERIFY(rec.endMs.has_value()); // closed cleanly
        QVERIFY(rec.paramsJson.find("password") == std::string::npos);
        QCOMPARE(store.integrityCheck(), std::string("ok"));
        const auto source = SessionStore::open(shift.toStdString()).events(1);
        QCOMPARE(store.events(rec.id).size(), source.size());
    }

    // A broker that cannot be reached: a clear message and retries, not a hang.
    void unreachableBrokerRetries()
    {
        MqttOptions o;
        o.broker = parseBrokerUrl("mqtt://127.0.0.1:" + std::to_string(freePort()));
        o.clientId = "test-unreachable";
        o.backoffMin = std::chrono::milliseconds(50);
        MqttClient c(o, nullptr);
        c.start();
        QVERIFY(!c.waitConnected(std::chrono::milliseconds(600)));
        const auto s = c.status();
        TAKT_COMPARE_ENUM(s.state, ConnectionState::Connecting);
        QVERIFY(s.failedAttempts >= 2);
        QVERIFY2(QString::fromStdString(s.lastError).contains("Connection refused"),
                 s.lastError.c_str());
        QVERIFY(s.nextRetryMs > 0);
        c.stop();
        TAKT_COMPARE_ENUM(c.status().state, ConnectionState::Stopped);
    }

    // TLS: a certificate made here with openssl connects; a broker signed by another CA is
    // refused with a message that says so.
    void tlsConnectsAndWrongCaIsRefused()
    {
        QTemporaryDir dir;
        const QString d = dir.path();
        const auto openssl = [&](const QStringList& args) {
            QProcess p;
            p.setWorkingDirectory(d);
            p.setProcessChannelMode(QProcess::MergedChannels);
            p.start(QStringLiteral("openssl"), args);
            const bool ok = p.waitForFinished(30'000) && p.exitCode() == 0;
            if (!ok)
                qWarning("openssl %s: %s", qPrintable(args.join(' ')), p.readAll().constData());
            return ok;
        };
        const QStringList ec{"-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"};
        QVERIFY(openssl(QStringList{"req", "-x509"} + ec +
                        QStringList{"-keyout", "ca.key", "-out", "ca.crt", "-days", "2", "-subj",
                                    "/CN=Takt test CA"}));
        QVERIFY(openssl(QStringList{"req", "-x509"} + ec +
                        QStringList{"-keyout", "other.key", "-out", "other.crt", "-days", "2",
                                    "-subj", "/CN=Some other CA"}));
        QVERIFY(openssl(
            QStringList{"req"} + ec +
            QStringList{"-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=localhost"}));
        QFile san(d + "/san.cnf");
        QVERIFY(san.open(QIODevice::WriteOnly));
        san.write("subjectAltName=DNS:localhost,IP:127.0.0.1\n");
        san.close();
        QVERIFY(openssl({"x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key",
                         "-CAcreateserial", "-out", "server.crt", "-days", "2", "-extfile",
                         "san.cnf"}));

        OwnBroker broker(d, {"cafile " + d + "/ca.crt", "certfile " + d + "/server.crt",
                             "keyfile " + d + "/server.key"});
        QVERIFY2(broker.start(), qPrintable(broker.output()));
        const std::string url = "mqtts://localhost:" + std::to_string(broker.port());

        MqttOptions good;
        good.broker = parseBrokerUrl(url);
        good.clientId = "test-tls-good";
        good.caFile = (d + "/ca.crt").toStdString();
        MqttClient ok(good, nullptr);
        ok.start();
        QVERIFY2(ok.waitConnected(std::chrono::seconds(10)), ok.status().lastError.c_str());
        ok.stop();

        MqttOptions bad = good;
        bad.clientId = "test-tls-bad";
        bad.caFile = (d + "/other.crt").toStdString();
        MqttClient refused(bad, nullptr);
        refused.start();
        QVERIFY(!refused.waitConnected(std::chrono::seconds(2)));
        const std::string error = refused.status().lastError;
        QVERIFY2(error.find("TLS handshake with " + url + " failed") != std::string::npos,
                 error.c_str());
        QVERIFY2(error.find("certificate verify failed") != std::string::npos, error.c_str());
        QVERIFY2(error.find("other.crt") != std::string::npos, error.c_str());
    }

private:
    int m_port = 0;
};

QTEST_GUILESS_MAIN(TestLive)
#include "test_live.moc"
