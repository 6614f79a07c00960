// Recordings that run for days (issue 10, item 8): a recording whose measurements are paged from
// the session file replays the same frames and KPIs as one held in memory; the per-minute
// measurement summaries kept as data arrives equal a scan of the samples; a session written
// before them (schema 3) stays readable and is summarised when first opened read-write; a live
// recording that pages its older samples out of memory still shows them; a file too large to
// check whole on opening gets a bounded check that still refuses damage outside the samples, and
// damage among the samples is said in one line when met, without a throw and without a change.
#include "test_plants.h"
#include "twin/event_writer.h"
#include "twin/kpi.h"
#include "twin/kpi_format.h"
#include "twin/replay.h"
#include "twin/session_schema.h"
#include "twin/session_store.h"
#include "twin/simulator.h"
#include "twin/sqlite_db.h"

#include <QtTest>

#include <filesystem>
#include <fstream>
#include <tuple>
#include <random>

using namespace takt::twin;

namespace {

/// Compares two line states field by field; returns the first difference, or "".
QString difference(const LineState& a, const LineState& b)
{
    for (std::size_t i = 0; i < a.stations.size(); ++i) {
        const auto &x = a.stations[i], &y = b.stations[i];
        if (x.state != y.state || x.since != y.since || x.reason != y.reason || x.part != y.part ||
            x.config != y.config || x.partsIn != y.partsIn || x.partsOut != y.partsOut)
            return QString("station %1 at %2").arg(i).arg(a.t);
    }
    for (std::size_t i = 0; i < a.checkpoints.size(); ++i) {
        const auto &x = a.checkpoints[i], &y = b.checkpoints[i];
        if (x.last != y.last || x.at != y.at || x.passes != y.passes || x.fails != y.fails)
            return QString("checkpoint %1 at %2").arg(i).arg(a.t);
    }
    for (std::size_t i = 0; i < a.controlPoints.size(); ++i) {
        const auto &x = a.controlPoints[i], &y = b.controlPoints[i];
        if (x.value != y.value || x.at != y.at || x.outOfSpec != y.outOfSpec)
            return QString("control point %1 at %2").arg(i).arg(a.t);
    }
    return {};
}

/// Probe times: random ones, every sample time of control point 0 (and one ms either side),
/// the recording's ends and beyond.
std::vector<TimeMs> probes(const RecordingData& full)
{
    std::vector<TimeMs> out{full.startMs() - 1000, full.startMs(), full.endMs(),
                            full.endMs() + 60'000};
    full.forEachMeasurement(0, full.startMs(), full.endMs() + 1, [&](TimeMs t, double) {
        out.insert(out.end(), {t - 1, t, t + 1});
    });
    std::mt19937_64 rng(11);
    std::uniform_int_distribution<TimeMs> pick(full.startMs(), full.endMs());
    for (int i = 0; i < 500; ++i)
        out.push_back(pick(rng));
    return out;
}

void compareSummaries(const MeasurementSummary& a, const MeasurementSummary& b, const char* what)
{
    QVERIFY2(a.count == b.count, what);
    QVERIFY2(a.outOfSpec == b.outOfSpec, what);
    if (a.count == 0)
        return;
    QVERIFY2(a.firstMs == b.firstMs && a.lastMs == b.lastMs, what);
    QVERIFY2(a.min == b.min && a.max == b.max, what);
    // Sums are added in another order (per minute, then minutes): equal up to rounding.
    QVERIFY2(std::abs(a.sum - b.sum) <= 1e-9 * std::max(1.0, std::abs(b.sum)), what);
    QVERIFY2(std::abs(a.sumSquares - b.sumSquares) <= 1e-9 * std::max(1.0, b.sumSquares), what);
}

/// The pages of `table` of type `type` ("leaf", "internal") in file order (SQLite's dbstat).
std::vector<std::int64_t> pagesOf(const std::string& file, const std::string& table,
                                  const std::string& type)
{
    detail::SqliteDb db(file, detail::SqliteDb::Mode::Inspect);
    detail::SqliteStatement st(db, "SELECT pageno FROM dbstat WHERE name = ?1 AND pagetype = ?2 "
                                   "ORDER BY pageno");
    st.bind(1, std::string_view(table)).bind(2, std::string_view(type));
    std::vector<std::int64_t> out;
    while (st.step())
        out.push_back(st.int64(0));
    return out;
}

/// Overwrites page `page` (1-based) of an SQLite file with one byte value.
void spoilPage(const std::string& file, std::int64_t page, char byte)
{
    std::int64_t pageSize = 0;
    {
        detail::SqliteDb db(file, detail::SqliteDb::Mode::Inspect);
        pageSize = db.queryInt("PRAGMA page_size");
    }
    std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp((page - 1) * pageSize);
    const std::string bytes(std::size_t(pageSize), byte);
    f.write(bytes.data(), std::streamsize(bytes.size()));
}

QByteArray bytesOf(const std::string& file)
{
    QFile f(QString::fromStdString(file));
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

/// Opening checks files of any size in bounded time while it lives (as for a recording of days).
struct BoundedCheck {
    BoundedCheck() { detail::setFullCheckBytes(0); }
    ~BoundedCheck() { detail::setFullCheckBytes(kFullCheckBytes); }
};

} // namespace

class TestPagedRecording : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    std::string m_file;
    Plant m_plant;

private slots:
    void initTestCase()
    {
        // The reference-like plant (369 control points) sampled every 5 s for 40 minutes:
        // ~180,000 measurements, and some out of their limits.
        m_plant = testing::referenceLikePlant(5.0);
        m_file = m_dir.filePath("paged.takt").toStdString();
        simulate(m_plant, 40.0 / 60.0, 5, m_file);
        // Samples outside their limits (the simulated drift stays inside them in 40 minutes),
        // stored after the rest; some share a time with a simulated sample (the later wins).
        auto store = SessionStore::open(m_file, SessionStore::Access::ReadWrite);
        const auto rec = store.recordings().at(0);
        std::vector<Event> extra;
        for (int i = 0; i < 24; ++i) {
            const int cp = (i * 37) % 369;
            const auto& p = m_plant.controlPoints[std::size_t(cp)];
            extra.push_back(Event::measurement(rec.startMs + 90'000 * i + (i % 4 ? 500 : 0), cp,
                                               i % 2 ? p.usl + 1.0 : p.lsl - 1.0));
        }
        store.writeEvents(rec.id, extra);
    }

    void pagedReplaysTheSameFramesAsInMemory()
    {
        const auto store = SessionStore::open(m_file);
        const auto rec = store.recordings().at(0).id;
        const Replay full(RecordingData::load(store, rec, MeasurementStorage::InMemory));
        const Replay paged(RecordingData::load(store, rec));
        QVERIFY(full.data().measurementsInMemory() > 150'000);
        QCOMPARE(paged.data().measurementsInMemory(), std::size_t(0));
        QCOMPARE(paged.startMs(), full.startMs());
        QCOMPARE(paged.endMs(), full.endMs());
        QCOMPARE(paged.data().eventCount(), full.data().eventCount());

        LineState a, b;
        const auto times = probes(full.data());
        // Forward (as playing), then shuffled (as scrubbing): the pager's memory must not leak
        // one answer into another.
        for (int pass = 0; pass < 2; ++pass) {
            auto order = times;
            if (pass == 0)
                std::sort(order.begin(), order.end());
            else
                std::shuffle(order.begin(), order.end(), std::mt19937(3));
            for (const TimeMs t : order) {
                full.stateAt(t, a);
                paged.stateAt(t, b);
                const auto diff = difference(a, b);
                QVERIFY2(diff.isEmpty(), qPrintable(diff));
            }
        }
    }

    void pagedGivesTheSameKpisAndSamples()
    {
        const auto store = SessionStore::open(m_file);
        const auto info = store.recordings().at(0);
        const auto full = RecordingData::load(store, info.id, MeasurementStorage::InMemory);
        const auto paged = RecordingData::load(store, info.id);
        const TimeMs mid = full.startMs() + (full.endMs() - full.startMs()) / 3;
        for (const auto& [from, to] :
             {std::pair{full.startMs(), full.endMs()}, std::pair{mid, mid + 7 * 60'000 + 123}}) {
            QCOMPARE(kpiToJson(computeKpis(paged, from, to), paged.plant(), info).dump(),
                     kpiToJson(computeKpis(full, from, to), full.plant(), info).dump());
            for (const int cp : {0, 17, 368}) {
                std::vector<MeasurementSample> x, y;
                full.forEachMeasurement(cp, from, to, [&](TimeMs t, double v) {
                    x.push_back({t, v});
                });
                paged.forEachMeasurement(cp, from, to, [&](TimeMs t, double v) {
                    y.push_back({t, v});
                });
                QVERIFY(!x.empty());
                QVERIFY(x == y);
                QCOMPARE(paged.measurementCount(cp, from, to), x.size());
            }
        }
    }

    void summariesEqualAScan_data()
    {
        QTest::addColumn<qlonglong>("offset"); // from the start, ms
        QTest::addColumn<qlonglong>("length"); // ms
        QTest::newRow("whole recording") << 0LL << 3'600'000LL;
        QTest::newRow("minutes cut at both ends") << 61'234LL << 17 * 60'000LL + 5'555;
        QTest::newRow("inside one minute") << 125'000LL << 20'000LL;
        QTest::newRow("exact minutes") << 0LL << 10 * 60'000LL;
    }
    void summariesEqualAScan()
    {
        QFETCH(qlonglong, offset);
        QFETCH(qlonglong, length);
        const auto store = SessionStore::open(m_file);
        const auto rec = store.recordings().at(0).id;
        const auto full = RecordingData::load(store, rec, MeasurementStorage::InMemory);
        const auto paged = RecordingData::load(store, rec);
        const TimeMs from = full.startMs() + offset, to = from + length;
        std::int64_t outOfSpec = 0;
        for (std::size_t cp = 0; cp < m_plant.controlPoints.size(); ++cp) {
            // The in-memory recording scans its samples; the paged one reads whole minutes from
            // measurement_minutes.
            const auto scan = full.measurementSummary(int(cp), from, to);
            compareSummaries(paged.measurementSummary(int(cp), from, to), scan,
                             qPrintable(QString("control point %1").arg(cp)));
            outOfSpec += scan.outOfSpec;
        }
        if (length >= 3'600'000)
            QVERIFY(outOfSpec > 0); // the data tests the violation counts too
    }

    void stateOverviewEqualsAScan()
    {
        // The per-minute state overview, kept as state changes arrive (in order, and one
        // arriving late), gives the time in each state that summing every stretch gives.
        const auto store = SessionStore::open(m_file);
        const auto rec = store.recordings().at(0).id;
        auto data = RecordingData::load(store, rec);
        const auto scan = [&](int s, TimeMs from, TimeMs to) {
            StateOverview::Times out{};
            data.forEachStateInterval(s, from, to, [&](StationState st, TimeMs a, TimeMs b) {
                out[std::size_t(st)] += b - a;
            });
            return out;
        };
        const TimeMs start = data.startMs(), end = data.endMs();
        const auto check = [&] {
            for (std::size_t s = 0; s < m_plant.stations.size(); ++s)
                for (const auto& [from, to] :
                     {std::pair{start - 90'000, end + 90'000}, std::pair{start + 61'001, end - 7},
                      std::pair{start + 600'000, start + 1'800'000},
                      std::pair{start + 5'000, start + 50'000}})
                    QVERIFY2(data.stateTimes(int(s), from, to) == scan(int(s), from, to),
                             qPrintable(QString("station %1").arg(s)));
        };
        check();
        std::int64_t working = 0;
        for (std::size_t s = 0; s < m_plant.stations.size(); ++s)
            working += data.stateTimes(int(s), start, end)[std::size_t(StationState::Working)];
        QVERIFY(working > 0);
        data.append(Event::stateChange(start + 1'234'567, 3, StationState::Down, "late"));
        check();
    }

    void writerKeepsSummariesAcrossBatches()
    {
        // The same events through an EventWriter in small batches: a minute spread over many
        // commits is merged row by row (upserts) into what one scan gives.
        const auto file = m_dir.filePath("batches.takt").toStdString();
        const auto source = SessionStore::open(m_file);
        const auto srcRec = source.recordings().at(0);
        const auto events = source.events(srcRec.id);
        auto store = SessionStore::create(file, m_plant);
        const auto rec = store.beginRecording(RecordingKind::Live, "batches", srcRec.startMs);
        {
            EventWriterOptions o;
            o.batchEvents = 997;
            EventWriter writer(file, rec, o);
            for (std::size_t i = 0; i < events.size(); i += 313)
                writer.push(
                    std::span(events).subspan(i, std::min<std::size_t>(313, events.size() - i)));
            writer.close();
        }
        store.endRecording(rec, *srcRec.endMs);
        const auto full = RecordingData::load(source, srcRec.id, MeasurementStorage::InMemory);
        const auto paged = RecordingData::load(store, rec);
        QCOMPARE(paged.eventCount(), full.eventCount());
        for (std::size_t cp = 0; cp < m_plant.controlPoints.size(); cp += 7)
            compareSummaries(paged.measurementSummary(int(cp), full.startMs(), full.endMs() + 1),
                             full.measurementSummary(int(cp), full.startMs(), full.endMs() + 1),
                             "batched writer");
    }

    void olderSessionStaysReadableAndIsSummarisedOnce()
    {
        // A session of schema 3 (no measurement_minutes): read-only it replays as before (sums
        // from the samples); opened read-write it is summarised, and the summaries equal those
        // kept by the writer.
        const auto file = m_dir.filePath("old.takt").toStdString();
        QVERIFY(QFile::copy(QString::fromStdString(m_file), QString::fromStdString(file)));
        std::int64_t rows = 0;
        {
            detail::SqliteDb db(file, detail::SqliteDb::Mode::ReadWrite);
            rows = db.queryInt("SELECT count(*) FROM measurement_minutes");
            QVERIFY(rows > 369 * 30);
            db.exec("DROP TABLE measurement_minutes; PRAGMA user_version = 3");
        }
        const auto reference = SessionStore::open(m_file);
        const auto rec = reference.recordings().at(0).id;
        const auto expected = RecordingData::load(reference, rec, MeasurementStorage::InMemory);
        {
            const auto old = SessionStore::open(file);
            QCOMPARE(old.schemaVersion(), 3);
            const Replay paged(RecordingData::load(old, rec));
            QCOMPARE(paged.data().eventCount(), expected.eventCount());
            const TimeMs t = expected.startMs() + 600'123;
            const auto diff = difference(Replay(RecordingData::load(reference, rec)).stateAt(t),
                                         paged.stateAt(t));
            QVERIFY2(diff.isEmpty(), qPrintable(diff));
            compareSummaries(
                paged.data().measurementSummary(5, expected.startMs(), expected.endMs()),
                expected.measurementSummary(5, expected.startMs(), expected.endMs()),
                "schema 3, read-only");
        }
        {
            const auto migrated = SessionStore::open(file, SessionStore::Access::ReadWrite);
            QCOMPARE(migrated.schemaVersion(), kSessionSchemaVersion);
        }
        detail::SqliteDb a(m_file, detail::SqliteDb::Mode::ReadOnly);
        detail::SqliteDb b(file, detail::SqliteDb::Mode::ReadOnly);
        const char* sql = "SELECT count(*), sum(n), sum(out_of_spec), sum(t_first), sum(t_last), "
                          "sum(v_min), sum(v_max) FROM measurement_minutes";
        QCOMPARE(b.queryInt("SELECT count(*) FROM measurement_minutes"), rows);
        detail::SqliteStatement x(a, sql), y(b, sql);
        QVERIFY(x.step() && y.step());
        for (int c = 0; c < 7; ++c)
            QCOMPARE(y.real(c), x.real(c));
    }

    void livePagingKeepsMemoryAndAnswers()
    {
        // Live: events are appended as they arrive and written by an EventWriter; once
        // committed, the older samples leave memory and are read back from the file.
        const auto file = m_dir.filePath("live.takt").toStdString();
        const auto source = SessionStore::open(m_file);
        const auto srcRec = source.recordings().at(0);
        const auto events = source.events(srcRec.id);
        const Replay reference(
            RecordingData::load(source, srcRec.id, MeasurementStorage::InMemory));
        auto store = SessionStore::create(file, m_plant);
        const auto rec = store.beginRecording(RecordingKind::Live, "live", srcRec.startMs);
        Replay live(RecordingData(m_plant, srcRec.startMs, srcRec.startMs));
        live.attachFile(file, rec);
        EventWriter writer(file, rec);
        std::size_t peak = 0;
        TimeMs lastPage = srcRec.startMs;
        for (const auto& e : events) {
            writer.push(e);
            live.append(e);
            if (e.t - lastPage >= 5 * 60'000) { // as LiveSession does: every few minutes
                writer.flush();
                lastPage = e.t;
                live.pageMeasurementsBefore(e.t - 2 * 60'000);
            }
            peak = std::max(peak, live.data().measurementsInMemory());
        }
        writer.flush();
        QVERIFY(live.data().pagedBefore() > srcRec.startMs);
        // At most ~7 minutes of samples were ever held, not the 40 minutes.
        QVERIFY2(peak < reference.data().measurementsInMemory() / 4,
                 qPrintable(QString::number(peak)));
        QCOMPARE(live.data().eventCount(), reference.data().eventCount());
        LineState a, b;
        for (const TimeMs t : probes(reference.data())) {
            reference.stateAt(t, a);
            live.stateAt(t, b);
            const auto diff = difference(a, b);
            QVERIFY2(diff.isEmpty(), qPrintable(diff));
        }
    }

    void boundedCheckOpensASoundFile()
    {
        const BoundedCheck bounded;
        const auto store = SessionStore::open(m_file);
        const auto rec = store.recordings().at(0).id;
        const auto data = RecordingData::load(store, rec);
        QVERIFY(data.eventCount() > 150'000);
        QVERIFY(!data.fileDamage());
    }

    void boundedCheckRefusesDamageOutsideTheSamples_data()
    {
        QTest::addColumn<QString>("table");
        QTest::addColumn<QString>("type");
        QTest::newRow("recordings") << "recordings"
                                    << "leaf";
        QTest::newRow("state changes") << "state_changes"
                                       << "leaf";
        QTest::newRow("part moves index") << "idx_part_moves"
                                          << "leaf";
        QTest::newRow("minute summaries") << "measurement_minutes"
                                          << "leaf";
    }
    void boundedCheckRefusesDamageOutsideTheSamples()
    {
        QFETCH(QString, table);
        QFETCH(QString, type);
        QTemporaryDir dir;
        const auto file = dir.filePath("d.takt").toStdString();
        QVERIFY(QFile::copy(QString::fromStdString(m_file), QString::fromStdString(file)));
        auto name = table.toStdString();
        if (name == "idx_part_moves") { // whatever the index on part_moves is called
            detail::SqliteDb db(file, detail::SqliteDb::Mode::Inspect);
            name = db.queryText("SELECT name FROM sqlite_master WHERE type = 'index' AND "
                                "tbl_name = 'part_moves' ORDER BY name LIMIT 1");
            QVERIFY(!name.empty());
        }
        const auto pages = pagesOf(file, name, type.toStdString());
        QVERIFY(!pages.empty());
        spoilPage(file, pages[pages.size() / 2], '\xff');
        const auto before = bytesOf(file);
        const BoundedCheck bounded;
        try {
            SessionStore::open(file);
            QFAIL("a damaged file was opened");
        } catch (const SessionError& e) {
            const QString line = e.what();
            QVERIFY2(line.contains("is damaged") && line.contains("it was not modified"),
                     qPrintable(line));
            QVERIFY2(!line.contains('\n'), qPrintable(line));
        }
        QCOMPARE(bytesOf(file), before);
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{"d.takt"});
    }

    void aFileCutShortIsRefusedBeforeItIsRead()
    {
        // Its length against its header, before SQLite reads a page past its end: with the full
        // check and with the bounded one.
        QTemporaryDir dir;
        const auto file = dir.filePath("cut.takt").toStdString();
        const auto whole = bytesOf(m_file);
        {
            QFile f(QString::fromStdString(file));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(whole.left(whole.size() * 3 / 4));
        }
        for (const bool bounded : {false, true}) {
            std::optional<BoundedCheck> limit;
            if (bounded)
                limit.emplace();
            try {
                SessionStore::open(file);
                QFAIL("a file cut short was opened");
            } catch (const SessionError& e) {
                QVERIFY2(QString(e.what()).contains("is damaged (cut short: "), e.what());
            }
        }
        QCOMPARE(bytesOf(file), whole.left(whole.size() * 3 / 4));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{"cut.takt"});
    }

    void damagedSamplesReadAsNoneAndSaySo()
    {
        // A page of samples in the middle of the measurements: the bounded check does not read
        // it, nor does opening (the first and last samples come from the index). Reading it says
        // so in one line, throws nothing at a view that asked, and changes nothing.
        QTemporaryDir dir;
        const auto file = dir.filePath("m.takt").toStdString();
        QVERIFY(QFile::copy(QString::fromStdString(m_file), QString::fromStdString(file)));
        const auto leaves = pagesOf(file, "measurements", "leaf");
        QVERIFY(leaves.size() > 10);
        spoilPage(file, leaves[leaves.size() / 2], '\0');
        const auto before = bytesOf(file);
        std::size_t total = 0, seen = 0;
        {
            const auto reference = SessionStore::open(m_file);
            const auto data = RecordingData::load(reference, reference.recordings().at(0).id);
            for (std::size_t c = 0; c < m_plant.controlPoints.size(); ++c)
                total += data.measurementCount(int(c), data.startMs(), data.endMs() + 1);
        }
        {
            const BoundedCheck bounded;
            const auto store = SessionStore::open(file);
            const auto rec = store.recordings().at(0).id;
            const auto data = RecordingData::load(store, rec);
            QVERIFY(!data.fileDamage());
            for (std::size_t c = 0; c < m_plant.controlPoints.size(); ++c)
                data.forEachMeasurement(int(c), data.startMs(), data.endMs() + 1,
                                        [&](TimeMs, double) { ++seen; });
            const auto damage = data.fileDamage();
            QVERIFY(damage);
            QVERIFY2(QString::fromStdString(*damage).startsWith(QString::fromStdString(file) +
                                                                ": is damaged ("),
                     damage->c_str());
            QVERIFY(!QString::fromStdString(*damage).contains('\n'));
            QVERIFY2(seen > 0 && seen < total,
                     qPrintable(QString("%1 of %2").arg(seen).arg(total)));
            // From then on it answers "none", still without a throw.
            QVERIFY(!data.latestMeasurement(0, data.endMs()));
            // Loaded with every sample in memory, the damage is met at once: refused.
            try {
                RecordingData::load(store, rec, MeasurementStorage::InMemory);
                QFAIL("a recording with damaged samples was loaded");
            } catch (const SessionError& e) {
                QVERIFY2(QString(e.what()).contains("is damaged ("), e.what());
            }
        }
        // The full check (a file below kFullCheckBytes) refuses it on opening.
        try {
            SessionStore::open(file);
            QFAIL("a damaged file passed the full check");
        } catch (const SessionError& e) {
            QVERIFY2(QString(e.what()).contains("is damaged (quick_check: "), e.what());
        }
        QCOMPARE(bytesOf(file), before);
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{"m.takt"});
    }

    void commandsThatMeetDamagedSamplesExitOne()
    {
        // A command whose output needs samples on a damaged page writes none of it: `takt render`
        // at a time whose samples lie on damaged pages exits 1 (README: the command failed) with
        // one line naming the file, and leaves no image. The file is made larger than
        // kFullCheckBytes (a table of padding) so that the bounded check lets it open, as a
        // recording of days would.
        if (qEnvironmentVariableIsEmpty("DISPLAY"))
            QSKIP("takt render needs an X display (run under xvfb-run)");
        QTemporaryDir dir;
        const auto file = dir.filePath("d.takt").toStdString();
        // The plant with a layout to draw (the window and `render` show a session through it).
        Plant plant = m_plant;
        plant.layoutPath = TAKT_SOURCE_DIR "/tests/data/small_layout.obj";
        simulate(plant, 40.0 / 60.0, 5, file);
        {
            detail::SqliteDb db(file, detail::SqliteDb::Mode::ReadWrite);
            db.exec("CREATE TABLE padding(b BLOB)");
            db.exec("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " +
                    std::to_string(kFullCheckBytes / (1 << 20) + 8) +
                    ") INSERT INTO padding SELECT zeroblob(1048576) FROM n");
        }
        QVERIFY(std::filesystem::file_size(file) > kFullCheckBytes);
        const auto leaves = pagesOf(file, "measurements", "leaf");
        QVERIFY(leaves.size() > 10);
        // The middle third of the samples' pages: about minutes 13 to 27 of the 40.
        for (auto i = leaves.size() / 3; i < leaves.size() * 2 / 3; ++i)
            spoilPage(file, leaves[i], '\0');
        const auto before = bytesOf(file);
        const auto run = [&](const QStringList& args) {
            QProcess p;
            // Under the asan preset, LeakSanitizer's tracer itself crashes ("Tracer caught
            // signal 11") at the exit of a `takt render` that ran Mesa's llvmpipe threads, at
            // random on either run; the leak check is off for these children alone (ASan and
            // UBSan stay on), as test_live_gui does for the window.
            auto env = QProcessEnvironment::systemEnvironment();
            if (env.contains(QStringLiteral("ASAN_OPTIONS")))
                env.insert(QStringLiteral("ASAN_OPTIONS"),
                           env.value(QStringLiteral("ASAN_OPTIONS")) +
                               QStringLiteral(":detect_leaks=0"));
            p.setProcessEnvironment(env);
            p.start(QStringLiteral(TAKT_EXECUTABLE), args);
            p.waitForFinished(120'000);
            return std::make_tuple(p.exitCode(), QString::fromUtf8(p.readAllStandardError()));
        };
        const QString png = dir.filePath("frame.png");
        const auto [code, err] = run({"render", QString::fromStdString(file), "--at", "00:20:30",
                                      "--out", png, "--size", "320x240"});
        QVERIFY2(
            code == 1,
            qPrintable(QStringLiteral("exit code %1, stderr: %2").arg(code).arg(err.right(4000))));
        // Its one line (the log's lines around it go to stderr too, stamped with a time).
        const auto said = err.split('\n').filter(QStringLiteral("takt render: "));
        QCOMPARE(said.size(), 1);
        QVERIFY2(
            said[0].startsWith("takt render: " + QString::fromStdString(file) + ": is damaged ("),
            qPrintable(err));
        QVERIFY(!QFile::exists(png));
        // Before the damaged pages, the same file draws.
        const auto [early, earlyErr] = run({"render", QString::fromStdString(file), "--at",
                                            "00:02:00", "--out", png, "--size", "320x240"});
        QVERIFY2(early == 0, qPrintable(earlyErr));
        QVERIFY(QFile::exists(png));
        QCOMPARE(bytesOf(file), before);
    }
};

QTEST_APPLESS_MAIN(TestPagedRecording)
#include "test_paged_recording.moc"
