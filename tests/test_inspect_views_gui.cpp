// Views that engineers ask for (issue 16, item 5), in a real 3D view of the small plant: the
// top-down orthographic plan with its scale bar, a distance measured between two clicked
// points, and a section that cuts away what lies above a height.
#include "app/scale_bar.h"
#include "render/cad_camera.h"
#include "render/isolated_importer.h"
#include "render/scene_view.h"
#include "twin/manifest.h"

#include <QtTest>

#include <QDir>
#include <QWindow>

using namespace takt;

namespace {

const QString kOut = QStringLiteral(TAKT_BINARY_DIR "/tests/screenshots");

render::CameraPose poseOf(const render::SceneView& view)
{
    const twin::CameraView v = view.cameraView();
    render::CameraPose p{render::toQVector3D(v.position), render::toQVector3D(v.viewCenter),
                         render::toQVector3D(v.up), float(v.fieldOfView)};
    if (view.planView()) // the orthographic height, from the scale of one pixel
        p.orthoHeight = float(view.metresPerPixel() * view.renderWindow()->height());
    return p;
}

} // namespace

class TestInspectViewsGui : public QObject {
    Q_OBJECT
    std::unique_ptr<render::SceneView> m_view;
    std::optional<twin::Plant> m_plant;
    render::StationBinding m_binding;
    std::shared_ptr<const render::FlatScene> m_scene;

    QImage capture()
    {
        QSignalSpy spy(m_view.get(), &render::SceneView::frameCaptured);
        m_view->requestCapture();
        if (!spy.wait(10000))
            return {};
        return spy.at(0).at(0).value<QImage>();
    }
    void click(QPoint at)
    {
        QTest::mousePress(m_view->renderWindow(), Qt::LeftButton, {}, at);
        QTest::qWait(30);
        QTest::mouseRelease(m_view->renderWindow(), Qt::LeftButton, {}, at);
        QTest::qWait(30);
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
        m_scene = o.scene;
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

    void planViewIsOrthographicFromAboveAtOneScale()
    {
        QSignalSpy moved(m_view.get(), &render::SceneView::cameraChanged);
        m_view->setPlanView(true);
        QVERIFY(m_view->planView());
        QVERIFY(moved.count() > 0);
        const render::CameraPose p = poseOf(*m_view);
        QVERIFY((p.forward() - QVector3D(0, -1, 0)).length() < 1e-4f);
        // One scale everywhere: the distance between two stations on screen, in pixels, times
        // metres per pixel is their distance on the floor.
        const int a = m_plant->stationIndex("ST10"), b = m_plant->stationIndex("QG30");
        const auto pa = m_view->stationScreenPosition(a), pb = m_view->stationScreenPosition(b);
        QVERIFY(pa && pb);
        const QRect frame(QPoint(0, 0), m_view->renderWindow()->size());
        for (int s = 0; s < int(m_plant->stations.size()); ++s) {
            const auto at = m_view->stationScreenPosition(s);
            QVERIFY(at && frame.contains(*at));
        }
        const double pixels = std::hypot(pa->x() - pb->x(), pa->y() - pb->y());
        const auto centre = [&](int s) {
            QVector3D lo(1e9f, 1e9f, 1e9f), hi(-1e9f, -1e9f, -1e9f);
            for (std::size_t m = 0; m < m_scene->meshes.size(); ++m)
                if (m_binding.stationOfMesh(*m_scene, m) == s) {
                    const auto& pos = m_scene->meshes[m].positions;
                    for (std::size_t i = 0; i + 2 < pos.size(); i += 3)
                        for (int k = 0; k < 3; ++k) {
                            lo[k] = std::min(lo[k], pos[i + std::size_t(k)]);
                            hi[k] = std::max(hi[k], pos[i + std::size_t(k)]);
                        }
                }
            return (lo + hi) * 0.5f;
        };
        QVector3D d = centre(a) - centre(b);
        d.setY(0);
        QVERIFY2(std::abs(pixels * m_view->metresPerPixel() - double(d.length())) <
                     2.0 * m_view->metresPerPixel(),
                 qPrintable(QStringLiteral("%1 px × %2 m/px against %3 m")
                                .arg(pixels)
                                .arg(m_view->metresPerPixel())
                                .arg(d.length())));
        // Zooming in the plan keeps it a plan, at a finer scale.
        const double before = m_view->metresPerPixel();
        const QPointF at(*pa);
        QWheelEvent e(at, at, QPoint(), QPoint(0, 240), Qt::NoButton, Qt::NoModifier,
                      Qt::NoScrollPhase, false);
        QCoreApplication::sendEvent(m_view->renderWindow(), &e);
        QVERIFY(m_view->planView());
        QVERIFY(m_view->metresPerPixel() < before * 0.8);
        const QImage img = capture();
        QVERIFY(!img.isNull());
        img.save(kOut + QStringLiteral("/cad-plan-view.png"));
        m_view->setPlanView(false);
        QVERIFY(!m_view->planView());
    }

    void scaleBarShowsARoundLengthAtTheViewsScale_data()
    {
        QTest::addColumn<double>("metresPerPixel");
        QTest::addColumn<double>("metres");
        QTest::addColumn<QString>("label");
        QTest::newRow("0.1 m/px") << 0.1 << 10.0 << "10 m";
        QTest::newRow("0.3 m/px") << 0.3 << 20.0 << "20 m";
        QTest::newRow("0.05 m/px") << 0.05 << 5.0 << "5 m";
        QTest::newRow("2 mm/px") << 0.002 << 0.2 << "200 mm";
        QTest::newRow("10 m/px") << 10.0 << 1000.0 << "1 km";
    }
    void scaleBarShowsARoundLengthAtTheViewsScale()
    {
        QFETCH(double, metresPerPixel);
        QFETCH(double, metres);
        QFETCH(QString, label);
        app::ScaleBar bar;
        bar.setMetresPerPixel(metresPerPixel);
        QCOMPARE(bar.barMetres(), metres);
        QCOMPARE(bar.label(), label);
        QVERIFY(bar.barPixels() <= 120 && bar.barPixels() > 40);
        QVERIFY(std::abs(bar.barPixels() * metresPerPixel - metres) <= metresPerPixel);
    }

    void measuresTheDistanceBetweenTwoClickedPoints()
    {
        m_view->setPlanView(true);
        const QSizeF viewport(m_view->renderWindow()->size());
        // Two points on the floor (its top at y = -0.1 in the small layout, clear of the
        // stations), 10 m apart in x and 7 m in z, clicked where the plan shows them.
        const render::CameraPose p = poseOf(*m_view);
        const QVector3D a(-9, -0.1f, 3), b(1, -0.1f, -4);
        const auto pa = render::projectToPixel(p, viewport, a);
        const auto pb = render::projectToPixel(p, viewport, b);
        QVERIFY(pa && pb);
        const auto floorA = m_view->surfacePoint(pa->toPoint());
        QVERIFY2(floorA, "no floor under the first point");
        m_view->setMeasuring(true);
        QSignalSpy started(m_view.get(), &render::SceneView::measureStarted);
        QSignalSpy measured(m_view.get(), &render::SceneView::distanceMeasured);
        QSignalSpy picked(m_view.get(), &render::SceneView::stationPicked);
        click(pa->toPoint());
        QCOMPARE(started.count(), 1);
        click(pb->toPoint());
        QCOMPARE(measured.count(), 1);
        const double metres = measured.at(0).at(2).toDouble();
        const auto from = measured.at(0).at(0).value<QVector3D>();
        const auto to = measured.at(0).at(1).value<QVector3D>();
        qInfo("clicked %g,%g and %g,%g: from %g %g %g to %g %g %g", pa->x(), pa->y(), pb->x(),
              pb->y(), from.x(), from.y(), from.z(), to.x(), to.y(), to.z());
        const double pixel = m_view->metresPerPixel();
        const double truth = double((b - a).length());
        QVERIFY2(std::abs(metres - truth) < 2 * pixel,
                 qPrintable(QStringLiteral("%1 m measured, %2 m true").arg(metres).arg(truth)));
        const QImage img = capture();
        QVERIFY(!img.isNull());
        img.save(kOut + QStringLiteral("/cad-measure.png"));
        QTest::qWait(300);
        QCOMPARE(picked.count(), 0); // measuring clicks select nothing
        m_view->setMeasuring(false);
        m_view->setPlanView(false);
    }

    void sectionCutsAwayWhatLiesAbove()
    {
        // From the front, the layout's rows above the cut go blank; below it nothing changes.
        m_view->setStandardView(render::StandardView::Front);
        const auto box = m_scene->bounds();
        const float top = box[1][1], cut = box[1][1] * 0.5f;
        const QSizeF viewport(m_view->renderWindow()->size());
        const render::CameraPose p = poseOf(*m_view);
        const QVector3D centre((box[0][0] + box[1][0]) / 2, 0, box[1][2]);
        const int rowTop =
            int(render::projectToPixel(p, viewport, centre + QVector3D(0, top, 0))->y());
        const int rowCut =
            int(render::projectToPixel(p, viewport, centre + QVector3D(0, cut, 0))->y());
        QVERIFY(rowCut - rowTop > 10);
        const auto drawnAbove = [&](const QImage& img, int from, int to) {
            const QRgb background = img.pixel(2, 2);
            int n = 0;
            for (int y = std::max(0, from); y < std::min(img.height(), to); ++y)
                for (int x = 0; x < img.width(); ++x)
                    n += img.pixel(x, y) != background;
            return n;
        };
        render::OverlaySettings off; // labels and markers float above: not part of the cut
        off.bottleneck = off.checkpoints = off.wip = off.flow = off.labels = false;
        m_view->setOverlaySettings(off);
        const QImage whole = capture();
        QVERIFY(!whole.isNull());
        const int before = drawnAbove(whole, rowTop + 2, rowCut - 3);
        QVERIFY(before > 200);
        m_view->setSection(render::SectionPlane{1, cut});
        QCOMPARE(m_view->section()->at, cut);
        QTest::qWait(100);
        const QImage cutImage = capture();
        QVERIFY(!cutImage.isNull());
        cutImage.save(kOut + QStringLiteral("/cad-section.png"));
        const int after = drawnAbove(cutImage, rowTop + 2, rowCut - 3);
        QVERIFY2(
            after < before / 20,
            qPrintable(
                QStringLiteral("%1 pixels drawn above the cut, %2 before").arg(after).arg(before)));
        // Below the cut the layout is still drawn.
        QVERIFY(drawnAbove(cutImage, rowCut + 3, cutImage.height()) > 200);
        m_view->setSection(std::nullopt);
        QVERIFY(!m_view->section());
    }

    void cleanupTestCase() { m_view.reset(); }
};

QTEST_MAIN(TestInspectViewsGui)
#include "test_inspect_views_gui.moc"
