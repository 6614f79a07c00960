// Shift stories (issue 15, item 2): the story order kept in the session file and the moments
// made from events — the longest stoppages and the worst checkpoint hour — on a line built in
// code whose stoppages and failures are known.
#include "test_plants.h"
#include "twin/kpi.h"
#include "twin/recording_data.h"
#include "twin/story_events.h"
#include "twin/story_order.h"
#include "twin/vehicle_losses.h"

#include <QtTest>

using namespace takt::twin;
using namespace takt::twin::testing;

namespace {

constexpr TimeMs kMinute = 60'000;
using Ref = StoryNoteRef;
constexpr auto kB = StoryNoteRef::Kind::Bookmark;
constexpr auto kA = StoryNoteRef::Kind::Annotation;

/// S1 → S2 → Q1 (checkpoint QC1), three hours. Stoppages: S1 down 10 min at 00:05, S2 in setup
/// 20 min at 00:30, S1 down 3 min at 01:40, S2 down 1 min at 02:30. One unit a minute reaches
/// QC1: 2 fail first time in the first hour, 12 in the second, 5 in the third.
RecordingData knownLine()
{
    Plant plant = serialLine({{"S1", StationKind::Process, det(50)},
                              {"S2", StationKind::Process, det(50)},
                              {"Q1", StationKind::QualityGate, det(40)}});
    plant.checkpoints.push_back({"QC1", "Gate", "Q1", 0.05, {"SCRATCH"}});
    RecordingData data(plant, 0, 180 * kMinute);
    std::vector<Event> events;
    for (int s = 0; s < 3; ++s)
        events.push_back(Event::stateChange(0, s, StationState::Working));
    const auto stop = [&](int station, StationState s, TimeMs at, TimeMs minutes) {
        events.push_back(Event::stateChange(at * kMinute, station, s, "test"));
        events.push_back(
            Event::stateChange((at + minutes) * kMinute, station, StationState::Working));
    };
    stop(0, StationState::Down, 5, 10);
    stop(1, StationState::Setup, 30, 20);
    stop(0, StationState::Down, 100, 3);
    stop(1, StationState::Down, 150, 1);
    const int fails[3] = {2, 12, 5};
    for (int m = 0; m < 180; ++m) {
        const bool fail = m % 60 < fails[m / 60];
        events.push_back(Event::quality(m * kMinute + 30'000, 0, m + 1, 0,
                                        fail ? QualityResult::Fail : QualityResult::Pass,
                                        fail ? "SCRATCH" : ""));
    }
    std::stable_sort(events.begin(), events.end(),
                     [](const Event& a, const Event& b) { return a.t < b.t; });
    for (const auto& e : events)
        data.append(e);
    return data;
}

} // namespace

class TestStoryEvents : public QObject {
    Q_OBJECT
private slots:
    void longestStoppagesAndWorstHour()
    {
        const RecordingData data = knownLine();
        const auto losses =
            computeVehicleLosses(data, computeKpis(data, data.startMs(), data.endMs()));
        const auto moments = findEventMoments(data, losses, 3);
        QCOMPARE(moments.size(), std::size_t(4));
        // Longest first: the setup of S2 (20 min), S1's 10 minutes, S1's 3 minutes; not S2's one.
        const TimeMs at[3] = {30 * kMinute, 5 * kMinute, 100 * kMinute};
        const int station[3] = {1, 0, 0};
        const char* start[3] = {"S2 setup 20.0 min at 00:30 — ", "S1 down 10.0 min at 00:05 — ",
                                "S1 down 3.0 min at 01:40 — "};
        for (int i = 0; i < 3; ++i) {
            const auto& m = moments[std::size_t(i)];
            TAKT_COMPARE_ENUM(m.kind, EventMoment::Kind::Stoppage);
            QCOMPARE(m.t, at[i]);
            QCOMPARE(m.station, station[i]);
            QVERIFY2(m.caption.starts_with(start[i]), m.caption.c_str());
            QVERIFY2(m.caption.find(" vehicle") != std::string::npos, m.caption.c_str());
        }
        // The second hour: 12 of 60 failed first time at QC1, at the gate's station.
        const auto& hour = moments.back();
        TAKT_COMPARE_ENUM(hour.kind, EventMoment::Kind::CheckpointHour);
        QCOMPARE(hour.t, 90 * kMinute);
        QCOMPARE(hour.station, 2);
        QCOMPARE(QString::fromStdString(hour.caption),
                 QStringLiteral("QC1 worst hour 01:00–02:00: 12 of 60 vehicles failed first time "
                                "(FPY 80.0 %)"));
    }

    void noCheckpointHourWithoutFailures()
    {
        Plant plant = serialLine({{"S1", StationKind::Process, det(50)}});
        plant.checkpoints.push_back({"QC1", "Gate", "S1", 0.0, {}});
        RecordingData data(plant, 0, 120 * kMinute);
        data.append(Event::stateChange(0, 0, StationState::Working));
        for (int m = 0; m < 120; ++m)
            data.append(Event::quality(m * kMinute + 1, 0, m + 1, 0, QualityResult::Pass));
        const auto losses =
            computeVehicleLosses(data, computeKpis(data, data.startMs(), data.endMs()));
        QVERIFY(findEventMoments(data, losses, 3).empty());
    }

    void storyOrderRoundTrip()
    {
        const std::vector<Ref> order{{kA, 3}, {kB, 12}, {kB, 1}};
        QCOMPARE(parseStoryOrder(storyOrderJson(order)), order);
        QVERIFY(parseStoryOrder(std::nullopt).empty());
        QVERIFY(parseStoryOrder(std::string("not json")).empty());
        QVERIFY(parseStoryOrder(std::string(R"({"moments":"x"})")).empty());
        QCOMPARE(storyOrderSettingKey(7), std::string("story_order:7"));
    }

    void storyOrderPlacesNewNotesByTime_data()
    {
        QTest::addColumn<QList<int>>("saved"); // indices of the items, in the saved order
        QTest::addColumn<QList<int>>("expected");
        // Items: 0 at t=10, 1 at t=20, 2 at t=30, 3 at t=40.
        QTest::newRow("never reordered: time order") << QList<int>{} << QList<int>{0, 1, 2, 3};
        QTest::newRow("reordered, all saved") << QList<int>{3, 1, 0, 2} << QList<int>{3, 1, 0, 2};
        // 2 (t=30) is new: it goes before the first saved item later than it (3, t=40).
        QTest::newRow("a new note among its neighbours")
            << QList<int>{1, 3, 0} << QList<int>{1, 2, 3, 0};
        // 3 (t=40) is new and nothing saved comes later: at the end.
        QTest::newRow("a new latest note at the end")
            << QList<int>{2, 0, 1} << QList<int>{2, 0, 1, 3};
    }

    void storyOrderPlacesNewNotesByTime()
    {
        QFETCH(QList<int>, saved);
        QFETCH(QList<int>, expected);
        const std::vector<Ref> refs{{kB, 5}, {kA, 5}, {kB, 9}, {kA, 2}};
        const std::vector<TimeMs> times{10, 20, 30, 40};
        std::vector<Ref> savedRefs;
        for (const int i : saved)
            savedRefs.push_back(refs[std::size_t(i)]);
        savedRefs.push_back({kB, 99}); // a note since removed: ignored
        QList<int> got;
        for (const auto i : applyStoryOrder(refs, times, savedRefs))
            got << int(i);
        QCOMPARE(got, expected);
    }
};

QTEST_APPLESS_MAIN(TestStoryEvents)
#include "test_story_events.moc"
