// File › Export Image and Export Video from the main window (issue 5, items 5 and 6): the real
// window on the sample shift saves its 3D frame, and a replay segment as a clip with the
// expected frame count, restoring the replay position; a cancelled export leaves no file.
#include "app/export_actions.h"
#include "app/main_window.h"
#include "app/replay_controller.h"
#include "render/isolated_importer.h"
#include "render/scene_view.h"

#include "main_window_support.h"

#include <QApplication>
#include <QFileInfo>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace takt::app;

class TestExportGui : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_window.resize(1200, 800);
        m_window.show();
        QSignalSpy shown(&m_window, &MainWindow::documentShown);
        m_window.openFile(QStringLiteral(TAKT_SAMPLE_SHIFT));
        QVERIFY2(shown.wait(120'000), "the sample shift did not open");
        m_exports = m_window.findChild<ExportActions*>();
        QVERIFY2(m_exports, "the window has no export actions");
    }

    void exportImageSavesTheFrame()
    {
        m_window.replay()->seek(m_window.replay()->startMs() + 3 * 3'600'000);
        const QString path = m_dir.filePath("view.png");
        QString error;
        const QImage frame = m_exports->exportImageTo(path, &error);
        QVERIFY2(!frame.isNull(), qPrintable(error));
        const QImage saved(path);
        QCOMPARE(saved.size(), frame.size());
        QVERIFY(saved.width() >= m_window.sceneView()->width() - 2);
    }

    void exportVideoHasTheFramesAndRestoresPosition()
    {
        const QString ffprobe = QStandardPaths::findExecutable(QStringLiteral("ffprobe"));
        QVERIFY2(!ffprobe.isEmpty(), "ffprobe (ffmpeg) is missing: tools/bootstrap.sh installs it");
        auto* replay = m_window.replay();
        const qint64 before = replay->startMs() + 90 * 60'000;
        replay->seek(before);
        VideoOptions o;
        o.from = replay->startMs() + 2 * 3'600'000;
        o.to = o.from + 30'000;
        o.fps = 5;
        o.speed = 10; // 30 s of replay in 3 s: 15 frames
        o.out = m_dir.filePath("gui.mp4");
        int calls = 0;
        const VideoResult r = m_exports->exportVideoTo(o, [&](int, int total) {
            ++calls;
            return total == 15;
        });
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.frames, 15);
        QCOMPARE(calls, 15);
        QCOMPARE(replay->position(), before);
        QProcess p;
        p.start(ffprobe, {"-v", "error", "-count_frames", "-select_streams", "v:0", "-show_entries",
                          "stream=nb_read_frames", "-of", "csv=p=0", o.out});
        QVERIFY(p.waitForFinished(60'000));
        QCOMPARE(QString::fromUtf8(p.readAllStandardOutput()).trimmed(), QStringLiteral("15"));
    }

    void cancelledVideoLeavesNoFile()
    {
        auto* replay = m_window.replay();
        VideoOptions o;
        o.from = replay->startMs() + 3'600'000;
        o.to = o.from + 60'000;
        o.fps = 10;
        o.speed = 10;
        o.out = m_dir.filePath("cancelled.mp4");
        const VideoResult r = m_exports->exportVideoTo(o, [](int done, int) { return done < 3; });
        QVERIFY(r.cancelled);
        QVERIFY(!r.ok);
        QVERIFY(!QFileInfo::exists(o.out));
    }

private:
    QTemporaryDir m_dir;
    MainWindow m_window;
    ExportActions* m_exports = nullptr;
};

int main(int argc, char** argv)
{
    return takt::testing::runWindowTest<TestExportGui>(argc, argv, "test_export_gui",
                                                       QStringLiteral(TAKT_EXECUTABLE));
}

#include "test_export_gui.moc"
