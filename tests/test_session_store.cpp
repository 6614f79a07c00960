// Unit tests of the session store (twin/session_store.h, twin/event_writer.h): round trips,
// CRUD, refusal of foreign, damaged and newer files without modifying them, migrations.
#include "file_bytes.h"
#include "test_plants.h"
#include "twin/event_writer.h"
#include "twin/session_schema.h"
#include "twin/session_store.h"
#include "twin/sqlite_db.h"

#include <QtTest>

#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

using namespace takt::twin;

namespace {

using takt::testing::readAll;
using takt::testing::writeAll;

std::vector<Event> sampleEvents()
{
    return {Event::stateChange(1000, 0, StationState::Working),
            Event::partEnter(1000, 0, 1, 4),
            Event::stateChange(2000, 1, StationState::Down, "jam"),
            Event::partLeave(3000, 0, 1, 4),
            Event::quality(3000, 0, 1, 4, QualityResult::Rework, "GAP"),
            Event::measurement(3500, 1, 10.25),
            Event::alarm(4000, 1, 2, "S2 failed: jam")};
}

/// Makes a finished session in `dir` with one recording and returns its path.
std::string makeSession(const QTemporaryDir& dir)
{
    const std::string file = dir.filePath("s.takt").toStdString();
    auto store = SessionStore::create(file, testing::smallPlant());
    const auto rec = store.beginRecording(RecordingKind::Simulated, "r", 1000);
    store.writeEvents(rec, sampleEvents());
    store.endRecording(rec, 5000);
    return file;
}

} // namespace

class TestSessionStore : public QObject {
    Q_OBJECT
private slots:
    void createStoresPlantAndRecording()
    {
        QTemporaryDir dir;
        const auto file = makeSession(dir);
        const auto store = SessionStore::open(file);
        QCOMPARE(store.schemaVersion(), kSessionSchemaVersion);
        QCOMPARE(store.plant().stations.size(), std::size_t(5));
        QCOMPARE(store.plant().controlPoints[1].id, std::string("CP2"));
        const auto recs = store.recordings();
        QCOMPARE(recs.size(), std::size_t(1));
        TAKT_COMPARE_ENUM(recs[0].kind, RecordingKind::Simulated);
        QCOMPARE(recs[0].endMs, std::optional<TimeMs>(5000));
        QCOMPARE(store.integrityCheck(), std::string("ok"));
    }

    void eventsRoundTrip()
    {
        QTemporaryDir dir;
        const auto file = makeSession(dir);
        const auto store = SessionStore::open(file);
        auto expected = sampleEvents();
        std::stable_sort(expected.begin(), expected.end(),
                         [](const Event& a, const Event& b) { return a.t < b.t; });
        const auto got = store.events(store.recordings()[0].id);
        QCOMPARE(got.size(), expected.size());
        // events() merges table by table, so compare as multisets ordered by time and kind.
        for (const auto& e : expected)
            QVERIFY2(std::find(got.begin(), got.end(), e) != got.end(),
                     std::string(toString(e.kind)).c_str());
    }

    void createRefusesExistingFile()
    {
        QTemporaryDir dir;
        const auto file = makeSession(dir);
        const auto before = readAll(file);
        QVERIFY_THROWS_EXCEPTION(SessionError, SessionStore::create(file, testing::smallPlant()));
        QCOMPARE(readAll(file), before);
    }

    void bookmarksAnnotationsViewsSettings()
    {
        QTemporaryDir dir;
        const auto file = makeSession(dir);
        auto store = SessionStore::open(file, SessionStore::Access::ReadWrite);
        const auto rec = store.recordings()[0].id;
        const auto b1 = store.addBookmark(rec, 3000, "line stop");
        store.addBookmark(rec, 2000, "start");
        store.renameBookmark(b1, "line stopped");
        auto bms = store.bookmarks(rec);
        QCOMPARE(bms.size(), std::size_t(2));
        QCOMPARE(bms[0].label, std::string("start")); // ordered by time
        QCOMPARE(bms[1].label, std::string("line stopped"));
        store.removeBookmark(b1);
        QCOMPARE(store.bookmarks(rec).size(), std::size_t(1));

        const auto a = store.addAnnotation({0, rec, 2500, "S2", "jam at the gripper"});
        store.updateAnnotationText(a, "jam at gripper 2");
        QCOMPARE(store.annotations(rec).at(0).text, std::string("jam at gripper 2"));
        QCOMPARE(store.annotations(rec).at(0).station, std::string("S2"));
        store.removeAnnotation(a);
        QVERIFY(store.annotations(rec).empty());

        CameraView view;
        view.position = {0, 0, 10};
        store.saveCameraView("overview", view);
        view.position = {0, 0, 20};
        view.fieldOfView = 33.5;
        store.saveCameraView("overview", view);
        QCOMPARE(store.cameraViews().size(), std::size_t(1));
        QCOMPARE(store.cameraViews()[0].name, std::string("overview"));
        QVERIFY(store.cameraViews()[0].camera == view);
        store.removeCameraView("overview");
        QVERIFY(store.cameraViews().empty());

        store.setViewSetting("overlay", "utilisation");
        store.setViewSetting("overlay", "defects");
        QCOMPARE(store.viewSetting("overlay"), std::optional<std::string>("defects"));
        QVERIFY(!store.viewSetting("missing").has_value());
    }

    // The camera_views.camera column's JSON (twin/camera_view.h): what the GUI writes reads
    // back the same; hand-written views may say "fieldOfView" (README) and leave `up` out.
    void cameraViewJson()
    {
        CameraView v{{1.5, 2, -3.25}, {0, 0.5, 0}, {0, 0, 1}, 28.5};
        QVERIFY(cameraViewFromJson(cameraViewToJson(v)) == v);
        const auto a = cameraViewFromJson(
            R"({"position":[1,2,3],"viewCenter":[0,0,0],"up":[0,1,0],"fieldOfView":28})");
        QVERIFY(a);
        QCOMPARE(a->fieldOfView, 28.0);
        const auto b = cameraViewFromJson(R"({"position":[1,2,3],"viewCenter":[0,0,0],"fov":33})");
        QVERIFY(b);
        QCOMPARE(b->fieldOfView, 33.0);
        QVERIFY((b->up == std::array<double, 3>{0, 1, 0}));
        QCOMPARE(cameraViewFromJson(R"({"position":[1,2,3],"viewCenter":[0,0,0],"fov":400})")
                     ->fieldOfView,
                 40.0);
        QVERIFY(!cameraViewFromJson(R"({"pos":[0,0,20]})"));
        QVERIFY(!cameraViewFromJson(R"({"position":[1,2],"viewCenter":[0,0,0]})"));
        QVERIFY(!cameraViewFromJson("not json"));
    }

    void readOnlyRefusesWrites()
    {
        QTemporaryDir dir;
        const auto file = makeSession(dir);
        auto store = SessionStore::open(file);
        QVERIFY_THROWS_EXCEPTION(SessionError, store.addBookmark(1, 1, "x"));
    }

    void writerCommitsEverything()
    {
        QTemporaryDir dir;
        const auto file = dir.filePath("w.takt").toStdString();
        auto store = SessionStore::create(file, testing::smallPlant());
        const auto rec = store.beginRecording(RecordingKind::Live, "live", 0);
        std::uint64_t lastCommitted = 0;
        int commits = 0;
        {
            EventWriterOptions opt;
            opt.batchEvents = 1000;
            EventWriter w(file, rec, opt, [&](std::uint64_t n, TimeMs) {
                lastCommitted = n;
                ++commits;
            });
            for (int i = 0; i < 5500; ++i)
                w.push(Event::measurement(i, i % 2, double(i)));
            w.flush();
            QCOMPARE(w.committed(), std::uint64_t(5500));
            w.close();
            QVERIFY_THROWS_EXCEPTION(SessionError, w.push(Event::measurement(0, 0, 0)));
        }
        QCOMPARE(lastCommitted, std::uint64_t(5500));
        QVERIFY(commits >= 1);
        const auto events = store.events(rec);
        QCOMPARE(events.size(), std::size_t(5500));
        for (int i = 0; i < 5500; ++i)
            QCOMPARE(events[std::size_t(i)].value, double(i));
    }

    void writerFlushesWithinInterval()
    {
        QTemporaryDir dir;
        const auto file = dir.filePath("f.takt").toStdString();
        auto store = SessionStore::create(file, testing::smallPlant());
        const auto rec = store.beginRecording(RecordingKind::Live, "live", 0);
        EventWriterOptions opt;
        opt.flushInterval = std::chrono::milliseconds(100);
        EventWriter w(file, rec, opt);
        w.push(Event::measurement(1, 0, 1.0));
        QTRY_COMPARE_WITH_TIMEOUT(w.committed(), std::uint64_t(1), 2000);
    }

    // Files that must be refused, each with a word the one-line error must contain. The file
    // must come out byte for byte as it went in.
    void refusesWithoutModifying_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("expected");
        QTest::newRow("text file") << "text"
                                   << "not a Takt session";
        QTest::newRow("empty file") << "empty"
                                    << "is an empty file";
        QTest::newRow("other sqlite") << "foreign"
                                      << "application_id";
        QTest::newRow("newer schema") << "newer"
                                      << "newer Takt";
        QTest::newRow("damaged") << "damaged"
                                 << "damaged";
        QTest::newRow("missing") << "missing"
                                 << "no such file";
        // Issue 14, items 3 and 7: refused up front with the right word, without hanging.
        QTest::newRow("fifo") << "fifo"
                              << "named pipe (FIFO)";
        QTest::newRow("folder") << "folder"
                                << "is a folder";
        QTest::newRow("symlink loop") << "loop"
                                      << "symbolic link loop";
    }
    void refusesWithoutModifying()
    {
        QFETCH(QString, kind);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        std::string file = dir.filePath("x.takt").toStdString();
        if (kind == "text") {
            writeAll(file, "this is a plant manifest, not a session\n");
        } else if (kind == "empty") {
            writeAll(file, "");
        } else if (kind == "fifo") {
            QCOMPARE(::mkfifo(file.c_str(), 0644), 0);
        } else if (kind == "folder") {
            QVERIFY(QDir(dir.path()).mkdir("x.takt"));
        } else if (kind == "loop") {
            QCOMPARE(::symlink(file.c_str(), file.c_str()), 0);
        } else if (kind == "foreign") {
            detail::SqliteDb db(file, detail::SqliteDb::Mode::Create);
            db.exec("CREATE TABLE t(x); INSERT INTO t VALUES (1)");
        } else if (kind == "newer") {
            file = makeSession(dir);
            detail::SqliteDb db(file, detail::SqliteDb::Mode::ReadWrite);
            db.exec("PRAGMA user_version = 99");
            db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
        } else if (kind == "damaged") {
            file = makeSession(dir);
            {
                detail::SqliteDb db(file, detail::SqliteDb::Mode::ReadWrite);
                db.exec("PRAGMA journal_mode = DELETE"); // fold the WAL into the file
            }
            auto bytes = readAll(file);
            QVERIFY(bytes.size() > 8192);
            // Overwrite the second page (a b-tree page) with garbage, keep the header intact.
            for (std::size_t i = 4096 + 8; i < 8192; ++i)
                bytes[i] = char(0xA5);
            writeAll(file, bytes);
        }
        const bool exists = QFileInfo(QString::fromStdString(file)).isFile();
        const auto before = exists ? readAll(file) : std::string();
        const auto filesBefore = QDir(dir.path()).entryList(QDir::Files);
        for (auto access : {SessionStore::Access::ReadOnly, SessionStore::Access::ReadWrite}) {
            try {
                SessionStore::open(file, access);
                QFAIL("open did not throw");
            } catch (const SessionError& e) {
                const std::string what = e.what();
                QVERIFY2(what.find(file) == 0, what.c_str());
                QVERIFY2(what.find(expected.toStdString()) != std::string::npos, what.c_str());
                QVERIFY2(what.find('\n') == std::string::npos, what.c_str());
            }
        }
        if (exists)
            QCOMPARE(readAll(file), before);
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), filesBefore);
    }

    void migrationFromEmptyReachesCurrentVersion()
    {
        QTemporaryDir dir;
        const auto file = dir.filePath("m.db").toStdString();
        detail::SqliteDb db(file, detail::SqliteDb::Mode::Create);
        detail::migrateSession(db, 0);
        QCOMPARE(db.queryInt("PRAGMA user_version"), std::int64_t(kSessionSchemaVersion));
        QCOMPARE(db.queryInt("SELECT count(*) FROM station_states"), std::int64_t(7));
        detail::migrateSession(db, kSessionSchemaVersion); // already current: nothing to do
        QCOMPARE(db.queryInt("SELECT count(*) FROM station_states"), std::int64_t(7));
    }

    void namedViewsAreQueryable()
    {
        QTemporaryDir dir;
        const auto file = makeSession(dir);
        detail::SqliteDb db(file, detail::SqliteDb::Mode::ReadOnly);
        QCOMPARE(db.queryText("SELECT state FROM state_changes_named WHERE station = 'S2'"),
                 std::string("down"));
        QCOMPARE(db.queryText("SELECT result FROM quality_results_named"), std::string("rework"));
        QCOMPARE(db.queryText("SELECT time FROM state_changes_named ORDER BY t_ms LIMIT 1"),
                 std::string("1970-01-01T00:00:01.000Z"));
    }
};

QTEST_APPLESS_MAIN(TestSessionStore)
#include "test_session_store.moc"
