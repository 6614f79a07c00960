// The floor heatmap: VTK filters only, no display needed.
#include "render/heatmap.h"
#include "twin/error.h"

#include <QtTest>

using namespace takt::render;

namespace {
HeatmapOptions floor20x10()
{
    HeatmapOptions o;
    o.minX = 0.0;
    o.maxX = 20.0;
    o.minZ = 0.0;
    o.maxZ = 10.0;
    o.metresPerPixel = 0.25;
    o.radius = 3.0;
    return o;
}

/// Pixel at floor position (x, z) for the options above.
QColor at(const QImage& image, double x, double z)
{
    return image.pixelColor(int(std::lround(x / 0.25)), int(std::lround(z / 0.25)));
}
} // namespace

class TestHeatmap : public QObject {
    Q_OBJECT
private slots:
    void sizeFollowsBoundsAndResolution()
    {
        const QImage image = makeFloorHeatmap({}, floor20x10());
        QCOMPARE(image.size(), QSize(81, 41));
        QCOMPARE(image.format(), QImage::Format_RGBA8888);
        // Nothing hot: the floor shows through everywhere.
        for (int y = 0; y < image.height(); ++y)
            for (int x = 0; x < image.width(); ++x)
                QCOMPARE(image.pixelColor(x, y).alpha(), 0);
    }

    void singleHotPointIsHottestWhereItIs()
    {
        const QImage image = makeFloorHeatmap({{5.0, 7.5, 3.0}}, floor20x10());
        const QColor hot = at(image, 5.0, 7.5);
        // Full value: the top of the ramp (dark red) at the configured opacity.
        QCOMPARE(hot.alpha(), int(std::lround(0.85 * 255)));
        QVERIFY2(hot.red() > 150 && hot.green() < 30 && hot.blue() < 60,
                 qPrintable(QStringLiteral("hot colour %1").arg(hot.name())));
        for (int y = 0; y < image.height(); ++y)
            for (int x = 0; x < image.width(); ++x)
                QVERIFY(image.pixelColor(x, y).alpha() <= hot.alpha());
        // It cools with distance and is clear far away (beyond the 3 m radius).
        const int near = at(image, 6.0, 7.5).alpha();
        const int further = at(image, 7.0, 7.5).alpha();
        QVERIFY2(near < hot.alpha() && further < near,
                 qPrintable(QStringLiteral("%1 %2 %3").arg(hot.alpha()).arg(near).arg(further)));
        QCOMPARE(at(image, 15.0, 2.0).alpha(), 0);
        QCOMPARE(at(image, 5.0, 0.0).alpha(), 0);
    }

    void rowZeroIsMinZ()
    {
        HeatmapOptions o = floor20x10();
        const QImage image = makeFloorHeatmap({{0.0, 0.0, 1.0}}, o);
        QCOMPARE(image.pixelColor(0, 0).alpha(), int(std::lround(0.85 * 255)));
        QCOMPARE(image.pixelColor(image.width() - 1, image.height() - 1).alpha(), 0);
        QCOMPARE(image.pixelColor(0, image.height() - 1).alpha(), 0);
    }

    void valuesScale()
    {
        // Two points far apart: half the value gives less heat (lower opacity, lighter colour).
        const std::vector<HeatPoint> points{{4.0, 5.0, 1.0}, {16.0, 5.0, 0.5}};
        const QImage image = makeFloorHeatmap(points, floor20x10());
        const QColor full = at(image, 4.0, 5.0);
        const QColor half = at(image, 16.0, 5.0);
        QCOMPARE(full.alpha(), int(std::lround(0.85 * 255)));
        QVERIFY(qAbs(half.alpha() - int(0.85 * std::sqrt(0.5) * 255)) <= 2);
        QVERIFY2(half.green() > full.green(), "half the value should be further from red");

        // A fixed scale: with maxValue 2 the value-1 point shows as half heat.
        HeatmapOptions o = floor20x10();
        o.maxValue = 2.0;
        const QImage scaled = makeFloorHeatmap(points, o);
        QVERIFY(qAbs(at(scaled, 4.0, 5.0).alpha() - half.alpha()) <= 2);
        QVERIFY(at(scaled, 16.0, 5.0).alpha() < half.alpha());
        // Above maxValue saturates instead of wrapping around.
        o.maxValue = 0.5;
        QCOMPARE(at(makeFloorHeatmap(points, o), 4.0, 5.0).alpha(), full.alpha());
    }

    void overlappingPointsKeepTheMaximum()
    {
        const QImage one = makeFloorHeatmap({{10.0, 5.0, 1.0}}, floor20x10());
        const QImage two = makeFloorHeatmap({{10.0, 5.0, 1.0}, {10.0, 5.0, 1.0}}, floor20x10());
        QCOMPARE(at(two, 10.0, 5.0), at(one, 10.0, 5.0));
    }

    void negativeValuesAreCold()
    {
        HeatmapOptions o = floor20x10();
        o.maxValue = 1.0;
        const QImage image = makeFloorHeatmap({{10.0, 5.0, -4.0}}, o);
        QCOMPARE(at(image, 10.0, 5.0).alpha(), 0);
    }

    // Issue 13, item 4: differences between two recordings, blue (less) <-> red (more).
    void divergingShowsGainsRedAndLossesBlue()
    {
        HeatmapOptions o = floor20x10();
        o.palette = HeatmapPalette::Diverging;
        const QImage image = makeFloorHeatmap({{4.0, 5.0, 0.2}, {16.0, 5.0, -0.1}}, o);
        const QColor gain = at(image, 4.0, 5.0);
        const QColor loss = at(image, 16.0, 5.0);
        // The larger magnitude sets full scale: the gain is full red at full opacity.
        QCOMPARE(gain.alpha(), int(std::lround(0.85 * 255)));
        QVERIFY2(gain.red() > 150 && gain.blue() < 60, qPrintable(gain.name()));
        // The loss is half scale: blue, lighter and less opaque than the gain.
        QVERIFY2(loss.blue() > loss.red() + 40, qPrintable(loss.name()));
        QVERIFY(loss.alpha() > 0 && loss.alpha() < gain.alpha());
        // No difference: clear, between the two and far from both.
        QCOMPARE(at(image, 10.0, 5.0).alpha(), 0);
        QCOMPARE(at(image, 10.0, 0.0).alpha(), 0);

        // A loss next to a gain does not cancel it: each pixel keeps the larger magnitude.
        o.maxValue = 0.2;
        const QImage mixed = makeFloorHeatmap({{10.0, 5.0, 0.2}, {11.0, 5.0, -0.2}}, o);
        QVERIFY(at(mixed, 10.0, 5.0).red() > at(mixed, 10.0, 5.0).blue());
        QVERIFY(at(mixed, 11.0, 5.0).blue() > at(mixed, 11.0, 5.0).red());

        // The legend's colours are the floor's.
        const QColor red = heatmapColour(1.0, HeatmapPalette::Diverging, 0.85);
        const QColor blue = heatmapColour(-1.0, HeatmapPalette::Diverging, 0.85);
        QVERIFY(std::abs(red.red() - gain.red()) <= 2 && std::abs(red.blue() - gain.blue()) <= 2);
        QVERIFY(blue.blue() > 150 && blue.red() < 60 && blue.blue() > blue.red() + 100);
        QCOMPARE(heatmapColour(0.0, HeatmapPalette::Diverging).alpha(), 0);
    }

    void rejectsBadOptions_data()
    {
        QTest::addColumn<double>("maxX");
        QTest::addColumn<double>("metresPerPixel");
        QTest::addColumn<double>("radius");
        QTest::newRow("empty bounds") << 0.0 << 0.25 << 3.0;
        QTest::newRow("zero resolution") << 20.0 << 0.0 << 3.0;
        QTest::newRow("zero radius") << 20.0 << 0.25 << 0.0;
        QTest::newRow("too many pixels") << 20.0 << 0.001 << 3.0;
    }

    void rejectsBadOptions()
    {
        QFETCH(double, maxX);
        QFETCH(double, metresPerPixel);
        QFETCH(double, radius);
        HeatmapOptions o = floor20x10();
        o.maxX = maxX;
        o.metresPerPixel = metresPerPixel;
        o.radius = radius;
        QVERIFY_THROWS_EXCEPTION(takt::twin::Error, makeFloorHeatmap({{1, 1, 1}}, o));
    }
};

QTEST_GUILESS_MAIN(TestHeatmap)
#include "test_heatmap.moc"
