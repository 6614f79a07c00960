#include "app/gui.h"

#include "app/app_resources.h"
#include "app/app_settings.h"
#include "app/command_line.h"
#include "app/compare_mode.h"
#include "app/huge_pages.h"
#include "app/live_session.h"
#include "app/main_window.h"
#include "app/orbit_benchmark.h"
#include "app/overlay_legend.h"
#include "app/presentation_mode.h"
#include "app/quick_exit.h"
#include "app/replay_controller.h"
#include "app/screen_fit.h"
#include "app/screenshot_task.h"
#include "render/scene_view.h"
#include "twin/error.h"
#include "twin/events.h"
#include "twin/log.h"

#include <QApplication>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QSurfaceFormat>

#include <cstdlib>
#include <iostream>
#include <optional>
#include <string>

namespace takt::app {
namespace {

void routeQtMessages(QtMsgType type, const QMessageLogContext&, const QString& message)
{
    static auto log = twin::logger("qt");
    const std::string text = message.toStdString();
    switch (type) {
    case QtDebugMsg:
        log->debug("{}", text);
        break;
    case QtInfoMsg:
        log->info("{}", text);
        break;
    case QtWarningMsg:
        log->warn("{}", text);
        break;
    case QtCriticalMsg:
    case QtFatalMsg:
        log->error("{}", text);
        break;
    }
}

} // namespace

int runGui(const CommandLine& line)
{
    // Timed from before reexecWithHugePages() ran this program again (its start counts too).
    const qint64 startMs = startedMs().value_or(QDateTime::currentMSecsSinceEpoch());
    // An image path that cannot be written failed only at the end, after the 3D frame had been
    // saved beside it as DIR-3d.png (issue 14, item 7): refuse it before anything is drawn.
    if (line.has("screenshot")) {
        const std::string shot = line.text("screenshot");
        const QFileInfo info(QString::fromStdString(shot));
        const char* problem = info.isDir() ? "is a folder, not an image file"
                              : !info.absoluteDir().exists()
                                  ? "lies in a folder that does not exist"
                                  : nullptr;
        if (problem) {
            std::cerr << "takt: --screenshot " << shot << " " << problem << "\n";
            return kExitUsage;
        }
    }
    // Without a display Qt aborts in the QApplication constructor; say so in one line instead.
    const QByteArray platform = qgetenv("QT_QPA_PLATFORM");
    if (!qEnvironmentVariableIsSet("DISPLAY") && !qEnvironmentVariableIsSet("WAYLAND_DISPLAY") &&
        (platform.isEmpty() || platform == "xcb" || platform == "wayland")) {
        std::cerr << "takt: the window needs a display (DISPLAY is unset); run it under xvfb-run, "
                     "or see takt --help for the commands that need none\n";
        return kExitFailure;
    }
    qInstallMessageHandler(routeQtMessages);
    // Qt 3D's OpenGL renderer: on Mesa it reaches the first frame sooner than the RHI one and
    // reads frames back the right way up. QT3D_RENDERER=rhi still selects the other.
    if (!qEnvironmentVariableIsSet("QT3D_RENDERER"))
        qputenv("QT3D_RENDERER", "opengl");
    int argc = line.argc();
    QApplication app(argc, line.argv());
    QApplication::setApplicationName(QStringLiteral("Takt"));
    QApplication::setOrganizationName(QStringLiteral("Takt"));
    QApplication::setApplicationVersion(QStringLiteral(TAKT_VERSION));
    QApplication::setWindowIcon(applicationIcon());
    QGuiApplication::setDesktopFileName(QStringLiteral("takt"));

    const bool screenshot = line.has("screenshot");
    const bool orbit = line.has("orbit-benchmark");
    const bool firstFrame = line.has("first-frame") || orbit;
    // Screenshots and first-frame timings must not depend on (or change) the user's settings.
    AppSettings::setPersistent(!screenshot && !firstFrame);
    // Destroyed by closeWindowAndExit, before the process ends (quick_exit.h).
    std::optional<MainWindow> mainWindow(std::in_place);
    MainWindow& window = *mainWindow;
    // Sized to the screen it opens on (docks tabbed on a small one) unless --size says otherwise.
    fitToScreen(&window, window.screen(),
                line.has("size") ? std::optional<QSize>(line.size("size")) : std::nullopt);
    if (line.has("heatmap")) {
        const std::string m = line.text("heatmap");
        window.legend()->setHeatmapMetric(m == "utilisation" ? HeatmapMetric::Utilisation
                                          : m == "downtime"  ? HeatmapMetric::Downtime
                                                             : HeatmapMetric::Defects);
    }
    window.show();

    const QString file =
        line.has("FILE") ? QString::fromStdString(line.text("FILE")) : defaultDocumentPath();
    if (const auto at = line.time("at")) {
        // A time that does not fit the file is a usage error, as in `takt render`.
        QObject::connect(
            &window, &MainWindow::documentShown, &window,
            [&window, at = *at] {
                auto* replay = window.replay();
                if (!replay->hasRecording()) {
                    std::cerr << "takt: --at given, but the file holds no recording\n";
                    QApplication::exit(kExitUsage);
                    return;
                }
                try {
                    replay->seek(
                        twin::timeInRecording(at, "--at", replay->startMs(), replay->endMs()));
                } catch (const twin::ArgumentError& e) {
                    std::cerr << "takt: " << e.what() << "\n";
                    QApplication::exit(kExitUsage);
                }
            },
            Qt::SingleShotConnection);
    }
    if (line.has("presentation"))
        QObject::connect(&window, &MainWindow::documentShown, &window, [&window] {
            if (auto* presentation = window.findChild<PresentationMode*>())
                presentation->setActive(true);
        });
    auto* compare = window.findChild<CompareMode*>();
    if (line.has("compare") && compare)
        QObject::connect(
            &window, &MainWindow::documentShown, compare,
            [compare, b = QString::fromStdString(line.text("compare"))] { compare->open(b); },
            Qt::SingleShotConnection);
    if (line.has("no-lod"))
        window.sceneView()->setDetail(false, false);
    if (orbit) {
        window.sceneView()->setAnimated(false);
        new OrbitBenchmark(&window, startMs, line.has("no-lod")); // owned by the window
    } else if (screenshot || firstFrame) {
        window.sceneView()->setAnimated(false); // reproducible images
        auto* task = new ScreenshotTask(        // owned by the window
            &window, screenshot ? QString::fromStdString(line.text("screenshot")) : QString(),
            startMs);
        if (line.has("compare") && compare)
            task->deferUntil(compare, SIGNAL(compared()), SIGNAL(failed(QString)));
    }
    // Opened with no file, Takt shows the sample plant replaying its recorded shift: it plays
    // (at the speed kept from the last run) unless a position or an image was asked for.
    if (!line.has("FILE") && !line.has("at") && !screenshot && !firstFrame && !line.has("live"))
        QObject::connect(
            &window, &MainWindow::documentShown, &window,
            [&window] {
                if (window.replay()->hasRecording()) {
                    window.replay()->play();
                    twin::logger("app")->info("replaying the sample shift at {}x",
                                              window.replay()->speed());
                }
            },
            Qt::SingleShotConnection);
    if (line.has("live")) {
        LiveConnection live;
        live.brokerUrl = QString::fromStdString(line.text("live"));
        live.plantPath = line.has("FILE") ? file : LiveConnection::samplePlant();
        if (line.has("out"))
            live.outPath = QString::fromStdString(line.text("out"));
        if (line.text("format") == "sparkplug")
            live.format = twin::live::PayloadFormat::SparkplugB;
        LiveSession::begin(&window, std::move(live));
    } else {
        window.openFile(file);
    }
    closeWindowAndExit(mainWindow, app.exec());
}

} // namespace takt::app
