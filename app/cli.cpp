#include "app/cli.h"

#include "app/commands.h"
#include "app/live_commands.h"
#include "app/render_commands.h"
#include "render/assimp_loader.h"
#include "render/isolated_importer.h"

#include <QCoreApplication>
#include <QFileInfo>

#include <cstdio>
#include <functional>
#include <iostream>
#include <map>

namespace takt::app {
namespace {

using Command = std::function<int(const std::vector<std::string>&)>;

int importCheck(const std::vector<std::string>& args)
{
    if (args.size() != 1) {
        std::cerr << "usage: takt import-check LAYOUT\n";
        return kExitUsage;
    }
    const QString file = QString::fromStdString(args[0]);
    const render::ImportOutcome o = render::IsolatedImporter::importBlocking(file);
    if (!o.ok) {
        std::cerr << "takt: import-check: " << args[0] << ": " << o.error.toStdString() << "\n";
        return kExitFailure;
    }
    const auto& s = *o.scene;
    std::printf("%s: %zu nodes, %zu meshes, %zu triangles, %zu materials, %.2f s (%s)\n",
                args[0].c_str(), s.nodes.size(), s.meshes.size(), s.triangleCount(),
                s.materials.size(), o.seconds,
                s.sourceFormat.empty() ? "unknown format" : s.sourceFormat.c_str());
    return kExitOk;
}

// Commands that draw the 3D view or charts: they make their own QApplication (after checking
// their arguments and the display) instead of the core application below.
using RenderingCommand = std::function<int(int, char**, const std::vector<std::string>&)>;

const std::map<std::string, RenderingCommand>& renderingCommands()
{
    static const std::map<std::string, RenderingCommand> table{
        {"render", runRender},
        {"report", runReport},
        {"video", runVideo},
    };
    return table;
}

const std::map<std::string, Command>& commands()
{
    static const std::map<std::string, Command> table{
        {"import-check", importCheck},
        {"__import-helper", render::runImportHelper},
        {"simulate", runSimulate},
        {"kpi", runKpi},
        {"record", runRecord},
        {"publish", runPublish},
    };
    return table;
}

} // namespace

std::string usage()
{
    return R"(usage:
  takt [FILE]                         open a plant manifest, a session or a CAD layout in the GUI
                                      (no FILE: the sample EV plant)
  takt import-check LAYOUT            import a layout in the isolated importer and summarise it
  takt simulate PLANT.json --hours H --seed S --out SESSION.takt [--warmup H]
  takt kpi SESSION.takt [--from T] [--to T] [--json]
  takt record --broker URL --plant PLANT.json --out SESSION.takt [--duration D]
              [--format json|sparkplug] [--client-id ID] [--user U] [--ca CA.pem] [--rebirth]
                                      record a live MQTT feed into a session until D (90s, 15m,
                                      8h) or Ctrl+C; password from $TAKT_MQTT_PASSWORD
  takt publish SESSION.takt --broker URL [--speed X|max] [--format json|sparkplug]
              [--recording ID] [--keep-times]
                                      replay a recorded shift onto a broker as if live (QoS 1)
  takt render FILE [--at T] --out IMAGE.png [--size WxH]
                                      draw the 3D view with its overlays at time T into an
                                      image (default 1280x720; needs an X display, e.g. Xvfb)
  takt report SESSION.takt --out REPORT.pdf
                                      a PDF shift report: KPIs, charts, top losses and 3D
                                      snapshots of the worst moments (needs an X display)
  takt video SESSION.takt --from T --to T [--fps N] [--speed X] [--size WxH] --out CLIP.mp4
                                      a clip of a replay segment with captions (ffmpeg; PNG
                                      frames without it; defaults 25 fps, 60x, 1280x720)
  takt --help | --version

GUI options:
  --at T                              replay position: offset (02:15:00) or ISO 8601 time
  --heatmap METRIC                    floor heatmap: utilisation, downtime or defects
  --size WxH                          initial window size
  --screenshot IMAGE.png              save a screenshot once the scene is drawn, then quit
  --presentation                      start in presentation mode (F11; Esc leaves)
  --first-frame                       print import and first-frame times, then quit

exit codes: 0 ok, 1 the command failed, 2 usage error
)";
}

bool isHeadlessCommand(const std::vector<std::string>& args)
{
    if (args.empty())
        return false;
    const auto& first = args.front();
    return commands().count(first) || renderingCommands().count(first) || first == "--help" ||
           first == "-h" || first == "--version";
}

int runHeadless(int argc, char** argv)
{
    if (argc > 1 && renderingCommands().count(argv[1]))
        return renderingCommands().at(argv[1])(argc, argv,
                                               std::vector<std::string>(argv + 2, argv + argc));
    // A core application gives QProcess and applicationFilePath() to the commands that need them.
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("takt"));
    std::vector<std::string> args(argv + 1, argv + argc);
    const std::string name = args.front();
    if (name == "--help" || name == "-h") {
        std::cout << usage();
        return kExitOk;
    }
    if (name == "--version") {
        std::cout << "takt " << TAKT_VERSION << "\n";
        return kExitOk;
    }
    args.erase(args.begin());
    return commands().at(name)(args);
}

} // namespace takt::app
