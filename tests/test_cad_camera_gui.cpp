// The CAD viewer's camera in a real 3D view (issue 16, item 1): mouse events from Qt Test drive
// the SceneView's window. A drag gives the same camera whether its moves come at 60 per second
// or one a second, the orbit turns about the surface point under the cursor, a drag that ends
// over a station does not select it, the wheel zooms towards the cursor, the standard views
// frame the layout. A drag sequence is saved as screenshots to look at.
#include "render/cad_camera.h"
#include "render/isolated_importer.h"
#include "render/scene_view.h"
#include "twin/manifest.h"

#include <QtTest>

#include <QApplication>
#include <QDir>
#include <QWheelEvent>
#include <QWindow>

using namespace takt;

namespace {

const QString kOut = QStringLiteral(TAKT_BINARY_DIR "/tests/screenshots");

render::CameraPose poseOf(const twin::CameraView& v)
{
    return {render::toQVector3D(v.position), render::toQVector3D(v.viewCenter),
            render::toQVector3D(v.up), float(v.fieldOfView)};
}

bool sameCamera(const twin::CameraView& a, const twin::CameraView& b)
{
    const auto pa = poseOf(a), pb = poseOf(b);
    return (pa.position - pb.position).length() < 1e-3f * pa.distance() &&
           (pa.center - pb.center).length() < 1e-3f * pa.distance() &&
           (pa.up - pb.up).length() < 1e-3f;
}

} // namespace

class TestCadCameraGui : public QObject {
    Q_OBJECT
    std::unique_ptr<render::SceneView> m_view;
    std::optional<twin::Plant> m_plant;
    render::StationBinding m_binding;

    QImage capture(int timeoutMs = 10000)
    {
        QSignalSpy spy(m_view.get(), &render::SceneView::frameCaptured);
        m_view->requestCapture();
        if (!spy.wait(timeoutMs))
            return {};
        return spy.at(0).at(0).value<QImage>();
    }

    /// A drag with `button` from `from` by `by` in `steps` moves, `pause` ms after each.
    void drag(QPoint from, QPoint by, int steps, int pause, Qt::MouseButton button = Qt::LeftButton,
              Qt::KeyboardModifiers mods = {})
    {
        QWindow* w = m_view->renderWindow();
        QTest::mousePress(w, button, mods, from);
        for (int i = 1; i <= steps; ++i) {
            QTest::mouseMove(w, from + by * i / steps);
            QTest::qWait(pause);
        }
        QTest::mouseRelease(w, button, mods, from + by);
        QTest::qWait(50);
    }

    QPoint stationPixel(const char* id) const
    {
        const auto pos = m_view->stationScreenPosition(m_plant->stationIndex(id));
        return pos ? *pos : QPoint(450, 300);
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(qEnvironmentVariableIsSet("DISPLAY"), "needs an X display: run under xvfb-run");
        qputenv("QT3D_RENDERER", "opengl");
        QDir().mkpath(kOut);
        render::IsolatedImporter::setHelperCommand(QStringLiteral(TAKT_EXECUTABLE),
                                                   {QStringLiteral("__import-helper")});
        m_plant = twin::loadPlantManifest(TAKT_SOURCE_DIR "/tests/data/small_plant.json");
        const auto o =
            render::IsolatedImporter::importBlocking(QString::fromStdString(m_plant->layoutPath));
        QVERIFY2(o.ok, qPrintable(o.error));
        m_binding = render::bindStations(*m_plant, *o.scene);
        m_view = std::make_unique<render::SceneView>();
        m_view->resize(900, 600);
        m_view->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
        m_view->setScene(o.scene, &*m_plant, &m_binding);
        for (int i = 0; i < 40; ++i) {
            const QImage img = capture();
            if (!img.isNull() && img.pixel(img.width() / 2, img.height() / 2) != img.pixel(0, 0))
                return;
            QTest::qWait(100);
        }
        QFAIL("the view never drew the layout");
    }

    void sameCameraAtTwoFrameRates_data()
    {
        QTest::addColumn<int>("button");
        QTest::addColumn<int>("modifiers");
        QTest::newRow("orbit") << int(Qt::LeftButton) << 0;
        QTest::newRow("pan") << int(Qt::MiddleButton) << 0;
        QTest::newRow("zoom") << int(Qt::RightButton) << 0;
    }
    void sameCameraAtTwoFrameRates()
    {
        QFETCH(int, button);
        QFETCH(int, modifiers);
        const auto b = Qt::MouseButton(button);
        const auto m = Qt::KeyboardModifiers(modifiers);
        const QPoint from = stationPixel("ST10"), by(80, -40);
        m_view->fitAll();
        const twin::CameraView start = m_view->cameraView();
        // 60 frames/s: a move every 16 ms, each one drawn.
        drag(from, by, 40, 16, b, m);
        const twin::CameraView fast = m_view->cameraView();
        QVERIFY(!sameCamera(fast, start));
        m_view->fitAll();
        QVERIFY(sameCamera(m_view->cameraView(), start));
        // 1 frame/s: the same path arrives as two moves a second apart.
        drag(from, by, 2, 1000, b, m);
        QVERIFY(sameCamera(m_view->cameraView(), fast));
    }

    void orbitTurnsAboutTheSurfaceUnderTheCursor()
    {
        m_view->fitAll();
        const QPoint from = stationPixel("ST20");
        const auto surface = m_view->surfacePoint(from);
        QVERIFY2(surface, "no surface under a station's centre");
        drag(from, QPoint(120, 50), 6, 30);
        const auto at = render::projectToPixel(poseOf(m_view->cameraView()),
                                               QSizeF(m_view->renderWindow()->size()), *surface);
        QVERIFY(at);
        QVERIFY2(std::hypot(at->x() - from.x(), at->y() - from.y()) < 1.5,
                 qPrintable(QStringLiteral("pivot moved to %1,%2 from %3,%4")
                                .arg(at->x())
                                .arg(at->y())
                                .arg(from.x())
                                .arg(from.y())));
        // No roll: the camera's side vector stays horizontal.
        QVERIFY(std::abs(poseOf(m_view->cameraView()).right().y()) < 1e-3f);
    }

    void dragOverAStationDoesNotSelectIt()
    {
        m_view->fitAll();
        m_view->setSelectedStation(-1);
        QSignalSpy picked(m_view.get(), &render::SceneView::stationPicked);
        const QPoint from = stationPixel("ST10");
        // Out and back: the drag ends where it began, over the same station.
        QWindow* w = m_view->renderWindow();
        QTest::mousePress(w, Qt::LeftButton, {}, from);
        QTest::mouseMove(w, from + QPoint(40, 0));
        QTest::qWait(30);
        QTest::mouseMove(w, from);
        QTest::qWait(30);
        QTest::mouseRelease(w, Qt::LeftButton, {}, from);
        QTest::qWait(1000);
        QCOMPARE(picked.count(), 0);
        QCOMPARE(m_view->selectedStation(), -1);
        // A click still selects.
        m_view->fitAll();
        const QPoint at = stationPixel("ST10");
        QTest::mousePress(w, Qt::LeftButton, {}, at);
        QTest::qWait(50);
        QTest::mouseRelease(w, Qt::LeftButton, {}, at);
        QTRY_VERIFY_WITH_TIMEOUT(picked.count() >= 1, 5000);
        QCOMPARE(m_view->selectedStation(), m_plant->stationIndex("ST10"));
        m_view->setSelectedStation(-1);
    }

    void wheelZoomsTowardsTheCursor()
    {
        m_view->fitAll();
        const QPoint cursor = stationPixel("QG30");
        const auto before = m_view->surfacePoint(cursor);
        QVERIFY(before);
        const float reach = (poseOf(m_view->cameraView()).position - *before).length();
        for (int notch = 0; notch < 4; ++notch) {
            QWheelEvent e(QPointF(cursor), QPointF(m_view->renderWindow()->mapToGlobal(cursor)),
                          QPoint(), QPoint(0, 120), Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase,
                          false);
            QApplication::sendEvent(m_view->renderWindow(), &e);
        }
        const auto after = m_view->surfacePoint(cursor);
        QVERIFY(after);
        QVERIFY((*after - *before).length() < 0.01f * reach);
        QVERIFY((poseOf(m_view->cameraView()).position - *before).length() < 0.5f * reach);
    }

    void standardViewsFrameTheLayout_data()
    {
        QTest::addColumn<int>("view");
        QTest::newRow("front") << int(render::StandardView::Front);
        QTest::newRow("right") << int(render::StandardView::Right);
        QTest::newRow("top") << int(render::StandardView::Top);
        QTest::newRow("iso") << int(render::StandardView::Iso);
    }
    void standardViewsFrameTheLayout()
    {
        QFETCH(int, view);
        m_view->setStandardView(render::StandardView(view));
        const QRect frame(QPoint(0, 0), m_view->renderWindow()->size());
        for (int s = 0; s < int(m_plant->stations.size()); ++s) {
            const auto pos = m_view->stationScreenPosition(s);
            QVERIFY(pos.has_value());
            QVERIFY2(frame.contains(*pos), m_plant->stations[std::size_t(s)].id.c_str());
        }
        const QImage img = capture();
        QVERIFY(!img.isNull());
        img.save(kOut + QStringLiteral("/cad-view-%1.png").arg(QTest::currentDataTag()));
    }

    void dragSequenceScreenshots()
    {
        // Frames of one left drag, for a person to look at: the layout turns about the station
        // under the cursor and stays in view.
        m_view->fitAll();
        QWindow* w = m_view->renderWindow();
        const QPoint from = stationPixel("ST20");
        QTest::mousePress(w, Qt::LeftButton, {}, from);
        for (int i = 0; i <= 4; ++i) {
            QTest::mouseMove(w, from + QPoint(40 * i, 12 * i));
            QTest::qWait(100);
            const QImage img = capture();
            QVERIFY(!img.isNull());
            img.save(kOut + QStringLiteral("/cad-orbit-%1.png").arg(i));
        }
        QTest::mouseRelease(w, Qt::LeftButton, {}, from + QPoint(160, 48));
    }

    void dragSequenceOnALargeLayout()
    {
        // The same drag on a big layout, when one is named (the generated 1 M or 10 M triangle
        // layouts of bench/): TAKT_CAD_LAYOUT=large.glb. Frames go to cad-large-orbit-N.png.
        const QString path = qEnvironmentVariable("TAKT_CAD_LAYOUT");
        if (path.isEmpty())
            QSKIP("TAKT_CAD_LAYOUT names no layout");
        render::ImportOptions options;
        options.timeoutMs = 600'000;
        const auto o = render::IsolatedImporter::importBlocking(path, options);
        QVERIFY2(o.ok, qPrintable(o.error));
        m_view->setScene(o.scene, nullptr, nullptr);
        QWindow* w = m_view->renderWindow();
        const QPoint from(w->width() / 2, w->height() / 2);
        QTest::mousePress(w, Qt::LeftButton, {}, from);
        for (int i = 0; i <= 4; ++i) {
            QTest::mouseMove(w, from + QPoint(40 * i, 15 * i));
            QElapsedTimer clock;
            clock.start();
            // The first frame of 10 M triangles takes a while on a software renderer.
            const QImage img = capture(120'000);
            QVERIFY(!img.isNull());
            qInfo("step %d: frame in %lld ms", i, clock.elapsed());
            img.save(kOut + QStringLiteral("/cad-large-orbit-%1.png").arg(i));
        }
        QTest::mouseRelease(w, Qt::LeftButton, {}, from + QPoint(160, 60));
    }

    void cleanupTestCase() { m_view.reset(); }
};

QTEST_MAIN(TestCadCameraGui)
#include "test_cad_camera_gui.moc"
