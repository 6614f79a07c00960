// Benchmark: simulated hours per wall-clock second for the reference-like plant (50 stations,
// 26 checkpoints, 369 control points sampled every 60 s), into a sink that only counts (the
// simulator alone) beside the full `takt simulate` path (simulate() into a session file).
#include "bench_support.h"
#include "test_plants.h"
#include "twin/simulator.h"

#include <QtTest>

using namespace takt::twin;

namespace {
struct CountingSink : EventSink {
    std::uint64_t n = 0;
    void onEvent(const Event&) override { ++n; }
};
} // namespace

class BenchSimulate : public QObject {
    Q_OBJECT
private slots:
    void hoursPerSecond()
    {
        const auto plant = testing::referenceLikePlant(60.0);
        const double hours = 8.0 * 5; // a working week
        SimulationOptions o;
        o.hours = hours;
        o.seed = 3;
        CountingSink sink;
        auto t0 = std::chrono::steady_clock::now();
        const auto summary = Simulator(plant, o).run(sink);
        const double alone = hours / bench::secondsSince(t0);

        QTemporaryDir dir;
        t0 = std::chrono::steady_clock::now();
        const auto stored = simulate(plant, hours, 3, dir.filePath("week.takt").toStdString());
        const double toFile = hours / bench::secondsSince(t0);
        std::printf(
            "BENCH simulate: %.0f simulated hours, %llu events, %lld units: simulator alone "
            "%.0f simulated h/s; simulate() into a session file %.0f simulated h/s\n",
            hours, (unsigned long long)sink.n, (long long)summary.partsFinished, alone, toFile);
        QCOMPARE(stored.events, sink.n); // same seed, same stream
        QVERIFY(alone > 0 && toFile > 0);
    }
};

QTEST_APPLESS_MAIN(BenchSimulate)
#include "bench_simulate.moc"
