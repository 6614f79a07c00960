// VtkView in a real window: VTK renders the chart offscreen and the widget paints the image,
// with the time cursor drawn by Qt over it. This test looks at what reaches the screen
// (QScreen::grabWindow of the window), not at the widget's own image, and compares it with
// the same chart rendered by Chart::renderImage. Needs an X display (xvfb-run).
#include "chart_samples.h"
#include "image_compare.h"

#include "render/vtk_view.h"

#include <QtTest>

#include <QHBoxLayout>
#include <QScreen>
#include <QWidget>

using namespace takt;

namespace {
const QColor kMarker(0xFF, 0x00, 0xFF);

/// A window with a VtkView and a plain Qt widget beside it (a flat magenta patch).
struct Window {
    QWidget top;
    render::VtkView* view = nullptr;
    QWidget* marker = nullptr;

    explicit Window(std::shared_ptr<const render::Chart> chart, QSize viewSize)
    {
        auto* layout = new QHBoxLayout(&top);
        layout->setContentsMargins(10, 10, 10, 10);
        view = new render::VtkView(&top);
        view->setFixedSize(viewSize);
        view->setChart(std::move(chart));
        marker = new QWidget(&top);
        marker->setFixedSize(100, viewSize.height());
        marker->setAutoFillBackground(true);
        QPalette pal = marker->palette();
        pal.setColor(QPalette::Window, kMarker);
        marker->setPalette(pal);
        layout->addWidget(view);
        layout->addWidget(marker);
        top.move(30, 30);
    }

    /// Shows the window and waits until VTK has drawn and Qt has put it on the screen.
    bool showAndWait()
    {
        top.show();
        if (!QTest::qWaitForWindowExposed(&top))
            return false;
        return settle();
    }

    bool settle(int minFrames = 1)
    {
        if (!QTest::qWaitFor([&] { return view->renderedFrames() >= minFrames; }, 5000))
            return false;
        QTest::qWait(300); // let the compositor flush the new frame to the screen
        return true;
    }

    QImage grab(const QWidget* w) const
    {
        const QPoint at = w->mapTo(&top, QPoint(0, 0));
        return top.screen()
            ->grabWindow(top.winId(), at.x(), at.y(), w->width(), w->height())
            .toImage()
            .convertToFormat(QImage::Format_RGB32);
    }
};

/// Compares a screen grab of the view with the offscreen rendering of the same chart.
QString mismatch(const QImage& shot, const render::Chart& chart, const QString& name)
{
    const QImage offscreen = chart.renderImage(shot.size());
    const testing::ImageDiff diff = testing::compareImages(shot, offscreen);
    qInfo("%s: screen vs offscreen: mean channel difference %.3f, %.3f%% pixels differ",
          qPrintable(name), diff.meanAbs, diff.differingShare * 100);
    if (diff.sameSize && diff.meanAbs < 3.0 && diff.differingShare < 0.02)
        return {};
    return QStringLiteral("screen grab differs from the offscreen image (mean %1, %2%): see %3 "
                          "and %4")
        .arg(diff.meanAbs)
        .arg(diff.differingShare * 100)
        .arg(testing::saveActual(shot, name + "_screen"))
        .arg(testing::saveActual(offscreen, name + "_offscreen"));
}
} // namespace

class TestVtkViewGui : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QVERIFY2(qEnvironmentVariableIsSet("DISPLAY"),
                 "needs an X display: run under xvfb-run -a (tools/bootstrap.sh test does)");
    }

    void screenShowsTheChart_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("state timeline") << "state_timeline";
        QTest::newRow("pareto") << "pareto";
    }

    void screenShowsTheChart()
    {
        QFETCH(QString, name);
        std::shared_ptr<const render::Chart> chart =
            name == "pareto" ? std::shared_ptr<const render::Chart>(samples::pareto())
                             : samples::stateTimeline();
        Window w(chart, {800, 450});
        QVERIFY(w.showAndWait());
        const QImage shot = w.grab(w.view);
        QCOMPARE(shot.size(), QSize(800, 450) * w.view->devicePixelRatio());
        // (Messages are built only on failure: they save the actual image.)
        const double flat = testing::dominantShare(shot);
        if (flat >= 0.85)
            QFAIL(qPrintable(QStringLiteral("the view is (nearly) blank: %1% one colour; see %2")
                                 .arg(flat * 100)
                                 .arg(testing::saveActual(shot, name + "_blank"))));
        const QString why = mismatch(shot, *chart, name);
        QVERIFY2(why.isEmpty(), qPrintable(why));
        // The plain widget next to it still composes as Qt drew it.
        const QImage side = w.grab(w.marker);
        if (testing::countColour(side, kMarker, 2) < side.width() * side.height() * 0.95)
            QFAIL(qPrintable("the widget beside the VTK view is damaged; see " +
                             testing::saveActual(side, name + "_marker")));
    }

    void followsResize()
    {
        auto chart = samples::spc();
        Window w(chart, {640, 360});
        QVERIFY(w.showAndWait());
        const int before = w.view->renderedFrames();
        w.view->setFixedSize(900, 420);
        QVERIFY(w.settle(before + 1));
        const QImage shot = w.grab(w.view);
        QCOMPARE(shot.size(), QSize(900, 420) * w.view->devicePixelRatio());
        const QString why = mismatch(shot, *chart, "spc_resized");
        QVERIFY2(why.isEmpty(), qPrintable(why));
    }

    void childWidgetComposesOverTheView()
    {
        // An overlay (a KPI badge, say) is composed by Qt over the VTK frame.
        Window w(samples::stateTimeline(), {800, 450});
        auto* badge = new QWidget(w.view);
        badge->setGeometry(300, 150, 120, 60);
        badge->setAutoFillBackground(true);
        QPalette pal = badge->palette();
        pal.setColor(QPalette::Window, kMarker);
        badge->setPalette(pal);
        QVERIFY(w.showAndWait());
        const QImage shot = w.grab(w.view);
        const int dpr = int(w.view->devicePixelRatio());
        const int badgePixels = testing::countColour(shot, kMarker, 2);
        if (badgePixels < 120 * 60 * dpr * dpr * 0.95 || testing::dominantShare(shot) > 0.85)
            QFAIL(qPrintable(QStringLiteral("overlay %1 px; see %2")
                                 .arg(badgePixels)
                                 .arg(testing::saveActual(shot, "overlay"))));
    }

    void survivesMovingToAnotherWindow()
    {
        // Reparented to another top-level, the view shows its chart there.
        auto chart = samples::pareto();
        Window w(chart, {640, 360});
        QVERIFY(w.showAndWait());
        QWidget other;
        auto* layout = new QHBoxLayout(&other);
        layout->setContentsMargins(0, 0, 0, 0);
        const int frames = w.view->renderedFrames();
        layout->addWidget(w.view);
        other.move(60, 60);
        other.show();
        QVERIFY(QTest::qWaitForWindowExposed(&other));
        QVERIFY(QTest::qWaitFor([&] { return w.view->renderedFrames() > frames; }, 5000));
        QTest::qWait(300);
        const QPoint at = w.view->mapTo(&other, QPoint(0, 0));
        const QImage shot =
            other.screen()
                ->grabWindow(other.winId(), at.x(), at.y(), w.view->width(), w.view->height())
                .toImage();
        const QString why = mismatch(shot, *chart, "pareto_moved");
        QVERIFY2(why.isEmpty(), qPrintable(why));
    }

    void zoomAndPanTheTimeAxis()
    {
        auto chart = samples::throughput();
        Window w(chart, {800, 450});
        QVERIFY(w.showAndWait());
        const QImage whole = w.grab(w.view);
        int frames = w.view->renderedFrames();

        // Wheel over the middle zooms in on the time axis.
        QWheelEvent wheel(QPointF(400, 200), w.view->mapToGlobal(QPointF(400, 200)), QPoint(),
                          QPoint(0, 360), Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(w.view, &wheel);
        QVERIFY(w.settle(frames + 1));
        const QImage zoomed = w.grab(w.view);
        QVERIFY2(testing::compareImages(zoomed, whole).differingShare > 0.05,
                 "zooming did not change the view");
        frames = w.view->renderedFrames();
        QTest::mousePress(w.view, Qt::LeftButton, Qt::NoModifier, QPoint(400, 200));
        QTest::mouseMove(w.view, QPoint(250, 200));
        QTest::mouseRelease(w.view, Qt::LeftButton, Qt::NoModifier, QPoint(250, 200));
        QVERIFY(w.settle(frames + 1));
        QVERIFY(testing::compareImages(w.grab(w.view), zoomed).differingShare > 0.02);

        // Back to the whole shift: the same picture as before.
        frames = w.view->renderedFrames();
        QVERIFY(w.view->resetTime());
        QVERIFY(w.settle(frames + 1));
        const testing::ImageDiff back = testing::compareImages(w.grab(w.view), whole);
        QVERIFY2(back.meanAbs < 0.5, qPrintable(QString::number(back.meanAbs)));

        // A chart without a time axis ignores it.
        w.view->setChart(samples::pareto());
        QVERIFY(!w.view->zoomTime(0.5, 100));
    }

    void timeCursorFollowsTheTime()
    {
        // Issue 5: a vertical line at the replay's time, moved without rebuilding the chart.
        auto chart = samples::throughput(); // an 8-hour shift
        Window w(chart, {800, 450});
        QVERIFY(w.showAndWait());
        QVERIFY(!w.view->timeCursorX());
        const QImage plain = w.grab(w.view);
        const double dpr = w.view->devicePixelRatio();
        // Share of the plot's middle rows that are the cursor's black in the column at `x`.
        const auto blackShare = [&](const QImage& img, double x) {
            const int col = int(std::lround(x * dpr));
            int black = 0, rows = 0;
            for (int y = img.height() / 4; y < img.height() * 3 / 4; ++y, ++rows)
                for (int dx = -1; dx <= 1; ++dx) // the 2 px line may straddle columns
                    if (QColor(img.pixel(std::clamp(col + dx, 0, img.width() - 1), y)).value() <
                        40) {
                        ++black;
                        break;
                    }
            return double(black) / rows;
        };

        const int renders = w.view->chartRenders();
        std::vector<double> xs;
        for (int hours : {2, 4, 6}) {
            const int frames = w.view->renderedFrames();
            w.view->setTimeCursor(std::int64_t(hours) * 3'600'000);
            QCOMPARE(*w.view->timeCursor(), std::int64_t(hours) * 3'600'000);
            QVERIFY(w.settle(frames + 1));
            QVERIFY(w.view->timeCursorX());
            xs.push_back(*w.view->timeCursorX());
            const QImage shot = w.grab(w.view);
            const double here = blackShare(shot, xs.back());
            if (here < 0.9)
                QFAIL(qPrintable(QStringLiteral("no cursor at x %1 (%2% black); see %3")
                                     .arg(xs.back())
                                     .arg(here * 100)
                                     .arg(testing::saveActual(shot, "cursor_missing"))));
            if (xs.size() > 1)
                QVERIFY2(blackShare(shot, xs[xs.size() - 2]) < 0.1, "the old line stayed");
            QVERIFY(blackShare(plain, xs.back()) < 0.1);
        }
        // Linear in time, left to right, inside the view.
        QVERIFY(xs[0] > 40 && xs[2] < 800 - 40);
        QVERIFY(std::abs((xs[1] - xs[0]) - (xs[2] - xs[1])) < 1.0);
        QVERIFY(xs[1] - xs[0] > 100);

        // A step of less than a pixel (a second of an 8-hour shift) repaints nothing.
        int frames = w.view->renderedFrames();
        w.view->setTimeCursor(6 * 3'600'000 + 1000);
        QTest::qWait(200);
        QCOMPARE(w.view->renderedFrames(), frames);
        QVERIFY(w.view->chart() == chart);         // the same chart, never rebuilt
        QCOMPARE(w.view->chartRenders(), renders); // nor rendered again: Qt draws the line

        // Zoomed to the first hour the cursor at 6 h is out of view; the whole shift again
        // shows it where it was.
        QVERIFY(w.view->zoomTime(1.0 / 8.0, 0));
        QVERIFY(w.settle(frames + 1));
        QVERIFY(!w.view->timeCursorX());
        frames = w.view->renderedFrames();
        QVERIFY(w.view->resetTime());
        QVERIFY(w.settle(frames + 1));
        QVERIFY(std::abs(*w.view->timeCursorX() - xs[2]) < 1.0);

        // Kept across a new chart; unset, it goes; charts without a time axis have none.
        frames = w.view->renderedFrames();
        w.view->setChart(samples::stateTimeline());
        QVERIFY(w.settle(frames + 1));
        QVERIFY(w.view->timeCursorX());
        QVERIFY(blackShare(w.grab(w.view), *w.view->timeCursorX()) > 0.5);
        frames = w.view->renderedFrames();
        w.view->setTimeCursor(std::nullopt);
        QVERIFY(w.settle(frames + 1));
        QVERIFY(!w.view->timeCursorX());
        w.view->setTimeCursor(3'600'000);
        w.view->setChart(samples::pareto());
        QVERIFY(w.settle(frames + 1));
        QVERIFY(!w.view->timeCursorX());
    }
};

QTEST_MAIN(TestVtkViewGui)
#include "test_vtk_view_gui.moc"
