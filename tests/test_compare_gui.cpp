// Compare mode in the window (issue 13, item 4) on two seeds of the sample shift: the Compare
// dock shows what `takt compare --json` computes, the two timelines stay at the same shift
// offset, the floor heatmap is diverging (red and blue pixels where the layout changed), a
// recording of another plant is refused, and the comparison report is written. Screenshots in
// build/release/tests/screenshots/compare_mode*.png.
#include "main_window_support.h"

#include "app/compare_dock.h"
#include "app/compare_mode.h"
#include "app/frame_grabber.h"
#include "app/replay_controller.h"
#include "app/timeline_bar.h"
#include "render/scene_view.h"
#include "test_plants.h"
#include "twin/simulator.h"

#include <nlohmann/json.hpp>

#include <QDir>
#include <QDockWidget>
#include <QProcess>
#include <QScreen>
#include <QTableWidget>
#include <QTemporaryDir>

using namespace takt;

namespace {

nlohmann::json compareJson(const QString& a, const QString& b)
{
    QProcess p;
    p.start(QStringLiteral(TAKT_EXECUTABLE),
            {QStringLiteral("compare"), a, b, QStringLiteral("--json")});
    if (!p.waitForFinished(120'000) || p.exitCode() != 0)
        return {};
    return nlohmann::json::parse(p.readAllStandardOutput().toStdString());
}

/// Pixels that the heatmap turned red or blue: they differ from `plain` and their new colour
/// leans clearly to red or to blue.
std::pair<int, int> heatPixels(const QImage& plain, const QImage& heat)
{
    int red = 0, blue = 0;
    if (plain.size() != heat.size())
        return {-1, -1};
    for (int y = 0; y < heat.height(); ++y)
        for (int x = 0; x < heat.width(); ++x) {
            const QColor a = plain.pixelColor(x, y), b = heat.pixelColor(x, y);
            const int diff = std::abs(a.red() - b.red()) + std::abs(a.green() - b.green()) +
                             std::abs(a.blue() - b.blue());
            if (diff < 30)
                continue;
            if (b.red() > b.blue() + 30 && b.red() - a.red() > 10)
                ++red;
            else if (b.blue() > b.red() + 30 && b.blue() - a.blue() > 10)
                ++blue;
        }
    return {red, blue};
}

QImage grab3d(render::SceneView* view)
{
    app::FrameGrabber grabber(view);
    return grabber.grabBlocking(app::FrameGrabber::Pacing{40, 100, 2})
        .convertToFormat(QImage::Format_RGB32);
}

void saveScreenshot(QWidget* window, const QString& name)
{
    QDir().mkpath(QStringLiteral(TAKT_BINARY_DIR "/tests/screenshots"));
    QTest::qWait(300);
    const QPixmap shot = window->screen()->grabWindow(window->winId());
    shot.save(QStringLiteral(TAKT_BINARY_DIR "/tests/screenshots/%1.png").arg(name));
}

} // namespace

class TestCompareGui : public QObject {
    Q_OBJECT
    std::unique_ptr<app::MainWindow> m_window;
    app::CompareMode* m_compare = nullptr;

    bool waitFor(QSignalSpy& spy, int ms = 120'000)
    {
        QElapsedTimer clock;
        clock.start();
        while (spy.isEmpty() && clock.elapsed() < ms)
            QTest::qWait(50);
        return !spy.isEmpty();
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(QFileInfo::exists(QStringLiteral(TAKT_SAMPLE_SHIFT)), "build sample_shift");
        QVERIFY2(QFileInfo::exists(QStringLiteral(TAKT_SAMPLE_SHIFT_B)),
                 "build sample_shift_seed7");
        m_window = testing::openMainWindow(QStringLiteral(TAKT_SAMPLE_SHIFT));
        QVERIFY(m_window);
        m_window->resize(1700, 1000);
        m_compare = m_window->findChild<app::CompareMode*>();
        QVERIFY(m_compare);
        QSignalSpy compared(m_compare, &app::CompareMode::compared);
        QSignalSpy failed(m_compare, &app::CompareMode::failed);
        m_compare->open(QStringLiteral(TAKT_SAMPLE_SHIFT_B));
        QElapsedTimer clock;
        clock.start();
        while (compared.isEmpty() && failed.isEmpty() && clock.elapsed() < 120'000)
            QTest::qWait(50);
        QVERIFY2(failed.isEmpty(),
                 failed.isEmpty() ? "" : qPrintable(failed.front().front().toString()));
        QVERIFY(!compared.isEmpty());
        QVERIFY(m_compare->isActive());
    }

    void dockShowsWhatTheCommandComputes()
    {
        const auto j =
            compareJson(QStringLiteral(TAKT_SAMPLE_SHIFT), QStringLiteral(TAKT_SAMPLE_SHIFT_B));
        QVERIFY(!j.is_null());
        auto* dock = m_compare->dock();
        QVERIFY(dock->isVisible());
        QCOMPARE(dock->lineCell(QStringLiteral("units"), 1),
                 QString::number(j["line"]["units"]["a"].get<double>(), 'f', 0));
        QCOMPARE(dock->lineCell(QStringLiteral("units"), 2),
                 QString::number(j["line"]["units"]["b"].get<double>(), 'f', 0));
        QCOMPARE(dock->lineCell(QStringLiteral("oee"), 3),
                 app::comparedValue(j["line"]["oee"]["delta"].get<double>(), twin::KpiUnit::Share,
                                    true));
        QCOMPARE(dock->lineCell(QStringLiteral("throughput_per_hour"), 3),
                 app::comparedValue(j["line"]["throughput_per_hour"]["delta"].get<double>(),
                                    twin::KpiUnit::PerHour, true));
        // One row per station with states, in plant order, the first with its working delta.
        const auto& first = j["stations"][0];
        QCOMPARE(dock->stationTable()->item(0, 0)->text(),
                 QString::fromStdString(first["id"].get<std::string>()));
        QCOMPARE(dock->stationTable()->item(0, 1)->text(),
                 app::comparedValue(first["state_shares"]["working"]["delta"].get<double>(),
                                    twin::KpiUnit::Share, true));
        std::printf("two seeds: units %s -> %s, OEE %s -> %s (%s)\n",
                    qPrintable(dock->lineCell(QStringLiteral("units"), 1)),
                    qPrintable(dock->lineCell(QStringLiteral("units"), 2)),
                    qPrintable(dock->lineCell(QStringLiteral("oee"), 1)),
                    qPrintable(dock->lineCell(QStringLiteral("oee"), 2)),
                    qPrintable(dock->lineCell(QStringLiteral("oee"), 3)));
    }

    void timelinesFollowEachOtherByShiftOffset()
    {
        auto* a = m_window->replay();
        auto* b = m_compare->replayB();
        QVERIFY(m_compare->timelineB()->isVisible());
        a->seek(a->startMs() + 2 * 3'600'000);
        QCOMPARE(b->position() - b->startMs(), qint64(2 * 3'600'000));
        b->seek(b->startMs() + 5 * 3'600'000 + 1234);
        QCOMPARE(a->position() - a->startMs(), qint64(5 * 3'600'000 + 1234));
        a->stepForward();
        QCOMPARE(b->position() - b->startMs(), a->position() - a->startMs());
    }

    void floorHeatmapIsDiverging()
    {
        // The state with the most stations changed both ways shows red and blue together.
        const auto* c = m_compare->comparison();
        QVERIFY(c);
        twin::StationState best = twin::StationState::Working;
        int bestBoth = -1;
        for (const auto st : {twin::StationState::Working, twin::StationState::Starved,
                              twin::StationState::Blocked, twin::StationState::Down}) {
            int up = 0, down = 0;
            for (const auto& s : c->stations) {
                const double d = s.share[std::size_t(st)].delta();
                up += d > 0.01;
                down += d < -0.01;
            }
            if (std::min(up, down) > bestBoth) {
                bestBoth = std::min(up, down);
                best = st;
            }
        }
        QVERIFY2(bestBoth > 0, "two seeds should move some share up and some down");
        m_compare->dock()->setHeatState(best);
        const auto& v = m_compare->heatValues();
        QVERIFY(*std::max_element(v.begin(), v.end()) > 0.01);
        QVERIFY(*std::min_element(v.begin(), v.end()) < -0.01);

        // The charts and the issues make room for a larger view of the floor.
        for (const char* name : {"chartsDock", "issuesDock", "inspectorDock", "BookmarksDock"})
            if (auto* d = m_window->findChild<QDockWidget*>(QString::fromLatin1(name)))
                d->hide();
        auto* view = m_window->sceneView();
        QTest::qWait(200);
        view->fitAll();
        const QImage heat = grab3d(view);
        view->setHeatmapValues({}, 0);
        const QImage plain = grab3d(view);
        m_compare->dock()->setHeatState(twin::StationState::Working);
        m_compare->dock()->setHeatState(best); // the dock puts it back
        const QImage again = grab3d(view);
        const auto [red, blue] = heatPixels(plain, heat);
        std::printf("diverging heatmap of %s: %d red and %d blue pixels of %d\n",
                    std::string(twin::toString(best)).c_str(), red, blue,
                    int(heat.width() * heat.height()));
        saveScreenshot(m_window.get(),
                       QStringLiteral("compare_mode_%1")
                           .arg(QString::fromUtf8(std::string(twin::toString(best)).c_str())));
        heat.save(QStringLiteral(TAKT_BINARY_DIR "/tests/screenshots/compare_mode_3d.png"));
        plain.save(QStringLiteral(TAKT_BINARY_DIR "/tests/screenshots/compare_mode_3d_plain.png"));
        QVERIFY2(red > 200 && blue > 200,
                 qPrintable(QStringLiteral("red %1, blue %2").arg(red).arg(blue)));
        const auto [red2, blue2] = heatPixels(plain, again);
        QVERIFY(red2 > 200 && blue2 > 200);
    }

    void reportIsWritten()
    {
        // Kept beside the screenshots for a person to look at.
        const QString pdf = QStringLiteral(TAKT_BINARY_DIR "/tests/screenshots/compare_report.pdf");
        QFile::remove(pdf);
        QString error;
        QVERIFY2(m_compare->exportReport(pdf, &error), qPrintable(error));
        QFile f(pdf);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        QVERIFY(bytes.startsWith("%PDF"));
        QVERIFY2(bytes.size() > 20'000, "the page should hold the 3D view");
        QCOMPARE(bytes.count("/Type /Page\n") + bytes.count("/Type /Page\r") +
                     bytes.count("/Type /Page>") + bytes.count("/Type /Page "),
                 1);
    }

    void anotherPlantIsRefused()
    {
        QTemporaryDir dir;
        const std::string other = dir.filePath(QStringLiteral("other.takt")).toStdString();
        twin::simulate(twin::testing::smallPlant(), 0.2, 1, other);
        QSignalSpy failed(m_compare, &app::CompareMode::failed);
        m_compare->open(QString::fromStdString(other));
        QVERIFY(waitFor(failed));
        const QString reason = failed.front().front().toString();
        QVERIFY2(reason.contains(QStringLiteral("different plants")), qPrintable(reason));
        QVERIFY2(reason.contains(QStringLiteral("takt-ev-line1")), qPrintable(reason));
        // The comparison shown before stays as it was.
        QVERIFY(m_compare->isActive());
    }

    void closingRestoresTheWindow()
    {
        m_compare->close();
        QVERIFY(!m_compare->isActive());
        QVERIFY(!m_compare->dock()->isVisible());
        QVERIFY(!m_compare->timelineB()->isVisible());
        QVERIFY(m_window->sceneView()->overlaySettings().stateColors);
        QVERIFY(!m_window->sceneView()->overlaySettings().heatmap);
    }

    void cleanupTestCase() { m_window.reset(); }
};

int main(int argc, char** argv)
{
    return takt::testing::runWindowTest<TestCompareGui>(argc, argv, "test_compare_gui",
                                                        QStringLiteral(TAKT_EXECUTABLE));
}
#include "test_compare_gui.moc"
