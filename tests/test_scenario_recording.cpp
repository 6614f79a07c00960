// Scenario runs stored in the session (issue 13 item 2: "a scenario's runs are stored in the
// session as recordings of kind scenario"): schema 3 accepts the kind and an older session stays
// readable (and untouched) until it is written; a stored run is exactly the what-if replication
// with its seed; `takt whatif` writes only with --save, and `takt compare` takes a shift against
// one of its scenario runs.
#include "file_bytes.h"
#include "test_plants.h"
#include "twin/compare_command.h"
#include "twin/error.h"
#include "twin/kpi.h"
#include "twin/manifest.h"
#include "twin/predict_commands.h"
#include "twin/recording_data.h"
#include "twin/replications.h"
#include "twin/scenario_recording.h"
#include "twin/session_schema.h"
#include "twin/session_store.h"
#include "twin/sqlite_db.h"
#include "twin/whatif.h"

#include <nlohmann/json.hpp>

#include <QtTest>

#include <filesystem>
#include <sstream>

using namespace takt::twin;
using namespace takt::twin::testing;
using takt::testing::readAll;

namespace {

const std::string kShift = TAKT_BINARY_DIR "/assets/sample-shift.takt";

/// A copy of the sample shift in `dir`, to write into.
std::string copyOfShift(const QTemporaryDir& dir)
{
    const std::string file = dir.filePath("shift.takt").toStdString();
    std::filesystem::copy_file(kShift, file);
    return file;
}

ScenarioRunSpec spec(std::vector<std::string> sets, std::uint64_t seed, double hours)
{
    ScenarioRunSpec s;
    s.sets = std::move(sets);
    s.seed = seed;
    s.hours = hours;
    s.warmupHours = 0.5;
    s.replications = 3;
    return s;
}

std::vector<ScenarioChange> changes(const std::vector<std::string>& sets)
{
    std::vector<ScenarioChange> out;
    for (const auto& s : sets)
        out.push_back(parseScenarioChange(s));
    return out;
}

} // namespace

class TestScenarioRecording : public QObject {
    Q_OBJECT
private slots:
    /// A session of schema 2 (before scenario recordings) reads as it is, unmodified; opened for
    /// writing it is migrated to 3 with its recordings and events intact, and then takes a
    /// recording of kind scenario, which its CHECK constraint refused before.
    void schema2IsReadThenMigrated()
    {
        QTemporaryDir dir;
        const std::string file = dir.filePath("v2.takt").toStdString();
        const Plant plant = smallPlant();
        {
            detail::SqliteDb db(file, detail::SqliteDb::Mode::Create);
            db.exec("PRAGMA journal_mode = DELETE");
            db.exec("PRAGMA application_id = " + std::to_string(kSessionApplicationId));
            detail::migrateSession(db, 0, 2);
            detail::SqliteStatement meta(db, "INSERT INTO meta VALUES ('manifest', ?1)");
            const auto manifest = writePlantManifest(plant, "");
            meta.bind(1, std::string_view(manifest)).step();
            db.exec("INSERT INTO recordings(kind, name, start_ms, end_ms, params) VALUES "
                    "('simulated', 'old shift', 1000, 9000, '{\"seed\":3}')");
            db.exec(
                "INSERT INTO state_changes VALUES (1, 1000, 0, 0, NULL), (1, 2000, 0, 3, 'jam')");
            bool refused = false;
            try {
                db.exec("INSERT INTO recordings(kind, name, start_ms) VALUES ('scenario', 'x', 0)");
            } catch (const SessionError&) {
                refused = true;
            }
            QVERIFY(refused); // what schema 3 changes
        }
        const auto before = readAll(file);
        {
            const auto store = SessionStore::open(file);
            QCOMPARE(store.schemaVersion(), 2);
            QCOMPARE(store.recordings().size(), std::size_t(1));
            QCOMPARE(store.events(1).size(), std::size_t(2));
        }
        QCOMPARE(readAll(file), before); // read-only: not migrated, not touched
        {
            auto store = SessionStore::open(file, SessionStore::Access::ReadWrite);
            QCOMPARE(store.schemaVersion(), kSessionSchemaVersion);
            const auto recs = store.recordings();
            QCOMPARE(recs.size(), std::size_t(1));
            QCOMPARE(recs[0].name, std::string("old shift"));
            QCOMPARE(recs[0].endMs.value_or(0), TimeMs(9000));
            QCOMPARE(recs[0].paramsJson, std::string("{\"seed\":3}"));
            QCOMPARE(store.events(1).size(), std::size_t(2));
            RecordingInfo info;
            info.kind = RecordingKind::Scenario;
            info.name = "run";
            info.startMs = 1000;
            info.endMs = 5000;
            const auto id = store.addRecording(
                info, std::vector<Event>{Event::stateChange(1000, 1, StationState::Working)});
            QCOMPARE(id, std::int64_t(2));
        }
        const auto store = SessionStore::open(file);
        TAKT_COMPARE_ENUM(store.recording(2).kind, RecordingKind::Scenario);
        QCOMPARE(store.events(2).size(), std::size_t(1));
        QCOMPARE(store.integrityCheck(), std::string("ok"));
    }

    /// addRecording is one transaction: when an insert fails midway nothing of it remains.
    void addRecordingIsAllOrNothing()
    {
        QTemporaryDir dir;
        const std::string file = dir.filePath("s.takt").toStdString();
        {
            auto store = SessionStore::create(file, smallPlant());
            detail::SqliteDb db(file, detail::SqliteDb::Mode::ReadWrite);
            db.exec("CREATE TRIGGER no_alarms BEFORE INSERT ON alarms BEGIN "
                    "SELECT RAISE(ABORT, 'refused'); END");
        }
        auto store = SessionStore::open(file, SessionStore::Access::ReadWrite);
        RecordingInfo info;
        info.kind = RecordingKind::Scenario;
        info.name = "run";
        info.startMs = 0;
        info.endMs = 10'000;
        const std::vector<Event> events{Event::stateChange(0, 0, StationState::Working),
                                        Event::alarm(5000, 0, 2, "S1 failed")};
        QVERIFY_THROWS_EXCEPTION(SessionError, store.addRecording(info, events));
        QCOMPARE(store.recordings().size(), std::size_t(0));
        info.endMs.reset();
        QVERIFY_THROWS_EXCEPTION(SessionError, store.addRecording(info, {}));
        QCOMPARE(store.recordings().size(), std::size_t(0));
    }

    /// A stored run is the what-if replication with the same seed, event for event: its KPIs
    /// are the replication's, it carries its parameters, and it has its control points too.
    void storedRunIsTheReplication()
    {
        QTemporaryDir dir;
        const std::string file = dir.filePath("s.takt").toStdString();
        const Plant plant = smallPlant();
        auto store = SessionStore::create(file, plant);
        const auto s = spec({"S3.cycle=-10%", "B1.capacity=6"}, 7, 2.0);
        const Plant scenario = applyScenario(plant, changes(s.sets));
        const auto id = storeScenarioRun(store, scenario, s);

        ReplicationOptions o;
        o.hours = s.hours;
        o.warmupHours = s.warmupHours;
        o.threads = 1;
        const auto runs = runReplications({{&scenario, 7}}, o);
        const auto data = RecordingData::load(store, id);
        QCOMPARE(data.startMs(), s.startMs);
        QCOMPARE(data.endMs(), s.startMs + TimeMs(2 * 3'600'000));
        const auto k = computeKpis(data, data.startMs(), data.endMs());
        QVERIFY(k.throughputPerHour > 30);
        QCOMPARE(k.throughputPerHour, runs[0].throughputPerHour);
        QCOMPARE(k.oee.availability, runs[0].availability);
        QCOMPARE(k.bottleneck.averageBottleneck, runs[0].averageBottleneck);

        const auto rec = store.recording(id);
        TAKT_COMPARE_ENUM(rec.kind, RecordingKind::Scenario);
        QCOMPARE(rec.name,
                 std::string("Scenario S3.cycle=-10% B1.capacity=6, seed 7 (run 1 of 3)"));
        const auto p = nlohmann::json::parse(rec.paramsJson);
        QCOMPARE(p["scenario"], nlohmann::json({"S3.cycle=-10%", "B1.capacity=6"}));
        QCOMPARE(p["seed"].get<int>(), 7);
        QCOMPARE(p["replication"].get<int>(), 1);
        QCOMPARE(p["warmup_hours"].get<double>(), 0.5);
        QVERIFY(!p.contains("omitted"));
        std::size_t measurements = 0;
        store.forEachEvent(
            id, [&](const Event& e) { measurements += e.kind == EventKind::Measurement; });
        QVERIFY(measurements > 100); // CP2 every 30 s for 2 h
    }

    /// A parallel copy has no row in the session: its events are left out and named.
    void parallelCopiesAreLeftOutAndNamed()
    {
        QTemporaryDir dir;
        const std::string file = dir.filePath("s.takt").toStdString();
        const Plant plant = smallPlant();
        auto store = SessionStore::create(file, plant);
        const auto s = spec({"S3.parallel=2"}, 1, 1.0);
        const auto id = storeScenarioRun(store, applyScenario(plant, changes(s.sets)), s);
        const auto p = nlohmann::json::parse(store.recording(id).paramsJson);
        QCOMPARE(p["omitted"], nlohmann::json({"S3#2"}));
        std::size_t events = 0;
        store.forEachEvent(id, [&](const Event& e) {
            ++events;
            if (e.kind != EventKind::Measurement && e.kind != EventKind::Quality)
                QVERIFY(e.channel < int(plant.stations.size()));
        });
        QVERIFY(events > 0);
    }

    /// A plant that is not the session's (another station where it has one) is refused, and
    /// nothing is stored.
    void anotherPlantIsRefused()
    {
        QTemporaryDir dir;
        const std::string file = dir.filePath("s.takt").toStdString();
        auto store = SessionStore::create(file, smallPlant());
        Plant other = smallPlant();
        other.stations[1].id = "X2";
        for (auto& e : other.flow) {
            if (e.from == "S2")
                e.from = "X2";
            if (e.to == "S2")
                e.to = "X2";
        }
        for (auto& c : other.controlPoints)
            if (c.station == "S2")
                c.station = "X2";
        try {
            storeScenarioRun(store, other, spec({}, 1, 0.5));
            QFAIL("a plant with another station was stored");
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).find("station S2") != std::string::npos, e.what());
        }
        QCOMPARE(store.recordings().size(), std::size_t(0));
    }

    /// `takt whatif` only reads the session (the file stays byte for byte, no side file left)
    /// unless --save asks; with --save 2 it stores two runs of kind scenario, says which in its
    /// JSON, and `takt compare SHIFT:1 SHIFT:ID` compares the shift with a scenario run.
    void whatifWritesOnlyWithSave()
    {
        QTemporaryDir dir;
        const std::string file = copyOfShift(dir);
        const auto before = readAll(file);
        const auto filesBefore = QDir(dir.path()).entryList(QDir::Files);
        WhatIfOptions o;
        o.sessionPath = file;
        o.sets = {"BIW040.cycle=-10%"};
        o.replications = 2;
        o.hours = 1.0;
        o.json = true;
        o.quiet = true;
        {
            std::ostringstream out, err;
            QCOMPARE(int(runWhatIfCommand(o, out, err)), int(CommandStatus::Ok));
            QVERIFY(!nlohmann::json::parse(out.str()).contains("saved"));
        }
        QCOMPARE(readAll(file), before);
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), filesBefore);

        o.save = 2;
        std::ostringstream out, err;
        QCOMPARE(int(runWhatIfCommand(o, out, err)), int(CommandStatus::Ok));
        const auto j = nlohmann::json::parse(out.str());
        QCOMPARE(j["saved"].size(), std::size_t(2));
        const auto second = j["saved"][1]["recording"].get<std::int64_t>();
        QCOMPARE(j["saved"][1]["seed"].get<int>(), 2);
        {
            const auto store = SessionStore::open(file);
            QCOMPARE(store.schemaVersion(), kSessionSchemaVersion);
            const auto recs = store.recordings();
            QCOMPARE(recs.size(), std::size_t(3));
            TAKT_COMPARE_ENUM(recs[1].kind, RecordingKind::Scenario);
            QCOMPARE(recs[2].id, second);
            QCOMPARE(recs[2].startMs, recs[0].startMs); // on the shift's own timeline
            const auto p = nlohmann::json::parse(recs[2].paramsJson);
            QCOMPARE(p["source_recording"].get<int>(), 1);
            QCOMPARE(p["model"].get<std::string>(), std::string("calibrated"));
        }

        CompareOptions c;
        c.a = file + ":1";
        c.b = file + ":" + std::to_string(second);
        c.json = true;
        std::ostringstream cout, cerr;
        QCOMPARE(int(runCompareCommand(c, cout, cerr)), int(CommandStatus::Ok));
        const auto cj = nlohmann::json::parse(cout.str());
        QCOMPARE(cj["a"]["recording"]["kind"].get<std::string>(), std::string("simulated"));
        QCOMPARE(cj["b"]["recording"]["kind"].get<std::string>(), std::string("scenario"));
    }

    /// --save is refused, naming the allowed range, where there is nothing (or less) to store.
    void saveIsRefusedWhereItCannotApply()
    {
        QTemporaryDir dir;
        const std::string file = copyOfShift(dir);
        const auto before = readAll(file);
        WhatIfOptions o;
        o.sessionPath = file;
        o.sets = {"BIW040.cycle=-10%"};
        o.replications = 2;
        o.save = 3;
        std::ostringstream out, err;
        QCOMPARE(int(runWhatIfCommand(o, out, err)), int(CommandStatus::BadArguments));
        QVERIFY2(err.str().find("allowed 1 to 2") != std::string::npos, err.str().c_str());
        o.sets.clear();
        o.sensitivity = true;
        o.save = 1;
        QCOMPARE(int(runWhatIfCommand(o, out, err)), int(CommandStatus::BadArguments));
        QCOMPARE(readAll(file), before);
    }
};

QTEST_GUILESS_MAIN(TestScenarioRecording)
#include "test_scenario_recording.moc"
