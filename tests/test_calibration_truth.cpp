// Ground truth for calibration (issue 13): a long simulated run of the sample plant, whose
// parameters are known (assets/sample/plant.json), must give back those parameters within the
// 95 % intervals calibration states.
//
// Tolerances, written down:
// - at least 90 % of all stated intervals (cycle mean and sd, MTBF, MTTR, defect rates) contain
//   the known value (95 % intervals: about 5 % may miss by chance);
// - no known value lies further from its estimate than twice the interval's half-width (a
//   miss beyond ~3.9 sigma would mean a biased estimator, not chance);
// - the fitted family is normal at at least 80 % of the sample's (all normal) stations;
//   lognormal is the only other family allowed (both fit a 2-3 % coefficient of variation
//   almost equally);
// - every conveyor transport time that is estimated is its known time to the millisecond
//   (at least 3 of the sample's 6; a conveyor that always waits shows none).
// The run: 150 h after a 2 h warm-up, seed 4242 (enough for >= 3 failures at every station).
#include "twin/calibration.h"
#include "twin/manifest.h"
#include "twin/recording_data.h"
#include "twin/simulator.h"

#include <QtTest>

#include <cmath>

using namespace takt::twin;

namespace {
struct MemorySink : EventSink {
    RecordingData& data;
    explicit MemorySink(RecordingData& d) : data(d) {}
    void onEvent(const Event& e) override { data.append(e); }
};
} // namespace

class TestCalibrationTruth : public QObject {
    Q_OBJECT
private slots:
    void recoversTheSampleParameters()
    {
        const Plant plant = loadPlantManifest(TAKT_SOURCE_DIR "/assets/sample/plant.json");
        SimulationOptions o;
        o.hours = 150;
        o.warmupHours = 2;
        o.seed = 4242;
        o.measurements = false;
        const TimeMs end = o.startMs + TimeMs(o.hours * 3.6e6);
        RecordingData data(plant, o.startMs, end);
        MemorySink sink(data);
        Simulator(plant, o).run(sink);
        data.setEndMs(end);
        const auto r = calibrate(data, data.startMs(), data.endMs());

        int intervals = 0, covered = 0, normalFits = 0, servers = 0, conveyors = 0;
        QStringList misses;
        const auto check = [&](const QString& what, double known, const Estimate& e) {
            QVERIFY2(e.value && e.ci,
                     qPrintable(what + ": no estimate: " + QString::fromStdString(e.missing)));
            ++intervals;
            const double half = std::max(*e.value - e.ci->low, e.ci->high - *e.value);
            if (known >= e.ci->low && known <= e.ci->high) {
                ++covered;
                return;
            }
            misses << QString("%1 known %2 est %3 [%4, %5]")
                          .arg(what)
                          .arg(known)
                          .arg(*e.value)
                          .arg(e.ci->low)
                          .arg(e.ci->high);
            QVERIFY2(std::abs(known - *e.value) <= 2.0 * half, qPrintable(misses.back()));
        };
        for (const auto& s : r.stations) {
            const auto& st = plant.stations[std::size_t(s.station)];
            const QString id = QString::fromStdString(s.id);
            if (s.kind == StationKind::Conveyor) {
                // A conveyor always waiting for its successor shows no transport: missing.
                if (!s.transportS.value) {
                    QVERIFY(!s.transportS.missing.empty());
                    continue;
                }
                ++conveyors;
                QVERIFY2(std::abs(*s.transportS.value - st.cycleTime.meanS) < 0.0015,
                         qPrintable(id));
                continue;
            }
            if (s.kind == StationKind::Buffer)
                continue;
            ++servers;
            QVERIFY2(s.fitted, qPrintable(id + ": " + QString::fromStdString(s.fitMissing)));
            QVERIFY(s.fitted->kind == Distribution::Kind::Normal ||
                    s.fitted->kind == Distribution::Kind::Lognormal);
            normalFits += s.fitted->kind == Distribution::Kind::Normal;
            check(id + " mean", st.cycleTime.meanS, s.mean);
            check(id + " sd", st.cycleTime.sdS, s.sd);
            if (st.mtbfS) {
                check(id + " mtbf", *st.mtbfS, s.mtbf);
                check(id + " mttr", *st.mttrS, s.mttr);
            }
        }
        for (const auto& c : r.checkpoints)
            check(QString::fromStdString(c.id) + " defect rate",
                  plant.checkpoints[std::size_t(c.checkpoint)].defectRate, c.defectRate);
        qInfo("%d of %d intervals contain the known value; normal fitted at %d of %d stations",
              covered, intervals, normalFits, servers);
        for (const auto& m : misses)
            qInfo("outside its interval: %s", qPrintable(m));
        QVERIFY(intervals > 150);
        QVERIFY2(covered >= 0.90 * intervals,
                 qPrintable(QString("%1 of %2 covered").arg(covered).arg(intervals)));
        QVERIFY(normalFits >= 0.8 * servers);
        QVERIFY(conveyors >= 3); // of the sample's six
    }
};

QTEST_GUILESS_MAIN(TestCalibrationTruth)
#include "test_calibration_truth.moc"
