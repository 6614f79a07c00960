#include "app/gui.h"

#include "app/app_resources.h"
#include "app/app_settings.h"
#include "app/cli.h"
#include "app/main_window.h"
#include "app/overlay_legend.h"
#include "app/presentation_mode.h"
#include "app/replay_controller.h"
#include "app/screenshot_task.h"
#include "render/scene_view.h"
#include "twin/events.h"
#include "twin/log.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSurfaceFormat>

#include <cstdlib>
#include <iostream>
#include <string>

namespace takt::app {
namespace {

void routeQtMessages(QtMsgType type, const QMessageLogContext&, const QString& message)
{
    static auto log = twin::logger("qt");
    const std::string text = message.toStdString();
    switch (type) {
    case QtDebugMsg: log->debug("{}", text); break;
    case QtInfoMsg: log->info("{}", text); break;
    case QtWarningMsg: log->warn("{}", text); break;
    case QtCriticalMsg:
    case QtFatalMsg: log->error("{}", text); break;
    }
}

} // namespace

int runGui(int argc, char** argv)
{
    const qint64 startMs = QDateTime::currentMSecsSinceEpoch();
    qInstallMessageHandler(routeQtMessages);
    // Qt 3D's OpenGL renderer: on Mesa it reaches the first frame sooner than the RHI one and
    // reads frames back the right way up. QT3D_RENDERER=rhi still selects the other.
    if (!qEnvironmentVariableIsSet("QT3D_RENDERER"))
        qputenv("QT3D_RENDERER", "opengl");
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Takt"));
    QApplication::setOrganizationName(QStringLiteral("Takt"));
    QApplication::setApplicationVersion(QStringLiteral(TAKT_VERSION));
    QApplication::setWindowIcon(applicationIcon());
    QGuiApplication::setDesktopFileName(QStringLiteral("takt"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Takt — digital twin for production lines"));
    parser.addPositionalArgument(QStringLiteral("file"),
                                 QStringLiteral("Plant manifest or CAD layout to open."));
    QCommandLineOption sizeOpt(QStringLiteral("size"), QStringLiteral("Window size."),
                               QStringLiteral("WxH"));
    QCommandLineOption shotOpt(QStringLiteral("screenshot"),
                               QStringLiteral("Save a screenshot once drawn, then quit."),
                               QStringLiteral("image"));
    QCommandLineOption firstFrameOpt(
        QStringLiteral("first-frame"),
        QStringLiteral("Print the import and first-frame times, then quit (benchmarks)."));
    QCommandLineOption atOpt(QStringLiteral("at"),
                             QStringLiteral("Replay position: offset from the start (02:15:00) "
                                            "or ISO 8601 time."),
                             QStringLiteral("time"));
    QCommandLineOption presentOpt(QStringLiteral("presentation"),
                                  QStringLiteral("Start in presentation mode (F11)."));
    parser.addOption(presentOpt);
    parser.addOption(atOpt);
    QCommandLineOption heatOpt(QStringLiteral("heatmap"),
                               QStringLiteral("Floor heatmap: utilisation, downtime or defects."),
                               QStringLiteral("metric"));
    parser.addOption(heatOpt);
    parser.addOption(sizeOpt);
    parser.addOption(shotOpt);
    parser.addOption(firstFrameOpt);
    if (!parser.parse(QApplication::arguments())) {
        std::cerr << "takt: " << parser.errorText().toStdString() << "\n" << usage();
        return kExitUsage;
    }
    if (parser.positionalArguments().size() > 1) {
        std::cerr << "takt: more than one file given\n" << usage();
        return kExitUsage;
    }

    // Screenshots and first-frame timings must not depend on (or change) the user's settings.
    AppSettings::setPersistent(!parser.isSet(shotOpt) && !parser.isSet(firstFrameOpt));
    MainWindow window;
    QSize size(1600, 1000);
    if (parser.isSet(sizeOpt)) {
        const auto m = QRegularExpression(QStringLiteral("^(\\d+)x(\\d+)$"))
                           .match(parser.value(sizeOpt));
        if (!m.hasMatch()) {
            std::cerr << "takt: --size wants WxH, for example 1600x1000\n";
            return kExitUsage;
        }
        size = QSize(m.captured(1).toInt(), m.captured(2).toInt());
    }
    window.resize(size);
    if (parser.isSet(heatOpt)) {
        const QString m = parser.value(heatOpt);
        const HeatmapMetric metric = m == QLatin1String("utilisation") ? HeatmapMetric::Utilisation
                                     : m == QLatin1String("downtime")  ? HeatmapMetric::Downtime
                                     : m == QLatin1String("defects")   ? HeatmapMetric::Defects
                                                                       : HeatmapMetric::Off;
        if (metric == HeatmapMetric::Off) {
            std::cerr << "takt: --heatmap wants utilisation, downtime or defects\n";
            return kExitUsage;
        }
        window.legend()->setHeatmapMetric(metric);
    }
    window.show();

    const QString file = parser.positionalArguments().value(0, defaultDocumentPath());
    if (parser.isSet(atOpt)) {
        const std::string at = parser.value(atOpt).toStdString();
        QObject::connect(&window, &MainWindow::documentShown, &window, [&window, at] {
            auto* replay = window.replay();
            if (!replay->hasRecording()) {
                std::cerr << "takt: --at: the file opened holds no recording\n";
                return;
            }
            if (const auto t = twin::resolveTimeArgument(at, replay->startMs()))
                replay->seek(*t);
            else
                std::cerr << "takt: --at: \"" << at
                          << "\" is neither an offset like 02:15:00 nor an ISO 8601 time\n";
        });
    }
    if (parser.isSet(presentOpt))
        QObject::connect(&window, &MainWindow::documentShown, &window, [&window] {
            if (auto* presentation = window.findChild<PresentationMode*>())
                presentation->setActive(true);
        });
    if (parser.isSet(shotOpt) || parser.isSet(firstFrameOpt)) { // owned by the window
        window.sceneView()->setAnimated(false); // reproducible images
        new ScreenshotTask(&window, parser.isSet(shotOpt) ? parser.value(shotOpt) : QString(),
                           startMs);
    }
    // Opened with no file, Takt shows the sample plant replaying its recorded shift: it plays
    // (at the speed kept from the last run) unless a position or an image was asked for.
    if (parser.positionalArguments().isEmpty() && !parser.isSet(atOpt) && !parser.isSet(shotOpt) &&
        !parser.isSet(firstFrameOpt))
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
    window.openFile(file);
    return app.exec();
}

} // namespace takt::app
