// Full detail once the camera stops (issue 16, item 2): each cell is drawn at the coarsest level
// that lies within kFullDetailPixelError (half a pixel) of its original surface. Those still
// images must agree with every-triangle images of the same views, within the tolerance of the
// render baselines (near views where every cell keeps its triangles, far and oblique ones where
// cells take different levels, the orthographic plan), on a layout whose parts overlap two by
// two in different colours as the generated benchmark layouts' do (where merging parts changes
// colours at no geometric error); and a rule sixteen times as loose must not agree, so that the
// comparison is known to see a coarser level where there is one.
//
// Every run keeps its images in <build>/tests/actual/: still-VIEW-half.png, still-VIEW-every.png
// and still-VIEW-diff.png (every pixel off by more than the threshold in magenta).
// TAKT_STILL_LAYOUT=FILE compares the same views of that layout instead of the built-in one
// (bench/orbit.sh's 10 M-triangle layout: run the test alone, it takes minutes).
#include "detail_scenes.h"
#include "image_compare.h"
#include "render/full_detail.h"
#include "render/isolated_importer.h"
#include "render/scene_view.h"

#include <QtTest>

#include <QApplication>
#include <QVector3D>

using namespace takt;

namespace {

/// Mean channel difference and share of pixels off by more than 48 in a channel
/// (testing::compareImages, as the render baselines are compared). Tighter than the baselines'
/// 3.0 and 2 %: both images come from the same renderer in the same run, so only the levels
/// differ, and a cell within half a pixel moves no edge by a whole pixel.
constexpr double kMaxMean = 0.5;
constexpr double kMaxShare = 0.002;

/// A still rule this many times as loose as the default must show a difference somewhere.
constexpr float kLooseFactor = 16.0f;

} // namespace

class TestStillDetailGui : public QObject {
    Q_OBJECT
    std::unique_ptr<render::SceneView> m_view;
    std::shared_ptr<const render::FlatScene> m_scene;
    QVector3D m_lo, m_hi;
    bool m_external = false;

    QImage capture()
    {
        QSignalSpy spy(m_view.get(), &render::SceneView::frameCaptured);
        m_view->requestCapture();
        if (!spy.wait(m_external ? 120000 : 20000))
            return {};
        return spy.at(0).at(0).value<QImage>();
    }

    struct Still {
        QImage image;
        render::DetailStats stats;
    };
    /// The frame drawn once the camera has been still for the view's delay, at `pixelError`.
    Still still(float pixelError)
    {
        m_view->setStillPixelError(pixelError);
        QTest::qWait(render::SceneView::kStillDelayMs + 100);
        capture(); // the frame that was on its way when the levels changed
        Still s;
        s.image = capture();
        s.stats = m_view->detailStats();
        return s;
    }

    void setView(const QString& name)
    {
        const QVector3D size = m_hi - m_lo;
        const float up = std::max(4.0f, 2.0f * size.y());
        twin::CameraView v;
        if (name == QLatin1String("fitted")) {
            m_view->fitAll();
            return;
        }
        if (name == QLatin1String("iso")) {
            m_view->setStandardView(render::StandardView::Iso);
            return;
        }
        if (name == QLatin1String("plan")) {
            m_view->setPlanView(true);
            return;
        }
        if (name == QLatin1String("across")) {
            // From just beyond one corner, low, across the whole layout to the far corner:
            // near cells large on screen, far ones a few pixels.
            v.position = render::toArray(m_lo + QVector3D(-2.0f, up, -2.0f));
            v.viewCenter = render::toArray(QVector3D(m_hi.x(), m_lo.y(), m_hi.z()));
        } else { // "close": a few parts from about 12 m
            const QVector3D at = m_lo + QVector3D(0.3f * size.x(), 1.0f, 0.3f * size.z());
            v.position = render::toArray(at + QVector3D(5.0f, 7.0f, 9.0f));
            v.viewCenter = render::toArray(at);
        }
        m_view->setCameraView(v);
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(qEnvironmentVariableIsSet("DISPLAY"), "needs an X display: run under xvfb-run");
        qputenv("QT3D_RENDERER", "opengl");
        const QString layout = qEnvironmentVariable("TAKT_STILL_LAYOUT");
        if (!layout.isEmpty()) {
            m_external = true;
            render::IsolatedImporter::setHelperCommand(QStringLiteral(TAKT_EXECUTABLE),
                                                       {QStringLiteral("__import-helper")});
            render::ImportOptions options;
            options.timeoutMs = 600'000;
            options.memoryLimitMb = 16'384;
            const auto o = render::IsolatedImporter::importBlocking(layout, options);
            QVERIFY2(o.ok, qPrintable(o.error));
            m_scene = o.scene;
        } else {
            // 32 × 32 spots of two overlapping tubes each (144 triangles a tube): far cells
            // take sloppy levels, which merge the parts of a spot.
            m_scene = std::make_shared<render::FlatScene>(test::tubeLayout(32, 32, 3.0f, 12, 6, 2));
        }
        const auto b = m_scene->bounds();
        m_lo = QVector3D(b[0][0], b[0][1], b[0][2]);
        m_hi = QVector3D(b[1][0], b[1][1], b[1][2]);
        m_view = std::make_unique<render::SceneView>(nullptr, render::SceneView::Purpose::Images);
        m_view->resize(1000, 640);
        m_view->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
        m_view->setAnimated(false);
        QSignalSpy ready(m_view.get(), &render::SceneView::detailLevelsReady);
        m_view->setScene(m_scene, nullptr, nullptr);
        QVERIFY(ready.wait(m_external ? 600'000 : 60'000));
        QVERIFY(m_view->detailStats().levelsReady);
    }

    void defaultIsHalfAPixel()
    {
        // Nothing set: the view's still rule is the half-pixel one, which draws fewer triangles
        // than every one at the fitted view of a layout this size.
        m_view->fitAll();
        QTest::qWait(render::SceneView::kStillDelayMs + 100);
        const render::DetailStats s = m_view->detailStats();
        QVERIFY(s.fullDetail);
        QVERIFY2(!s.everyTriangle, "the fitted view keeps every triangle: nothing is compared");
        QVERIFY(s.triangles < m_scene->triangleCount());
    }

    void stillImagesAgree_data()
    {
        QTest::addColumn<QString>("view");
        for (const char* v : {"fitted", "iso", "across", "close", "plan"})
            QTest::newRow(v) << QString::fromLatin1(v);
    }
    void stillImagesAgree()
    {
        QFETCH(QString, view);
        setView(view);
        const Still every = still(0.0f);
        QVERIFY(!every.image.isNull());
        QVERIFY(every.stats.everyTriangle);
        const Still half = still(render::kFullDetailPixelError);
        QVERIFY(!half.image.isNull());
        QVERIFY(half.stats.fullDetail);
        const QString name = QStringLiteral("still-") + view;
        testing::saveActual(every.image, name + "-every");
        testing::saveActual(half.image, name + "-half");
        testing::saveDiff(half.image, every.image, name);
        const testing::ImageDiff diff = testing::compareImages(half.image, every.image);
        qInfo("%s: %zu of %zu triangles at half a pixel; mean channel difference %.3f, %.3f%% "
              "pixels differ",
              qPrintable(view), half.stats.triangles, every.stats.triangles, diff.meanAbs,
              diff.differingShare * 100);
        QVERIFY(diff.sameSize);
        QVERIFY2(diff.meanAbs <= kMaxMean && diff.differingShare <= kMaxShare,
                 qPrintable(QStringLiteral("%1: the half-pixel image differs from every "
                                           "triangle's (mean %2, %3% of pixels; images in %4)")
                                .arg(view)
                                .arg(diff.meanAbs)
                                .arg(diff.differingShare * 100)
                                .arg(QStringLiteral(TAKT_BINARY_DIR "/tests/actual"))));
    }

    void looseRuleIsSeen()
    {
        // The comparison above sees coarse levels where they show: a rule sixteen times as
        // loose differs from every triangle beyond the same tolerance in some view.
        double worstMean = 0, worstShare = 0;
        for (const char* v : {"fitted", "across", "close"}) {
            setView(QString::fromLatin1(v));
            const Still every = still(0.0f);
            const Still loose = still(kLooseFactor * render::kFullDetailPixelError);
            const testing::ImageDiff diff = testing::compareImages(loose.image, every.image);
            testing::saveDiff(loose.image, every.image, QStringLiteral("still-%1-loose").arg(v));
            qInfo("%s at %g pixels: %zu of %zu triangles; mean %.3f, %.3f%% pixels differ", v,
                  double(kLooseFactor * render::kFullDetailPixelError), loose.stats.triangles,
                  every.stats.triangles, diff.meanAbs, diff.differingShare * 100);
            worstMean = std::max(worstMean, diff.meanAbs);
            worstShare = std::max(worstShare, diff.differingShare);
        }
        QVERIFY2(worstMean > kMaxMean || worstShare > kMaxShare,
                 qPrintable(QStringLiteral("a rule of %1 pixels looks like every triangle "
                                           "(mean %2, %3% of pixels at worst)")
                                .arg(double(kLooseFactor * render::kFullDetailPixelError))
                                .arg(worstMean)
                                .arg(worstShare * 100)));
        m_view->setStillPixelError(render::kFullDetailPixelError);
    }

    void cleanupTestCase() { m_view.reset(); }
};

QTEST_MAIN(TestStillDetailGui)
#include "test_still_detail_gui.moc"
