// Drives the real main window on a copy of the sample shift: play, scrub on the timeline, step,
// bookmark (Ctrl+B), undo/redo, reopen the session and find the bookmark with its camera; the
// scrub update rate; and the scrubber's image against a baseline. Issue 5 items 1, 4, 7, 8.
#include "app/app_settings.h"
#include "app/bookmarks_dock.h"
#include "app/main_window.h"
#include "app/replay_controller.h"
#include "app/session_notes.h"
#include "app/timeline_bar.h"
#include "bench_support.h"
#include "image_compare.h"
#include "main_window_support.h"
#include "render/isolated_importer.h"
#include "render/scene_view.h"

#include <QtTest>

#include <QApplication>
#include <QCryptographicHash>
#include <QSettings>
#include <QToolButton>
#include <QToolTip>
#include <QTreeWidget>
#include <QTimer>
#include <QUndoStack>

#include <cstdio>
#include <memory>

using namespace takt::app;

namespace {

QByteArray sha1(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash h(QCryptographicHash::Sha1);
    h.addData(&f);
    return h.result();
}

bool closeTo(const QVector3D& a, const QVector3D& b)
{
    return (a - b).length() < 1e-3f;
}

} // namespace

class TestTimelineGui : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_tmp;
    QString m_session;
    QByteArray m_sampleHash;

    std::unique_ptr<MainWindow> openWindow() { return takt::testing::openMainWindow(m_session); }

private slots:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        // Settings of this run stay in the temporary folder, not in the user's.
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_tmp.filePath("settings"));
        m_sampleHash = sha1(QStringLiteral(TAKT_SAMPLE_SHIFT));
        QVERIFY2(!m_sampleHash.isEmpty(),
                 "the sample shift is missing: build the sample_shift target");
        m_session = m_tmp.filePath("shift.takt");
        QVERIFY(QFile::copy(QStringLiteral(TAKT_SAMPLE_SHIFT), m_session));
        QFile(m_session).setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    }

    void playScrubStepBookmarkUndoReopen()
    {
        auto w = openWindow();
        QVERIFY2(w, "the sample session did not open");
        auto* replay = w->replay();
        QVERIFY(replay->hasRecording());
        auto* scrubber = w->timeline()->scrubber();
        QVERIFY(scrubber->isVisible());

        // Play: the position advances.
        const qint64 t0 = replay->position();
        QTest::mouseClick(w->timeline()->playButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(replay->position() > t0 + 1000, 5000);
        QVERIFY(replay->isPlaying());
        QTest::mouseClick(w->timeline()->playButton(), Qt::LeftButton);
        QVERIFY(!replay->isPlaying());

        // Scrub: press, drag, release on the lanes; the position follows the mouse.
        const int y = scrubber->height() - 10;
        const int x1 = scrubber->width() / 4, x2 = scrubber->width() * 3 / 5;
        QTest::mousePress(scrubber, Qt::LeftButton, {}, QPoint(x1, y));
        QCOMPARE(replay->position(), scrubber->timeAt(x1));
        for (int x = x1; x <= x2; x += 20) {
            QTest::mouseMove(scrubber, QPoint(x, y));
            QCOMPARE(replay->position(), scrubber->timeAt(x));
        }
        QTest::mouseMove(scrubber, QPoint(x2, y));
        QTest::mouseRelease(scrubber, Qt::LeftButton, {}, QPoint(x2, y));
        QCOMPARE(replay->position(), scrubber->timeAt(x2));
        QCOMPARE(scrubber->position(), replay->position());
        const double half = (replay->startMs() + replay->endMs()) / 2.0;
        QVERIFY(std::abs(double(replay->position()) - half) <
                (replay->endMs() - replay->startMs()) * 0.2);

        // Step one takt forward and back.
        const qint64 taktMs = qint64(w->document()->plant->taktS * 1000);
        replay->seek(replay->startMs() + 3600'000);
        const qint64 before = replay->position();
        w->replay()->stepForward();
        QCOMPARE(replay->position() - before, taktMs);
        w->replay()->stepBack();
        QCOMPARE(replay->position(), before);

        // Ctrl+B bookmarks the current moment with the current camera.
        auto* notes = w->notes();
        QCOMPARE(notes->bookmarks().size(), std::size_t(0));
        takt::twin::CameraView camera = w->sceneView()->cameraView();
        camera.position = takt::render::toArray(takt::render::toQVector3D(camera.position) +
                                                QVector3D(3.0f, 5.0f, -2.0f));
        camera.fieldOfView = 33.0f;
        w->sceneView()->setCameraView(camera);
        w->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(w.get()));
        QTest::keyClick(w.get(), Qt::Key_B, Qt::ControlModifier);
        QCOMPARE(notes->bookmarks().size(), std::size_t(1));
        QCOMPARE(notes->bookmarks().front().bookmark.t, before);
        auto* dock = w->findChild<BookmarksDock*>();
        QVERIFY(dock);
        QCOMPARE(dock->list()->topLevelItemCount(), 1);

        // Undo and redo through the Edit menu's shortcuts.
        QTest::keyClick(w.get(), Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(notes->bookmarks().size(), std::size_t(0));
        QCOMPARE(dock->list()->topLevelItemCount(), 0);
        QTest::keyClick(w.get(), Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(notes->bookmarks().size(), std::size_t(1));
        notes->renameBookmark(notes->bookmarks().front().key, QStringLiteral("Line stops"));
        notes->addAnnotation(before + 60'000, QStringLiteral("GA-01"),
                             QStringLiteral("check torque"));
        QCOMPARE(notes->undoStack()->count(), 3);
        QCOMPARE(dock->list()->topLevelItemCount(), 2);

        // Remove, then undo back through the whole history: the bookmark returns as a new row
        // with the same key and its camera, and the earlier rename still finds it.
        const int key = notes->bookmarks().front().key;
        notes->removeBookmark(key);
        QCOMPARE(notes->bookmarks().size(), std::size_t(0));
        auto* undo = notes->undoStack();
        undo->undo();
        QCOMPARE(notes->bookmarks().size(), std::size_t(1));
        QCOMPARE(notes->bookmarks().front().key, key);
        QVERIFY(notes->bookmarks().front().camera);
        undo->undo();
        QCOMPARE(notes->annotations().size(), std::size_t(0));
        undo->undo();
        QCOMPARE(notes->bookmarks().front().bookmark.label, std::string("Bookmark 01:00:00"));
        undo->redo();
        undo->redo();
        QCOMPARE(notes->bookmarks().front().bookmark.label, std::string("Line stops"));
        QCOMPARE(notes->annotations().size(), std::size_t(1));

        // Away from the bookmark, then back by double-clicking it in the dock.
        replay->seek(replay->startMs());
        w->sceneView()->fitAll();
        auto* item = dock->list()->topLevelItem(0);
        QCOMPARE(item->text(2), QStringLiteral("Line stops"));
        dock->activate(item);
        QCOMPARE(replay->position(), before);
        QVERIFY(closeTo(takt::render::toQVector3D(w->sceneView()->cameraView().position),
                        takt::render::toQVector3D(camera.position)));

        replay->setSpeed(300.0);
        w->close();
        w.reset();

        // Reopened, the session shows the bookmark, its camera and the annotation again.
        auto again = openWindow();
        QVERIFY(again);
        const auto& marks = again->notes()->bookmarks();
        QCOMPARE(marks.size(), std::size_t(1));
        QCOMPARE(QString::fromStdString(marks.front().bookmark.label),
                 QStringLiteral("Line stops"));
        QCOMPARE(marks.front().bookmark.t, before);
        QVERIFY(marks.front().camera);
        QVERIFY(closeTo(takt::render::toQVector3D(marks.front().camera->position),
                        takt::render::toQVector3D(camera.position)));
        QVERIFY(closeTo(takt::render::toQVector3D(marks.front().camera->viewCenter),
                        takt::render::toQVector3D(camera.viewCenter)));
        QCOMPARE(marks.front().camera->fieldOfView, 33.0);
        QCOMPARE(again->notes()->annotations().size(), std::size_t(1));
        QCOMPARE(again->notes()->annotations().front().annotation.station, std::string("GA-01"));

        // The settings remembered the speed and the file.
        QCOMPARE(again->replay()->speed(), 300.0);
        AppSettings* settings = again->findChild<AppSettings*>();
        QVERIFY(settings);
        QCOMPARE(settings->recentFiles().value(0), QFileInfo(m_session).absoluteFilePath());
        // The build's sample was never touched.
        QCOMPARE(sha1(QStringLiteral(TAKT_SAMPLE_SHIFT)), m_sampleHash);
    }

    void markersFromEvents()
    {
        auto w = openWindow();
        QVERIFY(w);
        const auto& markers = w->timeline()->scrubber()->markers();
        int counts[3] = {0, 0, 0};
        for (const auto& m : markers)
            ++counts[int(m.kind)];
        qInfo("markers: %d stoppages, %d failed checks, %d missed takts", counts[0], counts[1],
              counts[2]);
        QVERIFY(counts[0] > 0);
        QVERIFY(counts[1] > 0);
        QVERIFY(counts[2] > 0);
        QVERIFY(std::is_sorted(markers.begin(), markers.end(),
                               [](const auto& a, const auto& b) { return a.t < b.t; }));

        // Hovering a tick shows what happened; hovering a lane names the station and its state.
        auto* scrubber = w->timeline()->scrubber();
        const auto tipAt = [&](QPoint p) {
            QHelpEvent help(QEvent::ToolTip, p, scrubber->mapToGlobal(p));
            QApplication::sendEvent(scrubber, &help);
            return QToolTip::isVisible() ? QToolTip::text() : QString();
        };
        const auto& stop = *std::find_if(markers.begin(), markers.end(), [](const auto& m) {
            return m.kind == TimelineMarker::Kind::Stoppage;
        });
        const QString tip = tipAt(QPoint(int(std::lround(scrubber->xOf(stop.t))), 13));
        QVERIFY2(tip.contains(stop.text), qPrintable(tip));
        QVERIFY(tip.contains(QStringLiteral(" down at ")));
        const QString lane = tipAt(QPoint(scrubber->width() / 2, scrubber->height() - 3));
        const auto& last = w->document()->plant->stations.back().id;
        QVERIFY2(lane.startsWith(QString::fromStdString(last)), qPrintable(lane));
    }

    /// Scrubbing must move the 3D scene at 30 updates a second or more: 300 seeks across the
    /// shift, each with the overlay update (the line state, the overlay frame built and handed
    /// to the 3D view, the status bar) and the timeline's repaint. The 3D frame itself is drawn
    /// by Qt 3D's renderer; the end-to-end rate with its frames is logged, not asserted, since
    /// it measures the GL driver (llvmpipe under Xvfb) more than this code.
    void scrubRate()
    {
        // A speed figure: measured by `ctest -L bench` (bench_timeline_scrub), not asserted in
        // the default run on a shared machine.
        if (qEnvironmentVariableIsSet("TAKT_SKIP_BENCH_FUNCTIONS"))
            QSKIP("benchmark: run bench_timeline_scrub");
        auto w = openWindow();
        QVERIFY(w);
        auto* replay = w->replay();
        auto* scrubber = w->timeline()->scrubber();
        const qint64 span = replay->endMs() - replay->startMs();
        const auto at = [&](int i) { return replay->startMs() + span * ((i * 37) % 300) / 300; };
        QElapsedTimer timer;
        qint64 seekNs = 0, paintNs = 0;
        replay->setScrubbing(true); // as the scrubber does while its button is down
        for (int i = 0; i < 300; ++i) {
            timer.start();
            replay->seek(at(i)); // frameChanged: the 3D view's overlays; positionChanged: the rest
            seekNs += timer.nsecsElapsed();
            timer.start();
            scrubber->repaint();
            paintNs += timer.nsecsElapsed();
        }
        replay->setScrubbing(false);
        const double ms = double(seekNs + paintNs) / 1e6;
        const double rate = 300.0 / (ms / 1000.0);
        qInfo("scrub: 300 × (seek + overlay update) %.1f ms, scrubber repaint %.1f ms: %.2f ms per "
              "update, %.0f updates/s",
              seekNs / 1e6, paintNs / 1e6, ms / 300, rate);

        // End to end, as a user drags: the mouse goes down on the scrubber and moves; each move
        // counts once the Qt 3D frame that shows it has been drawn (a one-pixel capture is
        // answered by the next rendered frame).
        auto* view = w->sceneView();
        QVERIFY(view);
        w->showMaximized();
        QTest::qWait(500);
        const int moves = qEnvironmentVariableIntValue("TAKT_SCRUB_FRAMES") > 0
                              ? qEnvironmentVariableIntValue("TAKT_SCRUB_FRAMES")
                              : 60;
        QSignalSpy captured(view, &takt::render::SceneView::frameCaptured);
        const int y = scrubber->height() / 2;
        const auto shown = [&](int x) {
            const auto before = captured.count();
            QTest::mouseMove(scrubber, QPoint(x, y));
            view->requestCapture(QRect(0, 0, 1, 1));
            QElapsedTimer wait;
            wait.start();
            while (captured.count() == before && wait.elapsed() < 10'000)
                QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
            return captured.count() > before;
        };
        const int x0 = scrubber->width() / 10;
        QTest::mousePress(scrubber, Qt::LeftButton, {}, QPoint(x0, y));
        QVERIFY(replay->isScrubbing());
        QVERIFY(shown(x0 + 1)); // warm up
        timer.start();
        for (int i = 1; i <= moves; ++i)
            QVERIFY(shown(x0 + (i * 7) % (scrubber->width() * 8 / 10)));
        const double endToEnd = moves / (double(timer.nsecsElapsed()) / 1e9);

        // Paced like a hand: a move every 16 ms for 3 s, each asking for the frame that shows
        // it; frames drawn meanwhile are the groups of capture replies (one frame answers every
        // request pending when it was drawn, in one go).
        std::vector<qint64> answeredNs;
        QElapsedTimer clock;
        clock.start();
        const auto conn = connect(view, &takt::render::SceneView::frameCaptured, this,
                                  [&] { answeredNs.push_back(clock.nsecsElapsed()); });
        int step = 0;
        QTimer pace;
        pace.setInterval(16);
        connect(&pace, &QTimer::timeout, this, [&] {
            QTest::mouseMove(scrubber, QPoint(x0 + (++step * 5) % (scrubber->width() * 8 / 10), y));
            view->requestCapture(QRect(0, 0, 1, 1));
        });
        pace.start();
        while (clock.elapsed() < 3000)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        pace.stop();
        const qint64 pacedNs = clock.nsecsElapsed();
        QTRY_VERIFY_WITH_TIMEOUT(answeredNs.size() >= std::size_t(step), 10'000);
        disconnect(conn);
        int frames = 0;
        for (std::size_t i = 0; i < answeredNs.size(); ++i)
            if (answeredNs[i] <= pacedNs &&
                (i == 0 || answeredNs[i] - answeredNs[i - 1] > 3'000'000))
                ++frames;
        const double drawnPerS = frames / (double(pacedNs) / 1e9);
        QTest::mouseRelease(scrubber, Qt::LeftButton, {}, QPoint(x0, y));
        QVERIFY(!replay->isScrubbing());
        const QSize size = view->renderWindow()->size() * view->renderWindow()->devicePixelRatio();
        const QString gl =
            view->openGlRenderer() +
            (view->samples() > 0 ? QStringLiteral(", %1x MSAA").arg(view->samples()) : QString());
        const auto stats = view->stats();
        qInfo("scene: %zu triangles in %zu draw calls (layout)", std::size_t(stats.triangles),
              std::size_t(stats.drawCalls));
        qInfo("BENCH scrub, one move at a time, each waiting for its Qt 3D frame, at %dx%d (%s): "
              "%.1f updates/s",
              size.width(), size.height(), qPrintable(gl), endToEnd);
        qInfo("BENCH scrub, a move every 16 ms for 3 s: %d moves, %d Qt 3D frames showing them: "
              "%.1f updates/s",
              step, frames, drawnPerS);
        namespace bench = takt::twin::bench;
        bench::reportFigure({"scrub update path (seek, overlays, repaint)", rate, "updates/s",
                             "one move at a time, each waiting for its Qt 3D frame", endToEnd,
                             ">=", 30.0},
                            "bench_timeline_scrub");
        bench::reportFigure({"paced drag: Qt 3D frames showing the moves", drawnPerS, "frames/s",
                             "moves sent (one every 16 ms)", step / (double(pacedNs) / 1e9),
                             ">=", 30.0},
                            "bench_timeline_scrub");
        // Issue 5's target: the 3D scene follows a drag at 30 updates/s or more.
        QVERIFY2(rate >= 30.0,
                 qPrintable(QStringLiteral("update path: only %1 updates/s").arg(rate)));
        QVERIFY2(drawnPerS >= 30.0,
                 qPrintable(QStringLiteral("paced drag: only %1 Qt 3D frames/s").arg(drawnPerS)));
    }

    void scrubberImage()
    {
        auto w = openWindow();
        QVERIFY(w);
        TimelineScrubber scrubber;
        scrubber.resize(960, 160);
        const auto& data = w->document()->replay->data();
        scrubber.setRecording(&data);
        scrubber.setPosition(data.startMs() + (3 * 3600 + 10 * 60) * 1000LL);
        scrubber.setFlags({{TimelineFlag::Kind::Bookmark, data.startMs() + 3600'000, "b"},
                           {TimelineFlag::Kind::Annotation, data.startMs() + 5 * 3600'000, "a"}});
        const QImage actual = scrubber.grab().toImage();
        const QString name = QStringLiteral("timeline_scrubber_960x160");
        const QImage expected(QStringLiteral(TAKT_SOURCE_DIR "/tests/baselines/") + name + ".png");
        const auto diff = takt::testing::compareImages(actual, expected);
        if (!diff.sameSize || diff.differingShare > 0.01 || diff.meanAbs > 3.0) {
            const QString saved = takt::testing::saveActual(actual, name);
            QFAIL(qPrintable(
                QStringLiteral(
                    "scrubber differs from its baseline (%1% of pixels, mean %2); actual: %3")
                    .arg(diff.differingShare * 100)
                    .arg(diff.meanAbs)
                    .arg(saved)));
        }
    }
};

int main(int argc, char** argv)
{
    // The isolated importer runs this program as its helper.
    if (argc > 1 && std::string_view(argv[1]) == "__import-helper")
        return takt::render::runImportHelper(std::vector<std::string>(argv + 2, argv + argc));
    if (!qEnvironmentVariableIsSet("DISPLAY")) {
        std::fprintf(stderr, "test_timeline_gui: needs an X display (DISPLAY is unset): run it "
                             "under xvfb-run\n");
        return 1;
    }
    qputenv("QT3D_RENDERER", "opengl");
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("TaktTest"));
    QApplication::setApplicationName(QStringLiteral("test_timeline_gui"));
    takt::render::IsolatedImporter::setHelperCommand(QString(),
                                                     {QStringLiteral("__import-helper")});
    TestTimelineGui test;
    return QTest::qExec(&test, argc, argv);
}

#include "test_timeline_gui.moc"
