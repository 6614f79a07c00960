// The command line of `takt` (app/command_table.h, app/command_line.h): one table, one parser.
// Typed values and defaults, usage errors with exit code 2 and one line naming the option
// (issue 14, items 4 and 5: hostile numbers, times that are not times, a mistyped verb), help
// generated for every verb, and README.md's "Command line" block held to `takt --help`.
#include "app/command_help.h"
#include "app/command_line.h"
#include "app/command_table.h"

#include <QtTest>

#include <QFile>
#include <QProcess>

#include <fstream>

using namespace takt::app;

namespace {

/// parseCommandLine on `takt WORDS...`.
ParseOutcome parse(const QStringList& words)
{
    static std::vector<std::string> storage; // argv points into it while the outcome lives
    storage.clear();
    storage.emplace_back("takt");
    for (const auto& w : words)
        storage.push_back(w.toStdString());
    static std::vector<char*> argv;
    argv.clear();
    for (auto& s : storage)
        argv.push_back(s.data());
    argv.push_back(nullptr);
    return parseCommandLine(int(storage.size()), argv.data());
}

struct Run {
    int exitCode = -1;
    bool crashed = false;
    QString out, err;
};

Run runTakt(const QStringList& args, bool withDisplay = true)
{
    QProcess p;
    auto env = QProcessEnvironment::systemEnvironment();
    if (!withDisplay) {
        env.remove(QStringLiteral("DISPLAY"));
        env.remove(QStringLiteral("WAYLAND_DISPLAY"));
        env.remove(QStringLiteral("QT_QPA_PLATFORM"));
    }
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(TAKT_EXECUTABLE), args);
    if (!p.waitForFinished(60'000)) {
        p.kill();
        p.waitForFinished();
        return {};
    }
    return {p.exitCode(), p.exitStatus() != QProcess::NormalExit,
            QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

/// The fenced block under README.md's "## Command line".
QString readmeBlock()
{
    QFile f(QStringLiteral(TAKT_SOURCE_DIR "/README.md"));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QString text = QString::fromUtf8(f.readAll());
    const auto section = text.indexOf(QStringLiteral("\n## Command line\n"));
    if (section < 0)
        return {};
    const auto open = text.indexOf(QStringLiteral("```\n"), section);
    const auto close = text.indexOf(QStringLiteral("\n```\n"), open + 4);
    if (open < 0 || close < 0)
        return {};
    return text.mid(open + 4, close - open - 4 + 1);
}

} // namespace

class TestCommandLine : public QObject {
    Q_OBJECT
private slots:
    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("errContains");
        const QString s = QStringLiteral("shift.takt");
        const QStringList video{"video", s,          "--from", "00:10:00",
                                "--to",  "00:11:00", "--out",  "clip.mp4"};
        // Issue 14 item 4: a mistyped verb with no display was SIGABRT in the GUI.
        QTest::newRow("mistyped verb") << QStringList{"frobnicate"} << "neither a verb";
        // Issue 14 item 5: the GUI's --at garbage printed an error and exited 0.
        QTest::newRow("GUI --at garbage") << QStringList{"--at", "garbage"} << "\"garbage\"";
        QTest::newRow("GUI --heatmap") << QStringList{"--heatmap", "heat"} << "utilisation";
        // Issue 14 item 4: --size 100000x100000 was SIGABRT.
        QTest::newRow("GUI huge size") << QStringList{"--size", "100000x100000"} << "7680x4320";
        QTest::newRow("GUI two files") << QStringList{"a.json", "b.json"} << "b.json";
        QTest::newRow("GUI unknown option") << QStringList{"--zoom"} << "--zoom";
        QTest::newRow("simulate: no plant") << QStringList{"simulate"} << "PLANT.json";
        QTest::newRow("simulate: no --out") << QStringList{"simulate", "p.json"} << "--out";
        QTest::newRow("simulate: --out without value")
            << QStringList{"simulate", "p.json", "--out"} << "--out";
        for (const char* hours : {"x", "-1", "0", "nan", "inf", "1e308"})
            QTest::addRow("simulate --hours %s", hours)
                << QStringList{"simulate", "p.json", "--out", "o.takt", "--hours", hours}
                << "--hours";
        QTest::newRow("simulate: --seed -3")
            << QStringList{"simulate", "p.json", "--out", "o.takt", "--seed", "-3"} << "--seed";
        QTest::newRow("simulate: unknown option")
            << QStringList{"simulate", "p.json", "--out", "o.takt", "--fast"} << "--fast";
        QTest::newRow("kpi: no session") << QStringList{"kpi"} << "SESSION.takt";
        QTest::newRow("kpi: --from noon") << QStringList{"kpi", s, "--from", "noon"} << "noon";
        QTest::newRow("kpi: --to 25:61:00") << QStringList{"kpi", s, "--to", "25:61:00"} << "--to";
        QTest::newRow("kpi: unknown option") << QStringList{"kpi", s, "--csv"} << "--csv";
        QTest::newRow("kpi: --recording x")
            << QStringList{"kpi", s, "--recording", "x"} << "--recording";
        // Issue 14 item 5: this id was read as -1 ("no recording -1").
        QTest::newRow("kpi: --recording 2^64-1")
            << QStringList{"kpi", s, "--recording", "18446744073709551615"}
            << "from 1 to 9223372036854775807";
        QTest::newRow("kpi: --recording 0")
            << QStringList{"kpi", s, "--recording", "0"} << "--recording";
        QTest::newRow("import-check: no layout") << QStringList{"import-check"} << "LAYOUT";
        QTest::newRow("render: no file") << QStringList{"render", "--out", "x.png"} << "FILE";
        QTest::newRow("render: no --out") << QStringList{"render", s} << "--out";
        QTest::newRow("render: huge size")
            << QStringList{"render", s, "--out", "x.png", "--size", "100000x100000"} << "--size";
        QTest::newRow("render: tiny size")
            << QStringList{"render", s, "--out", "x.png", "--size", "100x100"} << "320x240";
        QTest::newRow("render: --at garbage")
            << QStringList{"render", s, "--out", "x.png", "--at", "garbage"} << "02:15:00";
        QTest::newRow("report: no --out") << QStringList{"report", s} << "--out";
        QTest::newRow("video: no --from")
            << QStringList{"video", s, "--to", "00:11:00", "--out", "x.mp4"} << "--from";
        // Issue 14 item 5: --speed nan wrote a one-frame clip and exited 0.
        for (const char* speed : {"nan", "inf", "-inf", "0", "3601", "1e400", "fast"})
            QTest::addRow("video --speed %s", speed)
                << (video + QStringList{"--speed", speed}) << "--speed";
        for (const char* fps : {"nan", "0", "121"})
            QTest::addRow("video --fps %s", fps) << (video + QStringList{"--fps", fps}) << "--fps";
        QTest::newRow("video: --size 0x0") << (video + QStringList{"--size", "0x0"}) << "--size";
    }
    void usageErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, errContains);
        const ParseOutcome o = parse(args);
        QVERIFY2(!o.line, qPrintable(args.join(' ')));
        QCOMPARE(o.exitCode, int(kExitUsage));
        const QString err = QString::fromStdString(o.err);
        // One line saying what is wrong, then the verb's synopsis.
        const QStringList lines = err.trimmed().split('\n');
        QCOMPARE(lines.size(), 2);
        QVERIFY2(lines[0].startsWith("takt") && lines[0].contains(errContains), qPrintable(err));
        QVERIFY2(lines[1].startsWith("usage: takt"), qPrintable(err));
        QVERIFY(o.out.empty());
    }

    void typedValuesAndDefaults()
    {
        {
            const ParseOutcome o = parse({"simulate", "p.json", "--out=o.takt"});
            QVERIFY2(o.line, o.err.c_str());
            QCOMPARE(o.line->verb().name, std::string("simulate"));
            QCOMPARE(o.line->text("PLANT.json"), std::string("p.json"));
            QCOMPARE(o.line->text("out"), std::string("o.takt"));
            QCOMPARE(o.line->real("hours"), 8.0);
            QCOMPARE(o.line->integer("seed"), std::int64_t(1));
            QVERIFY(!o.line->has("quiet"));
        }
        {
            const ParseOutcome o =
                parse({"kpi", "s.takt", "--recording", "9223372036854775807", "--from",
                       "2026-01-05T08:00:00Z", "--to", "02:15:00.5", "--json"});
            QVERIFY2(o.line, o.err.c_str());
            QCOMPARE(o.line->integer("recording"), std::int64_t(9223372036854775807));
            QVERIFY(o.line->has("json"));
            const auto from = o.line->time("from");
            const auto to = o.line->time("to");
            QVERIFY(from && from->absolute);
            QVERIFY(to && !to->absolute);
            QCOMPARE(to->ms, takt::twin::TimeMs(2 * 3600'000 + 15 * 60'000 + 500));
            QCOMPARE(to->resolve(1000), to->ms + 1000);
        }
        {
            const ParseOutcome o = parse(
                {"video", "s.takt", "--from", "1:00:00", "--to", "1:00:10", "--out", "c.mp4"});
            QVERIFY2(o.line, o.err.c_str());
            QCOMPARE(o.line->real("fps"), 25.0);
            QCOMPARE(o.line->real("speed"), 60.0);
            QCOMPARE(o.line->size("size"), QSize(1280, 720));
        }
        {
            const ParseOutcome o = parse({"--size", "1366x768", "--heatmap", "downtime"});
            QVERIFY2(o.line, o.err.c_str());
            QVERIFY(o.line->verb().name.empty());
            QCOMPARE(o.line->size("size"), QSize(1366, 768));
            QCOMPARE(o.line->text("heatmap"), std::string("downtime"));
            QVERIFY(!o.line->has("FILE"));
            QCOMPARE(parse({}).line->size("size"), QSize(1600, 1000));
        }
        {
            const ParseOutcome o = parse({"__import-helper", "in.glb", "out.bin", "512"});
            QVERIFY2(o.line, o.err.c_str());
            QCOMPARE(o.line->text("MEMORY_MB"), std::string("512"));
        }
    }

    void everyVerbHasHelpFromTheTable()
    {
        for (const auto& verb : commandTable()) {
            QVERIFY(verb.run);
            const ParseOutcome o = verb.name.empty()
                                       ? parse({"--help"})
                                       : parse({QString::fromStdString(verb.name), "--help"});
            QCOMPARE(o.exitCode, int(kExitOk));
            QVERIFY(!o.line);
            const QString help = QString::fromStdString(o.out);
            for (const auto& opt : verb.options) {
                if (opt.name == "version")
                    continue;
                QVERIFY2(help.contains(QString::fromStdString("--" + opt.name)),
                         qPrintable(QString::fromStdString(verb.name + ": --" + opt.name)));
                if (!opt.defaultText.empty())
                    QVERIFY2(
                        help.contains(QString::fromStdString(opt.defaultText)),
                        qPrintable(QString::fromStdString(verb.name + ": " + opt.defaultText)));
            }
            for (const auto& arg : verb.arguments)
                QVERIFY(help.contains(QString::fromStdString(arg.name)));
            QVERIFY(help.contains("exit codes: 0 ok, 1"));
        }
        // Help anywhere on the line wins over missing arguments.
        QCOMPARE(parse({"video", "--help"}).exitCode, int(kExitOk));
        const ParseOutcome v = parse({"--version"});
        QVERIFY(!v.line);
        QVERIFY(v.out.starts_with("takt "));
    }

    // Issue 14 item 4: no display, a word that is not a verb: a usage error, not SIGABRT.
    void withoutDisplay_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("errContains");
        QTest::newRow("mistyped verb") << QStringList{"frobnicate"} << 2 << "neither a verb";
        QTest::newRow("--at garbage") << QStringList{"--at", "garbage"} << 2 << "garbage";
        QTest::newRow("--size 100000x100000")
            << QStringList{"--size", "100000x100000"} << 2 << "--size";
        // Issue 14 item 7: a folder as the screenshot failed at the end, after writing
        // DIR-3d.png beside it; it is refused before anything is drawn.
        QTest::newRow("--screenshot a folder")
            << QStringList{"--screenshot", QStringLiteral(TAKT_SOURCE_DIR "/tests/data")} << 2
            << "is a folder";
        QTest::newRow("--screenshot in no folder")
            << QStringList{"--screenshot", QStringLiteral(TAKT_SOURCE_DIR "/no-such-folder/x.png")}
            << 2 << "does not exist";
        QTest::newRow("a file, no display")
            << QStringList{QStringLiteral(TAKT_SOURCE_DIR "/tests/data/small_plant.json")} << 1
            << "display";
        QTest::newRow("video --speed nan")
            << QStringList{"video",   "s.takt",  "--from", "0:00:00", "--to",
                           "0:01:00", "--speed", "nan",    "--out",   "x.mp4"}
            << 2 << "--speed";
    }
    void withoutDisplay()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QString, errContains);
        const Run r = runTakt(args, false);
        QVERIFY2(!r.crashed, qPrintable(r.err));
        QCOMPARE(r.exitCode, exitCode);
        QVERIFY2(r.err.contains(errContains), qPrintable(r.err));
        QVERIFY2(!r.err.contains("qt.qpa"), qPrintable(r.err));
    }

    // README.md's "Command line" block is `takt --help` (the table), word for word.
    void readmeAgreesWithHelp()
    {
        const Run r = runTakt({"--help"}, false);
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.startsWith("usage:\n"));
        const QString table = r.out.mid(7, r.out.indexOf("\n\n") - 7 + 1);
        const QString readme = readmeBlock();
        QVERIFY2(!readme.isEmpty(), "README.md has no fenced block under \"## Command line\"");
        for (const auto& verb : commandTable()) {
            if (verb.hidden)
                continue;
            const QString name = QString::fromStdString("takt " + verb.name);
            QVERIFY2(readme.contains(name), qPrintable(name));
            for (const auto& opt : verb.options)
                QVERIFY2(readme.contains(QString::fromStdString("--" + opt.name)),
                         qPrintable(QString::fromStdString(verb.name + " --" + opt.name)));
        }
        if (readme != table) {
            std::ofstream(TAKT_BINARY_DIR "/tests/command-line-help.txt") << table.toStdString();
            QFAIL("README.md's Command line block differs from `takt --help`: paste the block "
                  "written to build/.../tests/command-line-help.txt");
        }
        QVERIFY(r.out.contains(QString::fromStdString(exitCodesLine())));
    }
};

QTEST_GUILESS_MAIN(TestCommandLine)
#include "test_command_line.moc"
