// The live decoders alone, without a broker (issue 10): Takt JSON duplicates, gaps and late
// fills; every kind of rejected message; Sparkplug seq wrapping at 255, garbage, wrong types and
// the PartsOut counter.
#include "test_plants.h"

#include "twin/live/live_commands.h"
#include "twin/live/sparkplug.h"
#include "twin/live/takt_json.h"
#include "twin/manifest.h"
#include "twin/session_schema.h"
#include "twin/session_store.h"
#include "twin/sqlite_db.h"

#include <QtTest>

#include <limits>

using namespace takt::twin;
using namespace takt::twin::live;

namespace {

const TimeMs kNow = 1'767'592'800'000; // 2026-01-05T06:00:00Z

RawMessage msg(std::string topic, std::string payload, TimeMs rx = kNow)
{
    RawMessage m;
    m.receivedMs = rx;
    m.topic = std::move(topic);
    m.qos = 1;
    m.payload = std::move(payload);
    return m;
}

std::string state(int seq, const char* s = "working", const char* producer = "p")
{
    return std::string(R"({"producer":")") + producer + R"(","seq":)" + std::to_string(seq) +
           R"(,"ts":)" + std::to_string(kNow) + R"(,"state":")" + s + "\"}";
}

} // namespace

class TestLiveDecoders : public QObject {
    Q_OBJECT
private slots:
    void init() { m_plant = loadPlantManifest(TAKT_SOURCE_DIR "/tests/data/small_plant.json"); }

    void jsonDuplicatesGapsAndLateFills()
    {
        TaktJsonDecoder d(m_plant);
        const std::string topic = "takt/v1/small/station/ST20/state";
        QCOMPARE(d.decode(msg(topic, state(1))).events.size(), std::size_t(1));
        QVERIFY(d.decode(msg(topic, state(1))).duplicate); // QoS 1 redelivery
        QCOMPARE(d.decode(msg(topic, state(4, "down"))).events.size(), std::size_t(1));
        QCOMPARE(d.counters().gaps, std::uint64_t(2)); // 2 and 3 missing
        const auto late = d.decode(msg(topic, state(3, "blocked")));
        QCOMPARE(late.events.size(), std::size_t(1)); // fills its gap, not a duplicate
        QCOMPARE(d.counters().gaps, std::uint64_t(1));
        QCOMPARE(d.counters().lateFills, std::uint64_t(1));
        QVERIFY(d.decode(msg(topic, state(3, "blocked"))).duplicate);
        // Another producer has its own numbering.
        QCOMPARE(d.decode(msg(topic, state(1, "idle", "q"))).events.size(), std::size_t(1));
        QCOMPARE(d.counters().duplicates, std::uint64_t(2));
        QCOMPARE(d.counters().events, std::uint64_t(4));
        TAKT_COMPARE_ENUM(late.events[0].state(), StationState::Blocked);
        QCOMPARE(late.events[0].channel, m_plant.stationIndex("ST20"));
    }

    void jsonEveryFamily()
    {
        TaktJsonDecoder d(m_plant);
        const std::vector<Event> events{
            Event::stateChange(kNow, 0, StationState::Down, "E-STOP"),
            Event::partEnter(kNow + 1, 2, 88123, 4),
            Event::partLeave(kNow + 2, 2, 88123, 4),
            Event::quality(kNow + 3, 0, 88120, 5, QualityResult::Rework, "SCRATCH"),
            Event::measurement(kNow + 4, 0, 10.123456789012345),
            Event::alarm(kNow + 5, 1, 3, "Robot R2 collision"),
            Event::alarm(kNow + 6, -1, 1, "Shift start"),
        };
        std::uint64_t seq = 0;
        for (const auto& e : events) {
            const auto m = encodeTaktJson(m_plant, e, "gw", ++seq);
            QVERIFY(m);
            const auto r = d.decode(msg(m->topic, m->payload));
            QVERIFY2(!r.error, r.detail.c_str());
            QCOMPARE(r.events.size(), std::size_t(1));
            QCOMPARE(r.events[0], e);
        }
    }

    void jsonRejects_data()
    {
        QTest::addColumn<QString>("topic");
        QTest::addColumn<QString>("payload");
        QTest::addColumn<int>("kind");
        const QString st = "takt/v1/small/station/ST10/state";
        const QString env = R"("producer":"p","seq":1,"ts":1767592800000)";
        QTest::newRow("not json") << st << "{oops" << int(DecodeError::Malformed);
        QTest::newRow("array") << st << "[1,2]" << int(DecodeError::Malformed);
        QTest::newRow("no producer")
            << st << R"({"seq":1,"ts":1,"state":"down"})" << int(DecodeError::Malformed);
        QTest::newRow("seq as text") << st << R"({"producer":"p","seq":"1","ts":1767592800000})"
                                     << int(DecodeError::WrongType);
        QTest::newRow("state number")
            << st << "{" + env + R"(,"state":3})" << int(DecodeError::WrongType);
        QTest::newRow("bad state")
            << st << "{" + env + R"(,"state":"sleeping"})" << int(DecodeError::WrongType);
        QTest::newRow("bad result")
            << "takt/v1/small/checkpoint/Q1/result"
            << "{" + env + R"(,"result":"ok","part":1})" << int(DecodeError::WrongType);
        QTest::newRow("value text")
            << "takt/v1/small/control/CP1/value"
            << "{" + env + R"(,"value":"10"})" << int(DecodeError::WrongType);
        QTest::newRow("unknown station")
            << "takt/v1/small/station/ST99/state"
            << "{" + env + R"(,"state":"down"})" << int(DecodeError::UnknownStation);
        QTest::newRow("unknown control point")
            << "takt/v1/small/control/CP9/value"
            << "{" + env + R"(,"value":1})" << int(DecodeError::UnknownStation);
        QTest::newRow("other plant")
            << "takt/v1/big/station/ST10/state"
            << "{" + env + R"(,"state":"down"})" << int(DecodeError::UnknownTopic);
        QTest::newRow("future")
            << st << R"({"producer":"p","seq":1,"ts":"2026-01-07T06:00:00Z","state":"down"})"
            << int(DecodeError::TimeInFuture);
        QTest::newRow("past")
            << st << R"({"producer":"p","seq":1,"ts":"2025-12-01T06:00:00Z","state":"down"})"
            << int(DecodeError::TimeInPast);
        QTest::newRow("oversized")
            << st << QString(256 * 1024 + 1, ' ') << int(DecodeError::Oversized);
    }
    void jsonRejects()
    {
        QFETCH(QString, topic);
        QFETCH(QString, payload);
        QFETCH(int, kind);
        TaktJsonDecoder d(m_plant);
        const auto r = d.decode(msg(topic.toStdString(), payload.toStdString()));
        QVERIFY(r.error);
        QCOMPARE(int(*r.error), kind);
        QVERIFY(r.events.empty());
        QCOMPARE(d.counters().errors[std::size_t(kind)], std::uint64_t(1));
        QCOMPARE(d.counters().errorTotal(), std::uint64_t(1));
    }

    // Issue 14, found by fuzz_live_json and fuzz_live_sparkplug: the first rejected message of a
    // kind computed receivedMs - INT64_MIN for the log's rate limit (signed overflow, undefined;
    // the asan preset's UBSan halts on it). Each decoder, at receive times across the range.
    void firstRejectOfAKindIsDefined_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<qint64>("receivedMs");
        for (const char* f : {"json", "sparkplug"}) {
            QTest::newRow(qPrintable(QString(f) + " at 0")) << QString(f) << qint64(0);
            QTest::newRow(qPrintable(QString(f) + " now")) << QString(f) << qint64(1767225600000);
            QTest::newRow(qPrintable(QString(f) + " far"))
                << QString(f) << qint64(std::numeric_limits<qint64>::max() / 2);
        }
    }
    void firstRejectOfAKindIsDefined()
    {
        QFETCH(QString, format);
        QFETCH(qint64, receivedMs);
        auto d = makeDecoder(*payloadFormatFromString(format.toStdString()), m_plant);
        RawMessage m;
        m.receivedMs = receivedMs;
        m.topic = format == "json" ? "takt/v1/small/station/ST10/state" : "spBv1.0/small/NDATA/e";
        m.payload = "\xff not a payload";
        for (int i = 0; i < 3; ++i) {
            const auto r = d->decode(m);
            QVERIFY(r.error);
            QVERIFY(r.events.empty());
            m.receivedMs += 61'000; // each one past the log's once-a-minute limit
        }
        QCOMPARE(d->counters().errorTotal(), std::uint64_t(3));
        QCOMPARE(d->counters().messages, std::uint64_t(3));
    }

    // seq runs 0..255 and wraps: 300 messages in order are no gap; garbage is counted.
    void sparkplugSeqWraps()
    {
        SparkplugDecoder d(m_plant);
        SparkplugEdge edge(m_plant, "edge", 1);
        const int st = m_plant.stationIndex("ST10");
        d.decode(msg(edge.nbirth(kNow).topic, edge.nbirth(kNow).payload));
        const auto birth = edge.dbirth(st, kNow);
        d.decode(msg(birth.topic, birth.payload));
        for (int i = 0; i < 300; ++i) {
            const auto m = edge.ddata(Event::measurement(kNow + i, 0, i));
            QVERIFY(m);
            const auto r = d.decode(msg(m->topic, m->payload));
            QCOMPARE(r.events.size(), std::size_t(1));
        }
        QCOMPARE(d.counters().gaps, std::uint64_t(0));
        QVERIFY(d.counters().staleStations.empty());
        const auto bad = d.decode(msg("spBv1.0/small/DDATA/edge/ST10", "\xff\xff\xff"));
        QVERIFY(bad.error);
        TAKT_COMPARE_ENUM(*bad.error, DecodeError::Malformed);
        // An Int32 State outside 0-5 is a wrong type; PartsOut counts parts.
        const auto wrong = edge.ddataStateInt(st, kNow + 400, 9);
        TAKT_COMPARE_ENUM(*d.decode(msg(wrong.topic, wrong.payload)).error, DecodeError::WrongType);
        const auto p1 = edge.ddata(Event::partLeave(kNow + 500, st, 77, 3));
        const auto p2 = edge.ddata(Event::partLeave(kNow + 501, st, 78, 3));
        QCOMPARE(d.decode(msg(p1->topic, p1->payload)).events.at(0),
                 Event::partLeave(kNow + 500, st, 1, 0));
        QCOMPARE(d.decode(msg(p2->topic, p2->payload)).events.at(0),
                 Event::partLeave(kNow + 501, st, 2, 0));
    }

    // A schema 1 session (no live_messages) opened read-write gains the table, keeps its events.
    void schema1MigratesToLiveMessages()
    {
        QTemporaryDir dir;
        const std::string file = dir.filePath("v1.takt").toStdString();
        {
            auto store = SessionStore::create(file, m_plant);
            const auto rec = store.beginRecording(RecordingKind::Simulated, "old", kNow);
            const std::vector<Event> events{Event::measurement(kNow, 0, 1.5)};
            store.writeEvents(rec, events);
        }
        {
            detail::SqliteDb db(file, detail::SqliteDb::Mode::ReadWrite);
            // What schema 1 did not have: live_messages (2) and measurement_minutes (4).
            db.exec("DROP TABLE live_messages; DROP TABLE measurement_minutes; "
                    "PRAGMA user_version = 1");
        }
        QCOMPARE(SessionStore::open(file).schemaVersion(), 1); // read-only: left as it is
        QVERIFY(liveMessages(file, 1).empty());
        const auto store = SessionStore::open(file, SessionStore::Access::ReadWrite);
        QCOMPARE(store.schemaVersion(), kSessionSchemaVersion);
        QCOMPARE(store.events(1).size(), std::size_t(1));
        detail::SqliteDb db(file, detail::SqliteDb::Mode::ReadOnly);
        QCOMPARE(db.queryInt("SELECT count(*) FROM sqlite_master WHERE name = 'live_messages'"),
                 std::int64_t(1));
    }

private:
    Plant m_plant;
};

QTEST_GUILESS_MAIN(TestLiveDecoders)
#include "test_live_decoders.moc"
