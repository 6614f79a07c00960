// Playing a shift story in presentation mode (issue 15, item 2): three bookmarks become three
// moments; the camera flies to each moment's view, the replay plays the minutes before it, the
// caption is on screen, and the clicker (not a timer) goes on to the next. Screenshots land in
// build/release/tests/screenshots/story_play_*.png for a person to look at.
#include "app/presentation_mode.h"
#include "app/replay_controller.h"
#include "main_window_support.h"
#include "twin/session_store.h"

#include <QDir>
#include <QFile>
#include <QLabel>
#include <QScreen>
#include <QTemporaryDir>
#include <QtTest>

using namespace takt;

namespace {

const QString kOut = QStringLiteral(TAKT_BINARY_DIR "/tests/screenshots");
const QStringList kCaptions = {QStringLiteral("Night shift starts warm"),
                               QStringLiteral("Final assembly loses its rhythm"),
                               QStringLiteral("End of line stops for twenty minutes")};

} // namespace

class TestStoryPlayGui : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

private slots:
    void playsMomentByMoment()
    {
        const QString session = m_dir.filePath(QStringLiteral("story.takt"));
        QVERIFY(QFile::copy(QStringLiteral(TAKT_SAMPLE_SHIFT), session));
        QFile::setPermissions(session, QFile::ReadOwner | QFile::WriteOwner);
        twin::CameraView close;
        close.position = {20, 25, 40};
        twin::TimeMs start = 0;
        {
            auto store = twin::SessionStore::open(session.toStdString(),
                                                  twin::SessionStore::Access::ReadWrite);
            const auto rec = store.recordings().back();
            start = rec.startMs;
            const twin::TimeMs minute = 60'000;
            store.addBookmark(rec.id, start + (5 * 60 + 55) * minute, kCaptions[2].toStdString());
            const auto id =
                store.addBookmark(rec.id, start + 10 * minute, kCaptions[0].toStdString());
            store.addBookmark(rec.id, start + (2 * 60 + 55) * minute, kCaptions[1].toStdString());
            store.saveCameraView("bookmark:" + std::to_string(id), close);
        }
        auto w = testing::openMainWindow(session);
        QVERIFY(w);
        auto* presentation = w->findChild<app::PresentationMode*>();
        QVERIFY(presentation);
        QVERIFY(presentation->playStory());
        QVERIFY(presentation->isActive());
        QVERIFY(presentation->storyPlaying());
        QCOMPARE(presentation->story().moments.size(), std::size_t(3));
        auto* replay = w->replay();
        const auto lead = app::PresentationMode::kStoryLeadMs;
        for (int i = 0; i < 3; ++i) {
            const auto& m = presentation->story().moments[std::size_t(i)];
            QCOMPARE(m.caption, kCaptions[i]);
            QTest::qWait(4500); // the camera's flight (4 s)
            QVERIFY(presentation->storyCaption()->isVisible());
            QVERIFY2(presentation->storyCaption()->text().contains(kCaptions[i]),
                     qPrintable(presentation->storyCaption()->text()));
            // It replays the minutes before the moment, and no timer moved on to the next one.
            QVERIFY(replay->isPlaying());
            QVERIFY(replay->position() >= m.t - lead);
            QVERIFY(replay->position() < m.t + lead);
            QCOMPARE(presentation->tourIndex(), std::size_t(i));
            QCOMPARE(w->sceneView()->selectedStation(), m.station);
            if (m.camera) {
                const auto now = w->sceneView()->cameraView();
                for (int k = 0; k < 3; ++k)
                    QVERIFY(std::abs(now.position[std::size_t(k)] -
                                     m.camera->position[std::size_t(k)]) < 0.01);
            }
            QDir().mkpath(kOut);
            // The X server's own picture: the 3D view is a native GL window that grab() misses.
            QVERIFY(w->screen()->grabWindow(0).save(
                kOut + QStringLiteral("/story_play_%1.png").arg(i + 1)));
            presentation->step(1); // the clicker's Page Down
        }
        // The moment after the last is the first again; Esc leaves and takes the caption along.
        QCOMPARE(presentation->tourIndex(), std::size_t(0));
        presentation->setActive(false);
        QVERIFY(!presentation->storyPlaying());
        QVERIFY(!presentation->storyCaption()->isVisible());
    }
};

int main(int argc, char** argv)
{
    return testing::runWindowTest<TestStoryPlayGui>(argc, argv, "test_story_play_gui",
                                                    QStringLiteral(TAKT_EXECUTABLE));
}
#include "test_story_play_gui.moc"
