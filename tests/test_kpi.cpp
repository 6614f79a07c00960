// Unit tests of KPI and bottleneck edge cases (twin/kpi.h, twin/bottleneck.h); the full
// hand-computed shift is the golden scenario in tests/scenarios/.
#include "test_plants.h"
#include "twin/bottleneck.h"
#include "twin/kpi.h"

#include <QtTest>

using namespace takt::twin;
using testing::det;

namespace {

constexpr TimeMs kS = 1000; // one second in ms

RecordingData twoStations(std::initializer_list<Event> events)
{
    auto plant = testing::serialLine(
        {{"A", StationKind::Process, det(50)}, {"B", StationKind::Process, det(50)}});
    RecordingData d(plant, 0, 1000 * kS);
    for (const auto& e : events)
        d.append(e);
    return d;
}

} // namespace

class TestKpi : public QObject {
    Q_OBJECT
private slots:
    void emptyWindowIsAWarning()
    {
        const auto r = computeKpis(twoStations({}), 500, 500);
        QCOMPARE(r.warnings.size(), std::size_t(1));
        QCOMPARE(r.units, std::int64_t(0));
    }

    void noStatesMeansNoBottleneck()
    {
        const auto r = computeKpis(twoStations({Event::partLeave(10 * kS, 1, 1, 0)}), 0, 100 * kS);
        QCOMPARE(r.bottleneck.averageBottleneck, -1);
        QCOMPARE(r.bottleneck.at(50 * kS).station, -1);
        QCOMPARE(r.units, std::int64_t(1));
        QVERIFY(std::any_of(r.warnings.begin(), r.warnings.end(), [](const std::string& w) {
            return w.find("availability") != std::string::npos;
        }));
    }

    void unknownBeforeFirstReportIsNotPlanned()
    {
        // A reports from 300 s: unknown 0-300, working 300-800, down 800-1000.
        const auto d = twoStations({Event::stateChange(300 * kS, 0, StationState::Working),
                                    Event::stateChange(800 * kS, 0, StationState::Down)});
        const auto r = computeKpis(d, 0, 1000 * kS);
        const auto& a = r.stations[0];
        QCOMPARE(a.stateShare[std::size_t(StationState::Unknown)], 0.3);
        QCOMPARE(a.utilisation, 0.5);
        QCOMPARE(a.oee.availability, 500.0 / 700.0); // planned excludes unknown time
        QVERIFY(!r.stations[1].hasStates);
    }

    void activePeriodsAreClippedAndMerged()
    {
        // A: working 0-400, down 400-600 (one period 0-600), starved 600-1000.
        const auto d = twoStations({Event::stateChange(0, 0, StationState::Working),
                                    Event::stateChange(400 * kS, 0, StationState::Down),
                                    Event::stateChange(600 * kS, 0, StationState::Starved)});
        const auto full = analyseBottlenecks(d, 0, 1000 * kS);
        QCOMPARE(full.station(0)->activePeriods, std::int64_t(1));
        QCOMPARE(full.station(0)->meanActiveS, 600.0);
        const auto part = analyseBottlenecks(d, 200 * kS, 500 * kS);
        QCOMPARE(part.station(0)->meanActiveS, 300.0); // clipped to the window
        QCOMPARE(part.station(0)->soleShare, 1.0);
    }

    void tiesGoToTheFirstStation()
    {
        const auto d = twoStations({Event::stateChange(0, 0, StationState::Working),
                                    Event::stateChange(0, 1, StationState::Working)});
        const auto b = analyseBottlenecks(d, 0, 100 * kS);
        QCOMPARE(b.averageBottleneck, 0);
        QCOMPARE(b.at(10 * kS).station, 0);
        QVERIFY(!b.at(10 * kS).shifting);
    }

    void repeatedStatesDoNotSplitIntervals()
    {
        const auto d = twoStations({Event::stateChange(0, 0, StationState::Working),
                                    Event::stateChange(100 * kS, 0, StationState::Working),
                                    Event::stateChange(200 * kS, 0, StationState::Blocked)});
        int intervals = 0;
        d.forEachStateInterval(0, 0, 300 * kS, [&](StationState, TimeMs, TimeMs) { ++intervals; });
        QCOMPARE(intervals, 2);
    }

    void interdeparturePercentilesAreNearestRank()
    {
        // 21 departures: gaps 1..20 s; median = ceil(0.5*20) = 10th smallest = 10 s,
        // p95 = ceil(0.95*20) = 19th smallest = 19 s.
        std::vector<Event> ev;
        TimeMs t = 0;
        for (int i = 0; i <= 20; ++i) {
            t += i * kS;
            ev.push_back(Event::partLeave(t, 1, i + 1, 0));
        }
        auto d = twoStations({});
        for (const auto& e : ev)
            d.append(e);
        const auto r = computeKpis(d, 0, 1000 * kS);
        QCOMPARE(r.lineInterdeparture.samples, std::int64_t(20));
        QCOMPARE(r.lineInterdeparture.meanS, 10.5);
        QCOMPARE(r.lineInterdeparture.medianS, 10.0);
        QCOMPARE(r.lineInterdeparture.p95S, 19.0);
        QVERIFY(std::isnan(computeKpis(d, 0, 1).lineInterdeparture.meanS));
    }

    void processingTimeIsWorkingTimeBetweenEntryAndDeparture()
    {
        // A: part 1 enters at 0, works 0-30, down 30-50, works 50-60, blocked 60-100, leaves at
        // 100 -> 40 s of processing; part 2 enters at 100, works 100-145, leaves 145 -> 45 s.
        const auto d = twoStations(
            {Event::partEnter(0, 0, 1, 0), Event::stateChange(0, 0, StationState::Working),
             Event::stateChange(30 * kS, 0, StationState::Down),
             Event::stateChange(50 * kS, 0, StationState::Working),
             Event::stateChange(60 * kS, 0, StationState::Blocked),
             Event::partLeave(100 * kS, 0, 1, 0), Event::partEnter(100 * kS, 0, 2, 0),
             Event::stateChange(100 * kS, 0, StationState::Working),
             Event::partLeave(145 * kS, 0, 2, 0),
             Event::stateChange(145 * kS, 0, StationState::Starved)});
        const auto r = computeKpis(d, 0, 200 * kS);
        const auto& p = r.stations[0].processing;
        QCOMPARE(p.samples, std::int64_t(2));
        QCOMPARE(p.meanS, 42.5);
        QCOMPARE(p.p95S, 45.0);
        // The interdeparture time is the gap between the two departures, losses included.
        QCOMPARE(r.stations[0].interdeparture.meanS, 45.0);
        // A window that starts after part 2 entered still counts its whole processing time.
        QCOMPARE(computeKpis(d, 120 * kS, 200 * kS).stations[0].processing.meanS, 45.0);
    }

    void oeeNeverExceedsOneWhenFasterThanTakt()
    {
        // B (the line end) leaves a part every 10 s against a nominal 50 s for 100 s: the
        // parts come from before the window; performance is capped at 1.
        auto d = twoStations({Event::stateChange(0, 0, StationState::Working),
                              Event::stateChange(0, 1, StationState::Working)});
        for (int i = 0; i < 10; ++i)
            d.append(Event::partLeave(TimeMs(i) * 10 * kS, 1, i + 1, 0));
        const auto r = computeKpis(d, 0, 100 * kS);
        QCOMPARE(r.oee.performance, 1.0);
        QVERIFY(r.oee.oee <= 1.0);
        QVERIFY(r.throughputPerHour > r.targetPerHour); // throughput against takt stays apart
    }

    void throughputAgainstTakt()
    {
        std::vector<Event> ev;
        for (int i = 0; i < 30; ++i)
            ev.push_back(Event::partLeave(TimeMs(i) * 120 * kS, 1, i + 1, 0));
        auto d = twoStations({});
        for (const auto& e : ev)
            d.append(e);
        const auto r = computeKpis(d, 0, 3600 * kS);
        QCOMPARE(r.throughputPerHour, 30.0);
        QCOMPARE(r.targetPerHour, 60.0);
    }
};

QTEST_APPLESS_MAIN(TestKpi)
#include "test_kpi.moc"
