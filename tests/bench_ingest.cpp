// Benchmark: events per second into a session through EventWriter (batched, writer thread)
// beside a plain prepared-statement SQLite insert loop into the same schema, same events.
// Target (Release): >= 200,000 events/s and >= 50 % of the plain loop.
#include "bench_support.h"
#include "test_plants.h"
#include "twin/event_writer.h"
#include "twin/session_store.h"
#include "twin/simulator.h"
#include "twin/sqlite_db.h"

#include <sqlite3.h>

#include <QtTest>

using namespace takt::twin;

namespace {

struct VectorSink : EventSink {
    std::vector<Event> events;
    void onEvent(const Event& e) override { events.push_back(e); }
};

/// The plain reference: one connection, one transaction, prepared statements, raw sqlite3 API.
void plainInsert(const std::string& file, std::int64_t rec, const std::vector<Event>& events,
                 bool tuned)
{
    sqlite3* db = nullptr;
    sqlite3_open(file.c_str(), &db);
    if (tuned) // the writer's page cache and checkpoint settings
        sqlite3_exec(db, "PRAGMA cache_size = -65536; PRAGMA wal_autocheckpoint = 8192", nullptr,
                     nullptr, nullptr);
    sqlite3_exec(db, "PRAGMA synchronous = NORMAL; BEGIN", nullptr, nullptr, nullptr);
    sqlite3_stmt *st, *pm, *q, *m, *al;
    sqlite3_prepare_v2(db, "INSERT INTO state_changes VALUES (?,?,?,?,?)", -1, &st, nullptr);
    sqlite3_prepare_v2(db, "INSERT INTO part_moves VALUES (?,?,?,?,?,?)", -1, &pm, nullptr);
    sqlite3_prepare_v2(db, "INSERT INTO quality_results VALUES (?,?,?,?,?,?,?)", -1, &q, nullptr);
    sqlite3_prepare_v2(db, "INSERT INTO measurements VALUES (?,?,?,?)", -1, &m, nullptr);
    sqlite3_prepare_v2(db, "INSERT INTO alarms VALUES (?,?,?,?,?)", -1, &al, nullptr);
    for (const auto& e : events) {
        sqlite3_stmt* s = nullptr;
        switch (e.kind) {
        case EventKind::StateChange:
            s = st;
            sqlite3_bind_int(s, 4, e.code);
            if (e.text.empty())
                sqlite3_bind_null(s, 5);
            else
                sqlite3_bind_text(s, 5, e.text.c_str(), -1, SQLITE_STATIC);
            break;
        case EventKind::PartEnter:
        case EventKind::PartLeave:
            s = pm;
            sqlite3_bind_int64(s, 4, e.part);
            sqlite3_bind_int64(s, 5, e.config);
            sqlite3_bind_int(s, 6, e.kind == EventKind::PartLeave);
            break;
        case EventKind::Quality:
            s = q;
            sqlite3_bind_int64(s, 4, e.part);
            sqlite3_bind_int64(s, 5, e.config);
            sqlite3_bind_int(s, 6, e.code);
            sqlite3_bind_text(s, 7, e.text.c_str(), -1, SQLITE_STATIC);
            break;
        case EventKind::Measurement:
            s = m;
            sqlite3_bind_double(s, 4, e.value);
            break;
        case EventKind::Alarm:
            s = al;
            sqlite3_bind_int(s, 4, e.code);
            sqlite3_bind_text(s, 5, e.text.c_str(), -1, SQLITE_STATIC);
            break;
        }
        sqlite3_bind_int64(s, 1, rec);
        sqlite3_bind_int64(s, 2, e.t);
        sqlite3_bind_int(s, 3, e.channel);
        sqlite3_step(s);
        sqlite3_reset(s);
    }
    sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
    for (auto* s : {st, pm, q, m, al})
        sqlite3_finalize(s);
    sqlite3_close(db);
}

} // namespace

class BenchIngest : public QObject {
    Q_OBJECT
private slots:
    void ingest()
    {
        // 1.5 simulated hours of the reference-like plant sampled every second: ~2 M events,
        // 95 % measurements, like a live shift.
        SimulationOptions o;
        o.hours = 1.5;
        o.seed = 1;
        VectorSink sink;
        const auto plant = testing::referenceLikePlant(1.0);
        Simulator(plant, o).run(sink);
        const auto& events = sink.events;
        QTemporaryDir dir;

        double plainRate[2] = {0, 0};
        for (int tuned = 0; tuned < 2; ++tuned) {
            const auto plainFile = dir.filePath(tuned ? "tuned.takt" : "plain.takt").toStdString();
            std::int64_t plainRec = 0;
            {
                auto s = SessionStore::create(plainFile, plant);
                plainRec = s.beginRecording(RecordingKind::Imported, "plain", 0);
            }
            const auto t0 = std::chrono::steady_clock::now();
            plainInsert(plainFile, plainRec, events, tuned != 0);
            plainRate[tuned] = double(events.size()) / bench::secondsSince(t0);
        }

        const auto file = dir.filePath("writer.takt").toStdString();
        auto store = SessionStore::create(file, plant);
        const auto rec = store.beginRecording(RecordingKind::Live, "bench", 0);
        const auto t0 = std::chrono::steady_clock::now();
        {
            EventWriter writer(file, rec);
            // A live feed pushes in small groups (one message, a few events).
            for (std::size_t i = 0; i < events.size(); i += 64)
                writer.push(std::span<const Event>(events.data() + i,
                                                   std::min<std::size_t>(64, events.size() - i)));
            writer.close();
        }
        const double writerRate = double(events.size()) / bench::secondsSince(t0);

        std::printf("BENCH ingest: %zu events; EventWriter %.0f events/s; plain prepared-statement "
                    "loop, one transaction: %.0f events/s (default pragmas), %.0f events/s (same "
                    "cache pragmas as the writer); ratio %.0f %% / %.0f %%\n",
                    events.size(), writerRate, plainRate[0], plainRate[1],
                    100.0 * writerRate / plainRate[0], 100.0 * writerRate / plainRate[1]);
        const double plainBest = std::max(plainRate[0], plainRate[1]);
        bench::reportFigure({"EventWriter ingest rate", writerRate, "events/s",
                             "plain prepared-statement loop (best of two pragmas)", plainBest,
                             ">=", 200000},
                            "bench_ingest");
        bench::reportFigure({"EventWriter ingest beside the plain loop", writerRate, "events/s",
                             "plain prepared-statement loop (best of two pragmas)", plainBest,
                             ">=", 0.5, true},
                            "bench_ingest");
        detail::SqliteDb check(file, detail::SqliteDb::Mode::ReadOnly);
        QCOMPARE(check.queryInt("SELECT count(*) FROM measurements") +
                     check.queryInt("SELECT count(*) FROM state_changes") +
                     check.queryInt("SELECT count(*) FROM part_moves") +
                     check.queryInt("SELECT count(*) FROM quality_results") +
                     check.queryInt("SELECT count(*) FROM alarms"),
                 std::int64_t(events.size()));
        if (bench::kOptimised) {
            QVERIFY2(writerRate >= 200000, "below 200,000 events/s");
            QVERIFY2(writerRate >= 0.5 * std::max(plainRate[0], plainRate[1]),
                     "below 50 % of the plain loop");
        }
    }
};

QTEST_APPLESS_MAIN(BenchIngest)
#include "bench_ingest.moc"
