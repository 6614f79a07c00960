// Prediction (issue 13): the statistics it rests on, calibration of a short or a lognormal run,
// what-if significance and the refusal of bad --set changes.
#include "test_plants.h"
#include "twin/calibration.h"
#include "twin/error.h"
#include "twin/manifest.h"
#include "twin/predict_commands.h"
#include "twin/recording_data.h"
#include "twin/simulator.h"
#include "twin/statistics.h"
#include "twin/whatif.h"

#include <nlohmann/json.hpp>

#include <QtTest>

#include <sstream>

using namespace takt::twin;
using namespace takt::twin::testing;

namespace {

struct MemorySink : EventSink {
    RecordingData& data;
    explicit MemorySink(RecordingData& d) : data(d) {}
    void onEvent(const Event& e) override { data.append(e); }
};

RecordingData simulateInMemory(const Plant& plant, double hours, std::uint64_t seed,
                               double warmup = 0.0)
{
    SimulationOptions o;
    o.hours = hours;
    o.seed = seed;
    o.warmupHours = warmup;
    o.measurements = false;
    const TimeMs end = o.startMs + TimeMs(hours * 3.6e6);
    RecordingData data(plant, o.startMs, end);
    MemorySink sink(data);
    Simulator(plant, o).run(sink);
    data.setEndMs(end);
    return data;
}

bool inside(double v, const stats::Interval& i)
{
    return v >= i.low && v <= i.high;
}

} // namespace

class TestPredict : public QObject {
    Q_OBJECT
private slots:
    void quantiles_data()
    {
        QTest::addColumn<double>("actual");
        QTest::addColumn<double>("expected");
        // Reference values from statistical tables (R: qnorm, qt, qchisq).
        QTest::newRow("z 0.975") << stats::normalQuantile(0.975) << 1.959964;
        QTest::newRow("z 0.01") << stats::normalQuantile(0.01) << -2.326348;
        QTest::newRow("t 0.975 df 9") << stats::studentQuantile(0.975, 9) << 2.262157;
        QTest::newRow("t 0.975 df 1") << stats::studentQuantile(0.975, 1) << 12.706205;
        QTest::newRow("chi2 0.975 df 10") << stats::chiSquareQuantile(0.975, 10) << 20.483177;
        QTest::newRow("chi2 0.025 df 2") << stats::chiSquareQuantile(0.025, 2) << 0.050636;
        QTest::newRow("t cdf 2.0 df 5") << stats::studentCdf(2.0, 5) << 0.949030;
    }
    void quantiles()
    {
        QFETCH(double, actual);
        QFETCH(double, expected);
        QVERIFY2(std::abs(actual - expected) < 1e-5 * std::max(1.0, std::abs(expected)),
                 qPrintable(QString("%1 vs %2").arg(actual, 0, 'g', 10).arg(expected)));
    }

    void pairedTestSeesAConstantShift()
    {
        const std::vector<double> a{10, 11, 9, 10.5, 9.5}, b{11, 12.1, 9.9, 11.5, 10.6};
        const auto t = stats::pairedT(a, b);
        QVERIFY(t.meanDiff > 0.9 && t.meanDiff < 1.1);
        QVERIFY(t.pValue < 0.001);
        QVERIFY(inside(t.meanDiff, t.ci));
    }

    /// A lognormal station is told apart from a normal one by AIC, and its mean and sd are
    /// recovered within the stated intervals.
    void lognormalIsRecognised()
    {
        auto plant =
            serialLine({{"A", StationKind::Process, {Distribution::Kind::Lognormal, 40, 12}},
                        {"B", StationKind::Process, normal(30, 2)}});
        const auto data = simulateInMemory(plant, 40, 7);
        const auto r = calibrate(data, data.startMs(), data.endMs());
        const auto& a = r.stations[0];
        QVERIFY(a.fitted);
        TAKT_COMPARE_ENUM(a.fitted->kind, Distribution::Kind::Lognormal);
        QVERIFY2(inside(40, *a.mean.ci), qPrintable(QString::number(*a.mean.value)));
        QVERIFY2(inside(12, *a.sd.ci), qPrintable(QString::number(*a.sd.value)));
        const auto& b = r.stations[1];
        TAKT_COMPARE_ENUM(b.fitted->kind, Distribution::Kind::Normal);
        // No failures in the model: MTBF is missing with its reason, not a made-up number.
        QVERIFY(!b.mtbf.value);
        QVERIFY(b.mtbf.missing.find("0 failure") != std::string::npos);
        QVERIFY(!b.setupMean.value);
        QVERIFY(!b.setupMean.missing.empty());
    }

    /// Too short a recording: every estimate it cannot support is missing, with a reason.
    void shortRecordingGivesMissingEstimates()
    {
        auto plant = serialLine({{"A", StationKind::Process, normal(50, 2), 1, 36000, 600},
                                 {"B", StationKind::Process, normal(55, 2), 1, 36000, 600}});
        plant.checkpoints.push_back({"Q", "Q", "B", 0.05, {"X"}});
        const auto data = simulateInMemory(plant, 0.25, 3); // 15 minutes: ~16 parts
        const auto r = calibrate(data, data.startMs(), data.endMs());
        for (const auto& s : r.stations) {
            QVERIFY(s.samples < kMinFitSamples);
            QVERIFY(!s.fitted);
            QVERIFY(!s.mean.value);
            QVERIFY(s.fitMissing.find("at least 30") != std::string::npos);
            QVERIFY(!s.mtbf.value);
            QVERIFY(!s.mtbf.missing.empty());
        }
        QVERIFY(!r.checkpoints[0].defectRate.value);
        QVERIFY(r.checkpoints[0].defectRate.missing.find("inspections") != std::string::npos);
        // The calibrated plant keeps the original's values where nothing was estimated.
        const Plant p = calibratedPlant(plant, r);
        QCOMPARE(p.stations[0].cycleTime.meanS, 50.0);
        QCOMPARE(*p.stations[0].mtbfS, 36000.0);
        QCOMPARE(p.checkpoints[0].defectRate, 0.05);
    }

    void badChangesAreRefused_data()
    {
        QTest::addColumn<QString>("set");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("unknown station") << "NOPE.cycle=-10%"
                                         << "no station NOPE";
        QTest::newRow("unknown field") << "S2.speed=3"
                                       << "unknown field \"speed\"";
        QTest::newRow("zero cycle") << "S2.cycle=0"
                                    << "allowed above 0";
        QTest::newRow("cycle -100%") << "S2.cycle=-100%"
                                     << "allowed above 0";
        QTest::newRow("negative capacity") << "BUF.capacity=-2"
                                           << "allowed from 1";
        QTest::newRow("capacity of a process") << "S2.capacity=4"
                                               << "applies to buffers";
        QTest::newRow("rate above 1") << "S2.defect=1.5"
                                      << "allowed from 0 to 1";
        QTest::newRow("not a number") << "S2.cycle=fast"
                                      << "not a number";
        QTest::newRow("no field") << "S2=3"
                                  << "expected STATION.FIELD=VALUE";
        QTest::newRow("mtbf alone") << "S1.mtbf=3600"
                                    << "give both mtbf and mttr";
        QTest::newRow("parallel 9") << "S2.parallel=9"
                                    << "to 8";
    }
    void badChangesAreRefused()
    {
        QFETCH(QString, set);
        QFETCH(QString, mentions);
        auto plant = serialLine({{"S1", StationKind::Process, normal(40, 1)},
                                 {"BUF", StationKind::Buffer, det(1), 4},
                                 {"S2", StationKind::Process, normal(50, 1)}});
        plant.checkpoints.push_back({"Q", "Q", "S2", 0.02, {"X"}});
        try {
            applyScenario(plant, {parseScenarioChange(set.toStdString())});
            QFAIL("accepted");
        } catch (const ArgumentError& e) {
            QVERIFY2(QString(e.what()).contains(mentions), e.what());
            QVERIFY2(QString(e.what()).contains(set), e.what());
        }
    }

    /// Cutting the bottleneck's cycle gains throughput, significantly; the paired runs share
    /// their seeds, and a change at a station with slack gains nothing significant.
    void whatIfOnTheBottleneck()
    {
        const auto plant = serialLine({{"S1", StationKind::Process, normal(40, 4)},
                                       {"BUF", StationKind::Buffer, det(1), 3},
                                       {"S2", StationKind::Process, normal(55, 4)}});
        ReplicationOptions o;
        o.hours = 4;
        const auto r = runWhatIf(plant, {parseScenarioChange("S2.cycle=-10%")}, 6, 1, o);
        QCOMPARE(r.kpis.front().key, std::string("throughput_per_hour"));
        const auto& tp = r.kpis.front();
        QVERIFY(tp.significant);
        QVERIFY(tp.diff.meanDiff > 5.0); // 65.5 -> ~72 units/h
        QCOMPARE(r.baselineBottleneck.front().station, std::string("S2"));
        const auto slack = runWhatIf(plant, {parseScenarioChange("S1.cycle=-10%")}, 6, 1, o);
        QVERIFY(std::abs(slack.kpis.front().diff.meanDiff) < 0.5);

        const auto s = runSensitivity(plant, 0.1, 4, 1, o);
        QCOMPARE(s.rows.front().station, std::string("S2"));
        QCOMPARE(s.activeBottleneckRank, 1);
        QVERIFY(s.verdict.find("heads the list") != std::string::npos);
    }

    /// A parallel station doubles the capacity of a step.
    void parallelStation()
    {
        const auto plant = serialLine({{"S1", StationKind::Process, det(30)},
                                       {"S2", StationKind::Process, det(90)},
                                       {"S3", StationKind::Process, det(30)}});
        const auto p = applyScenario(plant, {parseScenarioChange("S2.parallel=2")});
        QCOMPARE(p.stations.size(), std::size_t(4));
        QCOMPARE(p.stations.back().id, std::string("S2#2"));
        ReplicationOptions o;
        o.hours = 2;
        const auto r = runWhatIf(plant, {parseScenarioChange("S2.parallel=2")}, 2, 1, o);
        QVERIFY(r.kpis.front().baseline.mean < 41.0); // 3600 / 90
        QVERIFY(r.kpis.front().scenario.mean > 75.0); // two at 90 s: 80 units/h
    }

    /// The command refuses a bad --set before running anything, naming it.
    void commandRefusesBadSet()
    {
        WhatIfOptions o;
        o.sessionPath = TAKT_BINARY_DIR "/assets/sample-shift.takt";
        o.sets = {"GA-TR090.capacity=-1"};
        std::ostringstream out, err;
        QCOMPARE(int(runWhatIfCommand(o, out, err)), int(CommandStatus::BadArguments));
        QVERIFY2(err.str().find("GA-TR090.capacity=-1") != std::string::npos, err.str().c_str());
        QVERIFY(err.str().find("allowed from 1 to 1000000") != std::string::npos);
    }

    /// `calibrate` on the sample shift writes a manifest that loads and a JSON report whose
    /// missing values carry reasons.
    void calibrateCommandOnSample()
    {
        QTemporaryDir dir;
        CalibrateOptions o;
        o.sessionPath = TAKT_BINARY_DIR "/assets/sample-shift.takt";
        o.outPath = dir.filePath("calibrated.json").toStdString();
        o.json = true;
        o.replications = 2;
        o.quiet = true;
        std::ostringstream out, err;
        QCOMPARE(int(runCalibrateCommand(o, out, err)), int(CommandStatus::Ok));
        const auto j = nlohmann::json::parse(out.str());
        QCOMPARE(j["format"].get<std::string>(), std::string("takt-calibration"));
        QCOMPARE(j["stations"].size(), std::size_t(50));
        int missing = 0;
        for (const auto& s : j["stations"]) {
            if (!s.contains("failures"))
                continue;
            const auto& m = s["failures"]["mtbf_s"];
            QVERIFY(m["value"].is_null() != m["missing"].is_null());
            missing += m["value"].is_null();
        }
        QVERIFY(missing > 0); // an 8-hour shift holds too few failures for some stations
        QVERIFY(j["validation"]["throughput_per_hour"]["simulated_mean"].get<double>() > 40);
        const auto plant =
            takt::twin::loadPlantManifest(o.outPath, TAKT_SOURCE_DIR "/assets/sample/layout.glb");
        QCOMPARE(plant.stations.size(), std::size_t(50));
        QCOMPARE(plant.stations[0].nodes.empty(), false);
    }
};

QTEST_GUILESS_MAIN(TestPredict)
#include "test_predict.moc"
