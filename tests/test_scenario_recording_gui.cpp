// Scenario recordings in the window (issue 13): the Scenarios dock's "Save as recording" stores
// the last what-if's first run in the session as a recording of kind scenario; Replay ›
// Recording lists the session's recordings with their kinds and replays the one chosen, a
// scenario run like a shift; the calibration report page shows every estimate with its sample
// size and interval and flags too little data. Pictures in build/release/tests/screenshots/.
#include "app/calibration_page.h"
#include "app/main_window.h"
#include "app/recordings_menu.h"
#include "app/replay_controller.h"
#include "app/scenarios_dock.h"
#include "main_window_support.h"
#include "twin/calibration.h"
#include "twin/scenario_recording.h"
#include "twin/session_store.h"
#include "twin/whatif.h"

#include <QAction>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableWidget>
#include <QtTest>

#include <filesystem>

using namespace takt;

namespace {

const std::string kShift = TAKT_BINARY_DIR "/assets/sample-shift.takt";
const QString kOut = QStringLiteral(TAKT_BINARY_DIR "/tests/screenshots");

QString copyOfShift(const QTemporaryDir& dir)
{
    const QString file = dir.filePath(QStringLiteral("shift.takt"));
    std::filesystem::copy_file(kShift, file.toStdString());
    return file;
}

} // namespace

class TestScenarioRecordingGui : public QObject {
    Q_OBJECT
private slots:
    /// "Save as recording" is offered only after a what-if, writes one run of kind scenario
    /// with the what-if's changes, and says where it went.
    void dockSavesTheWhatIfsFirstRun()
    {
        QTemporaryDir dir;
        const QString file = copyOfShift(dir);
        app::ScenariosDock dock;
        dock.setSession(file, 1);
        dock.replications()->setValue(2);
        dock.hours()->setValue(0.5);
        dock.changes()->setText(QStringLiteral("BIW040.cycle=-10%"));
        QVERIFY(!dock.saveButton()->isEnabled());
        QSignalSpy done(&dock, &app::ScenariosDock::finished);
        dock.runWhatIf();
        QVERIFY(done.wait(300000));
        QVERIFY2(dock.saveButton()->isEnabled(), qPrintable(dock.verdict()->text()));
        QSignalSpy saved(&dock, &app::ScenariosDock::recordingSaved);
        QSignalSpy failed(&dock, &app::ScenariosDock::saveFailed);
        dock.saveAsRecording();
        QVERIFY(saved.wait(120000));
        QVERIFY(failed.isEmpty());
        const auto id = saved.front().value(1).toLongLong();
        QCOMPARE(saved.front().value(0).toString(), file);
        const auto store = twin::SessionStore::open(file.toStdString());
        const auto rec = store.recording(id);
        QVERIFY(rec.kind == twin::RecordingKind::Scenario);
        QVERIFY(rec.name.find("BIW040.cycle=-10%") != std::string::npos);
        QCOMPARE(double(*rec.endMs - rec.startMs), 0.5 * 3.6e6);
        QVERIFY2(dock.verdict()->text().contains(QStringLiteral("recording %1").arg(id)),
                 qPrintable(dock.verdict()->text()));
    }

    /// The page flags what has too little data and gives each estimate its interval.
    void calibrationPageFlagsTooLittleData()
    {
        app::ScenariosDock dock;
        dock.setSession(QString::fromStdString(kShift), 1);
        app::CalibrationPage* page = dock.showCalibrationReport();
        QVERIFY(page);
        QSignalSpy loaded(page, &app::CalibrationPage::loaded);
        QVERIFY(loaded.wait(120000));
        QCOMPARE(page->stations()->rowCount(), 50);
        QCOMPARE(page->checkpoints()->rowCount(), 26);
        int flagged = 0, withInterval = 0;
        const int data = page->stations()->columnCount() - 1;
        for (int r = 0; r < page->stations()->rowCount(); ++r) {
            const QString flag = page->stations()->item(r, data)->text();
            QVERIFY(flag == QStringLiteral("ok") || flag.startsWith(QStringLiteral("too little")));
            flagged += flag != QStringLiteral("ok");
            withInterval += page->stations()->item(r, 4)->text().contains(QLatin1Char('['));
        }
        QVERIFY(withInterval >= 39); // every processing station's mean, with its interval
        QVERIFY(page->tabs()->tabText(0).contains(QStringLiteral("%1 flagged").arg(flagged)));
        QVERIFY(page->summary()->text().contains(QStringLiteral("95 %")));
        QDir().mkpath(kOut);
        QVERIFY(page->window()->grab().save(kOut + QStringLiteral("/calibration-page.png")));
        page->window()->close();

        // The rules themselves: too few parts to fit is a flag, no failure at all is not.
        twin::StationCalibration s;
        s.kind = twin::StationKind::Process;
        s.fitMissing = "12 parts processed in the window; at least 30 needed";
        QCOMPARE(app::CalibrationPage::tooLittleData(s).size(), qsizetype(1));
        s.fitMissing.clear();
        s.mean = twin::Estimate::of(50, 400);
        s.mtbf = twin::Estimate::none(0, "0 failure(s) in 7.5 h of working time; at least 3");
        QVERIFY(app::CalibrationPage::tooLittleData(s).isEmpty());
        s.failures = 2;
        s.mtbf = twin::Estimate::none(2, "2 failure(s) in 7.5 h of working time; at least 3");
        QVERIFY(app::CalibrationPage::tooLittleData(s).front().startsWith(QStringLiteral("MTBF")));
    }

    /// Replay › Recording lists the shift and the scenario run by kind, and replays either; the
    /// window also opens SESSION.takt:ID directly.
    void chooserReplaysAScenarioRun()
    {
        QTemporaryDir dir;
        const QString file = copyOfShift(dir);
        std::int64_t scenarioId = 0;
        {
            auto store =
                twin::SessionStore::open(file.toStdString(), twin::SessionStore::Access::ReadWrite);
            twin::ScenarioRunSpec spec;
            spec.sets = {"BIW040.cycle=-10%"};
            spec.hours = 0.5;
            spec.startMs = store.recording(1).startMs;
            scenarioId = twin::storeScenarioRun(
                store,
                twin::applyScenario(store.plant(), {twin::parseScenarioChange(spec.sets[0])}),
                spec);
        }
        auto window = testing::openMainWindow(file);
        QVERIFY(window);
        QCOMPARE(window->document()->recordingId, scenarioId); // the last one, as for any session
        auto* menu = window->findChild<QMenu*>(QStringLiteral("recordingsMenu"));
        QVERIFY(menu);
        emit menu->aboutToShow();
        const auto actions = menu->actions();
        QCOMPARE(actions.size(), qsizetype(2));
        QVERIFY2(actions[0]->text().endsWith(QStringLiteral("· simulated")),
                 qPrintable(actions[0]->text()));
        QVERIFY2(actions[1]->text().endsWith(QStringLiteral("· scenario")),
                 qPrintable(actions[1]->text()));
        QVERIFY(actions[1]->isChecked() && !actions[0]->isChecked());

        QSignalSpy shown(window.get(), &app::MainWindow::documentShown);
        actions[0]->trigger();
        QVERIFY(shown.wait(120000));
        QCOMPARE(window->document()->recordingId, std::int64_t(1));
        QCOMPARE(window->replay()->endMs() - window->replay()->startMs(),
                 twin::TimeMs(8 * 3'600'000));

        window->openFile(file + QStringLiteral(":%1").arg(scenarioId));
        QVERIFY(shown.wait(120000));
        QCOMPARE(window->document()->recordingId, scenarioId);
        QCOMPARE(window->replay()->endMs() - window->replay()->startMs(), twin::TimeMs(1'800'000));
        window->replay()->seek(window->replay()->startMs() + 900'000);
        QTest::qWait(300);
        QDir().mkpath(kOut);
        QVERIFY(window->grab().save(kOut + QStringLiteral("/scenario-recording.png")));
    }
};

int main(int argc, char** argv)
{
    return takt::testing::runWindowTest<TestScenarioRecordingGui>(
        argc, argv, "test_scenario_recording_gui", QStringLiteral(TAKT_EXECUTABLE));
}
#include "test_scenario_recording_gui.moc"
