// Benchmark (issue 10, item 8): recordings that run for days. A 72-hour recording at the
// reference plant's rates (369 control points at 1 Hz, 50 stations: ~96 M events, ~4.7 GB),
// beside the 8-hour shift (~10.7 M events):
// - opening it to the first frame (session, recording, the line at its head), target <= 2 s
//   (with the bounded check on opening; a full quick_check of it is timed beside, for the record);
// - resident memory while following it live (events written at the head by an EventWriter and
//   appended to the replay, older samples paged out, a frame drawn per second of line time),
//   target <= 400 MB;
// and, for the record, the 8-hour shift loaded the way it was before (all samples in memory).
// Each measurement runs in a child process of its own, so that one's memory is not another's.
// The 8-hour shift is simulated once into build/…/bench-data (as bench_replay does); the 72-hour
// recording is that shift tiled nine times in time (simulating 72 h on a loaded 2-core machine
// takes hours; the rates are the same), made once and kept there.
#include "bench_support.h"
#include "twin/event_writer.h"
#include "twin/measurement_summary.h"
#include "twin/recording_data.h"
#include "twin/replay.h"
#include "twin/session_schema.h"
#include "twin/session_store.h"
#include "twin/sqlite_db.h"

#include <QtTest>

#include <sys/wait.h>
#include <unistd.h>

using namespace takt::twin;

namespace {

constexpr int kFollowMinutes = 10; // line time followed live, fed as fast as it is taken

struct Figures {
    double openS = 0;      // open to the first frame
    double checkS = 0;     // of which the session's open (its check on opening)
    double rssOpenMiB = 0; // after the first frame
    double rssLiveMiB = 0; // highest while following live
    double events = 0;
};

/// Runs fn in a child process and returns what it wrote, or nullopt when it failed.
std::optional<Figures> inChild(const std::function<Figures()>& fn)
{
    int fds[2];
    if (::pipe(fds) != 0)
        return std::nullopt;
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::close(fds[0]);
        int rc = 0;
        try {
            const Figures f = fn();
            rc = ::write(fds[1], &f, sizeof f) == ssize_t(sizeof f) ? 0 : 3;
        } catch (const std::exception& e) {
            std::fprintf(stderr, "child: %s\n", e.what());
            rc = 2;
        }
        ::_exit(rc);
    }
    ::close(fds[1]);
    Figures f;
    const bool got = ::read(fds[0], &f, sizeof f) == ssize_t(sizeof f);
    ::close(fds[0]);
    int status = 0;
    ::waitpid(pid, &status, 0);
    if (!got || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return std::nullopt;
    return f;
}

/// Opens the session's first recording and shows the line at its head; with followMinutes,
/// then follows it live (see the file comment).
Figures openAndFollow(const std::string& file, MeasurementStorage storage, int followMinutes)
{
    Figures f;
    const auto t0 = std::chrono::steady_clock::now();
    const auto store = SessionStore::open(file);
    f.checkS = bench::secondsSince(t0);
    const auto info = store.recordings().at(0);
    Replay replay(RecordingData::load(store, info.id, storage));
    LineState frame;
    replay.stateAt(replay.endMs(), frame);
    f.openS = bench::secondsSince(t0);
    f.rssOpenMiB = f.rssLiveMiB = bench::residentMiB();
    f.events = double(replay.data().eventCount());
    if (followMinutes == 0)
        return f;

    // The line goes on after the recording's end, from a whole minute on: every control point
    // each second (its last value, drifting), a state change and a part each minute.
    const auto& plant = replay.plant();
    const TimeMs start = (summaryBucketOf(replay.endMs()) + 2) * kSummaryBucketMs;
    std::vector<double> value(plant.controlPoints.size());
    for (std::size_t c = 0; c < value.size(); ++c)
        value[c] = replay.data()
                       .latestMeasurement(int(c), replay.endMs())
                       .value_or(MeasurementSample{})
                       .value;
    EventWriter writer(file, info.id);
    std::vector<Event> second;
    for (int s = 0; s < followMinutes * 60; ++s) {
        const TimeMs t = start + TimeMs(s) * 1000;
        second.clear();
        for (std::size_t c = 0; c < value.size(); ++c) {
            value[c] += 1e-4 * double((s * 7 + int(c)) % 11 - 5);
            second.push_back(Event::measurement(t, int(c), value[c]));
        }
        if (s % 60 == 0) {
            const int station = (s / 60) % int(plant.stations.size());
            second.push_back(Event::stateChange(t, station, StationState::Working));
            second.push_back(Event::partEnter(t, station, 900'000'000 + s, 0));
        }
        writer.push(second);
        for (const auto& e : second)
            replay.append(e);
        replay.setEndMs(t);
        replay.stateAt(t, frame);
        if (s % 60 == 59) { // as LiveSession does: committed samples older than 2 min leave
            writer.flush();
            replay.pageMeasurementsBefore(t - 120'000);
            f.rssLiveMiB = std::max(f.rssLiveMiB, bench::residentMiB());
        }
    }
    writer.close();
    f.rssLiveMiB = std::max(f.rssLiveMiB, bench::residentMiB());
    return f;
}

/// Seconds a full `PRAGMA quick_check` of the file takes (what opening ran before large files
/// got the bounded check; docs/session-schema.md).
double quickCheckSeconds(const std::string& file)
{
    detail::SqliteDb db(file, detail::SqliteDb::Mode::Inspect);
    const auto t0 = std::chrono::steady_clock::now();
    const auto check = db.queryText("PRAGMA quick_check");
    const double s = bench::secondsSince(t0);
    if (check != "ok")
        std::printf("BENCH longrun: quick_check of %s: %s\n", file.c_str(), check.c_str());
    return s;
}

/// Removes what openAndFollow() wrote after the recording's original end.
void removeFollowed(const std::string& file)
{
    auto store = SessionStore::open(file, SessionStore::Access::ReadWrite);
    const auto info = store.recordings().at(0);
    const TimeMs end = *info.endMs;
    detail::SqliteDb db(file, detail::SqliteDb::Mode::ReadWrite);
    const std::string rec = std::to_string(info.id), after = std::to_string(end);
    db.exec("DELETE FROM measurements WHERE recording_id = " + rec + " AND t_ms > " + after);
    db.exec("DELETE FROM state_changes WHERE recording_id = " + rec + " AND t_ms > " + after);
    db.exec("DELETE FROM part_moves WHERE recording_id = " + rec + " AND t_ms > " + after);
    db.exec("DELETE FROM measurement_minutes WHERE recording_id = " + rec + " AND minute > " +
            std::to_string(summaryBucketOf(end)));
}

/// Tiles the first recording of `from` `times` times in time into a new session `to`.
void tile(const std::string& from, const std::string& to, int times)
{
    const std::string partial = to + ".partial";
    QFile::remove(QString::fromStdString(partial));
    QVERIFY(QFile::copy(QString::fromStdString(from), QString::fromStdString(partial)));
    const auto info = SessionStore::open(partial).recordings().at(0);
    const TimeMs span = *info.endMs - info.startMs;
    QVERIFY(span % kSummaryBucketMs == 0);
    detail::SqliteDb db(partial, detail::SqliteDb::Mode::ReadWrite);
    db.exec("PRAGMA synchronous = OFF");
    db.exec("PRAGMA cache_size = -262144");
    const std::string rec = std::to_string(info.id);
    const auto last = [&](const char* table) {
        return std::to_string(db.queryInt(std::string("SELECT max(rowid) FROM ") + table));
    };
    const std::string s = last("state_changes"), p = last("part_moves"),
                      q = last("quality_results"), m = last("measurements"), a = last("alarms");
    for (int k = 1; k < times; ++k) {
        const std::string d = std::to_string(span * k), pk = std::to_string(k * 100'000'000LL);
        detail::SqliteTransaction tx(db);
        db.exec("INSERT INTO state_changes SELECT recording_id, t_ms + " + d +
                ", station, state, reason FROM state_changes WHERE rowid <= " + s);
        db.exec("INSERT INTO part_moves SELECT recording_id, t_ms + " + d +
                ", station, part_id + " + pk +
                ", config, leave FROM part_moves WHERE rowid <= " + p);
        db.exec("INSERT INTO quality_results SELECT recording_id, t_ms + " + d +
                ", checkpoint, part_id + " + pk +
                ", config, result, defect_code FROM quality_results WHERE rowid <= " + q);
        db.exec("INSERT INTO alarms SELECT recording_id, t_ms + " + d +
                ", station, severity, message FROM alarms WHERE rowid <= " + a);
        db.exec("INSERT INTO measurements SELECT recording_id, t_ms + " + d +
                ", control_point, value FROM measurements WHERE rowid <= " + m + " ORDER BY rowid");
        tx.commit();
        std::printf("BENCH longrun: tiled %d of %d\n", k + 1, times);
        std::fflush(stdout);
    }
    // Minute summaries of the copies: the original's, moved (the span is whole minutes).
    db.exec("INSERT INTO measurement_minutes SELECT recording_id, control_point, minute + k * " +
            std::to_string(span / kSummaryBucketMs) + ", n, t_first + k * " + std::to_string(span) +
            ", t_last + k * " + std::to_string(span) +
            ", v_min, v_max, v_sum, v_sum_sq, out_of_spec FROM measurement_minutes, "
            "(WITH RECURSIVE c(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM c WHERE k < " +
            std::to_string(times - 1) + ") SELECT k FROM c) WHERE recording_id = " + rec);
    db.exec("UPDATE recordings SET end_ms = start_ms + " + std::to_string(span * times) +
            ", name = name || ' x" + std::to_string(times) + "' WHERE id = " + rec);
    db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    QVERIFY(std::rename(partial.c_str(), to.c_str()) == 0);
}

} // namespace

class BenchLongrun : public QObject {
    Q_OBJECT
    std::string m_shift, m_run;

private slots:
    void initTestCase()
    {
        const QString dir = QStringLiteral(TAKT_BINARY_DIR "/bench-data");
        QDir().mkpath(dir);
        m_shift = (dir + "/shift-8h-1s.takt").toStdString();
        m_run = (dir + "/run-72h-1s.takt").toStdString();
        if (!QFile::exists(QString::fromStdString(m_shift))) {
            const QString plant = dir + "/reference-like-1s.json";
            QCOMPARE(
                QProcess::execute(QStringLiteral(TAKT_TWIN_CLI), {"reference-plant", plant, "1"}),
                0);
            QCOMPARE(
                QProcess::execute(QStringLiteral(TAKT_TWIN_CLI),
                                  {"simulate", plant, QString::fromStdString(m_shift), "8", "7"}),
                0);
        }
        // A shift written before schema 4 is summarised once, here (as any older session is
        // when first opened read-write).
        const auto t0 = std::chrono::steady_clock::now();
        QCOMPARE(SessionStore::open(m_shift, SessionStore::Access::ReadWrite).schemaVersion(),
                 kSessionSchemaVersion);
        std::printf("BENCH longrun: 8-hour shift summarised in %.1f s\n", bench::secondsSince(t0));
    }

    void shift()
    {
        // The 8-hour shift, paged and followed live, beside it loaded as before.
        QVERIFY(bench::kOptimised);
        const auto before =
            inChild([&] { return openAndFollow(m_shift, MeasurementStorage::InMemory, 0); });
        m_shiftFigures = inChild(
            [&] { return openAndFollow(m_shift, MeasurementStorage::Paged, kFollowMinutes); });
        removeFollowed(m_shift);
        QVERIFY(before && m_shiftFigures);
        QCOMPARE(m_shiftFigures->events, before->events);
        bench::Figure open;
        open.name = "8-hour shift opened to its first frame, paged";
        open.value = m_shiftFigures->openS;
        open.unit = "s";
        open.reference = "every sample in memory (before)";
        open.referenceValue = before->openS;
        bench::reportFigure(open, "bench_longrun");
        bench::Figure rss = open;
        rss.name = "resident memory, 8-hour shift opened, paged";
        rss.value = m_shiftFigures->rssOpenMiB * 1.048576;
        rss.unit = "MB";
        rss.referenceValue = before->rssOpenMiB * 1.048576;
        bench::reportFigure(rss, "bench_longrun");
    }

    void run72h()
    {
        QVERIFY(m_shiftFigures);
        if (!QFile::exists(QString::fromStdString(m_run))) {
            const auto t1 = std::chrono::steady_clock::now();
            tile(m_shift, m_run, 9);
            std::printf("BENCH longrun: 72-hour recording made in %.0f s\n",
                        bench::secondsSince(t1));
        }
        const auto run = inChild(
            [&] { return openAndFollow(m_run, MeasurementStorage::Paged, kFollowMinutes); });
        removeFollowed(m_run);
        QVERIFY(run);
        const auto& shift = *m_shiftFigures;
        std::printf("BENCH longrun: 8 h: %.0f events; 72 h: %.0f events\n", shift.events,
                    run->events);
        QVERIFY(run->events > 8.5 * shift.events);
        std::printf("BENCH longrun: the session's open (bounded check) took %.3f s of the 72-hour "
                    "open, %.3f s of the 8-hour one\n",
                    run->checkS, shift.checkS);
        // For the record: the full quick_check that opening ran on every file before.
        bench::reportFigure({"full quick_check of a 72-hour recording (no longer run on opening)",
                             quickCheckSeconds(m_run), "s", "the same for the 8-hour shift",
                             quickCheckSeconds(m_shift), "", 0.0, false},
                            "bench_longrun");
        const bool a =
            bench::reportFigure({"open a 72-hour recording to its first frame", run->openS, "s",
                                 "the same for the 8-hour shift", shift.openS, "<=", 2.0, false},
                                "bench_longrun");
        const bool b = bench::reportFigure(
            {"resident memory following a 72-hour recording live", run->rssLiveMiB * 1.048576, "MB",
             "the same for the 8-hour shift", shift.rssLiveMiB * 1.048576, "<=", 400.0, false},
            "bench_longrun");
        QVERIFY(a);
        QVERIFY(b);
    }

private:
    std::optional<Figures> m_shiftFigures;
};

QTEST_APPLESS_MAIN(BenchLongrun)
#include "bench_longrun.moc"
