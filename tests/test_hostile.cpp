// Hostile inputs (issue 14): read-only sessions, files that are not files, manifests with
// numbers far out of range, failed runs, times far out. Each case asserts one clear line naming
// the file, a documented exit code, the input left unchanged, no file left behind and a bounded
// run time.
#include "file_bytes.h"
#include "test_plants.h"
#include "twin/commands.h"
#include "twin/input_file.h"
#include "twin/manifest.h"
#include "twin/partial_file.h"
#include "twin/recording_data.h"
#include "twin/session_store.h"
#include "twin/simulation_limits.h"
#include "twin/simulator.h"
#include "twin/sqlite_db.h"

#include <nlohmann/json.hpp>

#include <QtTest>

#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <fstream>
#include <functional>
#include <limits>
#include <sstream>

using namespace takt::twin;
using nlohmann::json;

namespace {

/// takt's exit code for a command that ran and failed (README, Command line).
constexpr int kExitRuntimeError = 1;

/// runKpiCommand on `file` (table, or JSON with `json`).
CommandStatus kpiOf(const std::string& file, bool json, std::ostream& out, std::ostream& err)
{
    KpiOptions o;
    o.sessionPath = file;
    o.json = json;
    return runKpiCommand(o, out, err);
}

const std::filesystem::path kData = std::filesystem::path(TAKT_SOURCE_DIR) / "tests/data";

using takt::testing::readAll;
using takt::testing::writeAll;

/// A finished session with one recording of a few events.
std::string makeSession(const QString& folder, const QString& name = "s.takt")
{
    const std::string file = QDir(folder).filePath(name).toStdString();
    auto store = SessionStore::create(file, testing::smallPlant());
    const auto rec = store.beginRecording(RecordingKind::Simulated, "r", 1'000'000);
    store.writeEvents(rec,
                      std::vector<Event>{Event::stateChange(1'001'000, 0, StationState::Working),
                                         Event::partEnter(1'001'000, 0, 1, 0),
                                         Event::partLeave(1'050'000, 0, 1, 0)});
    store.endRecording(rec, 1'100'000);
    return file;
}

QStringList filesIn(const QString& folder)
{
    return QDir(folder).entryList(QDir::Files | QDir::System | QDir::Hidden);
}

/// The small test plant as manifest JSON (layout beside it in tests/data).
json smallManifest()
{
    std::ifstream in(kData / "small_plant.json");
    return json::parse(in);
}

std::optional<ManifestError> manifestError(const std::string& text,
                                           const std::filesystem::path& base = kData)
{
    try {
        parsePlantManifest(text, "hostile.json", base);
    } catch (const ManifestError& e) {
        return e;
    }
    return std::nullopt;
}

struct CliResult {
    int exitCode = -1;
    QString err;
    QString out;
    qint64 ms = 0;
};

/// Runs the headless commands (`takt simulate` / `takt kpi`, the real program) in a child process,
/// so that a hang is caught by the time limit rather than hanging the test.
/// `childSetup` runs in the child between fork and exec (limits, signals).
CliResult runCli(const QStringList& args, int timeoutMs = 20000,
                 const std::function<void()>& childSetup = {})
{
    QProcess p;
    if (childSetup)
        p.setChildProcessModifier(childSetup);
    QElapsedTimer t;
    t.start();
    p.start(QStringLiteral(TAKT_TWIN_CLI), args);
    CliResult r;
    if (!p.waitForStarted(5000))
        return r;
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished(5000);
        r.err = QStringLiteral("(timed out)");
        r.ms = t.elapsed();
        return r;
    }
    r.ms = t.elapsed();
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.err = QString::fromUtf8(p.readAllStandardError());
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    return r;
}

} // namespace

class TestHostile : public QObject {
    Q_OBJECT
private slots:
    // --- item 2: read-only sessions -----------------------------------------------------------

    void readOnlyOpenLeavesNoSideFiles()
    {
        QTemporaryDir dir;
        const auto file = makeSession(dir.path());
        QCOMPARE(filesIn(dir.path()), QStringList{"s.takt"});
        const auto before = readAll(file);
        {
            const auto store = SessionStore::open(file);
            const auto data = RecordingData::load(store, store.recordings().at(0).id);
            QCOMPARE(data.eventCount(), std::uint64_t(3));
        }
        QCOMPARE(filesIn(dir.path()), QStringList{"s.takt"});
        QCOMPARE(readAll(file), before);
    }

    void readOnlyOpenBesideWriterLeavesItsFiles()
    {
        // A reader next to a writer reads what the writer committed to its WAL, and removing
        // the side files stays the writer's business.
        QTemporaryDir dir;
        const auto file = makeSession(dir.path());
        {
            auto writer = SessionStore::open(file, SessionStore::Access::ReadWrite);
            const auto rec = writer.recordings().at(0).id;
            writer.addBookmark(rec, 1'002'000, "while reading");
            QVERIFY(QFile::exists(QString::fromStdString(file + "-wal")));
            {
                const auto reader = SessionStore::open(file);
                QCOMPARE(reader.bookmarks(rec).size(), std::size_t(1));
            }
            QVERIFY(QFile::exists(QString::fromStdString(file + "-wal")));
        }
        QCOMPARE(filesIn(dir.path()), QStringList{"s.takt"});
    }

    void readOnlyFolderSessionReadable()
    {
        // "attempt to write a readonly database" before: a session in a folder the reader may
        // not write could not be read at all. Root ignores permission bits, so the reader runs
        // as user nobody in a child process.
        QTemporaryDir dir;
        QVERIFY(::chmod(QFile::encodeName(dir.path()).constData(), 0755) == 0);
        const auto file = makeSession(dir.path());
        QVERIFY(::chmod(file.c_str(), 0644) == 0);
        QVERIFY(::chmod(QFile::encodeName(dir.path()).constData(), 0555) == 0);
        const auto restore =
            qScopeGuard([&] { ::chmod(QFile::encodeName(dir.path()).constData(), 0755); });
        const auto before = readAll(file);

        const pid_t child = ::fork();
        QVERIFY(child >= 0);
        if (child == 0) {
            if (::geteuid() == 0 && (::setgid(65534) != 0 || ::setuid(65534) != 0))
                ::_exit(10);
            if (::access(file.c_str(), R_OK) != 0)
                ::_exit(11); // the temporary folder is not reachable for nobody
            try {
                if (detail::SqliteDb::readOnlyOpening(file) !=
                    detail::SqliteDb::ReadOnlyOpening::Immutable)
                    ::_exit(12);
                const auto store = SessionStore::open(file);
                const auto data = RecordingData::load(store, store.recordings().at(0).id);
                if (data.eventCount() != 3)
                    ::_exit(13);
                // An edit is refused up front, in words, without touching the file.
                try {
                    SessionStore::open(file, SessionStore::Access::ReadWrite);
                    ::_exit(15);
                } catch (const SessionError& e) {
                    if (std::string(e.what()).find("read-only") == std::string::npos)
                        ::_exit(16);
                }
                ::_exit(0);
            } catch (const std::exception& e) {
                std::fprintf(stderr, "child: %s\n", e.what());
                ::_exit(14);
            }
        }
        int status = 0;
        QCOMPARE(::waitpid(child, &status, 0), child);
        QVERIFY(WIFEXITED(status));
        if (WEXITSTATUS(status) == 10 || WEXITSTATUS(status) == 11)
            QSKIP("cannot run the reader as another user here");
        QCOMPARE(WEXITSTATUS(status), 0);
        QCOMPARE(filesIn(dir.path()), QStringList{"s.takt"});
        QCOMPARE(readAll(file), before);
    }

    void readOnlyOpeningFollowsPermissions()
    {
        QTemporaryDir dir;
        const auto file = makeSession(dir.path());
        using O = detail::SqliteDb::ReadOnlyOpening;
        // We may write here: read shared and tidy up afterwards.
        QVERIFY(detail::SqliteDb::readOnlyOpening(file) == O::SharedThenTidy);
        {
            auto writer = SessionStore::open(file, SessionStore::Access::ReadWrite);
            writer.addBookmark(writer.recordings().at(0).id, 1'002'000, "b");
            // A writer is at work: its WAL must be read.
            QVERIFY(detail::SqliteDb::readOnlyOpening(file) == O::Shared);
        }
    }

    // --- items 3 and 7: files that are not files ----------------------------------------------

    void notAFileRefused_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("command");
        QTest::addColumn<QString>("expected");
        for (const char* command : {"kpi", "simulate"}) {
            const QString c = QString::fromLatin1(command);
            QTest::newRow(qPrintable(c + " fifo")) << "fifo" << c << "named pipe (FIFO)";
            QTest::newRow(qPrintable(c + " folder")) << "folder" << c << "is a folder";
            QTest::newRow(qPrintable(c + " loop")) << "loop" << c << "symbolic link loop";
            QTest::newRow(qPrintable(c + " dev zero")) << "device" << c << "is a device";
            QTest::newRow(qPrintable(c + " empty")) << "empty" << c << "is an empty file";
            QTest::newRow(qPrintable(c + " missing")) << "missing" << c << "no such file";
        }
    }
    void notAFileRefused()
    {
        QFETCH(QString, kind);
        QFETCH(QString, command);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        QString input = dir.filePath(command == "kpi" ? "f.takt" : "f.json");
        const QByteArray in = QFile::encodeName(input);
        if (kind == "fifo")
            QCOMPARE(::mkfifo(in.constData(), 0644), 0);
        else if (kind == "folder")
            QVERIFY(QDir(dir.path()).mkdir(QFileInfo(input).fileName()));
        else if (kind == "loop")
            QCOMPARE(::symlink(in.constData(), in.constData()), 0);
        else if (kind == "device")
            input = QStringLiteral("/dev/zero");
        else if (kind == "empty")
            writeAll(in.toStdString(), "");
        const QString out = dir.filePath("out.takt");
        const auto r = command == "kpi"
                           ? runCli({"kpi", input})
                           : runCli({"simulate", input, "--hours", "1", "--out", out, "--quiet"});
        QVERIFY2(r.ms < 10000, qPrintable(r.err));
        QCOMPARE(r.exitCode, kExitRuntimeError);
        QVERIFY2(r.err.contains(input), qPrintable(r.err));
        QVERIFY2(r.err.contains(expected), qPrintable(r.err));
        QCOMPARE(r.err.trimmed().count('\n'), 0);
        QVERIFY(!QFile::exists(out));
    }

    void inputFileProblemWords()
    {
        QVERIFY(!inputFileProblem(kData / "small_plant.json"));
        QCOMPARE(inputFileProblem("/dev/zero").value_or(""),
                 std::string("is a device, not a file"));
        QVERIFY(inputFileProblem(kData / "small_plant.json", 16).value_or("").find("at most") !=
                std::string::npos);
    }

    // --- item 1: manifest limits, duplicate keys, layout paths --------------------------------

    void manifestNumbersOutOfRange_data()
    {
        QTest::addColumn<QString>("pointer"); // where the value goes
        QTest::addColumn<double>("value");
        QTest::addColumn<QString>("expected"); // the problem's JSON pointer
        QTest::newRow("sample_s 1e-6")
            << "/control_points/0/sample_s" << 1e-6 << "/control_points/0/sample_s";
        QTest::newRow("sample_s 9 ms")
            << "/control_points/0/sample_s" << 0.009 << "/control_points/0/sample_s";
        QTest::newRow("cycle 1e308")
            << "/stations/0/cycle_time/mean_s" << 1e308 << "/stations/0/cycle_time/mean_s";
        QTest::newRow("cycle shorthand 1e308")
            << "/stations/1/cycle_time" << 1e308 << "/stations/1/cycle_time";
        QTest::newRow("takt 1e308") << "/takt_s" << 1e308 << "/takt_s";
        QTest::newRow("noise 1e308")
            << "/control_points/0/noise_sd" << 1e308 << "/control_points/0/noise_sd";
        QTest::newRow("drift 1e308")
            << "/control_points/0/drift_per_h" << -1e308 << "/control_points/0/drift_per_h";
        QTest::newRow("lsl -1e308") << "/control_points/0/lsl" << -1e308 << "/control_points/0/lsl";
        QTest::newRow("mtbf 1e308") << "/stations/0/mtbf_s" << 1e308 << "/stations/0/mtbf_s";
        QTest::newRow("mttr 1e308") << "/stations/0/mttr_s" << 1e308 << "/stations/0/mttr_s";
        QTest::newRow("sd 1e308") << "/stations/0/cycle_time/sd_s" << 1e308
                                  << "/stations/0/cycle_time/sd_s";
        QTest::newRow("capacity 1e12") << "/stations/1/capacity" << 1e12 << "/stations/1/capacity";
    }
    void manifestNumbersOutOfRange()
    {
        QFETCH(QString, pointer);
        QFETCH(double, value);
        QFETCH(QString, expected);
        json doc = smallManifest();
        if (pointer.endsWith("capacity"))
            doc[json::json_pointer(pointer.toStdString())] = static_cast<long long>(value);
        else
            doc[json::json_pointer(pointer.toStdString())] = value;
        const auto e = manifestError(doc.dump());
        QVERIFY2(e.has_value(), "accepted");
        QCOMPARE(e->problems().size(), std::size_t(1));
        QCOMPARE(QString::fromStdString(e->problems().front().path), expected);
        QVERIFY2(std::string(e->what()).find("must be") != std::string::npos ||
                     std::string(e->what()).find("capacity must") != std::string::npos,
                 e->what());
    }

    void manifestNumbersAtTheLimitsAccepted()
    {
        json doc = smallManifest();
        doc["control_points"][0]["sample_s"] = 0.01;
        doc["takt_s"] = 1e6;
        doc["control_points"][0]["noise_sd"] = 1e12;
        QVERIFY(!manifestError(doc.dump()).has_value());
    }

    void duplicateKeysReported()
    {
        json doc = smallManifest();
        std::string text = doc.dump();
        // "takt_s" twice at the top, "id" twice in the third station.
        text.insert(1, "\"takt_s\": 1,");
        const auto third = text.find("\"id\":\"ST20\"");
        QVERIFY(third != std::string::npos);
        text.insert(third, "\"id\":\"X\",");
        const auto e = manifestError(text);
        QVERIFY(e.has_value());
        QStringList where;
        for (const auto& p : e->problems())
            if (p.message.find("duplicate key \"") != std::string::npos)
                where << QString::fromStdString(p.path);
        QCOMPARE(where.size(), 2);
        QVERIFY2(where.contains("/takt_s"), qPrintable(where.join(", ")));
        QVERIFY2(where.filter(QRegularExpression("^/stations/\\d+/id$")).size() == 1,
                 qPrintable(where.join(", ")));
    }

    void layoutOutsideManifestFolderRefused_data()
    {
        QTest::addColumn<QString>("layout");
        QTest::newRow("up and out") << "../../../../etc/passwd";
        QTest::newRow("absolute") << "/etc/passwd";
        QTest::newRow("sneaky") << "sub/../../../etc/passwd";
    }
    void layoutOutsideManifestFolderRefused()
    {
        QFETCH(QString, layout);
        json doc = smallManifest();
        doc["layout"] = layout.toStdString();
        const auto e = manifestError(doc.dump());
        QVERIFY2(e.has_value(), "accepted");
        QCOMPARE(e->problems().front().path, std::string("/layout"));
        QVERIFY2(std::string(e->what()).find("leaves the manifest's folder") != std::string::npos,
                 e->what());
    }

    void layoutGivenSeparatelyMayLieAnywhere()
    {
        QTemporaryDir dir;
        json doc = smallManifest();
        doc["layout"] = "../../../../etc/passwd";
        const auto manifest = dir.filePath("plant.json").toStdString();
        writeAll(manifest, doc.dump());
        const auto layout = kData / "small_layout.obj"; // outside the manifest's folder
        const Plant p = loadPlantManifest(manifest, layout);
        QCOMPARE(p.layoutPath, std::filesystem::canonical(layout).string());
        QVERIFY_THROWS_EXCEPTION(ManifestError, loadPlantManifest(manifest));
    }

    // --- items 1 and 6: simulate refuses before writing, and leaves nothing -------------------

    void outputBudgetRefusedBeforeWriting()
    {
        QTemporaryDir dir;
        json doc = smallManifest();
        // 100 samples a second for a year of 369 control points: terabytes.
        json cps = json::array();
        for (int i = 0; i < 369; ++i) {
            json c = doc["control_points"][0];
            c["id"] = "CP" + std::to_string(i);
            c["sample_s"] = 0.01;
            cps.push_back(c);
        }
        doc["control_points"] = cps;
        const auto manifest = dir.filePath("plant.json");
        QFile::copy(QString::fromStdString((kData / "small_layout.obj").string()),
                    dir.filePath("small_layout.obj"));
        doc["layout"] = "small_layout.obj";
        writeAll(manifest.toStdString(), doc.dump());
        const auto out = dir.filePath("big.takt");
        const auto r = runCli({"simulate", manifest, "--hours", "8784", "--out", out, "--quiet"});
        QVERIFY2(r.ms < 10000, "the refusal took too long");
        QCOMPARE(r.exitCode, kExitRuntimeError);
        QVERIFY2(r.err.contains("over the budget of 4.0 GiB"), qPrintable(r.err));
        QCOMPARE(r.err.trimmed().count('\n'), 0);
        QCOMPARE(filesIn(dir.path()), (QStringList{"plant.json", "small_layout.obj"}));
    }

    void estimateMatchesASimulatedSession()
    {
        // The budget is only as good as the estimate: within a factor of two of a real run.
        QTemporaryDir dir;
        const Plant plant = testing::referenceLikePlant(10.0);
        const auto out = dir.filePath("r.takt").toStdString();
        const auto s = simulate(plant, 1.0, 7, out);
        const auto e = estimateSimulationOutput(plant, 1.0);
        const double bytes = double(QFileInfo(QString::fromStdString(out)).size());
        QVERIFY2(e.events > 0.5 * double(s.events) && e.events < 2.0 * double(s.events),
                 qPrintable(QString("estimated %1 events, wrote %2").arg(e.events).arg(s.events)));
        QVERIFY2(e.bytes > 0.5 * bytes && e.bytes < 2.0 * bytes,
                 qPrintable(QString("estimated %1 bytes, wrote %2").arg(e.bytes).arg(bytes)));
    }

    void flowCycleRefusedBeforeTheFileExists()
    {
        QTemporaryDir dir;
        json doc = smallManifest();
        doc["flow"].push_back({{"from", "QG30"}, {"to", "ST10"}});
        const auto manifest = dir.filePath("cyclic.json");
        writeAll(manifest.toStdString(), doc.dump());
        QFile::copy(QString::fromStdString((kData / "small_layout.obj").string()),
                    dir.filePath("small_layout.obj"));
        const auto out = dir.filePath("c.takt");
        const auto r = runCli({"simulate", manifest, "--hours", "1", "--out", out, "--quiet"});
        QCOMPARE(r.exitCode, kExitRuntimeError);
        QVERIFY2(r.err.contains("cycle"), qPrintable(r.err));
        QCOMPARE(filesIn(dir.path()), (QStringList{"cyclic.json", "small_layout.obj"}));
        // A rerun is not refused as "already exists".
        const auto again = runCli({"simulate", manifest, "--hours", "1", "--out", out, "--quiet"});
        QVERIFY2(!again.err.contains("already exists"), qPrintable(again.err));
    }

    void failedRunLeavesNoFile()
    {
        // An unwritable destination: the error names it and nothing is left, not even the
        // temporary file.
        QTemporaryDir dir;
        const auto out = dir.filePath("missing-folder/s.takt").toStdString();
        QVERIFY_THROWS_EXCEPTION(SessionError, simulate(testing::smallPlant(), 0.1, 1, out));
        QCOMPARE(filesIn(dir.path()), QStringList{});
        // A partial file not committed is removed with its side files.
        const auto target = dir.filePath("p.takt").toStdString();
        {
            PartialFile partial(target);
            writeAll(partial.path().string(), "partial");
            writeAll(partial.path().string() + "-wal", "wal");
        }
        QCOMPARE(filesIn(dir.path()), QStringList{});
        // A leftover of a killed run is replaced, and an existing target is never replaced.
        writeAll(target + ".partial", "left by a killed run");
        writeAll(target, "precious");
        {
            PartialFile partial(target);
            QVERIFY(!QFile::exists(QString::fromStdString(target + ".partial")));
            writeAll(partial.path().string(), "new");
            QVERIFY_THROWS_EXCEPTION(SessionError, partial.commit());
        }
        QCOMPARE(readAll(target), std::string("precious"));
        QCOMPARE(filesIn(dir.path()), QStringList{"p.takt"});
    }

    void diskFullLeavesNoFile()
    {
        // A full disk left a partial session behind, and a rerun was then refused ("already
        // exists"). The child may write no file past 256 KiB (RLIMIT_FSIZE, SIGXFSZ ignored):
        // a write past it fails with EFBIG, as on a full disk.
        QTemporaryDir dir;
        QVERIFY(QFile::copy(QString::fromStdString((kData / "small_plant.json").string()),
                            dir.filePath("plant.json")));
        QVERIFY(QFile::copy(QString::fromStdString((kData / "small_layout.obj").string()),
                            dir.filePath("small_layout.obj")));
        const auto out = dir.filePath("full.takt");
        const QStringList args{
            "simulate", dir.filePath("plant.json"), "--hours", "24", "--out", out, "--quiet"};
        const auto full = runCli(args, 120000, [] {
            ::signal(SIGXFSZ, SIG_IGN);
            const rlimit limit{256 * 1024, 256 * 1024};
            ::setrlimit(RLIMIT_FSIZE, &limit);
        });
        QCOMPARE(full.exitCode, kExitRuntimeError);
        QVERIFY2(full.err.contains(out + ": could not be written"), qPrintable(full.err));
        QVERIFY2(!full.err.contains(".partial"), qPrintable(full.err));
        QCOMPARE(full.err.trimmed().count('\n'), 0);
        QCOMPARE(filesIn(dir.path()), (QStringList{"plant.json", "small_layout.obj"}));
        // With room again, the same command writes the session (it is bigger than the limit).
        const auto again = runCli(args, 120000);
        QVERIFY2(again.exitCode == 0, qPrintable(again.err));
        QVERIFY(QFileInfo(out).size() > 256 * 1024);
    }

    void progressSaysDoneOnlyWhenOnDisk()
    {
        QTemporaryDir dir;
        const auto out = dir.filePath("p.takt").toStdString();
        int atEnd = 0;
        bool completeAtEnd = false;
        double highestBefore = 0.0;
        simulate(testing::smallPlant(), 0.5, 3, out, [&](double f) {
            if (f < 1.0) {
                highestBefore = std::max(highestBefore, f);
                return;
            }
            ++atEnd;
            // The session is there under its own name, complete, with its recording closed.
            const auto store = SessionStore::open(out);
            completeAtEnd = store.recordings().at(0).endMs.has_value();
        });
        QCOMPARE(atEnd, 1);
        QVERIFY(completeAtEnd);
        QVERIFY(highestBefore < 1.0);
    }

    void interruptedRecordingMarked()
    {
        QTemporaryDir dir;
        const auto file = dir.filePath("i.takt").toStdString();
        {
            auto store = SessionStore::create(file, testing::smallPlant());
            const auto rec =
                store.beginRecording(RecordingKind::Simulated, "Simulated 24 h, seed 1", 0);
            store.writeEvents(rec,
                              std::vector<Event>{Event::stateChange(1000, 0, StationState::Working),
                                                 Event::partLeave(5'580'000, 0, 1, 0)});
            // No endRecording: the writer died.
        }
        std::ostringstream out, err;
        QCOMPARE(kpiOf(file, true, out, err), CommandStatus::Ok);
        const auto j = json::parse(out.str());
        QCOMPARE(j["recording"]["complete"].get<bool>(), false);
        QVERIFY(j["recording"]["end"].is_null());
        QVERIFY2(j["warnings"].dump().find("interrupted") != std::string::npos, out.str().c_str());
        QVERIFY2(j["warnings"].dump().find(formatIsoTime(5'580'000)) != std::string::npos,
                 out.str().c_str());
        std::ostringstream table;
        QCOMPARE(kpiOf(file, false, table, err), CommandStatus::Ok);
        const auto title = table.str().substr(0, table.str().find('\n'));
        QVERIFY2(title.find("interrupted") != std::string::npos, title.c_str());
    }

    void emptyInterruptedRecordingSaysSo()
    {
        QTemporaryDir dir;
        const auto file = dir.filePath("e.takt").toStdString();
        {
            auto store = SessionStore::create(file, testing::smallPlant());
            store.beginRecording(RecordingKind::Simulated, "r", 0);
        }
        std::ostringstream out, err;
        QCOMPARE(kpiOf(file, false, out, err), CommandStatus::Failed);
        QVERIFY2(err.str().find("holds no events") != std::string::npos, err.str().c_str());
        QVERIFY2(err.str().find("--from") == std::string::npos, err.str().c_str());
    }

    void editReachesTheFileBeforeQuit()
    {
        // A bookmark must not sit in the WAL until the program quits: a copy of the .takt
        // alone, taken while the editor is still open, holds it.
        QTemporaryDir dir;
        const auto file = makeSession(dir.path());
        auto store = SessionStore::open(file, SessionStore::Access::ReadWrite);
        const auto rec = store.recordings().at(0).id;
        store.addBookmark(rec, 1'050'000, "line stopped");
        store.addAnnotation({0, rec, 1'060'000, "S1", "jam cleared"});
        const auto copy = dir.filePath("copy.takt").toStdString();
        writeAll(copy, readAll(file));
        const auto other = SessionStore::open(copy);
        QCOMPARE(other.bookmarks(rec).size(), std::size_t(1));
        QCOMPARE(other.annotations(rec).size(), std::size_t(1));
    }

    void droppedTableIsAnErrorNotAnEmptyList()
    {
        // Item 7: a session whose bookmarks table was dropped opened as an empty list without a
        // word. Reading its bookmarks is an error naming the file and the table (the GUI shows
        // it as "Cannot read bookmarks: ..."); the recording itself still reads.
        QTemporaryDir dir;
        const auto file = makeSession(dir.path());
        {
            detail::SqliteDb db(file, detail::SqliteDb::Mode::ReadWrite);
            db.exec("DROP TABLE bookmarks");
        }
        const auto store = SessionStore::open(file);
        const auto rec = store.recordings().at(0).id;
        try {
            const auto none = store.bookmarks(rec);
            QFAIL(qPrintable(QString("read %1 bookmarks from a dropped table").arg(none.size())));
        } catch (const SessionError& e) {
            const std::string what = e.what();
            QVERIFY2(what.find(file) == 0, what.c_str());
            QVERIFY2(what.find("no such table: bookmarks") != std::string::npos, what.c_str());
        }
        QCOMPARE(RecordingData::load(store, rec).eventCount(), std::uint64_t(3));
    }

    // --- items 4 and 5: times far out ----------------------------------------------------------

    void timesFarOutRefusedOnOpen_data()
    {
        QTest::addColumn<bool>("inEnd");
        QTest::addColumn<qint64>("t");
        QTest::newRow("end INT64_MAX") << true << qint64(std::numeric_limits<TimeMs>::max());
        QTest::newRow("event INT64_MAX") << false << qint64(std::numeric_limits<TimeMs>::max());
        QTest::newRow("event 100 years out")
            << false << qint64(1'000'000 + TimeMs{100} * 365 * 24 * 3600 * 1000);
        QTest::newRow("event INT64_MIN") << false << qint64(std::numeric_limits<TimeMs>::min());
    }
    void timesFarOutRefusedOnOpen()
    {
        QFETCH(bool, inEnd);
        QFETCH(qint64, t);
        QTemporaryDir dir;
        const auto file = dir.filePath("far.takt").toStdString();
        {
            auto store = SessionStore::create(file, testing::smallPlant());
            const auto rec = store.beginRecording(RecordingKind::Simulated, "r", 1'000'000);
            std::vector<Event> events{Event::stateChange(1'001'000, 0, StationState::Working)};
            if (!inEnd)
                events.push_back(Event::stateChange(t, 0, StationState::Blocked));
            store.writeEvents(rec, events);
            store.endRecording(rec, inEnd ? t : 2'000'000);
        }
        const auto store = SessionStore::open(file);
        QElapsedTimer timer;
        timer.start();
        try {
            RecordingData::load(store, 1);
            QFAIL("a time far out was accepted");
        } catch (const SessionError& e) {
            const std::string what = e.what();
            QVERIFY2(what.find(file) == 0, what.c_str());
            QVERIFY2(what.find("366 days") != std::string::npos, what.c_str());
            QVERIFY2(what.find('\n') == std::string::npos, what.c_str());
        }
        QVERIFY(timer.elapsed() < 2000);
        // And the command line says it in one line.
        const auto r = runCli({"kpi", QString::fromStdString(file)});
        QCOMPARE(r.exitCode, kExitRuntimeError);
        QVERIFY2(r.err.contains("366 days"), qPrintable(r.err));
    }

    void largestTimesPrintAsTheirYear()
    {
        QCOMPARE(formatIsoTime(std::numeric_limits<TimeMs>::max()),
                 std::string("+292278994-08-17T07:12:55.807Z"));
        QCOMPARE(formatIsoTime(0), std::string("1970-01-01T00:00:00.000Z"));
        QCOMPARE(formatIsoTime(-1), std::string("1969-12-31T23:59:59.999Z"));
        QCOMPARE(formatIsoTime(253402300799999), std::string("9999-12-31T23:59:59.999Z"));
        QCOMPARE(formatIsoTime(kDefaultSimulationStartMs), std::string("2026-01-05T06:00:00.000Z"));
    }
};

QTEST_APPLESS_MAIN(TestHostile)
#include "test_hostile.moc"
