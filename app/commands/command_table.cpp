#include "app/command_table.h"

#include "app/command_line.h"
#include "app/gui.h"
#include "app/live_commands.h"
#include "app/render_commands.h"
#include "app/story_command.h"
#include "render/isolated_importer.h"
#include "twin/commands.h"
#include "twin/compare_command.h"
#include "twin/predict_commands.h"

#include <QCoreApplication>

#include <cstdio>
#include <iostream>

namespace takt::app {
namespace {

int runSimulate(const CommandLine& line)
{
    twin::SimulateOptions o;
    o.plantPath = line.text("PLANT.json");
    o.outPath = line.text("out");
    o.hours = line.real("hours");
    o.seed = std::uint64_t(line.integer("seed"));
    o.warmupHours = line.real("warmup");
    o.quiet = line.has("quiet");
    return exitCodeOf(twin::runSimulateCommand(o, std::cout, std::cerr));
}

int runKpi(const CommandLine& line)
{
    twin::KpiOptions o;
    o.sessionPath = line.text("SESSION.takt");
    if (line.has("recording"))
        o.recordingId = line.integer("recording");
    o.from = line.time("from");
    o.to = line.time("to");
    o.json = line.has("json");
    return exitCodeOf(twin::runKpiCommand(o, std::cout, std::cerr));
}

int runCompare(const CommandLine& line)
{
    twin::CompareOptions o;
    o.a = line.text("A.takt[:ID]");
    o.b = line.text("B.takt[:ID]");
    o.from = line.time("from");
    o.to = line.time("to");
    o.json = line.has("json");
    return exitCodeOf(twin::runCompareCommand(o, std::cout, std::cerr));
}

int runCalibrate(const CommandLine& line)
{
    twin::CalibrateOptions o;
    o.sessionPath = line.text("SESSION.takt");
    if (line.has("recording"))
        o.recordingId = line.integer("recording");
    o.outPath = line.text("out");
    o.json = line.has("json");
    o.replications = int(line.integer("replications"));
    o.seed = std::uint64_t(line.integer("seed"));
    o.quiet = line.has("quiet");
    return exitCodeOf(twin::runCalibrateCommand(o, std::cout, std::cerr));
}

int runWhatIf(const CommandLine& line)
{
    twin::WhatIfOptions o;
    o.sessionPath = line.text("SESSION.takt");
    if (line.has("recording"))
        o.recordingId = line.integer("recording");
    o.sets = line.words("set");
    o.replications = int(line.integer("replications"));
    if (line.has("hours"))
        o.hours = line.real("hours");
    if (line.has("warmup"))
        o.warmup = line.real("warmup");
    o.seed = std::uint64_t(line.integer("seed"));
    o.json = line.has("json");
    o.sensitivity = line.has("sensitivity");
    o.byPercent = line.real("by");
    o.manifestModel = line.text("model") == "manifest";
    if (line.has("save"))
        o.save = int(line.integer("save"));
    o.quiet = line.has("quiet");
    return exitCodeOf(twin::runWhatIfCommand(o, std::cout, std::cerr));
}

int runImportCheck(const CommandLine& line)
{
    // A core application gives QProcess and applicationFilePath() to the isolated importer.
    int argc = 1;
    QCoreApplication app(argc, line.argv());
    const std::string layout = line.text("LAYOUT");
    const render::ImportOutcome o =
        render::IsolatedImporter::importBlocking(QString::fromStdString(layout));
    if (!o.ok) {
        std::cerr << "takt import-check: " << layout << ": " << o.error.toStdString() << "\n";
        return kExitFailure;
    }
    const auto& s = *o.scene;
    std::printf("%s: %zu nodes, %zu meshes, %zu triangles, %zu lines, %zu points, %zu materials, "
                "%.2f s (%s)\n",
                layout.c_str(), s.nodes.size(), s.meshes.size(), s.triangleCount(), s.lineCount(),
                s.pointCount(), s.materials.size(), o.seconds,
                s.sourceFormat.empty() ? "unknown format" : s.sourceFormat.c_str());
    return kExitOk;
}

int runImportHelper(const CommandLine& line)
{
    // The helper process speaks its own exit codes to IsolatedImporter (isolated_importer.h).
    std::vector<std::string> args{line.text("IN"), line.text("OUT")};
    if (line.has("MEMORY_MB"))
        args.push_back(line.text("MEMORY_MB"));
    return render::runImportHelper(args);
}

std::vector<VerbSpec> makeTable()
{
    using K = ValueKind;
    const std::vector<std::string> needsDisplay{
        "Needs an X display (xvfb-run where there is none)."};
    std::vector<VerbSpec> t;
    VerbSpec gui;
    gui.summary = {"open a session (.takt, or .takt:ID for one of its recordings),",
                   "a plant manifest (.json) or a CAD layout in the GUI; no FILE opens",
                   "the sample plant and plays its recorded shift (a FILE, --at or",
                   "--screenshot opens paused)"};
    gui.arguments = {
        argument("FILE", "a session, plant manifest or CAD layout (default: the sample)", false)};
    gui.options = {
        option("at", "T", K::Time, "replay position: offset from the start (02:15:00) or ISO 8601"),
        option("heatmap", "METRIC", K::Choice, "floor heatmap: utilisation, downtime or defects")
            .oneOf({"utilisation", "downtime", "defects"}),
        option("compare", "B.takt[:ID]", K::Text,
               "compare mode: FILE's recording beside this one (timelines in step by shift "
               "offset, a KPI delta dock, a diverging floor heatmap)"),
        option("size", "WxH", K::Size, "initial window size").byDefault("1600x1000"),
        option("live", "URL", K::Text,
               "watch and record a live MQTT feed (mqtt:// or mqtts://); FILE is the plant"),
        option("out", "SESSION.takt", K::Text, "with --live: the session to record into")
            .byDefault("a new session"),
        option("format", "F", K::Choice, "with --live: payload family, json or sparkplug")
            .byDefault("json")
            .oneOf({"json", "sparkplug"}),
        option("screenshot", "IMAGE.png", K::Text,
               "save a screenshot once the scene is drawn (and the 3D frame alone as "
               "IMAGE-3d.png), then quit"),
        flag("presentation", "start in presentation mode"),
        flag("first-frame", "print import and first-frame times, then quit (benchmarks)"),
        flag("orbit-benchmark",
             "orbit the camera 360 degrees in 72 steps with levels of detail and culling on, "
             "then off; print frames/s, triangles a frame and the first-frame time, then quit"),
        flag("no-lod", "draw every triangle: no levels of detail, no frustum culling"),
        flag("version", "print the version and quit"),
    };
    gui.run = runGui;
    t.push_back(std::move(gui));

    VerbSpec simulate;
    simulate.name = "simulate";
    simulate.summary = {"simulate a shift into a new session file"};
    simulate.arguments = {argument("PLANT.json", "the plant manifest")};
    simulate.options = {
        option("hours", "H", K::Real, "simulated hours")
            .byDefault("8")
            .range(0.01, twin::kMaxSimulateHours),
        option("seed", "S", K::Integer, "random seed: the same seed writes the same session")
            .byDefault("1")
            .range(0, kInt64Max),
        option("out", "SESSION.takt", K::Text, "the new session file (it must not exist)")
            .mandatory(),
        option("warmup", "H", K::Real,
               "hours run before recording begins, so the shift starts from a running line")
            .byDefault("0")
            .range(0, twin::kMaxSimulateHours),
        flag("quiet", "no progress on stderr"),
    };
    simulate.run = runSimulate;
    t.push_back(std::move(simulate));

    VerbSpec kpi;
    kpi.name = "kpi";
    kpi.summary = {"KPIs and bottleneck over a window (docs/kpi-json.md)"};
    kpi.arguments = {argument("SESSION.takt", "a session file")};
    kpi.options = {
        option("recording", "ID", K::Integer, "the recording to read")
            .byDefault("the last recording")
            .range(1, kInt64Max),
        option("from", "T", K::Time, "start of the window").byDefault("the recording's start"),
        option("to", "T", K::Time, "end of the window").byDefault("the recording's end"),
        flag("json", "JSON (docs/kpi-json.md) instead of a table"),
    };
    kpi.run = runKpi;
    t.push_back(std::move(kpi));

    VerbSpec compare;
    compare.name = "compare";
    compare.summary = {"two recordings of one plant over the same shift offsets: A, B and",
                       "B - A for the line KPIs, state shares and bottleneck ranking",
                       "(docs/compare-json.md)"};
    compare.arguments = {argument("A.takt[:ID]", "a session, optionally :ID for a recording "
                                                 "other than its last"),
                         argument("B.takt[:ID]", "the session to compare with it")};
    compare.options = {
        option("from", "T", K::Time, "start of the window: a shift offset, or an ISO time in A")
            .byDefault("00:00:00"),
        option("to", "T", K::Time, "end of the window")
            .byDefault("the end of the shorter recording"),
        flag("json", "JSON (docs/compare-json.md) instead of a table"),
    };
    compare.run = runCompare;
    t.push_back(std::move(compare));

    VerbSpec calibrate;
    calibrate.name = "calibrate";
    calibrate.summary = {"estimate the simulator's parameters from a recording, write them",
                         "as a plant manifest and validate it (docs/calibration-json.md)"};
    calibrate.arguments = {argument("SESSION.takt", "a session file")};
    calibrate.options = {
        option("recording", "ID", K::Integer, "the recording to read")
            .byDefault("the last recording")
            .range(1, kInt64Max),
        option("out", "PLANT.json", K::Text, "the calibrated plant manifest to write").mandatory(),
        option("replications", "N", K::Integer, "validation runs of the calibrated model (0: none)")
            .byDefault("10")
            .range(0, 1000),
        option("seed", "S", K::Integer, "first seed of the validation runs")
            .byDefault("1")
            .range(0, kInt64Max),
        flag("json", "the report as JSON instead of tables"),
        flag("quiet", "no progress on stderr"),
    };
    calibrate.run = runCalibrate;
    t.push_back(std::move(calibrate));

    VerbSpec whatif;
    whatif.name = "whatif";
    whatif.summary = {"what-if: baseline against changed model, paired replications on all",
                      "cores; or --sensitivity: where to improve (docs/whatif-json.md)"};
    whatif.arguments = {argument("SESSION.takt", "a session file")};
    whatif.options = {
        option("set", "STATION.FIELD=VALUE", K::Text,
               "a change: cycle, sd, capacity, mtbf, mttr, defect or parallel; VALUE or -10%")
            .many(),
        flag("sensitivity", "rank the stations by throughput gained, each improved alone"),
        option("by", "PERCENT", K::Real, "--sensitivity: cycle-time cut per station")
            .byDefault("10")
            .range(0.1, 90),
        option("replications", "N", K::Integer, "replications of each model")
            .byDefault("10")
            .range(2, 1000),
        option("hours", "H", K::Real, "simulated hours per replication")
            .byDefault("the recording's length")
            .range(0.01, 24 * 31),
        option("warmup", "H", K::Real, "hours run before each replication counts")
            .byDefault("the recording's")
            .range(0, 24 * 31),
        option("seed", "S", K::Integer, "first seed").byDefault("1").range(0, kInt64Max),
        option("recording", "ID", K::Integer, "the recording to calibrate from")
            .byDefault("the last recording")
            .range(1, kInt64Max),
        option("model", "M", K::Choice, "baseline: calibrated from the recording, or the manifest")
            .byDefault("calibrated")
            .oneOf({"calibrated", "manifest"}),
        option("save", "N", K::Integer,
               "store the scenario's first N runs in the session (kind scenario)")
            .byDefault("none: the session is only read")
            .range(1, 1000),
        flag("json", "JSON instead of a table"),
        flag("quiet", "no progress on stderr"),
    };
    whatif.run = runWhatIf;
    t.push_back(std::move(whatif));

    // The broker options of the live verbs; the password comes from $TAKT_MQTT_PASSWORD, never
    // from the command line (ps would show it).
    const auto brokerOptions = [] {
        return std::vector<OptionSpec>{
            option("broker", "URL", K::Text, "mqtt://HOST:PORT or mqtts://HOST:PORT").mandatory(),
            option("format", "F", K::Choice,
                   "payload family (docs/live-json.md, live-sparkplug.md)")
                .byDefault("json")
                .oneOf({"json", "sparkplug"}),
            option("client-id", "ID", K::Text, "MQTT client id")
                .byDefault("one per verb and plant"),
            option("user", "U", K::Text,
                   "user name; the password is read from $TAKT_MQTT_PASSWORD"),
            option("ca", "CA.pem", K::Text, "CA certificate for mqtts://"),
        };
    };

    VerbSpec record;
    record.name = "record";
    record.summary = {"record a live MQTT feed into a session until --duration or Ctrl+C"};
    record.options = brokerOptions();
    for (auto&& o : {
             option("plant", "PLANT.json", K::Text, "the plant manifest (for a new session)"),
             option("out", "SESSION.takt", K::Text, "session: created, or a recording appended")
                 .mandatory(),
             option("duration", "D", K::Text, "how long: 90, 90s, 15m, 8h or HH:MM:SS")
                 .byDefault("until Ctrl+C"),
             flag("rebirth", "Sparkplug: ask an edge node for a rebirth on a gap"),
         })
        record.options.push_back(o);
    record.run = runRecord;
    t.push_back(std::move(record));

    VerbSpec publish;
    publish.name = "publish";
    publish.summary = {"replay a recorded shift onto a broker as if it were live (QoS 1)"};
    publish.arguments = {argument("SESSION.takt", "a session file")};
    publish.options = brokerOptions();
    for (auto&& o : {
             option("speed", "X", K::Text, "replay speed, or max: as fast as the broker takes")
                 .byDefault("1"),
             option("recording", "ID", K::Integer, "the recording to publish")
                 .byDefault("the last recording")
                 .range(1, kInt64Max),
             option("producer", "ID", K::Text, "producer / edge node id").byDefault("one per run"),
             flag("keep-times", "send the recorded times instead of shifting them to now"),
         })
        publish.options.push_back(o);
    publish.run = runPublish;
    t.push_back(std::move(publish));

    VerbSpec importCheck;
    importCheck.name = "import-check";
    importCheck.summary = {"import a layout through the isolated importer and print one",
                           "line: nodes, meshes, triangles, lines, points, materials, seconds"};
    importCheck.arguments = {
        argument("LAYOUT", "a CAD layout (glTF/GLB, OBJ, STL, STEP, ... what Assimp reads)")};
    importCheck.run = runImportCheck;
    t.push_back(std::move(importCheck));

    VerbSpec renderVerb;
    renderVerb.name = "render";
    renderVerb.summary = {"the 3D view with its overlays at time T (default 1280x720)"};
    renderVerb.arguments = {argument("FILE", "a session, plant manifest or CAD layout")};
    renderVerb.options = {
        option("at", "T", K::Time, "replay position").byDefault("the start of the recording"),
        option("out", "IMAGE.png", K::Text, "the image to write").mandatory(),
        option("size", "WxH", K::Size, "image size").byDefault("1280x720"),
    };
    renderVerb.run = runRender;
    renderVerb.notes = needsDisplay;
    t.push_back(std::move(renderVerb));

    VerbSpec report;
    report.name = "report";
    report.summary = {"a six-page A4 shift report; progress on stderr"};
    report.arguments = {argument("SESSION.takt", "a session with a recording")};
    report.options = {option("out", "REPORT.pdf", K::Text, "the PDF to write").mandatory()};
    report.run = runReport;
    report.notes = needsDisplay;
    t.push_back(std::move(report));

    VerbSpec video;
    video.name = "video";
    video.summary = {"a captioned clip of a replay segment (defaults 25 fps, 60x);",
                     "without ffmpeg, PNG frames in CLIP-frames/ instead"};
    video.arguments = {argument("SESSION.takt", "a session with a recording")};
    video.options = {
        option("from", "T", K::Time, "first frame").mandatory(),
        option("to", "T", K::Time, "end of the clip").mandatory(),
        option("fps", "N", K::Real, "frames per second").byDefault("25").range(1, 120),
        option("speed", "X", K::Real, "replay seconds per clip second")
            .byDefault("60")
            .range(0.1, 3600),
        option("size", "WxH", K::Size, "frame size").byDefault("1280x720"),
        option("out", "CLIP.mp4", K::Text, "the clip to write").mandatory(),
    };
    video.run = runVideo;
    video.notes = needsDisplay;
    t.push_back(std::move(video));

    VerbSpec story;
    story.name = "story";
    story.summary = {"the session's bookmarks and annotations as a story: one PDF page",
                     "or one clip section per moment (its 3D view, caption and KPIs)"};
    story.arguments = {argument("SESSION.takt", "a session with a recording and notes")};
    story.options = {
        option("out", "STORY.pdf|STORY.mp4", K::Text, "the story to write").mandatory(),
        option("minutes", "M", K::Real, "the window around each moment (KPIs, clip)")
            .byDefault("10")
            .range(0.5, 240),
        option("fps", "N", K::Real, "clip frames per second").byDefault("25").range(1, 120),
        option("speed", "X", K::Real, "replay seconds per clip second")
            .byDefault("60")
            .range(0.1, 3600),
        option("size", "WxH", K::Size, "clip frame size").byDefault("1280x720"),
        flag("events", "add the 3 longest stoppages and the worst checkpoint hour"),
    };
    story.run = runStory;
    story.notes = needsDisplay;
    t.push_back(std::move(story));

    VerbSpec helper;
    helper.name = kImportHelperVerb;
    helper.summary = {"the isolated importer's own process (render/isolated_importer.h)"};
    helper.arguments = {argument("IN", "the layout"), argument("OUT", "the flat scene to write"),
                        argument("MEMORY_MB", "address-space limit", false)};
    helper.run = runImportHelper;
    helper.hidden = true;
    t.push_back(std::move(helper));
    return t;
}

} // namespace

OptionSpec option(std::string name, std::string valueName, ValueKind kind, std::string help)
{
    OptionSpec o;
    o.name = std::move(name);
    o.valueName = std::move(valueName);
    o.kind = kind;
    o.help = std::move(help);
    return o;
}

OptionSpec flag(std::string name, std::string help)
{
    return option(std::move(name), {}, ValueKind::Flag, std::move(help));
}

ArgumentSpec argument(std::string name, std::string help, bool required)
{
    ArgumentSpec a;
    a.name = std::move(name);
    a.help = std::move(help);
    a.required = required;
    return a;
}

OptionSpec OptionSpec::byDefault(std::string text) &&
{
    defaultText = std::move(text);
    return std::move(*this);
}

OptionSpec OptionSpec::range(double low, double high) &&
{
    min = low;
    max = high;
    return std::move(*this);
}

OptionSpec OptionSpec::oneOf(std::vector<std::string> values) &&
{
    choices = std::move(values);
    return std::move(*this);
}

OptionSpec OptionSpec::many() &&
{
    repeated = true;
    return std::move(*this);
}

OptionSpec OptionSpec::mandatory() &&
{
    required = true;
    return std::move(*this);
}

int exitCodeOf(twin::CommandStatus status)
{
    switch (status) {
    case twin::CommandStatus::Ok:
        return kExitOk;
    case twin::CommandStatus::Failed:
        return kExitFailure;
    case twin::CommandStatus::BadArguments:
        return kExitUsage;
    }
    return kExitFailure;
}

const OptionSpec* VerbSpec::option(std::string_view optionName) const
{
    for (const auto& o : options)
        if (o.name == optionName)
            return &o;
    return nullptr;
}

const ArgumentSpec* VerbSpec::argument(std::string_view argumentName) const
{
    for (const auto& a : arguments)
        if (a.name == argumentName)
            return &a;
    return nullptr;
}

const std::vector<VerbSpec>& commandTable()
{
    static const std::vector<VerbSpec> table = makeTable();
    return table;
}

const VerbSpec* findVerb(std::string_view name)
{
    for (const auto& v : commandTable())
        if (v.name == name)
            return &v;
    return nullptr;
}

} // namespace takt::app
