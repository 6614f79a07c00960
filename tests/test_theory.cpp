// Scenario tests: the simulator against closed-form results for simple lines. Each long-run
// throughput must lie within 1 % of the formula.
#include "test_plants.h"
#include "twin/simulator.h"

#include <QtTest>

#include <cmath>

using namespace takt::twin;
using testing::det;
using testing::expo;

namespace {

/// Counts parts leaving the last station after a warm-up.
struct ThroughputSink : EventSink {
    int lastStation = 0;
    TimeMs from = 0;
    std::int64_t leaves = 0;
    void onEvent(const Event& e) override
    {
        if (e.kind == EventKind::PartLeave && e.channel == lastStation && e.t >= from)
            ++leaves;
    }
};

/// Simulated throughput (parts per second) of the last station, after a warm-up of 2 hours.
double simulatedThroughput(const Plant& plant, double hours, std::uint64_t seed)
{
    SimulationOptions o;
    o.hours = hours;
    o.seed = seed;
    o.measurements = false;
    ThroughputSink sink;
    sink.lastStation = int(plant.stations.size()) - 1;
    const double warmupS = 2 * 3600;
    sink.from = o.startMs + TimeMs(warmupS * 1000);
    Simulator(plant, o).run(sink);
    return double(sink.leaves) / (hours * 3600 - warmupS);
}

} // namespace

class TestTheory : public QObject {
    Q_OBJECT
private slots:
    // Two machines with exponential processing times (rates mu1, mu2; M1 never starved, M2 never
    // blocked) and an intermediate buffer of capacity B, blocking after service.
    // Buzacott & Shanthikumar, "Stochastic Models of Manufacturing Systems" (Prentice Hall,
    // 1993), ch. 5, two-stage flow line with exponential stations: the number n of jobs in
    // {buffer, M2, job finished and blocked on M1} is a birth-death process on 0..K, K = B + 2,
    // with birth rate mu1 (n < K) and death rate mu2 (n > 0). Hence p_n = p_0 rho^n,
    // rho = mu1/mu2, p_0 = (1 - rho) / (1 - rho^(K+1))  (p_0 = 1/(K+1) for rho = 1), and
    //     TH = mu2 (1 - p_0).
    void twoMachinesExponentialBuffer_data()
    {
        QTest::addColumn<double>("mean1");
        QTest::addColumn<double>("mean2");
        QTest::addColumn<int>("buffer");
        QTest::newRow("M1 faster, B=1") << 50.0 << 55.0 << 1;
        QTest::newRow("M2 faster, B=3") << 55.0 << 50.0 << 3;
        QTest::newRow("balanced, B=2") << 50.0 << 50.0 << 2;
    }
    void twoMachinesExponentialBuffer()
    {
        QFETCH(double, mean1);
        QFETCH(double, mean2);
        QFETCH(int, buffer);
        const auto plant = testing::serialLine({{"M1", StationKind::Process, expo(mean1)},
                                                {"B", StationKind::Buffer, det(1), buffer},
                                                {"M2", StationKind::Process, expo(mean2)}});
        const double mu1 = 1 / mean1, mu2 = 1 / mean2, rho = mu1 / mu2;
        const int K = buffer + 2;
        const double p0 =
            std::abs(rho - 1) < 1e-12 ? 1.0 / (K + 1) : (1 - rho) / (1 - std::pow(rho, K + 1));
        const double expected = mu2 * (1 - p0);
        const double simulated = simulatedThroughput(plant, 4000, 2024);
        qInfo("simulated %.3f/h, formula %.3f/h, deviation %+.3f %%", simulated * 3600,
              expected * 3600, (simulated / expected - 1) * 100);
        QVERIFY2(std::abs(simulated / expected - 1) < 0.01,
                 qPrintable(QString("simulated %1/h, formula %2/h")
                                .arg(simulated * 3600)
                                .arg(expected * 3600)));
    }

    // A deterministic serial line with buffers: after the start-up transient the line runs at
    // the pace of its slowest station, TH = 1 / max(c_i) (e.g. Hopp & Spearman, "Factory
    // Physics", 3rd ed. 2008, ch. 7: the bottleneck rate of a line).
    void deterministicSerialLine()
    {
        const auto plant = testing::serialLine({{"A", StationKind::Process, det(50)},
                                                {"B1", StationKind::Buffer, det(1), 2},
                                                {"B", StationKind::Process, det(58)},
                                                {"C", StationKind::Conveyor, det(20), 3},
                                                {"D", StationKind::Process, det(45)},
                                                {"E", StationKind::Process, det(52)}});
        const double simulated = simulatedThroughput(plant, 50, 1);
        const double expected = 1.0 / 58.0;
        qInfo("simulated %.3f/h, formula %.3f/h, deviation %+.3f %%", simulated * 3600,
              expected * 3600, (simulated / expected - 1) * 100);
        QVERIFY2(std::abs(simulated / expected - 1) < 0.01,
                 qPrintable(QString("simulated %1/h, formula %2/h")
                                .arg(simulated * 3600)
                                .arg(expected * 3600)));
    }

    // A single machine with cycle time c, operation-dependent failures (exponential, mean MTBF
    // of working time) and exponential repairs (mean MTTR): availability
    // A = MTBF / (MTBF + MTTR) and TH = A / c (Buzacott & Shanthikumar 1993, ch. 2, single
    // unreliable machine; Gershwin, "Manufacturing Systems Engineering", 1994, ch. 3 — there
    // e = r/(r+p) with r = 1/MTTR, p = 1/MTBF, the same ratio).
    void singleMachineWithFailures_data()
    {
        QTest::addColumn<double>("cycle");
        QTest::addColumn<double>("mtbf");
        QTest::addColumn<double>("mttr");
        QTest::newRow("A=0.9375") << 50.0 << 1800.0 << 120.0;
        QTest::newRow("A=0.8") << 40.0 << 1200.0 << 300.0;
    }
    void singleMachineWithFailures()
    {
        QFETCH(double, cycle);
        QFETCH(double, mtbf);
        QFETCH(double, mttr);
        const auto plant =
            testing::serialLine({{"M", StationKind::Process, det(cycle), 1, mtbf, mttr}});
        const double availability = mtbf / (mtbf + mttr);
        const double expected = availability / cycle;
        const double simulated = simulatedThroughput(plant, 3000, 77);
        qInfo("simulated %.3f/h, formula %.3f/h, deviation %+.3f %%", simulated * 3600,
              expected * 3600, (simulated / expected - 1) * 100);
        QVERIFY2(std::abs(simulated / expected - 1) < 0.01,
                 qPrintable(QString("simulated %1/h, formula %2/h")
                                .arg(simulated * 3600)
                                .arg(expected * 3600)));
    }
};

QTEST_APPLESS_MAIN(TestTheory)
#include "test_theory.moc"
