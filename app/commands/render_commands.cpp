#include "app/render_commands.h"

#include "app/command_line.h"
#include "app/replay_controller.h"
#include "app/report_pdf.h"
#include "app/shift_report.h"
#include "app/time_format.h"
#include "app/video_exporter.h"
#include "app/view_renderer.h"
#include "render/scene_view.h"
#include "twin/error.h"
#include "twin/log.h"

#include <QApplication>
#include <QDateTime>
#include <QFileInfo>
#include <QImage>

#include <algorithm>
#include <exception>
#include <functional>
#include <iostream>

namespace takt::app {
namespace {

void routeQtMessages(QtMsgType type, const QMessageLogContext&, const QString& message)
{
    // stderr belongs to the command's own progress and errors; Qt's chatter goes to the log.
    static auto log = twin::logger("qt");
    const std::string text = message.toStdString();
    if (type == QtCriticalMsg || type == QtFatalMsg)
        log->error("{}", text);
    else
        log->debug("{}", text);
}

} // namespace

/// Checks for a display, then runs `body` inside a QApplication; exceptions become one line.
int withRenderingApp(const CommandLine& line, const std::function<int()>& body)
{
    const QByteArray platform = qgetenv("QT_QPA_PLATFORM");
    if (!qEnvironmentVariableIsSet("DISPLAY") && (platform.isEmpty() || platform == "xcb")) {
        std::cerr << "takt " << line.verb().name
                  << ": needs an X display to draw the 3D view (DISPLAY is unset); "
                     "run it under xvfb-run\n";
        return kExitFailure;
    }
    qInstallMessageHandler(routeQtMessages);
    // As in the GUI: Qt 3D's OpenGL renderer reads frames back the right way up on Mesa.
    if (!qEnvironmentVariableIsSet("QT3D_RENDERER"))
        qputenv("QT3D_RENDERER", "opengl");
    static int appArgc = 1; // QApplication keeps a reference to it
    appArgc = line.argc() > 0 ? 1 : 0;
    QApplication app(appArgc, line.argv());
    QApplication::setApplicationName(QStringLiteral("Takt"));
    QApplication::setOrganizationName(QStringLiteral("Takt"));
    try {
        return body();
    } catch (const twin::ArgumentError& e) {
        std::cerr << "takt " << line.verb().name << ": " << e.what() << "\n";
        return kExitUsage;
    } catch (const std::exception& e) {
        std::cerr << "takt " << line.verb().name << ": " << e.what() << "\n";
        return kExitFailure;
    }
}

bool reportedDamage(const ViewRenderer& renderer, const char* verb)
{
    const auto doc = renderer.document();
    if (!doc || !doc->replay)
        return false;
    const auto damage = doc->replay->data().fileDamage();
    if (damage)
        std::cerr << "takt " << verb << ": " << *damage << "\n";
    return damage.has_value();
}

QString frameCaption(const Document& doc, const ReplayController& replay, double speed,
                     QString* right)
{
    const twin::TimeMs t = replay.position();
    QString left =
        QDateTime::fromMSecsSinceEpoch(t, Qt::UTC).toString(QStringLiteral("HH:mm:ss 'UTC'")) +
        QStringLiteral("  ·  shift %1").arg(formatOffsetHm(t - replay.startMs()));
    if (doc.plant)
        left += QStringLiteral("  ·  ") + QString::fromStdString(doc.plant->name);
    const int b = replay.bottleneck();
    *right = QStringLiteral("%1×").arg(speed, 0, 'g', 4);
    if (doc.plant && b >= 0 && std::size_t(b) < doc.plant->stations.size())
        *right += QStringLiteral("  ·  bottleneck %1")
                      .arg(QString::fromStdString(doc.plant->stations[std::size_t(b)].id));
    return left;
}

int runRender(const CommandLine& line)
{
    const QSize size = line.size("size");
    const std::string file = line.text("FILE");
    const std::string out = line.text("out");
    const auto at = line.time("at");
    return withRenderingApp(line, [&]() -> int {
        ViewRenderer renderer(size);
        const QString error = renderer.openBlocking(QString::fromStdString(file));
        if (!error.isEmpty()) {
            std::cerr << "takt render: " << file << ": " << error.toStdString() << "\n";
            return kExitFailure;
        }
        std::optional<twin::TimeMs> t;
        if (at) {
            if (!renderer.replay()->hasRecording()) {
                std::cerr << "takt render: " << file
                          << ": --at given, but the file holds no recording\n";
                return kExitUsage;
            }
            t = twin::timeInRecording(*at, "--at", renderer.replay()->startMs(),
                                      renderer.replay()->endMs());
        }
        bool blank = true;
        const QImage image = renderer.renderAt(t, &blank);
        if (reportedDamage(renderer, "render"))
            return kExitFailure;
        if (blank) {
            std::cerr << "takt render: " << file << ": the 3D view stayed blank\n";
            return kExitFailure;
        }
        if (!image.save(QString::fromStdString(out))) {
            std::cerr << "takt render: cannot write " << out << "\n";
            return kExitFailure;
        }
        return kExitOk;
    });
}

int runReport(const CommandLine& line)
{
    const std::string file = line.text("SESSION.takt");
    const QString out = QString::fromStdString(line.text("out"));
    return withRenderingApp(line, [&]() -> int {
        const auto progress = [](const QString& text) {
            std::cerr << "takt report: " << text.toStdString() << std::endl;
        };
        progress(QStringLiteral("opening %1").arg(QString::fromStdString(file)));
        // Near the shape of the half page a snapshot fills.
        ViewRenderer renderer(QSize(1100, 1000));
        const QString error = renderer.openBlocking(QString::fromStdString(file));
        if (!error.isEmpty()) {
            std::cerr << "takt report: " << file << ": " << error.toStdString() << "\n";
            return kExitFailure;
        }
        if (!renderer.document()->isSession()) {
            std::cerr << "takt report: " << file << ": not a session with a recording\n";
            return kExitFailure;
        }
        progress(QStringLiteral("computing KPIs, charts and losses"));
        const ShiftReportData report = buildShiftReport(*renderer.document());
        std::vector<QImage> snapshots;
        for (std::size_t i = 0; i < report.moments.size(); ++i) {
            const auto& m = report.moments[i];
            progress(QStringLiteral("snapshot %1/%2: %3 at %4")
                         .arg(i + 1)
                         .arg(report.moments.size())
                         .arg(m.title, formatOffsetHm(m.t - report.from)));
            bool blank = true;
            renderer.view()->setSelectedStation(m.station);
            const QImage image = renderer.renderAt(m.t, &blank);
            snapshots.push_back(blank ? QImage() : image);
        }
        if (reportedDamage(renderer, "report"))
            return kExitFailure;
        writeShiftReportPdf(report, snapshots, out, progress);
        progress(QStringLiteral("wrote %1 (%2 pages)").arg(out).arg(kShiftReportPages));
        return kExitOk;
    });
}

int runVideo(const CommandLine& line)
{
    VideoOptions options;
    options.fps = line.real("fps");
    options.speed = line.real("speed");
    options.out = QString::fromStdString(line.text("out"));
    const QSize size = line.size("size");
    const std::string file = line.text("SESSION.takt");
    const twin::TimeArgument from = *line.time("from");
    const twin::TimeArgument to = *line.time("to");
    return withRenderingApp(line, [&]() -> int {
        ViewRenderer renderer(size);
        const QString error = renderer.openBlocking(QString::fromStdString(file));
        if (!error.isEmpty()) {
            std::cerr << "takt video: " << file << ": " << error.toStdString() << "\n";
            return kExitFailure;
        }
        auto* replay = renderer.replay();
        if (!replay->hasRecording()) {
            std::cerr << "takt video: " << file << ": not a session with a recording\n";
            return kExitFailure;
        }
        options.from = twin::timeInRecording(from, "--from", replay->startMs(), replay->endMs());
        options.to = twin::timeInRecording(to, "--to", replay->startMs(), replay->endMs());
        if (options.to <= options.from) {
            std::cerr << "takt video: --to " << to.text << " is not after --from " << from.text
                      << "\n";
            return kExitUsage;
        }
        const auto& doc = *renderer.document();
        const FrameSource source = [&](twin::TimeMs t) {
            bool blank = true;
            QImage frame = renderer.renderAt(t, &blank);
            if (blank)
                return QImage();
            QString right;
            const QString left = frameCaption(doc, *replay, options.speed, &right);
            frame = frame.convertToFormat(QImage::Format_RGB32);
            paintCaption(frame, left, right);
            return frame;
        };
        const int total = videoFrameCount(options);
        std::cerr << "takt video: " << total << " frames at " << options.fps << " fps\n";
        int lastReported = -1;
        bool damage = false;
        const VideoResult r = exportVideo(options, source, [&](int done, int all) {
            // A damaged page met: the export stops and its partial clip is removed.
            if (reportedDamage(renderer, "video")) {
                damage = true;
                return false;
            }
            const int tenth = done * 10 / all;
            if (tenth != lastReported) {
                lastReported = tenth;
                std::cerr << "takt video: frame " << done << "/" << all << std::endl;
            }
            return true;
        });
        if (damage)
            return kExitFailure;
        if (!r.ok) {
            std::cerr << "takt video: " << r.error.toStdString() << "\n";
            return kExitFailure;
        }
        if (r.pngSequence)
            std::cerr << "takt video: ffmpeg not found; wrote " << r.frames << " PNG frames into "
                      << r.output.toStdString() << "\n";
        else
            std::cerr << "takt video: wrote " << r.output.toStdString() << " (" << r.frames
                      << " frames)\n";
        return kExitOk;
    });
}

} // namespace takt::app
