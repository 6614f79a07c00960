#include "app/render_commands.h"

#include "app/cli.h"
#include "app/replay_controller.h"
#include "app/report_pdf.h"
#include "app/shift_report.h"
#include "app/video_exporter.h"
#include "app/view_renderer.h"
#include "render/scene_view.h"
#include "twin/log.h"

#include <QApplication>
#include <QDateTime>
#include <QFileInfo>
#include <QImage>
#include <QRegularExpression>

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

/// Checks for a display, then runs `body` inside a QApplication; exceptions become one line.
int withRenderingApp(int argc, char** argv, const std::string& command,
                     const std::function<int()>& body)
{
    const QByteArray platform = qgetenv("QT_QPA_PLATFORM");
    if (!qEnvironmentVariableIsSet("DISPLAY") && (platform.isEmpty() || platform == "xcb")) {
        std::cerr << "takt " << command
                  << ": needs an X display to draw the 3D view (DISPLAY is unset); "
                     "run it under xvfb-run\n";
        return kExitFailure;
    }
    qInstallMessageHandler(routeQtMessages);
    // As in the GUI: Qt 3D's OpenGL renderer reads frames back the right way up on Mesa.
    if (!qEnvironmentVariableIsSet("QT3D_RENDERER"))
        qputenv("QT3D_RENDERER", "opengl");
    static int appArgc = 1; // QApplication keeps a reference to it
    appArgc = argc > 0 ? 1 : 0;
    QApplication app(appArgc, argv);
    QApplication::setApplicationName(QStringLiteral("Takt"));
    QApplication::setOrganizationName(QStringLiteral("Takt"));
    try {
        return body();
    } catch (const std::exception& e) {
        std::cerr << "takt " << command << ": " << e.what() << "\n";
        return kExitFailure;
    }
}

} // namespace

QString frameCaption(const Document& doc, const ReplayController& replay, double speed,
                     QString* right)
{
    const twin::TimeMs t = replay.position();
    QString left =
        QDateTime::fromMSecsSinceEpoch(t, Qt::UTC).toString(QStringLiteral("HH:mm:ss 'UTC'")) +
        QStringLiteral("  ·  shift %1").arg(formatOffset(t - replay.startMs()));
    if (doc.plant)
        left += QStringLiteral("  ·  ") + QString::fromStdString(doc.plant->name);
    const int b = replay.bottleneck();
    *right = QStringLiteral("%1×").arg(speed, 0, 'g', 4);
    if (doc.plant && b >= 0 && std::size_t(b) < doc.plant->stations.size())
        *right += QStringLiteral("  ·  bottleneck %1")
                      .arg(QString::fromStdString(doc.plant->stations[std::size_t(b)].id));
    return left;
}

std::optional<std::string> CommandArgs::value(const std::string& name) const
{
    const auto it = options.find(name);
    return it == options.end() ? std::nullopt : std::optional<std::string>(it->second);
}

CommandArgs parseCommandArgs(const std::vector<std::string>& args,
                             const std::set<std::string>& known)
{
    CommandArgs out;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a.rfind("--", 0) != 0) {
            out.positional.push_back(a);
            continue;
        }
        const std::string name = a.substr(2);
        if (!known.count(name)) {
            out.error = "unknown option " + a;
            return out;
        }
        if (i + 1 >= args.size()) {
            out.error = a + " wants a value";
            return out;
        }
        out.options[name] = args[++i];
    }
    return out;
}

std::optional<QSize> parseImageSize(const std::string& text)
{
    const auto m = QRegularExpression(QStringLiteral("^(\\d{3,5})x(\\d{3,5})$"))
                       .match(QString::fromStdString(text));
    if (!m.hasMatch())
        return std::nullopt;
    const QSize size(m.captured(1).toInt(), m.captured(2).toInt());
    if (size.width() < 320 || size.height() < 240 || size.width() > 7680 || size.height() > 4320)
        return std::nullopt;
    return size;
}

int runRender(int argc, char** argv, const std::vector<std::string>& args)
{
    static const char* kUsage = "usage: takt render FILE [--at T] --out IMAGE.png [--size WxH]\n";
    const CommandArgs a = parseCommandArgs(args, {"at", "out", "size"});
    if (!a.error.empty() || a.positional.size() != 1 || !a.value("out")) {
        std::cerr << "takt render: "
                  << (!a.error.empty()           ? a.error
                      : a.positional.size() != 1 ? std::string("give exactly one FILE")
                                                 : std::string("--out IMAGE.png is required"))
                  << "\n"
                  << kUsage;
        return kExitUsage;
    }
    QSize size(1280, 720);
    if (const auto s = a.value("size")) {
        const auto parsed = parseImageSize(*s);
        if (!parsed) {
            std::cerr << "takt render: --size wants WxH of at least 320x240, for example "
                         "1280x720, not \""
                      << *s << "\"\n";
            return kExitUsage;
        }
        size = *parsed;
    }
    const std::string file = a.positional.front();
    const std::string out = *a.value("out");
    const auto at = a.value("at");
    // Whether T is well formed does not depend on the recording: a usage error, found early.
    if (at && !twin::resolveTimeArgument(*at, 0)) {
        std::cerr << "takt render: --at: \"" << *at
                  << "\" is neither an offset like 02:15:00 nor an ISO 8601 time\n";
        return kExitUsage;
    }
    return withRenderingApp(argc, argv, "render", [&]() -> int {
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
                          << ": --at given, but the file holds no "
                             "recording\n";
                return kExitFailure;
            }
            t = twin::resolveTimeArgument(*at, renderer.replay()->startMs());
            if (!t) {
                std::cerr << "takt render: --at: \"" << *at
                          << "\" is neither an offset like 02:15:00 nor an ISO 8601 time\n";
                return kExitUsage;
            }
            if (*t < renderer.replay()->startMs() || *t > renderer.replay()->endMs()) {
                std::cerr << "takt render: --at " << *at << " lies outside the recording ("
                          << twin::formatIsoTime(renderer.replay()->startMs()) << " to "
                          << twin::formatIsoTime(renderer.replay()->endMs()) << ")\n";
                return kExitFailure;
            }
        }
        bool blank = true;
        const QImage image = renderer.renderAt(t, &blank);
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

int runReport(int argc, char** argv, const std::vector<std::string>& args)
{
    static const char* kUsage = "usage: takt report SESSION.takt --out REPORT.pdf\n";
    const CommandArgs a = parseCommandArgs(args, {"out"});
    if (!a.error.empty() || a.positional.size() != 1 || !a.value("out")) {
        std::cerr << "takt report: "
                  << (!a.error.empty()           ? a.error
                      : a.positional.size() != 1 ? std::string("give exactly one SESSION.takt")
                                                 : std::string("--out REPORT.pdf is required"))
                  << "\n"
                  << kUsage;
        return kExitUsage;
    }
    const std::string file = a.positional.front();
    const QString out = QString::fromStdString(*a.value("out"));
    return withRenderingApp(argc, argv, "report", [&]() -> int {
        const auto progress = [](const QString& line) {
            std::cerr << "takt report: " << line.toStdString() << std::endl;
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
                         .arg(m.title, formatOffset(m.t - report.from)));
            bool blank = true;
            renderer.view()->setSelectedStation(m.station);
            const QImage image = renderer.renderAt(m.t, &blank);
            snapshots.push_back(blank ? QImage() : image);
        }
        writeShiftReportPdf(report, snapshots, out, progress);
        progress(QStringLiteral("wrote %1 (%2 pages)").arg(out).arg(kShiftReportPages));
        return kExitOk;
    });
}

int runVideo(int argc, char** argv, const std::vector<std::string>& args)
{
    static const char* kUsage = "usage: takt video SESSION.takt --from T --to T [--fps N] "
                                "[--speed X] [--size WxH] --out CLIP.mp4\n";
    const CommandArgs a = parseCommandArgs(args, {"from", "to", "fps", "speed", "size", "out"});
    std::string problem = a.error;
    if (problem.empty() && a.positional.size() != 1)
        problem = "give exactly one SESSION.takt";
    for (const char* required : {"from", "to", "out"})
        if (problem.empty() && !a.value(required))
            problem = std::string("--") + required + " is required";
    VideoOptions options;
    QSize size(1280, 720);
    auto number = [&](const char* name, double& target, double lo, double hi) {
        if (!problem.empty() || !a.value(name))
            return;
        bool ok = false;
        const double v = QString::fromStdString(*a.value(name)).toDouble(&ok);
        if (!ok || v < lo || v > hi)
            problem = std::string("--") + name + " wants a number from " +
                      QString::number(lo).toStdString() + " to " +
                      QString::number(hi).toStdString();
        else
            target = v;
    };
    number("fps", options.fps, 1, 120);
    number("speed", options.speed, 0.1, 3600);
    if (problem.empty() && a.value("size")) {
        if (const auto s = parseImageSize(*a.value("size")))
            size = *s;
        else
            problem = "--size wants WxH of at least 320x240, for example 1280x720";
    }
    for (const char* name : {"from", "to"})
        if (problem.empty() && !twin::resolveTimeArgument(*a.value(name), 0))
            problem = std::string("--") + name + ": \"" + *a.value(name) +
                      "\" is neither an offset like 02:15:00 nor an ISO 8601 time";
    if (!problem.empty()) {
        std::cerr << "takt video: " << problem << "\n" << kUsage;
        return kExitUsage;
    }
    const std::string file = a.positional.front();
    options.out = QString::fromStdString(*a.value("out"));
    return withRenderingApp(argc, argv, "video", [&]() -> int {
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
        for (const auto& [name, target] :
             {std::pair{"from", &options.from}, std::pair{"to", &options.to}}) {
            const auto t = twin::resolveTimeArgument(*a.value(name), replay->startMs());
            if (!t) {
                std::cerr << "takt video: --" << name << ": \"" << *a.value(name)
                          << "\" is neither an offset like 02:15:00 nor an ISO 8601 time\n";
                return kExitUsage;
            }
            *target = std::clamp(*t, replay->startMs(), replay->endMs());
        }
        if (options.to <= options.from) {
            std::cerr << "takt video: --to must lie after --from inside the recording\n";
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
        const VideoResult r = exportVideo(options, source, [&](int done, int all) {
            const int tenth = done * 10 / all;
            if (tenth != lastReported) {
                lastReported = tenth;
                std::cerr << "takt video: frame " << done << "/" << all << std::endl;
            }
            return true;
        });
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
