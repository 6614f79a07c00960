// Unit tests of replay (twin/replay.h, twin/recording_data.h) and its clock
// (twin/replay_clock.h).
#include "test_plants.h"
#include "twin/replay.h"
#include "twin/replay_clock.h"
#include "twin/session_store.h"
#include "twin/simulator.h"

#include <QtTest>

using namespace takt::twin;
using testing::det;

namespace {

/// Two stations, a checkpoint at the second and a control point; hand-written events.
RecordingData handData()
{
    auto plant = testing::serialLine(
        {{"A", StationKind::Process, det(50)}, {"B", StationKind::Process, det(50)}});
    plant.checkpoints.push_back({"QC", "QC", "B", 0.1, {"GAP"}});
    ControlPoint cp;
    cp.id = "T";
    cp.station = "A";
    cp.lsl = 0;
    cp.usl = 10;
    plant.controlPoints.push_back(cp);
    RecordingData d(plant, 0, 1000);
    for (const auto& e :
         {Event::stateChange(0, 0, StationState::Starved),
          Event::stateChange(0, 1, StationState::Starved), Event::partEnter(10, 0, 1, 3),
          Event::stateChange(10, 0, StationState::Working), Event::measurement(20, 0, 5.0),
          Event::partLeave(60, 0, 1, 3), Event::partEnter(60, 1, 1, 3),
          Event::stateChange(60, 0, StationState::Starved),
          Event::stateChange(60, 1, StationState::Working),
          Event::stateChange(70, 1, StationState::Working), // repeated report
          Event::measurement(80, 0, 12.0), Event::stateChange(90, 1, StationState::Down, "jam"),
          Event::quality(120, 0, 1, 3, QualityResult::Fail, "GAP"), Event::partLeave(130, 1, 1, 3),
          Event::stateChange(130, 1, StationState::Starved)})
        d.append(e);
    return d;
}

} // namespace

class TestReplay : public QObject {
    Q_OBJECT
private slots:
    void stateAtHandData_data()
    {
        QTest::addColumn<qlonglong>("t");
        QTest::addColumn<QString>("stateB");
        QTest::addColumn<qlonglong>("sinceB");
        QTest::addColumn<int>("partA");       // 0: empty
        QTest::addColumn<int>("passesFails"); // fails*10 + passes at QC
        QTest::addColumn<double>("temp");     // -1: no sample yet
        QTest::newRow("before anything") << -5LL << "unknown" << 0LL << 0 << 0 << -1.0;
        QTest::newRow("A working") << 30LL << "starved" << 0LL << 1 << 0 << 5.0;
        QTest::newRow("exact change time") << 60LL << "working" << 60LL << 0 << 0 << 5.0;
        QTest::newRow("repeat keeps since") << 75LL << "working" << 60LL << 0 << 0 << 5.0;
        QTest::newRow("down") << 100LL << "down" << 90LL << 0 << 0 << 12.0;
        QTest::newRow("after fail") << 500LL << "starved" << 130LL << 0 << 10 << 12.0;
    }
    void stateAtHandData()
    {
        QFETCH(qlonglong, t);
        QFETCH(QString, stateB);
        QFETCH(qlonglong, sinceB);
        QFETCH(int, partA);
        QFETCH(int, passesFails);
        QFETCH(double, temp);
        const Replay replay(handData());
        const auto s = replay.stateAt(t);
        QCOMPARE(QString::fromUtf8(toString(s.stations[1].state).data()), stateB);
        if (sinceB > 0)
            QCOMPARE(s.stations[1].since, TimeMs(sinceB));
        QCOMPARE(s.stations[0].part.value_or(0), std::int64_t(partA));
        QCOMPARE(int(s.checkpoints[0].fails * 10 + s.checkpoints[0].passes), passesFails);
        QCOMPARE(s.controlPoints[0].value.value_or(-1.0), temp);
    }

    void stateAtDetails()
    {
        const Replay replay(handData());
        const auto down = replay.stateAt(100);
        QCOMPARE(down.stations[1].reason, std::string("jam"));
        QCOMPARE(down.stations[1].config, std::optional<std::int64_t>(3));
        QCOMPARE(down.stations[0].partsOut, std::int64_t(1));
        QVERIFY(down.controlPoints[0].outOfSpec); // 12 > usl 10
        const auto end = replay.stateAt(500);
        QCOMPARE(end.checkpoints[0].defectCode, std::string("GAP"));
        TAKT_COMPARE_ENUM(*end.checkpoints[0].last, QualityResult::Fail);
        QCOMPARE(end.stations[1].wip, std::int64_t(0));
        QCOMPARE(end.stations[1].partsIn, std::int64_t(1));
    }

    void outOfOrderAppendEqualsSorted()
    {
        // A live feed may deliver late events; the columns stay sorted.
        RecordingData d = handData();
        d.append(Event::stateChange(65, 1, StationState::Blocked));
        d.append(Event::measurement(50, 0, 7.0));
        const Replay replay(std::move(d));
        TAKT_COMPARE_ENUM(replay.stateAt(66).stations[1].state, StationState::Blocked);
        TAKT_COMPARE_ENUM(replay.stateAt(71).stations[1].state, StationState::Working);
        QCOMPARE(replay.stateAt(71).stations[1].since, TimeMs(70));
        QCOMPARE(*replay.stateAt(55).controlPoints[0].value, 7.0);
    }

    void unknownChannelsAreCountedNotFatal()
    {
        RecordingData d = handData();
        d.append(Event::stateChange(5, 9, StationState::Working));
        d.append(Event::measurement(5, -1, 1.0));
        QCOMPARE(d.droppedEvents(), std::uint64_t(2));
    }

    void liveGrowthMovesTheHead()
    {
        Replay replay(handData());
        QCOMPARE(replay.endMs(), TimeMs(1000));
        replay.append(Event::stateChange(1500, 0, StationState::Working));
        QCOMPARE(replay.endMs(), TimeMs(1500));
        TAKT_COMPARE_ENUM(replay.stateAt(1500).stations[0].state, StationState::Working);
    }

    void loadedFromSessionMatchesStream()
    {
        // Replay of a stored simulation agrees with a state machine run over the raw events.
        QTemporaryDir dir;
        const auto file = dir.filePath("r.takt").toStdString();
        const auto plant = testing::smallPlant();
        simulate(plant, 1, 3, file);
        const auto store = SessionStore::open(file);
        const auto rec = store.recordings().at(0).id;
        const Replay replay(RecordingData::load(store, rec));
        const auto events = store.events(rec);
        const TimeMs probe = replay.startMs() + 1234567;
        std::vector<StationState> expected(plant.stations.size(), StationState::Unknown);
        std::int64_t measurements = 0;
        double lastCp1 = 0;
        for (const auto& e : events) {
            if (e.t > probe)
                break;
            if (e.kind == EventKind::StateChange)
                expected[std::size_t(e.channel)] = e.state();
            if (e.kind == EventKind::Measurement && e.channel == 1) {
                ++measurements;
                lastCp1 = e.value;
            }
        }
        const auto s = replay.stateAt(probe);
        for (std::size_t i = 0; i < expected.size(); ++i)
            TAKT_COMPARE_ENUM(s.stations[i].state, expected[i]);
        QVERIFY(measurements > 0);
        QCOMPARE(*s.controlPoints[1].value, lastCp1);
        QCOMPARE(replay.data().eventCount(), std::uint64_t(events.size()));
    }

    void clockPlaysAtSpeedAndStopsAtEnd()
    {
        ReplayClock c(1000, 11000, 60);
        QCOMPARE(c.tick(0), TimeMs(1000));
        c.play(0);
        QCOMPARE(c.tick(100), TimeMs(1100));
        c.setSpeed(10, 100);
        QCOMPARE(c.tick(200), TimeMs(2100));
        QCOMPARE(c.tick(5000), TimeMs(11000)); // stops at the end
        QVERIFY(!c.playing());
        c.play(6000); // play at the end starts over
        QCOMPARE(c.tick(6000), TimeMs(1000));
    }

    void clockSpeedIsClamped_data()
    {
        QTest::addColumn<double>("asked");
        QTest::addColumn<double>("applied");
        QTest::newRow("too slow") << 0.01 << 0.1;
        QTest::newRow("too fast") << 1e6 << 3600.0;
        QTest::newRow("negative") << -2.0 << 0.1;
        QTest::newRow("nan") << std::nan("") << 1.0;
        QTest::newRow("fine") << 60.0 << 60.0;
    }
    void clockSpeedIsClamped()
    {
        QFETCH(double, asked);
        QFETCH(double, applied);
        ReplayClock c(0, 1000, 60);
        QCOMPARE(c.setSpeed(asked, 0), applied);
        QCOMPARE(c.speed(), applied);
    }

    void clockLoopsPausesSeeksAndSteps()
    {
        ReplayClock c(0, 1000, 60000);
        c.setLoop(true);
        c.play(0);
        QCOMPARE(c.tick(1250), TimeMs(250)); // wrapped
        c.pause(1300);
        QCOMPARE(c.tick(9999), TimeMs(300)); // paused: no movement
        c.seek(5000, 10000);
        QCOMPARE(c.position(), TimeMs(1000)); // clamped
        ReplayClock shift(0, 8 * 3600000, 60000);
        shift.seek(120000, 0);
        shift.stepForward(0);
        QCOMPARE(shift.position(), TimeMs(180000));
        shift.stepBack(0);
        shift.stepBack(0);
        shift.stepBack(0);
        QCOMPARE(shift.position(), TimeMs(0));
        QVERIFY(!shift.playing());
    }

    void clockFollowsTheLiveHead()
    {
        ReplayClock c(0, 1000, 60);
        c.setFollowHead(true, 0);
        c.play(0);
        c.setRange(0, 5000, 10);
        QCOMPARE(c.tick(20), TimeMs(5000));
        c.seek(2000, 30); // scrubbing back leaves the head
        QVERIFY(!c.followingHead());
        c.setRange(0, 9000, 40);
        QCOMPARE(c.tick(40), TimeMs(2010));
    }
};

QTEST_APPLESS_MAIN(TestReplay)
#include "test_replay.moc"
