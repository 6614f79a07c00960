// The CAD viewer's camera without a window (issue 16, item 1): the pure camera mathematics
// (orbit about a pivot with no roll, pan, zoom towards the cursor, clip planes, standard views),
// the controller driven by synthetic mouse events at two event rates, and the CPU ray caster
// that finds the point under the cursor.
#include "render/cad_camera.h"
#include "render/cad_camera_controller.h"
#include "render/scene_ray_caster.h"

#include <QtTest>

#include <QGuiApplication>
#include <QMouseEvent>
#include <QPointingDevice>
#include <QWheelEvent>

#include <cmath>

using namespace takt::render;

namespace {

const QSizeF kViewport(900, 600);

CameraPose startPose()
{
    CameraPose p;
    p.position = QVector3D(30, 25, 40);
    p.center = QVector3D(2, 1, -3);
    p.up = QVector3D(0, 1, 0);
    // Square the up vector the way the controller keeps it.
    const QVector3D f = p.forward();
    const QVector3D side = QVector3D::crossProduct(f, p.up).normalized();
    p.up = QVector3D::crossProduct(side, f).normalized();
    return p;
}

bool near(const QVector3D& a, const QVector3D& b, float tolerance)
{
    return (a - b).length() <= tolerance;
}

bool near(QPointF a, QPointF b, double tolerance)
{
    return std::hypot(a.x() - b.x(), a.y() - b.y()) <= tolerance;
}

/// A floor of 40 × 40 m at y = 0 as the pick: what a ray through a pixel meets first.
std::optional<QVector3D> floorUnder(const CameraPose& pose, QPointF pixel)
{
    const QVector3D d = viewRay(pose, kViewport, pixel);
    if (d.y() >= -1e-6f)
        return std::nullopt;
    const QVector3D hit = pose.position + d * (-pose.position.y() / d.y());
    if (std::abs(hit.x()) > 20 || std::abs(hit.z()) > 20)
        return std::nullopt; // beyond the floor's edge
    return hit;
}

/// A controller on a pose held here, with the floor as its pick.
struct Rig {
    CameraPose pose = startPose();
    CadCameraController controller{{
        [this] { return pose; },
        [this](const CameraPose& p) { pose = p; },
        [] { return kViewport; },
        [this](QPointF pixel) { return floorUnder(pose, pixel); },
        [] {
            return SceneBox{QVector3D(-20, 0, -20), QVector3D(20, 5, 20)};
        },
    }};

    void mouse(QEvent::Type type, QPointF at, Qt::MouseButton button, Qt::MouseButtons buttons,
               Qt::KeyboardModifiers mods = {})
    {
        QMouseEvent e(type, at, at, button, buttons, mods,
                      QPointingDevice::primaryPointingDevice());
        controller.handle(&e);
    }
    /// A drag from `from` by `by` pixels in `steps` equal mouse moves.
    void drag(QPointF from, QPointF by, int steps, Qt::MouseButton button,
              Qt::KeyboardModifiers mods = {})
    {
        mouse(QEvent::MouseButtonPress, from, button, button, mods);
        for (int i = 1; i <= steps; ++i)
            mouse(QEvent::MouseMove, from + by * (double(i) / steps), Qt::NoButton, button);
        mouse(QEvent::MouseButtonRelease, from + by, button, Qt::NoButton);
    }
};

bool samePose(const CameraPose& a, const CameraPose& b)
{
    return near(a.position, b.position, 1e-3f) && near(a.center, b.center, 1e-3f) &&
           near(a.up, b.up, 1e-4f);
}

} // namespace

class TestCadCamera : public QObject {
    Q_OBJECT
private slots:
    void orbitKeepsDistanceToPivotAndNoRoll_data()
    {
        QTest::addColumn<QPointF>("drag");
        QTest::newRow("right") << QPointF(120, 0);
        QTest::newRow("down") << QPointF(0, 80);
        QTest::newRow("diagonal") << QPointF(-200, -60);
        QTest::newRow("full turn") << QPointF(900, 0);
        QTest::newRow("past the pole") << QPointF(35, 2000);
    }
    void orbitKeepsDistanceToPivotAndNoRoll()
    {
        QFETCH(QPointF, drag);
        const CameraPose start = startPose();
        const QVector3D pivot(5, 0.5f, 2);
        const CameraPose p = orbitPose(start, pivot, drag);
        QCOMPARE_LE(std::abs((p.position - pivot).length() - (start.position - pivot).length()),
                    1e-3f);
        QCOMPARE_LE(std::abs((p.center - pivot).length() - (start.center - pivot).length()), 1e-3f);
        // No roll: the side vector stays horizontal, up stays orthogonal and never upside down.
        QCOMPARE_LE(std::abs(p.right().y()), 1e-4f);
        QCOMPARE_LE(std::abs(QVector3D::dotProduct(p.up, p.forward())), 1e-4f);
        QCOMPARE_GE(p.up.y(), -1e-4f);
        // The pivot stays at its pixel.
        const auto before = projectToPixel(start, kViewport, pivot);
        const auto after = projectToPixel(p, kViewport, pivot);
        QVERIFY(before && after);
        QVERIFY2(near(*before, *after, 0.05), qPrintable(QStringLiteral("%1,%2 -> %3,%4")
                                                             .arg(before->x())
                                                             .arg(before->y())
                                                             .arg(after->x())
                                                             .arg(after->y())));
    }

    void orbitTurnsByPixelsMoved()
    {
        // A horizontal drag of 900 pixels turns a full circle; 225 pixels a quarter.
        const CameraPose start = startPose();
        const QVector3D pivot = start.center;
        const CameraPose quarter = orbitPose(start, pivot, QPointF(225, 0));
        QVector3D a = start.position - pivot, b = quarter.position - pivot;
        a.setY(0);
        b.setY(0);
        QCOMPARE_LE(std::abs(QVector3D::dotProduct(a.normalized(), b.normalized())), 1e-4f);
        QVERIFY(samePose(orbitPose(start, pivot, QPointF(900, 0)), start));
    }

    void orbitStopsAtStraightDown()
    {
        const CameraPose p = orbitPose(startPose(), QVector3D(0, 0, 0), QPointF(0, 5000));
        QCOMPARE_LE(std::abs(p.forward().y() + 1.0f), 1e-4f); // looking straight down
        QCOMPARE_LE(std::abs(p.right().y()), 1e-4f);
        const CameraPose q = orbitPose(startPose(), QVector3D(0, 0, 0), QPointF(0, -5000));
        QCOMPARE_LE(std::abs(q.forward().y() - 1.0f), 1e-4f); // straight up, not over the top
    }

    void zoomKeepsThePointUnderTheCursor_data()
    {
        QTest::addColumn<QPointF>("cursor");
        QTest::addColumn<float>("factor");
        QTest::newRow("centre in") << QPointF(450, 300) << 2.0f;
        QTest::newRow("corner in") << QPointF(80, 520) << 1.2f;
        QTest::newRow("corner out") << QPointF(800, 100) << 0.5f;
    }
    void zoomKeepsThePointUnderTheCursor()
    {
        QFETCH(QPointF, cursor);
        QFETCH(float, factor);
        const CameraPose start = startPose();
        const QVector3D target = pointOnRay(start, kViewport, cursor, 25.0f);
        const CameraPose p = dollyPose(start, target, factor);
        const auto at = projectToPixel(p, kViewport, target);
        QVERIFY(at);
        QVERIFY(near(*at, cursor, 0.05));
        QCOMPARE_LE(
            std::abs((p.position - target).length() * factor - (start.position - target).length()),
            1e-3f);
        QVERIFY(near(p.forward(), start.forward(), 1e-5f)); // no turn while zooming
    }

    void panMovesTheGrabbedPointWithTheCursor()
    {
        const CameraPose start = startPose();
        const QPointF grab(300, 200), drag(-70, 45);
        const QVector3D point = pointOnRay(start, kViewport, grab, 30.0f);
        const CameraPose p = panPose(start, drag, kViewport, 30.0f);
        const auto at = projectToPixel(p, kViewport, point);
        QVERIFY(at);
        QVERIFY(near(*at, grab + drag, 0.05));
    }

    void sameCameraAtTwoEventRates_data()
    {
        QTest::addColumn<int>("button");
        QTest::addColumn<int>("modifiers");
        QTest::newRow("orbit: left") << int(Qt::LeftButton) << 0;
        QTest::newRow("pan: middle") << int(Qt::MiddleButton) << 0;
        QTest::newRow("pan: shift+left") << int(Qt::LeftButton) << int(Qt::ShiftModifier);
        QTest::newRow("zoom: right") << int(Qt::RightButton) << 0;
        QTest::newRow("zoom: ctrl+left") << int(Qt::LeftButton) << int(Qt::ControlModifier);
    }
    void sameCameraAtTwoEventRates()
    {
        // A renderer at 60 frames/s sees a drag as many small moves; at 1 frame/s Qt folds the
        // moves of each second into one. The camera must end in the same place.
        QFETCH(int, button);
        QFETCH(int, modifiers);
        const auto b = Qt::MouseButton(button);
        const auto m = Qt::KeyboardModifiers(modifiers);
        Rig fast, slow;
        fast.drag(QPointF(400, 350), QPointF(90, -60), 90, b, m);
        slow.drag(QPointF(400, 350), QPointF(90, -60), 2, b, m);
        QVERIFY(!samePose(fast.pose, startPose())); // it moved
        QVERIFY(samePose(fast.pose, slow.pose));
        QVERIFY(fast.controller.lastPressDragged());
    }

    void modesFollowButtonsAndModifiers()
    {
        Rig r;
        r.mouse(QEvent::MouseButtonPress, QPointF(450, 300), Qt::LeftButton, Qt::LeftButton);
        QCOMPARE(r.controller.mode(), CadCameraController::Mode::Orbit);
        // The pivot is the surface point under the cursor (the floor here).
        QVERIFY(near(r.controller.pivot(), *floorUnder(r.pose, QPointF(450, 300)), 1e-3f));
        r.mouse(QEvent::MouseButtonRelease, QPointF(450, 300), Qt::LeftButton, Qt::NoButton);
        QCOMPARE(r.controller.mode(), CadCameraController::Mode::None);
        r.mouse(QEvent::MouseButtonPress, QPointF(450, 300), Qt::LeftButton, Qt::LeftButton,
                Qt::ShiftModifier);
        QCOMPARE(r.controller.mode(), CadCameraController::Mode::Pan);
        r.mouse(QEvent::MouseButtonRelease, QPointF(450, 300), Qt::LeftButton, Qt::NoButton);
        r.mouse(QEvent::MouseButtonPress, QPointF(450, 300), Qt::RightButton, Qt::RightButton);
        QCOMPARE(r.controller.mode(), CadCameraController::Mode::Zoom);
        r.mouse(QEvent::MouseButtonRelease, QPointF(450, 300), Qt::RightButton, Qt::NoButton);
        // Nothing under the cursor (the sky): the orbit turns about the scene's centre.
        r.mouse(QEvent::MouseButtonPress, QPointF(450, 2), Qt::LeftButton, Qt::LeftButton);
        QVERIFY(!floorUnder(r.pose, QPointF(450, 2)));
        QVERIFY(near(r.controller.pivot(), QVector3D(0, 2.5f, 0), 1e-4f));
    }

    void clickIsNoDrag()
    {
        Rig r;
        r.drag(QPointF(450, 300), QPointF(2, 1), 2, Qt::LeftButton);
        QVERIFY(!r.controller.lastPressDragged());
        QVERIFY(samePose(r.pose, startPose()));
    }

    void wheelZoomsTowardsTheCursor()
    {
        Rig r;
        const QPointF cursor(650, 420);
        const QVector3D before = *floorUnder(r.pose, cursor);
        for (int notch = 0; notch < 3; ++notch) {
            QWheelEvent e(cursor, cursor, QPoint(), QPoint(0, 120), Qt::NoButton, Qt::NoModifier,
                          Qt::NoScrollPhase, false);
            QVERIFY(r.controller.handle(&e));
        }
        QVERIFY(near(*floorUnder(r.pose, cursor), before, 1e-2f));
        QCOMPARE_LE(std::abs((startPose().position - before).length() /
                                 (r.pose.position - before).length() -
                             std::pow(1.2f, 3.0f)),
                    1e-3f);
        // A touchpad reports pixels only: it zooms too.
        const float reach = (r.pose.position - before).length();
        QWheelEvent pad(cursor, cursor, QPoint(0, -30), QPoint(), Qt::NoButton, Qt::NoModifier,
                        Qt::ScrollUpdate, false);
        QVERIFY(r.controller.handle(&pad));
        QVERIFY((r.pose.position - before).length() > reach); // scrolled back: out
    }

    void clipPlanesHoldTheScene()
    {
        const SceneBox box{QVector3D(-50, 0, -30), QVector3D(60, 12, 40)};
        for (const CameraPose& p :
             {startPose(), standardViewPose(StandardView::Top, box, 1.5f, 40.f),
              orbitPose(startPose(), QVector3D(0, 0, 0), QPointF(300, 100)),
              dollyPose(startPose(), QVector3D(0, 0, 0), 20.0f)}) {
            const auto [nearPlane, farPlane] = clipPlanes(p, box);
            QVERIFY(nearPlane > 0 && farPlane > nearPlane);
            for (int c = 0; c < 8; ++c) {
                const QVector3D corner((c & 1) ? box.max.x() : box.min.x(),
                                       (c & 2) ? box.max.y() : box.min.y(),
                                       (c & 4) ? box.max.z() : box.min.z());
                const float depth = QVector3D::dotProduct(corner - p.position, p.forward());
                QVERIFY(depth <= farPlane);
                if (depth > 0) // in front of the camera: not cut by the near plane either
                    QVERIFY2(depth >= nearPlane || nearPlane <= farPlane / 4000.f,
                             qPrintable(QString::number(depth)));
            }
        }
    }

    void standardViewsLookAlongTheirAxesAndFit_data()
    {
        QTest::addColumn<int>("view");
        QTest::addColumn<QVector3D>("forward");
        QTest::newRow("front") << int(StandardView::Front) << QVector3D(0, 0, -1);
        QTest::newRow("right") << int(StandardView::Right) << QVector3D(-1, 0, 0);
        QTest::newRow("top") << int(StandardView::Top) << QVector3D(0, -1, 0);
        QTest::newRow("iso") << int(StandardView::Iso) << QVector3D(-1, -1, -1).normalized();
    }
    void standardViewsLookAlongTheirAxesAndFit()
    {
        QFETCH(int, view);
        QFETCH(QVector3D, forward);
        const SceneBox box{QVector3D(-50, 0, -30), QVector3D(60, 12, 40)};
        const CameraPose p = standardViewPose(StandardView(view), box, 1.5f, 40.0f);
        QVERIFY(near(p.forward(), forward, 1e-4f));
        QCOMPARE_LE(std::abs(p.right().y()), 1e-4f);
        const QSizeF viewport(1200, 800);
        for (int c = 0; c < 8; ++c) {
            const QVector3D corner((c & 1) ? box.max.x() : box.min.x(),
                                   (c & 2) ? box.max.y() : box.min.y(),
                                   (c & 4) ? box.max.z() : box.min.z());
            const auto at = projectToPixel(p, viewport, corner);
            QVERIFY(at);
            QVERIFY(QRectF(QPointF(0, 0), viewport).contains(*at));
        }
    }

    void rayCasterFindsTheNearestSurface()
    {
        // Two horizontal squares, one at y = 0 and one at y = 3 over half of it.
        auto scene = std::make_shared<FlatScene>();
        scene->nodes.push_back({"root", -1});
        scene->materials.push_back({});
        const auto square = [&](float y, float x0, float x1) {
            FlatMesh m;
            m.positions = {x0, y, -5, x1, y, -5, x1, y, 5, x0, y, 5};
            m.normals = {0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0};
            m.indices = {0, 1, 2, 0, 2, 3};
            scene->meshes.push_back(m);
        };
        square(0, -5, 5);
        square(3, 0, 5);
        FlatMesh cloud; // points are not surfaces
        cloud.primitive = Primitive::Points;
        cloud.positions = {-2, 8, 0};
        cloud.normals = {0, 0, 0};
        cloud.indices = {0};
        scene->meshes.push_back(cloud);
        const SceneRayCaster caster(scene);
        const auto high = caster.cast(QVector3D(2, 10, 1), QVector3D(0, -1, 0));
        QVERIFY(high);
        QCOMPARE(high->mesh, std::size_t(1));
        QVERIFY(near(high->point, QVector3D(2, 3, 1), 1e-4f));
        const auto low = caster.cast(QVector3D(-2, 10, 1), QVector3D(0, -2, 0));
        QVERIFY(low);
        QCOMPARE(low->mesh, std::size_t(0));
        QVERIFY(near(low->point, QVector3D(-2, 0, 1), 1e-4f));
        QVERIFY(!caster.cast(QVector3D(-2, 10, 1), QVector3D(0, 1, 0)));  // away from it
        QVERIFY(!caster.cast(QVector3D(20, 10, 1), QVector3D(0, -1, 0))); // beside it
    }
};

// No window is shown: any platform will do, a display included.
int main(int argc, char** argv)
{
    if (!qEnvironmentVariableIsSet("DISPLAY") && !qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    TestCadCamera test;
    return QTest::qExec(&test, argc, argv);
}
#include "test_cad_camera.moc"
