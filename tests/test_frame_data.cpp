// The one typed frame source (issue 11): render::buildOverlayFrame(), the translation from the
// twin's line state to what the 3D view draws, and the chart-data builders of
// render/chart_data.h that the charts dock and the shift report share, on small hand-made
// event sets whose answers can be counted by hand.
#include "render/chart_data.h"
#include "render/overlay_frame.h"
#include "test_plants.h"
#include "twin/kpi.h"
#include "twin/recording_data.h"
#include "twin/replay.h"

#include <QtTest>

#include <cmath>

using namespace takt;
using twin::StationState;
using twin::testing::det;

namespace {

constexpr qint64 kMin = 60'000; // ms; qint64 for the data rows

/// A, a buffer BUF (capacity 4) and B, the line end; a checkpoint QC at B; a control point T
/// at A (9..11 Nm); configurations trim {base, top} × drive {rwd, awd}.
twin::Plant plant()
{
    auto p = twin::testing::serialLine({{"A", twin::StationKind::Process, det(50)},
                                        {"BUF", twin::StationKind::Buffer, det(1), 4},
                                        {"B", twin::StationKind::Process, det(50)}});
    p.checkpoints.push_back({"QC", "Gate", "B", 0.1, {"GAP", "SCRATCH"}});
    twin::ControlPoint cp;
    cp.id = "T";
    cp.name = "Torque";
    cp.station = "A";
    cp.unit = "Nm";
    cp.target = 10;
    cp.lsl = 9;
    cp.usl = 11;
    p.controlPoints.push_back(cp);
    p.configurationDimensions.push_back({"trim", {"base", "top"}});
    p.configurationDimensions.push_back({"drive", {"rwd", "awd"}});
    return p;
}

/// Thirty minutes of the line, written by hand.
twin::RecordingData handData()
{
    twin::RecordingData d(plant(), 0, 30 * kMin);
    using twin::Event;
    using twin::QualityResult;
    for (const auto& e : {
             Event::stateChange(0, 0, StationState::Working),
             Event::stateChange(0, 2, StationState::Starved),
             Event::partLeave(1 * kMin, 2, 1, 0),
             Event::partLeave(2 * kMin, 2, 2, 1),
             Event::partLeave(3 * kMin, 2, 3, 1),
             Event::stateChange(5 * kMin, 2, StationState::Working),
             Event::stateChange(10 * kMin, 0, StationState::Down, "jam"),
             Event::quality(11 * kMin, 0, 4, 0, QualityResult::Fail, "GAP"),
             Event::quality(12 * kMin, 0, 5, 1, QualityResult::Rework, "GAP"),
             Event::quality(13 * kMin, 0, 6, 1, QualityResult::Fail, "SCRATCH"),
             Event::quality(14 * kMin, 0, 7, 3, QualityResult::Pass),
             Event::partLeave(16 * kMin, 2, 4, 0),
             Event::stateChange(20 * kMin, 0, StationState::Working),
             Event::stateChange(25 * kMin, 2, StationState::Blocked),
             Event::partLeave(29 * kMin, 2, 5, 1),
             Event::partLeave(29 * kMin + 30'000, 2, 6, 1),
         })
        d.append(e);
    // Torque every minute from 1 to 10 min; out of 9..11 at 4 and 7 min.
    for (int m = 1; m <= 10; ++m)
        d.append(Event::measurement(m * kMin, 0, m == 4 ? 12.0 : m == 7 ? 8.5 : 10.0));
    return d;
}

QString dump(const render::StateLane& lane)
{
    QStringList parts;
    for (const auto& s : lane.segments)
        parts << QStringLiteral("%1-%2 %3")
                     .arg(s.startMs / kMin)
                     .arg(s.endMs / kMin)
                     .arg(QString::fromLatin1(twin::toString(s.state).data()));
    return lane.name + QStringLiteral(": ") + parts.join(QStringLiteral(", "));
}

} // namespace

class TestFrameData : public QObject {
    Q_OBJECT
private slots:
    // --- the overlay frame ---

    void frameCarriesTheTwinsState()
    {
        const auto p = plant();
        twin::LineState s;
        s.stations.resize(3);
        s.stations[0].state = StationState::Down;
        s.stations[1].state = StationState::Working;
        s.stations[1].wip = 3;
        s.stations[2].state = StationState::Blocked;
        s.stations[2].wip = 1;
        s.checkpoints.resize(1);
        s.checkpoints[0].passes = 9;
        s.checkpoints[0].fails = 1;
        const auto f = render::buildOverlayFrame(p, s, 2);
        QCOMPARE(f.stations.size(), std::size_t(3));
        QVERIFY(f.stations[0].state == StationState::Down);
        QVERIFY(f.stations[2].state == StationState::Blocked);
        // WIP only on buffers and conveyors, against their capacity.
        QCOMPARE(f.stations[1].wip, 3);
        QCOMPARE(f.stations[1].capacity, 4);
        QCOMPARE(f.stations[2].wip, -1);
        QCOMPARE(f.bottleneck, 2);
        QVERIFY(f.stations[2].bottleneck && !f.stations[0].bottleneck && !f.stations[1].bottleneck);
        QCOMPARE(f.checkpoints.size(), std::size_t(1));
        QCOMPARE(f.checkpoints[0].station, 2);
        QCOMPARE(f.checkpoints[0].id, QStringLiteral("QC"));
        QCOMPARE(f.checkpoints[0].fpy, 0.9);
    }

    void frameWithoutDataIsUnknown()
    {
        // A plant without a recording (an empty line state), and a bottleneck index that
        // names no station.
        const auto f = render::buildOverlayFrame(plant(), twin::LineState{}, 7);
        QCOMPARE(f.stations.size(), std::size_t(3));
        for (const auto& s : f.stations) {
            QVERIFY(s.state == StationState::Unknown);
            QVERIFY(!s.bottleneck);
            QCOMPARE(s.wip, -1);
        }
        QCOMPARE(f.bottleneck, -1);
        QVERIFY(std::isnan(f.checkpoints.at(0).fpy));
    }

    void frameFollowsTheReplay()
    {
        // The replay's line state goes through unchanged: the frame at 12 min has A down.
        const twin::Replay replay(handData());
        const auto f = render::buildOverlayFrame(plant(), replay.stateAt(12 * kMin), -1);
        QVERIFY(f.stations[0].state == StationState::Down);
        QVERIFY(f.stations[2].state == StationState::Working);
        QCOMPARE(f.checkpoints[0].fpy, 0.0); // a fail and a rework, no pass yet
    }

    // --- chart data ---

    void stateTimelineLanes_data()
    {
        QTest::addColumn<qint64>("from");
        QTest::addColumn<qint64>("to");
        QTest::addColumn<QStringList>("lanes");
        QTest::newRow("whole") << 0LL << 30 * kMin
                               << QStringList{"A: 0-10 working, 10-20 down, 20-30 working",
                                              "B: 0-5 starved, 5-25 working, 25-30 blocked"};
        QTest::newRow("from 15 min")
            << 15 * kMin << 30 * kMin
            << QStringList{"A: 0-5 down, 5-15 working", "B: 0-10 working, 10-15 blocked"};
    }
    void stateTimelineLanes()
    {
        QFETCH(qint64, from);
        QFETCH(qint64, to);
        QFETCH(QStringList, lanes);
        const auto data = handData();
        const auto d = render::stateTimelineData(data, from, to);
        QCOMPARE(d.spanMs, to - from);
        // The buffer reports no states: no lane.
        QStringList got;
        for (const auto& lane : d.lanes)
            got << dump(lane);
        QCOMPARE(got, lanes);
    }

    void throughputBins_data()
    {
        QTest::addColumn<qint64>("from");
        QTest::addColumn<qint64>("to");
        QTest::addColumn<qint64>("bin");
        QTest::addColumn<QList<double>>("rates"); // units per hour, bin by bin
        QTest::addColumn<qint64>("lastBinMs");
        // Departures at 1, 2, 3, 16, 29 and 29.5 min.
        QTest::newRow("10 min") << 0LL << 30 * kMin << 10 * kMin << QList<double>{18, 6, 12}
                                << 10 * kMin;
        QTest::newRow("15 min") << 0LL << 30 * kMin << 15 * kMin << QList<double>{12, 12}
                                << 15 * kMin;
        QTest::newRow("short last bin")
            << 5 * kMin << 30 * kMin << 10 * kMin << QList<double>{0, 6, 24} << 5 * kMin;
        QTest::newRow("default bin") << 0LL << 30 * kMin << qint64(render::kThroughputBinMs)
                                     << QList<double>{12} << 30 * kMin;
        QTest::newRow("empty window")
            << 10 * kMin << 10 * kMin << 10 * kMin << QList<double>{} << 0LL;
    }
    void throughputBins()
    {
        QFETCH(qint64, from);
        QFETCH(qint64, to);
        QFETCH(qint64, bin);
        QFETCH(QList<double>, rates);
        QFETCH(qint64, lastBinMs);
        const auto data = handData();
        const auto d = render::throughputData(data, from, to, bin);
        QCOMPARE(d.taktSeconds, 60.0);
        QCOMPARE(d.intervals.size(), std::size_t(rates.size()));
        for (std::size_t i = 0; i < d.intervals.size(); ++i) {
            const auto& b = d.intervals[i];
            QCOMPARE(b.startMs, qint64(i) * bin);
            QCOMPARE(b.unitsPerHour, rates[qsizetype(i)]);
        }
        if (!d.intervals.empty())
            QCOMPARE(d.intervals.back().endMs - d.intervals.back().startMs, lastBinMs);
    }

    void throughputDefaultBinIsHalfAnHour()
    {
        QCOMPARE(render::kThroughputBinMs, 30 * kMin);
        const auto data = handData();
        QCOMPARE(render::throughputData(data, 0, 30 * kMin).intervals.size(), std::size_t(1));
    }

    void paretoByCodeAndConfiguration()
    {
        const auto data = handData();
        const auto k = twin::computeKpis(data, 0, 30 * kMin);
        const auto byCode = render::paretoData(k.defectsByCode, render::ParetoBy::Code);
        QCOMPARE(byCode.categoryLabel, QStringLiteral("Defect code"));
        QCOMPARE(byCode.categories.size(), std::size_t(2));
        QCOMPARE(byCode.categories[0].label, QStringLiteral("GAP"));
        QCOMPARE(byCode.categories[0].count, 2.0); // a fail and a rework
        QCOMPARE(byCode.categories[1].label, QStringLiteral("SCRATCH"));
        QCOMPARE(byCode.categories[1].count, 1.0);

        const auto byConfig =
            render::paretoData(k.defectsByConfig, render::ParetoBy::Configuration);
        QCOMPARE(byConfig.categoryLabel, QStringLiteral("Configuration"));
        QCOMPARE(byConfig.categories.size(), std::size_t(2));
        const auto p = plant();
        QCOMPARE(byConfig.categories[0].label, QString::fromStdString(p.configurationName(1)));
        QCOMPARE(byConfig.categories[0].count, 2.0);
        QCOMPARE(byConfig.categories[1].label, QString::fromStdString(p.configurationName(0)));
        QCOMPARE(byConfig.categories[1].count, 1.0);
        // Only what lies in the window is counted.
        const auto early = twin::computeKpis(data, 0, 12 * kMin);
        QCOMPARE(render::paretoData(early.defectsByCode, render::ParetoBy::Code).categories.size(),
                 std::size_t(1));
    }

    void spcSeriesWithLimitsAndViolations()
    {
        const auto data = handData();
        const auto d = render::spcData(data, 0, 0, 30 * kMin);
        QCOMPARE(d.name, QStringLiteral("Torque"));
        QCOMPARE(d.unit, QStringLiteral("Nm"));
        QVERIFY(d.target && d.lowerSpec && d.upperSpec);
        QCOMPARE(*d.target, 10.0);
        QCOMPARE(*d.lowerSpec, 9.0);
        QCOMPARE(*d.upperSpec, 11.0);
        QCOMPARE(d.spanMs, 30 * kMin);
        QCOMPARE(d.samples.size(), std::size_t(10));
        QCOMPARE(d.samples.front().timeMs, 1 * kMin);
        QCOMPARE(render::spcViolationCount(data, 0, 0, 30 * kMin), std::size_t(2));
        // The chart marks the same samples.
        const render::SpcChart chart(d);
        QVERIFY(chart.violations() == (std::vector<std::size_t>{3, 6}));

        // A window: [3 min, 6 min) holds 3, 4 and 5 min, times from the window's start.
        const auto w = render::spcData(data, 0, 3 * kMin, 6 * kMin);
        QCOMPARE(w.samples.size(), std::size_t(3));
        QCOMPARE(w.samples.front().timeMs, 0LL);
        QCOMPARE(w.samples[1].value, 12.0);
        QCOMPARE(render::spcViolationCount(data, 0, 3 * kMin, 6 * kMin), std::size_t(1));

        // Thinned to about 2 samples: every 5th, and never a violation dropped.
        const auto thin = render::spcData(data, 0, 0, 30 * kMin, 2);
        QList<qint64> minutes;
        for (const auto& s : thin.samples)
            minutes << s.timeMs / kMin;
        QCOMPARE(minutes, (QList<qint64>{1, 4, 6, 7}));

        // No such control point: nothing.
        QVERIFY(render::spcData(data, 5, 0, 30 * kMin).samples.empty());
        QCOMPARE(render::spcViolationCount(data, -1, 0, 30 * kMin), std::size_t(0));
    }
};

QTEST_GUILESS_MAIN(TestFrameData)
#include "test_frame_data.moc"
