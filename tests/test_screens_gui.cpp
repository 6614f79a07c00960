// Issue 15, items 1 and 4 (and hardening issue 14): the main window fits small screens and
// presentation mode presents. Measures the window's minimum width, then runs itself again inside
// a private Xvfb of each screen size (1,280 × 720, 1,366 × 768, 1,920 × 1,080, and 1,920 × 1,080
// and 4K at QT_SCALE_FACTOR=2) to check the window and presentation mode there and to save
// screenshots into the build tree (tests/screenshots/screens_*.png) for a person to look at.
#include "app/main_window.h"
#include "app/presentation_mode.h"
#include "app/presentation_tiles.h"
#include "app/screen_fit.h"
#include "app/replay_controller.h"
#include "app/kpi_cache.h"
#include "app/station_inspector.h"
#include "app/timeline_bar.h"
#include "app/timeline_markers.h"
#include "app/workstation_docks.h"
#include "twin/session_store.h"
#include "twin/vehicle_losses.h"
#include "main_window_support.h"
#include "render/scene_view.h"

#include <QtTest>

#include <functional>

#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QLabel>
#include <QMenuBar>
#include <QProcess>
#include <QScreen>
#include <QStatusBar>
#include <QTemporaryDir>

using namespace takt;

namespace {
const QString kOut = QStringLiteral(TAKT_BINARY_DIR "/tests/screenshots");
} // namespace

/// True when no dock of the window is on screen.
bool noDockVisible(const QMainWindow& w)
{
    for (const auto* d : w.findChildren<QDockWidget*>())
        if (d->isVisible())
            return false;
    return true;
}

/// Each dock on screen with its geometry, for a message that says what moved.
QString dockGeometries(const QMainWindow& w)
{
    QStringList parts;
    for (const auto* d : w.findChildren<QDockWidget*>())
        if (d->isVisible())
            parts << QStringLiteral("%1 %2,%3 %4x%5")
                         .arg(d->objectName())
                         .arg(d->x())
                         .arg(d->y())
                         .arg(d->width())
                         .arg(d->height());
    return parts.join(QStringLiteral("; "));
}

QMap<QString, bool> dockVisibility(const QMainWindow& w)
{
    QMap<QString, bool> v;
    for (const auto* d : w.findChildren<QDockWidget*>())
        v[d->objectName()] = d->isVisible();
    return v;
}

bool waitFor(const std::function<bool()>& done, int ms)
{
    QElapsedTimer clock;
    clock.start();
    while (!done() && clock.elapsed() < ms)
        QTest::qWait(50);
    return done();
}

class TestScreensGui : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QDir().mkpath(kOut); }

    /// Issue 14 / 15 item 4: nothing in the window (legend, docks, timeline, status bar) asks for
    /// more than 1,280 pixels, with the sample shift open and replaying.
    void minimumWidth()
    {
        if (qEnvironmentVariableIsSet("TAKT_SCREENS_CHILD"))
            QSKIP("the child run checks one screen");
        auto w = testing::openMainWindow(QStringLiteral(TAKT_SAMPLE_SHIFT));
        QVERIFY(w);
        w->replay()->seek(w->replay()->startMs() + (3 * 60 + 58) * 60'000);
        QTest::qWait(500);
        // No dock is made wider by what the document says (the issues' summary was, unwrapped: a
        // dock restored after a presentation then came back at that minimum, not its width).
        app::MainWindow empty;
        for (const auto* d : w->findChildren<QDockWidget*>()) {
            const auto* before = empty.findChild<QDockWidget*>(d->objectName());
            if (before)
                QVERIFY2(d->minimumSizeHint().width() <= before->minimumSizeHint().width(),
                         qPrintable(QStringLiteral("%1: %2 px wide at least, %3 with no document")
                                        .arg(d->objectName())
                                        .arg(d->minimumSizeHint().width())
                                        .arg(before->minimumSizeHint().width())));
        }
        const int min = std::max(w->minimumSizeHint().width(), w->minimumWidth());
        QVERIFY2(min <= 1280, qPrintable(QStringLiteral("minimum width %1").arg(min)));
        app::tabifyDocksForSmallScreen(w.get(), 1280);
        QTest::qWait(200);
        QVERIFY(w->minimumSizeHint().width() <= 1280);
        w->resize(1280, 700);
        QTest::qWait(300);
        QCOMPARE(w->width(), 1280); // the window really goes that narrow
    }

    /// Issue 15 item 3 in the window: the station inspector and the timeline's tooltips tell the
    /// vehicles a station's stoppages cost, the figures of twin::computeVehicleLosses.
    void vehiclesShown()
    {
        if (qEnvironmentVariableIsSet("TAKT_SCREENS_CHILD"))
            QSKIP("the child run checks one screen");
        auto w = testing::openMainWindow(QStringLiteral(TAKT_SAMPLE_SHIFT));
        QVERIFY(w);
        auto* replay = w->replay();
        replay->seek(replay->endMs());
        auto* docks = w->findChild<app::WorkstationDocks*>();
        QVERIFY(docks);
        docks->kpis()->refresh();
        const auto& data = w->document()->replay->data();
        const int eol = data.plant().stationIndex("EOL010");
        QVERIFY(eol >= 0);
        docks->selectStation(eol);
        QTest::qWait(300);
        const auto losses =
            twin::lossesOf(twin::computeVehicleLosses(data, docks->kpis()->current()), eol);
        double total = 0;
        for (const auto& l : losses)
            total += l.vehicles;
        QVERIFY(total > 1.0); // EOL010 is the line end: its stoppages stop the line
        const QString shown = docks->inspector()->fieldText(QStringLiteral("vehicles"));
        QVERIFY2(shown.startsWith(QString::number(total, 'f', 1) + QStringLiteral(" vehicles")),
                 qPrintable(shown));
        QVERIFY(docks->inspector()
                    ->findChild<QLabel*>(QStringLiteral("vehicles"))
                    ->toolTip()
                    .startsWith(QStringLiteral("EOL010 down")));
        QVERIFY(docks->inspector()->grab().save(kOut + QStringLiteral("/vehicles_inspector.png")));

        const auto markers = app::collectTimelineMarkers(data);
        const QString costliest =
            QStringLiteral("— %1 vehicles against takt").arg(losses.front().vehicles, 0, 'f', 1);
        QVERIFY(std::any_of(markers.begin(), markers.end(), [&](const app::TimelineMarker& m) {
            return m.text.startsWith(QStringLiteral("EOL010 down")) && m.text.contains(costliest);
        }));
    }

    /// Runs this test again in a private X server of each size: the window and presentation mode
    /// there (child()).
    void screens_data()
    {
        QTest::addColumn<QString>("screen");
        QTest::addColumn<QString>("scale");
        QTest::newRow("1280x720") << "1280x720"
                                  << "1";
        QTest::newRow("1366x768") << "1366x768"
                                  << "1";
        QTest::newRow("1920x1080") << "1920x1080"
                                   << "1";
        // 960 × 540 logical pixels: the smallest screen the window is made to fit.
        QTest::newRow("1920x1080@2") << "1920x1080"
                                     << "2";
        QTest::newRow("3840x2160@2") << "3840x2160"
                                     << "2";
    }
    void screens()
    {
        if (qEnvironmentVariableIsSet("TAKT_SCREENS_CHILD"))
            QSKIP("the child run checks one screen");
        QFETCH(QString, screen);
        QFETCH(QString, scale);
        QProcess xvfb;
        xvfb.start(QStringLiteral("Xvfb"),
                   {QStringLiteral("-displayfd"), QStringLiteral("1"), QStringLiteral("-nolisten"),
                    QStringLiteral("tcp"), QStringLiteral("-screen"), QStringLiteral("0"),
                    screen + QStringLiteral("x24")});
        QVERIFY2(xvfb.waitForStarted(), "Xvfb is needed (package xvfb)");
        QVERIFY(waitFor([&] { return xvfb.canReadLine() || xvfb.waitForReadyRead(100); }, 20000));
        const QString display =
            QStringLiteral(":") + QString::fromLatin1(xvfb.readLine()).trimmed();
        QProcess child;
        auto env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("DISPLAY"), display);
        env.insert(QStringLiteral("TAKT_SCREENS_CHILD"),
                   QString(QTest::currentDataTag()).replace(QLatin1Char('@'), QLatin1Char('_')));
        env.insert(QStringLiteral("QT_SCALE_FACTOR"), scale);
        child.setProcessEnvironment(env);
        child.setProcessChannelMode(QProcess::MergedChannels);
        child.start(QCoreApplication::applicationFilePath(), {QStringLiteral("child")});
        const bool finished = child.waitForFinished(400'000);
        const QByteArray out = child.readAll();
        xvfb.terminate();
        xvfb.waitForFinished(5000);
        if (!finished || child.exitCode() != 0)
            qWarning("%s", out.constData());
        QVERIFY2(finished, "the child run did not finish");
        QCOMPARE(child.exitCode(), 0);
    }

    /// One screen (in the X server screens() started): the sample opens sized to it and fits;
    /// presentation mode covers the screen with the 3D view and its tiles, hides every dock, keeps
    /// the replay and the tour running, steps on Page Down, and restores the layout on leaving.
    void child()
    {
        const QString tag = qEnvironmentVariable("TAKT_SCREENS_CHILD");
        if (tag.isEmpty())
            QSKIP("run by screens() in its own X server");
        app::MainWindow w;
        QScreen* screen = w.screen();
        const QRect avail = screen->availableGeometry();
        app::fitToScreen(&w, screen, std::nullopt);
        w.show();
        QSignalSpy shown(&w, &app::MainWindow::documentShown);
        w.openFile(QStringLiteral(TAKT_SAMPLE_SHIFT));
        QVERIFY(waitFor([&] { return !shown.isEmpty(); }, 120'000));
        auto* replay = w.replay();
        replay->seek(replay->startMs() + (3 * 60 + 58) * 60'000);
        QTest::qWait(1500);
        // The window as the sample opens: inside the screen, no wider than 1,280 at its minimum.
        QVERIFY2(avail.contains(w.geometry()),
                 qPrintable(QStringLiteral("window %1x%2 on a %3x%4 screen")
                                .arg(w.width())
                                .arg(w.height())
                                .arg(avail.width())
                                .arg(avail.height())));
        QVERIFY(
            screen->grabWindow(0).save(kOut + QStringLiteral("/screens_window_%1.png").arg(tag)));
        QVERIFY(w.minimumSizeHint().width() <= 1280);
        for (const auto* d : w.findChildren<QDockWidget*>())
            if (d->isVisible() && !d->isFloating() && !d->visibleRegion().isEmpty())
                QVERIFY2(w.rect().contains(d->geometry()),
                         qPrintable(QStringLiteral("%1 at %2,%3 %4x%5")
                                        .arg(d->objectName())
                                        .arg(d->x())
                                        .arg(d->y())
                                        .arg(d->width())
                                        .arg(d->height())));
        const QRect viewRect(w.sceneView()->mapTo(&w, QPoint(0, 0)), w.sceneView()->size());
        qInfo("%s: window %dx%d, 3D view %dx%d", qPrintable(tag), w.width(), w.height(),
              viewRect.width(), viewRect.height());
        QVERIFY2(viewRect.width() >= 480 && viewRect.height() >= 300,
                 "the 3D view keeps a usable size");

        // Presentation.
        const QByteArray state = w.saveState();
        const QString docks = dockGeometries(w);
        const QRect geometry = w.geometry();
        const auto visible = dockVisibility(w);
        auto* presentation = w.findChild<app::PresentationMode*>();
        QVERIFY(presentation);
        replay->setSpeed(60.0);
        replay->play();
        presentation->setActive(true);
        QTest::qWait(2500);
        QVERIFY2(noDockVisible(w), "no engineering dock in presentation mode");
        QVERIFY(!w.menuBar()->isVisible());
        QVERIFY(!w.statusBar()->isVisible());
        QCOMPARE(w.geometry(), screen->geometry());
        const QRect view(w.sceneView()->mapToGlobal(QPoint(0, 0)), w.sceneView()->size());
        const QRect screenRect = screen->geometry();
        double covered =
            double(view.intersected(screenRect).width()) * view.intersected(screenRect).height();
        for (const auto* tile : presentation->tiles()->widgets()) {
            QVERIFY(tile->isVisible());
            const QRect r(tile->mapToGlobal(QPoint(0, 0)), tile->size());
            QVERIFY2(view.contains(r), "tiles lie over the 3D view");
            covered -= double(r.width()) * r.height();
        }
        const double share = covered / (double(screenRect.width()) * screenRect.height());
        qInfo("%s: 3D view %dx%d, %.1f %% of the screen left uncovered by the tiles",
              qPrintable(tag), view.width(), view.height(), 100.0 * share);
        QVERIFY2(share >= 0.70, "the 3D view covers at least 70 % of the screen");
        QVERIFY(presentation->tiles()->widgets()[1]->text().contains(QStringLiteral("OEE")));
        QVERIFY(screen->grabWindow(0).save(
            kOut + QStringLiteral("/screens_presentation_%1.png").arg(tag)));

        // The replay runs on; the clicker steps the tour.
        const qint64 before = replay->position();
        QTest::qWait(1000);
        QVERIFY2(replay->position() > before, "the replay keeps running");
        QVERIFY(presentation->tour().size() > 1);
        const std::size_t index = presentation->tourIndex();
        QTest::keyClick(w.windowHandle(), Qt::Key_PageDown);
        QCOMPARE(presentation->tourIndex(), (index + 1) % presentation->tour().size());
        QTest::keyClick(w.windowHandle(), Qt::Key_Left);
        QCOMPARE(presentation->tourIndex(), index);
        presentation->step(1);
        QTest::qWait(4500); // one move
        const auto& target = presentation->tour()[(index + 1) % presentation->tour().size()];
        const auto now = w.sceneView()->cameraView();
        for (int i = 0; i < 3; ++i) {
            QVERIFY(qAbs(now.position[i] - target.position[i]) < 1e-3);
            QVERIFY(qAbs(now.viewCenter[i] - target.viewCenter[i]) < 1e-3);
        }

        // Leaving restores the layout exactly.
        presentation->setActive(false);
        replay->pause();
        QTest::qWait(1000);
        QCOMPARE(dockVisibility(w), visible);
        // At every scale, QT_SCALE_FACTOR=2 included (a dock whose minimum width grew with the
        // replay during the presentation came back at that minimum, not at its width).
        QCOMPARE(dockGeometries(w), docks);
        QCOMPARE(w.saveState(), state);
        QCOMPARE(w.geometry(), geometry);
        QVERIFY(w.menuBar()->isVisible());

        // A story started from a window larger than the screen (opened at --size, or moved from
        // a bigger screen) still covers the screen exactly; with the docks side by side the
        // window's minimum height was 611 px, more than 960 x 540 (scale 2), and the caption and
        // the timeline fell off the screen's bottom.
        if (avail.width() < 1400 || avail.height() < 900)
            storyFromLargerWindow(screen, tag);
    }

private:
    static void storyFromLargerWindow(QScreen* screen, const QString& tag)
    {
        QTemporaryDir dir;
        const QString session = dir.filePath(QStringLiteral("story.takt"));
        QVERIFY(QFile::copy(QStringLiteral(TAKT_SAMPLE_SHIFT), session));
        QFile::setPermissions(session, QFile::ReadOwner | QFile::WriteOwner);
        {
            auto store = twin::SessionStore::open(session.toStdString(),
                                                  twin::SessionStore::Access::ReadWrite);
            const auto rec = store.recordings().back();
            const twin::TimeMs minute = 60'000;
            store.addBookmark(rec.id, rec.startMs + 10 * minute, "Night shift starts warm");
            store.addBookmark(rec.id, rec.startMs + (2 * 60 + 55) * minute,
                              "Final assembly loses its rhythm");
            store.addBookmark(rec.id, rec.startMs + (5 * 60 + 55) * minute,
                              "End of line stops for twenty minutes");
        }
        auto w = testing::openMainWindow(session); // 1,400 x 900, docks side by side
        QVERIFY(w);
        QTest::qWait(500);
        QVERIFY(w->width() > screen->geometry().width() ||
                w->height() > screen->geometry().height());
        const QByteArray state = w->saveState();
        const QString docks = dockGeometries(*w);
        const QRect geometry = w->geometry();
        auto* presentation = w->findChild<app::PresentationMode*>();
        QVERIFY(presentation);
        QVERIFY(presentation->playStory());
        QTest::qWait(2500);
        const QRect screenRect = screen->geometry();
        QCOMPARE(w->geometry(), screenRect);
        QVERIFY(noDockVisible(*w));
        const auto onScreen = [&](const QWidget* widget, const char* what) {
            const QRect r(widget->mapToGlobal(QPoint(0, 0)), widget->size());
            QVERIFY2(widget->isVisible() && screenRect.contains(r),
                     qPrintable(QStringLiteral("%1 at %2,%3 %4x%5 on a %6x%7 screen")
                                    .arg(QLatin1String(what))
                                    .arg(r.x())
                                    .arg(r.y())
                                    .arg(r.width())
                                    .arg(r.height())
                                    .arg(screenRect.width())
                                    .arg(screenRect.height())));
        };
        onScreen(w->sceneView(), "the 3D view");
        onScreen(w->timeline(), "the slim timeline");
        onScreen(presentation->storyCaption(), "the caption");
        for (const auto* tile : presentation->tiles()->widgets())
            onScreen(tile, "a tile");
        if (QTest::currentTestFailed())
            return;
        QVERIFY(screen->grabWindow(0).save(
            kOut + QStringLiteral("/screens_story_larger_window_%1.png").arg(tag)));
        presentation->setActive(false);
        w->replay()->pause();
        QTest::qWait(1000);
        QCOMPARE(w->geometry(), geometry);
        QCOMPARE(dockGeometries(*w), docks);
        QCOMPARE(w->saveState(), state);
    }
};

int main(int argc, char** argv)
{
    return testing::runWindowTest<TestScreensGui>(argc, argv, "test_screens_gui",
                                                  QStringLiteral(TAKT_EXECUTABLE));
}
#include "test_screens_gui.moc"
