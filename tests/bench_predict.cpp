// Benchmark (issue 13): 10 replications of the sample's 8-hour shift on all cores beside one
// replication alone (the parallel speed-up), and calibrating the sample's recorded shift.
// Targets on the 2-core reference machine: 10 replications <= 5 s, calibration <= 2 s.
#include "bench_support.h"
#include "twin/calibration.h"
#include "twin/manifest.h"
#include "twin/recording_data.h"
#include "twin/replications.h"
#include "twin/session_store.h"

#include <QtTest>

#include <thread>

using namespace takt::twin;

class BenchPredict : public QObject {
    Q_OBJECT
private slots:
    void replications()
    {
        const Plant plant = loadPlantManifest(TAKT_SOURCE_DIR "/assets/sample/plant.json");
        ReplicationOptions o;
        o.hours = 8;
        o.warmupHours = 2;
        auto t0 = std::chrono::steady_clock::now();
        runReplications({{&plant, 1}}, o);
        const double one = bench::secondsSince(t0);
        std::vector<ReplicationJob> jobs;
        for (std::uint64_t s = 1; s <= 10; ++s)
            jobs.push_back({&plant, s});
        t0 = std::chrono::steady_clock::now();
        const auto runs = runReplications(jobs, o);
        const double ten = bench::secondsSince(t0);
        std::printf("replications of the sample's 8-h shift (+2 h warm-up), %u threads: one %.2f "
                    "s, ten %.2f s (%.2f s each, speed-up %.2fx over ten in a row)\n",
                    std::max(1u, std::thread::hardware_concurrency()), one, ten, ten / 10,
                    10 * one / ten);
        bench::Figure f;
        f.name = "10 replications of the 8-h shift";
        f.value = ten;
        f.unit = "s";
        f.reference = "1 replication";
        f.referenceValue = one;
        f.targetOp = "<=";
        f.target = 5.0;
        bench::reportFigure(f, "bench_predict");
        QCOMPARE(runs.size(), std::size_t(10));
        for (const auto& r : runs)
            QVERIFY(r.done && r.throughputPerHour > 40);
        QVERIFY2(ten <= 5.0, qPrintable(QString("ten replications took %1 s").arg(ten)));
    }

    void calibrateSampleShift()
    {
        auto t0 = std::chrono::steady_clock::now();
        const auto store = SessionStore::open(TAKT_BINARY_DIR "/assets/sample-shift.takt");
        const auto data = RecordingData::load(store, store.recordings().back().id);
        const double loadS = bench::secondsSince(t0);
        t0 = std::chrono::steady_clock::now();
        const auto r = calibrate(data, data.startMs(), data.endMs());
        const double calS = bench::secondsSince(t0);
        std::printf("calibrating the sample shift: load %.2f s, calibrate %.3f s, total %.2f s\n",
                    loadS, calS, loadS + calS);
        bench::Figure f;
        f.name = "calibrate the sample shift (load + estimate)";
        f.value = loadS + calS;
        f.unit = "s";
        f.targetOp = "<=";
        f.target = 2.0;
        bench::reportFigure(f, "bench_predict");
        QCOMPARE(r.stations.size(), std::size_t(50));
        QVERIFY2(loadS + calS <= 2.0, qPrintable(QString("%1 s").arg(loadS + calS)));
    }
};

QTEST_GUILESS_MAIN(BenchPredict)
#include "bench_predict.moc"
