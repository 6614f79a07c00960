// Presentation mode's camera tour (issue 5, item 6): the interpolation between two camera views
// starts and ends on them, eases in and out, and stays on the straight line between them.
#include "app/presentation_mode.h"

#include <QTest>

using takt::app::PresentationMode;
using takt::render::toQVector3D;
using takt::twin::CameraView;

class TestPresentation : public QObject {
    Q_OBJECT
private slots:
    void interpolationEndsOnTheViews()
    {
        CameraView a{{0, 10, 20}, {0, 0, 0}, {0, 1, 0}, 40};
        CameraView b{{30, 5, 0}, {10, 0, -5}, {0, 1, 0}, 30};
        QCOMPARE(PresentationMode::interpolate(a, b, 0.0), a);
        QCOMPARE(PresentationMode::interpolate(a, b, 1.0), b);
        QCOMPARE(PresentationMode::interpolate(a, b, -1.0), a); // clamped
        QCOMPARE(PresentationMode::interpolate(a, b, 2.0), b);
        const CameraView mid = PresentationMode::interpolate(a, b, 0.5);
        QVERIFY(qFuzzyCompare(toQVector3D(mid.position),
                              (toQVector3D(a.position) + toQVector3D(b.position)) * 0.5f));
        QVERIFY(qFuzzyCompare(mid.fieldOfView, 35.0));
    }

    void interpolationEasesInAndOut()
    {
        CameraView a{{0, 0, 0}, {0, 0, -1}, {0, 1, 0}, 40};
        CameraView b{{100, 0, 0}, {100, 0, -1}, {0, 1, 0}, 40};
        const double early = PresentationMode::interpolate(a, b, 0.1).position[0];
        const double late = PresentationMode::interpolate(a, b, 0.9).position[0];
        QVERIFY2(early < 10.0, "a move starts slower than linear");
        QVERIFY2(late > 90.0, "and stops slower than linear");
        QVERIFY(qAbs(early + late - 100.0) < 1e-4); // symmetric
    }
};

QTEST_GUILESS_MAIN(TestPresentation)
#include "test_presentation.moc"
