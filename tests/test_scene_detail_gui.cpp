// Levels of detail change what is drawn, never what it means (issue 16, item 2): on every level
// each station keeps its state colour and a click on it still picks it; the levels are built
// after the first frame and draw fewer triangles.
#include "detail_scenes.h"
#include "render/scene_lod.h"
#include "render/scene_view.h"
#include "render/station_binding.h"
#include "twin/manifest.h"

#include <QtTest>

#include <QApplication>
#include <QDir>
#include <QWindow>

using namespace takt;

class TestSceneDetailGui : public QObject {
    Q_OBJECT
    std::unique_ptr<render::SceneView> m_view;
    std::optional<twin::Plant> m_plant;
    render::StationBinding m_binding;

    QImage capture()
    {
        QSignalSpy spy(m_view.get(), &render::SceneView::frameCaptured);
        m_view->requestCapture();
        if (!spy.wait(10000))
            return {};
        return spy.at(0).at(0).value<QImage>();
    }
    /// The mean colour of a 7 × 7 square about `at`.
    static QColor meanAround(const QImage& image, QPoint at)
    {
        int r = 0, g = 0, b = 0, n = 0;
        for (int y = at.y() - 3; y <= at.y() + 3; ++y)
            for (int x = at.x() - 3; x <= at.x() + 3; ++x) {
                const QColor c = image.pixelColor(x, y);
                r += c.red();
                g += c.green();
                b += c.blue();
                ++n;
            }
        return QColor(r / n, g / n, b / n);
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(qEnvironmentVariableIsSet("DISPLAY"),
                 "needs an X display: run under xvfb-run (tools/bootstrap.sh test does)");
        qputenv("QT3D_RENDERER", "opengl");
        m_plant = twin::loadPlantManifest(TAKT_SOURCE_DIR "/tests/data/small_plant.json");
        auto scene = std::make_shared<render::FlatScene>(test::denseStationScene());
        m_binding = render::bindStations(*m_plant, *scene);
        m_view = std::make_unique<render::SceneView>(nullptr, render::SceneView::Purpose::Images);
        m_view->resize(900, 600);
        m_view->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
        render::OverlaySettings settings;
        settings.bottleneck = settings.checkpoints = settings.wip = settings.flow =
            settings.labels = false; // nothing drawn over the stations but their colours
        m_view->setOverlaySettings(settings);
        m_view->setAnimated(false);
        QSignalSpy ready(m_view.get(), &render::SceneView::detailLevelsReady);
        m_view->setScene(scene, &*m_plant, &m_binding);
        render::OverlayFrame frame;
        frame.stations.resize(m_plant->stations.size());
        const twin::StationState states[] = {twin::StationState::Down, twin::StationState::Blocked,
                                             twin::StationState::Working,
                                             twin::StationState::Starved};
        for (std::size_t s = 0; s < frame.stations.size(); ++s)
            frame.stations[s].state = states[s % 4];
        m_view->setOverlayFrame(frame);
        // The levels come after the first frame, from a worker thread.
        QVERIFY(!m_view->detailStats().levelsReady);
        QVERIFY(ready.wait(60000));
        QVERIFY(m_view->detailStats().levelsReady);
    }

    void everyLevelKeepsColoursAndPicking()
    {
        m_view->fitAll();
        std::vector<QColor> fullDetail;
        std::size_t fullTriangles = 0;
        for (int level = 0; level < 4; ++level) {
            m_view->setForcedDetailLevel(level);
            m_view->setSelectedStation(
                -1); // the clicks below select; colours are compared unselected
            QTest::qWait(100);
            const render::DetailStats stats = m_view->detailStats();
            if (level == 0)
                fullTriangles = stats.triangles;
            else
                QVERIFY2(stats.triangles * 2 <= fullTriangles,
                         qPrintable(QStringLiteral("level %1 draws %2 of %3 triangles")
                                        .arg(level)
                                        .arg(stats.triangles)
                                        .arg(fullTriangles)));
            capture(); // the frame after the change of level
            const QImage image = capture();
            QVERIFY(!image.isNull());
            image.save(QDir(TAKT_BINARY_DIR)
                           .filePath(QStringLiteral("tests/scene-detail-level%1.png").arg(level)));
            for (int s = 0; s < int(m_plant->stations.size()); ++s) {
                const auto pos = m_view->stationScreenPosition(s);
                QVERIFY(pos.has_value());
                const QColor c = meanAround(image, *pos);
                if (level == 0) {
                    fullDetail.push_back(c);
                    continue;
                }
                const QColor& want = fullDetail[std::size_t(s)];
                const int diff = std::abs(c.red() - want.red()) +
                                 std::abs(c.green() - want.green()) +
                                 std::abs(c.blue() - want.blue());
                QVERIFY2(diff <= 45, qPrintable(QStringLiteral("station %1 level %2: %3 not %4")
                                                    .arg(s)
                                                    .arg(level)
                                                    .arg(c.name(), want.name())));
            }
            // A click on each station picks it, whatever the level.
            for (int s = 0; s < int(m_plant->stations.size()); ++s) {
                const QPoint pos = *m_view->stationScreenPosition(s);
                QSignalSpy picked(m_view.get(), &render::SceneView::stationPicked);
                QTest::mousePress(m_view->renderWindow(), Qt::LeftButton, {}, pos);
                QTest::qWait(50);
                QTest::mouseRelease(m_view->renderWindow(), Qt::LeftButton, {}, pos);
                QTRY_VERIFY_WITH_TIMEOUT(picked.count() >= 1, 5000);
                QCOMPARE(picked.last().at(0).toInt(), s);
            }
        }
        // Station colours differ from each other on level 0 (the comparison above means
        // something): down, blocked, working and starved.
        for (std::size_t a = 0; a < fullDetail.size(); ++a)
            for (std::size_t b = a + 1; b < fullDetail.size(); ++b)
                QVERIFY(fullDetail[a] != fullDetail[b]);
        m_view->setForcedDetailLevel(std::nullopt);
    }

    void fullDetailWhenStill()
    {
        m_view->setForcedDetailLevel(std::nullopt);
        m_view->setStandardView(render::StandardView::Iso);
        // Moving: coarser somewhere (the stations are dense), more than half a pixel off;
        // still: full detail on screen again.
        QVERIFY(!m_view->detailStats().fullDetail);
        QTRY_VERIFY_WITH_TIMEOUT(m_view->detailStats().fullDetail,
                                 render::SceneView::kStillDelayMs + 250);
        // With no error allowed once still: every triangle.
        m_view->setStillPixelError(0.0f);
        m_view->setStandardView(render::StandardView::Top);
        QVERIFY(!m_view->detailStats().everyTriangle);
        QTRY_VERIFY_WITH_TIMEOUT(m_view->detailStats().everyTriangle,
                                 render::SceneView::kStillDelayMs + 250);
        QVERIFY(m_view->detailStats().fullDetail);
        m_view->setStillPixelError(render::kFullDetailPixelError);
        m_view->setDetail(false, false);
        m_view->setStandardView(render::StandardView::Front);
        QVERIFY(m_view->detailStats().fullDetail);
        QCOMPARE(m_view->detailStats().cellsDrawn, m_view->detailStats().cells);
        m_view->setDetail(true, true);
    }

    void cleanupTestCase() { m_view.reset(); }
};

QTEST_MAIN(TestSceneDetailGui)
#include "test_scene_detail_gui.moc"
