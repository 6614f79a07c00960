// Benchmark (issue 12): KPIs of one week (168 h) of the sample plant beside the same over 8 h.
// Every KPI, the bottleneck analysis included, is O(n log n) in the events of the window, so the
// week should cost about 21 times the 8 hours (168 / 8), not 441 times. Targets: the week's KPIs
// in <= 1 s and the process (the week loaded) in <= 300 MB resident.
// The week is simulated once into the build folder (bench-data/), warm like the sample's shift.
#include "bench_support.h"
#include "twin/kpi.h"
#include "twin/manifest.h"
#include "twin/recording_data.h"
#include "twin/session_store.h"
#include "twin/simulator.h"

#include <QtTest>

using namespace takt::twin;

class BenchKpi : public QObject {
    Q_OBJECT
    QString m_session;

    /// Best of three wall-clock times of computeKpis over [from, to), seconds.
    static double timeKpis(const RecordingData& data, TimeMs from, TimeMs to, KpiReport& out)
    {
        double best = 1e9;
        for (int i = 0; i < 3; ++i) {
            const auto t0 = std::chrono::steady_clock::now();
            out = computeKpis(data, from, to);
            best = std::min(best, bench::secondsSince(t0));
        }
        return best;
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(bench::kOptimised, "run the benchmarks in the release preset");
        const QString dir = QStringLiteral(TAKT_BINARY_DIR "/bench-data");
        QDir().mkpath(dir);
        m_session = dir + "/sample-week.takt";
        if (QFile::exists(m_session))
            return;
        const auto plant = loadPlantManifest(TAKT_SOURCE_DIR "/assets/sample/plant.json");
        const auto t0 = std::chrono::steady_clock::now();
        simulate(plant, 168.0, 20261123, m_session.toStdString(), {}, 2.0);
        std::printf("BENCH kpi: simulated the sample's week into %s in %.1f s\n",
                    qPrintable(m_session), bench::secondsSince(t0));
    }

    void weekBesideShift()
    {
        const double rssBefore = bench::residentMiB();
        auto t0 = std::chrono::steady_clock::now();
        const auto store = SessionStore::open(m_session.toStdString());
        const auto data = RecordingData::load(store, store.recordings().at(0).id);
        const double loadS = bench::secondsSince(t0);
        const TimeMs from = data.startMs();
        QVERIFY(data.endMs() - from >= TimeMs(168) * 3600 * 1000);

        KpiReport shift, week;
        const double shiftS = timeKpis(data, from, from + TimeMs(8) * 3600 * 1000, shift);
        const double weekS = timeKpis(data, from, from + TimeMs(168) * 3600 * 1000, week);
        const double rss = bench::residentMiB();
        std::printf("BENCH kpi: %llu events loaded in %.1f s (VmRSS %.0f MiB before loading)\n",
                    (unsigned long long)data.eventCount(), loadS, rssBefore);
        std::printf("BENCH kpi:   8 h: %6lld units, %6zu bottleneck segments, KPIs in %.3f s\n",
                    (long long)shift.units, shift.bottleneck.timeline.size(), shiftS);
        std::printf("BENCH kpi: 168 h: %6lld units, %6zu bottleneck segments, KPIs in %.3f s "
                    "(target <= 1 s); ratio %.1f for 21 times the window\n",
                    (long long)week.units, week.bottleneck.timeline.size(), weekS, weekS / shiftS);
        for (const int hours : {24, 72}) {
            KpiReport r;
            const double s = timeKpis(data, from, from + TimeMs(hours) * 3600 * 1000, r);
            std::printf("BENCH kpi: %3d h: %6lld units, KPIs in %.3f s (%.2f ms per hour)\n", hours,
                        (long long)r.units, s, 1000.0 * s / hours);
        }
        std::printf("BENCH kpi: ms per hour of window: 8 h %.2f, 168 h %.2f\n", 1000.0 * shiftS / 8,
                    1000.0 * weekS / 168);
        std::printf("BENCH kpi: VmRSS %.0f MiB with the week loaded and its KPIs computed "
                    "(target <= 300 MB)\n",
                    rss);
        bench::reportFigure(
            {"KPIs of a week (168 h)", weekS, "s", "the same KPIs over 8 h", shiftS, "<=", 1.0},
            "bench_kpi");
        bench::reportFigure({"KPIs of a week beside 8 h (linear growth: 21)", weekS, "s",
                             "the same KPIs over 8 h", shiftS, "<", 45.0, true},
                            "bench_kpi");
        bench::reportFigure(
            {"VmRSS with the week loaded and its KPIs", rss * 1.048576, "MB", "", 0, "<=", 300.0},
            "bench_kpi");
        QVERIFY(week.units > 20 * shift.units / 2);
        QVERIFY2(weekS <= 1.0, qPrintable(QString("week KPIs took %1 s").arg(weekS)));
        QVERIFY2(rss * 1.048576 <= 300.0, qPrintable(QString("VmRSS %1 MiB").arg(rss)));
        // Linear, not quadratic: 21 times the window may cost at most ~2x the linear share.
        QVERIFY2(weekS / shiftS < 45.0, qPrintable(QString("ratio %1").arg(weekS / shiftS)));
    }
};

QTEST_APPLESS_MAIN(BenchKpi)
#include "bench_kpi.moc"
