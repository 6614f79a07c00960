// Labels in the 3D view close up (issue 4): the real window on the sample shift, the camera
// close to the bottleneck. Labels are drawn over the scene (no station, beacon or wall cuts
// into one) and never over each other: where two would overlap, the less important one gives
// way. The close-up is kept as a baseline image, and the frame is compared with the same frame
// without labels to see that every label shown is really there, whole.
#include "app/frame_grabber.h"
#include "app/main_window.h"
#include "app/replay_controller.h"
#include "image_compare.h"
#include "render/isolated_importer.h"
#include "render/scene_view.h"

#include "main_window_support.h"

#include <QtTest>

#include <QApplication>

using namespace takt;

namespace {

const QString kOut = QStringLiteral(TAKT_BINARY_DIR "/tests/screenshots");

/// Share of the pixels inside `rect` (less a border for antialiasing) where two frames differ
/// clearly.
double changedShare(const QImage& a, const QImage& b, const QRectF& rect)
{
    const QRect r = rect.toAlignedRect().adjusted(3, 3, -3, -3).intersected(a.rect());
    if (r.isEmpty())
        return 0.0;
    int changed = 0;
    for (int y = r.top(); y <= r.bottom(); ++y)
        for (int x = r.left(); x <= r.right(); ++x) {
            const QRgb p = a.pixel(x, y), q = b.pixel(x, y);
            const int d = std::max({std::abs(qRed(p) - qRed(q)), std::abs(qGreen(p) - qGreen(q)),
                                    std::abs(qBlue(p) - qBlue(q))});
            changed += d > 12;
        }
    return double(changed) / (r.width() * r.height());
}

} // namespace

class TestLabelsGui : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QVERIFY(QDir().mkpath(kOut));
        m_window.resize(1600, 1000);
        m_window.show();
        QSignalSpy shown(&m_window, &app::MainWindow::documentShown);
        m_window.openFile(QStringLiteral(TAKT_SAMPLE_SHIFT));
        QVERIFY2(shown.wait(120'000), "the sample shift did not open");
        m_window.sceneView()->setAnimated(false); // the beacon stands still for the images
    }

    void closeUpLabelsAreReadable_data()
    {
        QTest::addColumn<float>("distance"); // times the distance fitSelection() takes
        QTest::addColumn<float>("height");   // of the camera over its target, in metres
        // From above, as fitSelection() looks: the gates and buffers around crowd their labels.
        QTest::newRow("above") << 2.0f << -1.0f;
        // Low, across the line: stations, columns and racks stand in front of labels.
        QTest::newRow("low") << 1.6f << 4.0f;
    }

    void closeUpLabelsAreReadable()
    {
        QFETCH(float, distance);
        QFETCH(float, height);
        auto* replay = m_window.replay();
        replay->seek(replay->startMs() + 5 * 3'600'000);
        auto* view = m_window.sceneView();
        const int b = replay->bottleneck();
        QVERIFY(b >= 0);
        const QString bottleneck =
            QString::fromStdString(m_window.document()->plant->stations[std::size_t(b)].id);
        // Close to the bottleneck: its beacon stands in front of its name, and the gates and
        // buffers around it crowd their labels together.
        view->setSelectedStation(b);
        view->fitSelection();
        auto camera = view->cameraView();
        const QVector3D centre = render::toQVector3D(camera.viewCenter);
        QVector3D back = (render::toQVector3D(camera.position) - centre) * distance;
        if (height >= 0) {
            const float along = std::hypot(back.x(), back.z());
            back = QVector3D(back.x(), 0, back.z()).normalized() * along;
            back.setY(height);
        }
        camera.position = render::toArray(centre + back);
        view->setCameraView(camera);
        app::FrameGrabber grabber(view);
        const QImage frame = grabber.grabBlocking({60, 250, 3});
        QVERIFY(!frame.isNull());
        const QString name = QStringLiteral("labels_closeup_") + QTest::currentDataTag();
        QVERIFY(frame.save(kOut + "/" + name + ".png"));

        const auto placed = view->labelPlacements();
        std::vector<render::LabelPlacement> shown, hidden;
        for (const auto& p : placed)
            (p.shown ? shown : hidden).push_back(p);
        QVERIFY2(shown.size() >= 8, qPrintable(QString::number(shown.size())));
        // None drawn over another.
        for (std::size_t i = 0; i < shown.size(); ++i)
            for (std::size_t j = i + 1; j < shown.size(); ++j)
                QVERIFY2(!shown[i].rect.intersects(shown[j].rect),
                         qPrintable(shown[i].text + " overlaps " + shown[j].text));
        // Crowded here: some give way, each to a label it would have overlapped.
        QVERIFY(std::any_of(hidden.begin(), hidden.end(),
                            [](const auto& h) { return !h.rect.isEmpty(); }));
        for (const auto& h : hidden)
            QVERIFY2(h.rect.isEmpty() || // its anchor is behind the camera
                         std::any_of(shown.begin(), shown.end(),
                                     [&](const auto& s) {
                                         return s.rect.intersects(h.rect.adjusted(-2, -2, 2, 2));
                                     }),
                     qPrintable(h.text + " was hidden with nothing in its way"));
        // The most important ones never give way.
        const auto isShown = [&](const QString& text) {
            return std::any_of(shown.begin(), shown.end(),
                               [&](const auto& s) { return s.text == text; });
        };
        QVERIFY(isShown("BOTTLENECK  " + bottleneck));
        QVERIFY2(isShown(bottleneck), "the bottleneck's name gave way");

        // Each label shown is really on screen and whole: the frame without labels differs
        // across (nearly) all of its plate. The bottleneck's name stands behind its beacon,
        // which hid half of it while labels were depth-tested.
        auto settings = view->overlaySettings();
        settings.labels = false;
        view->setOverlaySettings(settings);
        const QImage bare = grabber.grabBlocking({60, 250, 3});
        settings.labels = true;
        view->setOverlaySettings(settings);
        QCOMPARE(bare.size(), frame.size());
        for (const auto& s : shown) {
            if (s.text.startsWith(QLatin1String("BOTTLENECK")) ||
                !QRectF(frame.rect()).contains(s.rect))
                continue; // the beacon's label stays without labels; cut off at the edge
            const double share = changedShare(frame, bare, s.rect);
            // Plates are translucent: over a station of their own hue (a green checkpoint
            // plate over a green station) some pixels hardly change.
            const double least = s.text == bottleneck ? 0.95 : 0.6;
            if (share < least)
                QFAIL(qPrintable(QStringLiteral("label %1 shows on %2% of its plate; see %3")
                                     .arg(s.text)
                                     .arg(share * 100, 0, 'f', 0)
                                     .arg(testing::saveActual(frame, name))));
        }

        const auto check = testing::checkBaseline(frame, name, 3.0, 0.02);
        QVERIFY2(check.ok, qPrintable(check.message));
    }

private:
    app::MainWindow m_window;
};

int main(int argc, char** argv)
{
    return takt::testing::runWindowTest<TestLabelsGui>(argc, argv, "test_labels_gui",
                                                       QStringLiteral(TAKT_EXECUTABLE));
}

#include "test_labels_gui.moc"
