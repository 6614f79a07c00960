// Presentation mode's camera tour (issue 5, item 6): the interpolation between two camera views
// starts and ends on them, eases in and out, and stays on the straight line between them.
#include "app/presentation_mode.h"

#include <QTest>

using takt::app::PresentationMode;
using takt::render::CameraView;

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
        QVERIFY(qFuzzyCompare(mid.position, (a.position + b.position) * 0.5f));
        QVERIFY(qFuzzyCompare(mid.fieldOfView, 35.0f));
    }

    void interpolationEasesInAndOut()
    {
        CameraView a{{0, 0, 0}, {0, 0, -1}, {0, 1, 0}, 40};
        CameraView b{{100, 0, 0}, {100, 0, -1}, {0, 1, 0}, 40};
        const float early = PresentationMode::interpolate(a, b, 0.1).position.x();
        const float late = PresentationMode::interpolate(a, b, 0.9).position.x();
        QVERIFY2(early < 10.0f, "a move starts slower than linear");
        QVERIFY2(late > 90.0f, "and stops slower than linear");
        QVERIFY(qFuzzyCompare(early + late, 100.0f)); // symmetric
    }
};

QTEST_GUILESS_MAIN(TestPresentation)
#include "test_presentation.moc"
