// Renders each chart offscreen with fixed data at a fixed size and compares the image with its
// baseline in tests/baselines/ (tolerance for driver and rasteriser differences). On failure
// the actual image is written to <build>/tests/actual/. Needs an X display (xvfb-run in CI).
// TAKT_UPDATE_BASELINES=1 rewrites the baselines from the current implementation: look at
// every one before committing it.
#include "chart_samples.h"
#include "image_compare.h"

#include "render/chart_palette.h"
#include "twin/error.h"

#include <QtTest>

#include <functional>

using namespace takt;

namespace {
using Factory = std::function<std::shared_ptr<const render::Chart>()>;

Factory factory(const QString& name)
{
    if (name == "state_timeline")
        return [] { return samples::stateTimeline(); };
    if (name == "throughput")
        return [] { return samples::throughput(); };
    if (name == "spc")
        return [] { return samples::spc(); };
    if (name == "pareto")
        return [] { return samples::pareto(); };
    if (name == "empty_timeline")
        return [] {
            return std::make_shared<render::StateTimelineChart>(render::StateTimelineData{});
        };
    if (name == "empty_spc")
        return [] { return std::make_shared<render::SpcChart>(render::SpcData{}); };
    return {};
}

QImage renderSample(const QString& name, QSize size = {960, 540}, double scale = 1.0)
{
    return factory(name)()->renderImage(size, scale);
}
} // namespace

class TestChartRender : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QVERIFY2(qEnvironmentVariableIsSet("DISPLAY"),
                 "needs an X display for VTK's offscreen OpenGL: run under xvfb-run -a");
    }

    void matchesBaseline_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QSize>("size");
        QTest::addColumn<double>("scale");
        QTest::newRow("state timeline") << "state_timeline" << QSize(960, 540) << 1.0;
        QTest::newRow("throughput") << "throughput" << QSize(960, 540) << 1.0;
        QTest::newRow("spc") << "spc" << QSize(960, 540) << 1.0;
        QTest::newRow("pareto") << "pareto" << QSize(960, 540) << 1.0;
        QTest::newRow("pareto small") << "pareto" << QSize(480, 300) << 1.0;
        QTest::newRow("spc print 2x") << "spc" << QSize(1280, 720) << 2.0;
        QTest::newRow("empty timeline") << "empty_timeline" << QSize(480, 300) << 1.0;
        QTest::newRow("empty spc") << "empty_spc" << QSize(480, 300) << 1.0;
    }

    void matchesBaseline()
    {
        QFETCH(QString, name);
        QFETCH(QSize, size);
        QFETCH(double, scale);
        const QString file = QStringLiteral("%1_%2x%3%4")
                                 .arg(name)
                                 .arg(size.width())
                                 .arg(size.height())
                                 .arg(scale == 1.0 ? QString() : QStringLiteral("@%1x").arg(scale));
        const QImage actual = renderSample(name, size, scale);
        QCOMPARE(actual.size(), size);
        const auto check = testing::checkBaseline(actual, file, 1.5, 0.005);
        QVERIFY2(check.ok, qPrintable(check.message));
    }

    void timelineShowsEveryState()
    {
        const QImage image = renderSample("state_timeline");
        for (const twin::StationState s : twin::kStationStates) {
            const int n = testing::countColour(image, render::stateColor(s));
            if (n < 200)
                QFAIL(qPrintable(QStringLiteral("state %1 (%2) covers only %3 pixels; image in %4")
                                     .arg(int(s))
                                     .arg(render::stateName(s))
                                     .arg(n)
                                     .arg(testing::saveActual(image, "timeline_states"))));
        }
    }

    void stateColorsAreDistinctAndStable()
    {
        using S = twin::StationState;
        QCOMPARE(render::stateColor(S::Working), QColor(0x00, 0x9E, 0x73));
        QCOMPARE(render::stateColor(S::Down), QColor(0xD5, 0x5E, 0x00));
        // A value outside the enum (a corrupt store) is drawn as unknown.
        QCOMPARE(render::stateColor(S(99)), render::stateColor(S::Unknown));
        QCOMPARE(render::stateName(S::Blocked), QStringLiteral("Blocked"));
        // Names come from twin::toString, with a capital.
        for (const S s : twin::kStationStates)
            QCOMPARE(
                render::stateName(s).toLower(),
                QString::fromLatin1(twin::toString(s).data(), qsizetype(twin::toString(s).size())));
        for (std::size_t a = 0; a < twin::kStationStates.size(); ++a)
            for (std::size_t b = a + 1; b < twin::kStationStates.size(); ++b)
                QVERIFY(render::stateColor(twin::kStationStates[a]) !=
                        render::stateColor(twin::kStationStates[b]));
    }

    void throughputColoursBarsByTarget()
    {
        auto chart = samples::throughput();
        QCOMPARE(chart->targetPerHour(), 60.0);
        const QImage image = chart->renderImage({960, 540});
        // 12 of the 16 sample intervals miss the target (orange), 4 meet it (blue).
        const int missed = testing::countColour(image, render::chart_colors::kSecondary);
        const int met = testing::countColour(image, render::chart_colors::kPrimary);
        QVERIFY2(missed > 2 * met,
                 qPrintable(QStringLiteral("orange %1, blue %2").arg(missed).arg(met)));
        QVERIFY(met > 2000);
    }

    void spcMarksViolations()
    {
        auto chart = samples::spc();
        const std::vector<std::size_t> v = chart->violations();
        QCOMPARE(v.size(), std::size_t(5));
        QCOMPARE(v.front(), std::size_t(23)); // the low outlier
        // Without violations nothing is marked in the limit colour beyond the two limit lines.
        render::SpcData inside = chart->data();
        for (auto& s : inside.samples)
            s.value = 10.0;
        const QImage clean = render::SpcChart(inside).renderImage({960, 540});
        const QImage marked = chart->renderImage({960, 540});
        const int cleanLimit = testing::countColour(clean, render::chart_colors::kLimit, 10);
        const int markedLimit = testing::countColour(marked, render::chart_colors::kLimit, 10);
        QVERIFY2(markedLimit > cleanLimit + 5 * 60,
                 qPrintable(QStringLiteral("limit-coloured pixels: %1 with violations, %2 without")
                                .arg(markedLimit)
                                .arg(cleanLimit)));
    }

    void paretoSortsAndFolds()
    {
        auto chart = samples::pareto();
        const auto& bars = chart->bars();
        QCOMPARE(bars.size(), std::size_t(12));
        for (std::size_t i = 1; i + 1 < bars.size(); ++i)
            QVERIFY(bars[i - 1].count >= bars[i].count);
        QCOMPARE(bars.front().label, QStringLiteral("Gap/flush"));
        QCOMPARE(bars.back().label, QStringLiteral("3 others"));
        QCOMPARE(bars.back().count, 6.0); // Wrong variant 3 + Label 2 + Glass chip 1
        const std::vector<double> cum = chart->cumulativePercent();
        QCOMPARE(cum.back(), 100.0);
        QVERIFY(std::is_sorted(cum.begin(), cum.end()));
    }

    void refusesWithoutDisplay()
    {
        const QByteArray display = qgetenv("DISPLAY");
        qunsetenv("DISPLAY");
        bool threw = false;
        try {
            samples::pareto()->renderImage({100, 100});
        } catch (const twin::Error& e) {
            threw = QString::fromUtf8(e.what()).contains("DISPLAY");
        }
        qputenv("DISPLAY", display);
        QVERIFY2(threw, "renderImage must say that it needs a display, not crash");
        QVERIFY_THROWS_EXCEPTION(twin::Error, samples::pareto()->renderImage({0, 10}));
    }
};

QTEST_GUILESS_MAIN(TestChartRender)
#include "test_chart_render.moc"
