// Benchmark (label bench, not in the default run): how long charts take to draw with data of
// a realistic size. Needs an X display.
#include "chart_samples.h"

#include "render/heatmap.h"

#include <QtTest>

using namespace takt;

class BenchCharts : public QObject {
    Q_OBJECT
private slots:
    void stateTimelineFullShift()
    {
        // 60 stations, a state change every minute on average for 8 hours: ~29,000 segments.
        render::StateTimelineData data;
        data.spanMs = samples::kShift;
        samples::Lcg rng(5);
        for (int i = 0; i < 60; ++i) {
            render::StateLane lane{QStringLiteral("Station %1").arg(i + 1), {}};
            for (std::int64_t t = 0; t < samples::kShift;) {
                const std::int64_t end =
                    std::min(samples::kShift, t + std::int64_t(20'000 + rng.next() * 80'000));
                lane.segments.push_back(
                    {t, end, twin::kStationStates[std::size_t(rng.next() * 7)]});
                t = end;
            }
            data.lanes.push_back(std::move(lane));
        }
        const render::StateTimelineChart chart(std::move(data));
        QBENCHMARK
        {
            chart.renderImage({1600, 1000});
        }
    }

    void floorHeatmap()
    {
        std::vector<render::HeatPoint> points;
        samples::Lcg rng(9);
        for (int i = 0; i < 400; ++i)
            points.push_back({rng.next() * 200, rng.next() * 100, rng.next()});
        render::HeatmapOptions o;
        o.maxX = 200;
        o.maxZ = 100;
        o.metresPerPixel = 0.25;
        o.radius = 5;
        QBENCHMARK
        {
            render::makeFloorHeatmap(points, o);
        }
    }
};

QTEST_GUILESS_MAIN(BenchCharts)
#include "bench_charts.moc"
