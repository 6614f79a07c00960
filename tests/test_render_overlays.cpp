// Render tests of the 3D twin (issue 4): the real takt draws the sample plant at fixed times of
// the sample shift with the overlays on; each frame is compared with a baseline PNG in
// tests/baselines/ with a tolerance, and the actual image is kept on failure.
// TAKT_UPDATE_BASELINES=1 rewrites the baselines (look at them before committing).
#include "image_compare.h"
#include "render/overlay_types.h"

#include <QtTest>

#include <QProcess>

namespace {
/// Renders the sample shift at `at` and returns the 3D frame.
QImage renderAt(const QString& at, const QString& heatmap, QString* log)
{
    QTemporaryDir tmp;
    const QString shot = tmp.filePath("shot.png");
    QStringList args{
        QStringLiteral(TAKT_SAMPLE_SHIFT), "--at", at, "--size", "1600x1000", "--screenshot", shot};
    if (!heatmap.isEmpty())
        args << "--heatmap" << heatmap;
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(QStringLiteral(TAKT_EXECUTABLE), args);
    if (!p.waitForFinished(180'000))
        p.kill();
    *log = QString::fromLocal8Bit(p.readAll());
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        return {};
    return QImage(tmp.filePath("shot-3d.png"));
}
} // namespace

class TestRenderOverlays : public QObject {
    Q_OBJECT
    QHash<QString, QImage> m_frames;

private slots:
    void initTestCase()
    {
        QVERIFY2(qEnvironmentVariableIsSet("DISPLAY"),
                 "needs an X display: run under xvfb-run (tools/bootstrap.sh test does)");
        QVERIFY2(QFile::exists(TAKT_SAMPLE_SHIFT), "the sample shift was not built");
    }

    void matchesBaseline_data()
    {
        QTest::addColumn<QString>("at");
        QTest::addColumn<QString>("heatmap");
        QTest::newRow("shift_0100") << "01:00:00"
                                    << "";
        QTest::newRow("shift_0500") << "05:00:00"
                                    << "";
        QTest::newRow("shift_0500_downtime") << "05:00:00"
                                             << "downtime";
    }

    void matchesBaseline()
    {
        QFETCH(QString, at);
        QFETCH(QString, heatmap);
        const QString name = QStringLiteral("overlays_") + QTest::currentDataTag();
        QString log;
        const QImage frame = renderAt(at, heatmap, &log);
        QVERIFY2(!frame.isNull(), qPrintable("takt did not render:\n" + log));
        m_frames.insert(QTest::currentDataTag(), frame);
        const auto check = takt::testing::checkBaseline(frame, name, 3.0, 0.02);
        QVERIFY2(check.ok, qPrintable(check.message));
    }

    void overlaysFollowTheClock()
    {
        QVERIFY(m_frames.contains("shift_0100") && m_frames.contains("shift_0500"));
        // Hours apart, stations are in other states and the counters moved on.
        const auto diff =
            takt::testing::compareImages(m_frames["shift_0100"], m_frames["shift_0500"]);
        QVERIFY2(diff.differingShare > 0.002,
                 "the overlays did not change between 01:00 and 05:00");
        // The bottleneck is marked in its own colour.
        QVERIFY(takt::testing::countColour(m_frames["shift_0500"], takt::render::bottleneckColor(),
                                           12) > 200);
        // The heatmap paints the floor.
        const auto heat =
            takt::testing::compareImages(m_frames["shift_0500"], m_frames["shift_0500_downtime"]);
        QVERIFY2(heat.differingShare > 0.002, "the downtime heatmap left the floor unchanged");
    }
};

QTEST_GUILESS_MAIN(TestRenderOverlays)
#include "test_render_overlays.moc"
