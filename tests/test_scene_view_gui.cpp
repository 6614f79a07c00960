// The 3D view in a real window: clicking a station picks it, selection and camera views
// round-trip, fitting frames the layout (issue 4: binding, picking, camera).
#include "render/isolated_importer.h"
#include "render/scene_view.h"
#include "twin/manifest.h"

#include <QtTest>

#include <QApplication>
#include <QWindow>

using namespace takt;

class TestSceneViewGui : public QObject {
    Q_OBJECT
    std::unique_ptr<render::SceneView> m_view;
    std::optional<twin::Plant> m_plant;
    render::StationBinding m_binding;

    /// Waits until a rendered frame shows something other than the clear colour.
    bool waitForFrame()
    {
        for (int i = 0; i < 40; ++i) {
            QSignalSpy spy(m_view.get(), &render::SceneView::frameCaptured);
            m_view->requestCapture();
            if (spy.wait(5000)) {
                const QImage img = spy.at(0).at(0).value<QImage>();
                if (!img.isNull() &&
                    img.pixel(img.width() / 2, img.height() / 2) != img.pixel(0, 0))
                    return true;
            }
            QTest::qWait(100);
        }
        return false;
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(qEnvironmentVariableIsSet("DISPLAY"),
                 "needs an X display: run under xvfb-run (tools/bootstrap.sh test does)");
        qputenv("QT3D_RENDERER", "opengl");
        render::IsolatedImporter::setHelperProgram(QStringLiteral(TAKT_EXECUTABLE));
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
        QVERIFY(waitForFrame());
    }

    void clickPicksStation()
    {
        const int station = m_plant->stationIndex("ST10");
        const auto pos = m_view->stationScreenPosition(station);
        QVERIFY(pos.has_value());
        QSignalSpy picked(m_view.get(), &render::SceneView::stationPicked);
        // Qt 3D reads input on its own aspect thread: press and release like a user, with a
        // short pause between, and wait for the pick to come back.
        QTest::mousePress(m_view->renderWindow(), Qt::LeftButton, {}, *pos);
        QTest::qWait(50);
        QTest::mouseRelease(m_view->renderWindow(), Qt::LeftButton, {}, *pos);
        QTRY_VERIFY_WITH_TIMEOUT(picked.count() >= 1, 5000);
        QCOMPARE(picked.last().at(0).toInt(), station);
        QCOMPARE(m_view->selectedStation(), station);
    }

    void cameraViewsRoundTrip()
    {
        m_view->fitAll();
        const twin::CameraView overview = m_view->cameraView();
        m_view->setSelectedStation(m_plant->stationIndex("QG30"));
        m_view->fitSelection();
        const twin::CameraView close = m_view->cameraView();
        const auto reach = [](const twin::CameraView& v) {
            return (render::toQVector3D(v.position) - render::toQVector3D(v.viewCenter)).length();
        };
        QVERIFY(reach(close) < reach(overview));
        m_view->setCameraView(overview);
        QCOMPARE(m_view->cameraView().position, overview.position);
        QCOMPARE(m_view->cameraView().viewCenter, overview.viewCenter);
    }

    void fitAllKeepsEveryStationInView()
    {
        m_view->fitAll();
        const QSize size = m_view->renderWindow()->size();
        for (int s = 0; s < int(m_plant->stations.size()); ++s) {
            const auto pos = m_view->stationScreenPosition(s);
            QVERIFY(pos.has_value());
            QVERIFY2(QRect(QPoint(0, 0), size).contains(*pos),
                     m_plant->stations[std::size_t(s)].id.c_str());
        }
    }

    void cleanupTestCase() { m_view.reset(); }
};

QTEST_MAIN(TestSceneViewGui)
#include "test_scene_view_gui.moc"
