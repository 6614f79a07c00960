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
        bench::reportFigure({"simulate() into a session file", toFile, "simulated h/s",
                             "the simulator alone, no file", alone, "", 0, false}, // no target
                            "bench_simulate");
        QCOMPARE(stored.events, sink.n); // same seed, same stream
        QVERIFY(alone > 0 && toFile > 0);
    }

    // Issue 14: the simulator was quadratic in station count (10 k stations 1.8 s, 40 k 21 s;
    // on this shared machine 10 k took 135 s for half an hour). The cost per event may grow
    // with log n, not with n: 8x the stations must cost well under 8x the time per event.
    void stationScaling()
    {
        const auto secondsPerEvent = [](int n, std::uint64_t& events) {
            const Plant plant = testing::parallelLines(n);
            SimulationOptions o;
            o.hours = 0.5;
            CountingSink sink;
            const auto t0 = std::chrono::steady_clock::now();
            Simulator(plant, o).run(sink);
            events = sink.n;
            return bench::secondsSince(t0) / double(sink.n);
        };
        std::uint64_t small = 0, large = 0;
        const double a = secondsPerEvent(2'500, small);
        const double b = secondsPerEvent(20'000, large);
        std::printf("BENCH simulate scaling: 2,500 stations %.2f us/event (%llu events), 20,000 "
                    "stations %.2f us/event (%llu events): ratio %.2f (target < 3, quadratic "
                    "would be 8)\n",
                    a * 1e6, (unsigned long long)small, b * 1e6, (unsigned long long)large, b / a);
        bench::reportFigure({"cost per event at 20,000 stations", b * 1e6, "us/event",
                             "the same at 2,500 stations", a * 1e6, "<", 3.0, true},
                            "bench_simulate");
        QVERIFY2(b / a < 3.0, "the simulator's cost per event grows with the station count");
    }
};

QTEST_APPLESS_MAIN(BenchSimulate)
#include "bench_simulate.moc"
