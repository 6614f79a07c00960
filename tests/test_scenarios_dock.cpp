// The Scenarios dock (issue 13) on the sample shift: "Where to improve" fills the ranking in the
// background with a progress bar, a what-if shows baseline -> scenario, Cancel stops a run, and
// a bad change is refused in the verdict line naming it. A picture of the ranking is left in
// build/release/tests/screenshots/scenarios-dock.png.
#include "app/scenarios_dock.h"

#include <QApplication>
#include <QDir>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>
#include <QtTest>

using takt::app::ScenariosDock;

namespace {
const QString kShift = QStringLiteral(TAKT_BINARY_DIR "/assets/sample-shift.takt");
const QString kOut = QStringLiteral(TAKT_BINARY_DIR "/tests/screenshots");
} // namespace

class TestScenariosDock : public QObject {
    Q_OBJECT
private slots:
    void whereToImprove()
    {
        ScenariosDock dock;
        dock.resize(620, 900);
        dock.setSession(kShift, 1);
        dock.replications()->setValue(2);
        dock.hours()->setValue(4);
        dock.show();
        QSignalSpy done(&dock, &ScenariosDock::finished);
        dock.runWhereToImprove();
        QVERIFY(dock.running());
        QVERIFY(done.wait(300000));
        QVERIFY(!dock.running());
        QCOMPARE(dock.table()->rowCount(), 39); // the sample's processing stations
        QVERIFY2(dock.verdict()->text().contains(QStringLiteral("active-period bottleneck")),
                 qPrintable(dock.verdict()->text()));
        QDir().mkpath(kOut);
        QVERIFY(dock.grab().save(kOut + QStringLiteral("/scenarios-dock.png")));
    }

    void whatIf()
    {
        ScenariosDock dock;
        dock.setSession(kShift, 1);
        dock.replications()->setValue(2);
        dock.hours()->setValue(2);
        dock.changes()->setText(QStringLiteral("BIW040.cycle=-10%; GA-TR090.capacity=6"));
        QSignalSpy done(&dock, &ScenariosDock::finished);
        dock.runWhatIf();
        QVERIFY(done.wait(120000));
        QCOMPARE(dock.table()->rowCount(), 5);
        QCOMPARE(dock.table()->item(0, 0)->text(), QStringLiteral("Throughput (units/h)"));
        QVERIFY(dock.verdict()->text().contains(QStringLiteral("→")));
    }

    void cancelStopsARun()
    {
        ScenariosDock dock;
        dock.setSession(kShift, 1);
        dock.replications()->setValue(200);
        dock.changes()->setText(QStringLiteral("BIW040.cycle=-10%"));
        QSignalSpy done(&dock, &ScenariosDock::finished);
        dock.runWhatIf();
        dock.cancel();
        QVERIFY(done.wait(120000));
        QCOMPARE(dock.verdict()->text(), QStringLiteral("Cancelled."));
        QCOMPARE(dock.table()->rowCount(), 0);
    }

    void badChangeIsNamed()
    {
        ScenariosDock dock;
        dock.setSession(kShift, 1);
        dock.changes()->setText(QStringLiteral("NOPE.cycle=-10%"));
        QSignalSpy done(&dock, &ScenariosDock::finished);
        dock.runWhatIf();
        QVERIFY(done.wait(60000));
        QVERIFY2(dock.verdict()->text().contains(QStringLiteral("no station NOPE")),
                 qPrintable(dock.verdict()->text()));
    }
};

QTEST_MAIN(TestScenariosDock)
#include "test_scenarios_dock.moc"
