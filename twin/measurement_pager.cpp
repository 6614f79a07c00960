#include "twin/measurement_pager.h"

#include "twin/log.h"
#include "twin/session_error.h"

#include <limits>

namespace takt::twin::detail {
namespace {

constexpr TimeMs kEarliest = std::numeric_limits<TimeMs>::min();
constexpr TimeMs kLatest = std::numeric_limits<TimeMs>::max();

} // namespace

MeasurementPager::MeasurementPager(const std::string& file, std::int64_t recordingId)
    : m_db(file, SqliteDb::Mode::ReadOnly), m_recording(recordingId)
{
    // "rowid DESC" makes the last stored of equal times win, as in an in-memory column.
    m_latest = SqliteStatement(m_db, "SELECT t_ms, value FROM measurements WHERE recording_id = ?1 "
                                     "AND control_point = ?2 AND t_ms <= ?3 "
                                     "ORDER BY t_ms DESC, rowid DESC LIMIT 1");
    m_next = SqliteStatement(m_db, "SELECT t_ms FROM measurements WHERE recording_id = ?1 AND "
                                   "control_point = ?2 AND t_ms > ?3 ORDER BY t_ms LIMIT 1");
    m_range = SqliteStatement(m_db, "SELECT t_ms, value FROM measurements WHERE recording_id = ?1 "
                                    "AND control_point = ?2 AND t_ms >= ?3 AND t_ms < ?4 "
                                    "ORDER BY t_ms, rowid");
    m_count = SqliteStatement(m_db, "SELECT count(*) FROM measurements WHERE recording_id = ?1 "
                                    "AND control_point = ?2 AND t_ms >= ?3 AND t_ms < ?4");
    m_hasSummaries =
        m_db.queryInt("SELECT count(*) FROM sqlite_master WHERE name = 'measurement_minutes'") > 0;
    if (m_hasSummaries)
        m_minutes = SqliteStatement(
            m_db, "SELECT n, t_first, t_last, v_min, v_max, v_sum, v_sum_sq, out_of_spec "
                  "FROM measurement_minutes WHERE recording_id = ?1 AND control_point = ?2 "
                  "AND minute >= ?3 AND minute < ?4 ORDER BY minute");
}

template <typename Fn> bool MeasurementPager::guarded(Fn&& fn)
{
    // Called with m_mutex held.
    if (m_damage)
        return false;
    try {
        fn();
        return true;
    } catch (const SessionError& e) {
        m_damage = e.what();
        logger("twin")->error("{} (its measurements read as none from here on)", e.what());
        m_latest.reset();
        m_next.reset();
        m_range.reset();
        m_count.reset();
        if (m_minutes.isPrepared())
            m_minutes.reset();
        return false;
    }
}

std::optional<std::string> MeasurementPager::damage() const
{
    std::lock_guard lock(m_mutex);
    return m_damage;
}

std::optional<MeasurementSample> MeasurementPager::latest(int cp, TimeMs t)
{
    std::lock_guard lock(m_mutex);
    if (cp < 0 || m_damage)
        return std::nullopt;
    if (m_memo.size() <= std::size_t(cp))
        m_memo.resize(std::size_t(cp) + 1);
    auto& memo = m_memo[std::size_t(cp)];
    if (memo.valid && t >= memo.from && t < memo.to)
        return memo.sample;
    memo = Memo{};
    Memo found;
    const bool read = guarded([&] {
        m_latest.bind(1, m_recording).bind(2, cp).bind(3, t);
        if (m_latest.step()) {
            found.sample = MeasurementSample{m_latest.int64(0), m_latest.real(1)};
            found.from = found.sample->t;
        } else {
            found.from = kEarliest;
        }
        m_latest.reset();
        m_next.bind(1, m_recording).bind(2, cp).bind(3, t);
        found.to = m_next.step() ? m_next.int64(0) : kLatest;
        m_next.reset();
        found.valid = true;
    });
    if (!read)
        return std::nullopt;
    memo = found;
    return memo.sample;
}

void MeasurementPager::forEach(int cp, TimeMs from, TimeMs to,
                               const std::function<void(TimeMs, double)>& fn)
{
    std::lock_guard lock(m_mutex);
    if (to <= from)
        return;
    // Samples are handed on as they are read: those before a damaged page are seen.
    guarded([&] {
        m_range.bind(1, m_recording).bind(2, cp).bind(3, from).bind(4, to);
        try {
            while (m_range.step())
                fn(m_range.int64(0), m_range.real(1));
        } catch (...) {
            m_range.reset();
            throw;
        }
        m_range.reset();
    });
}

std::size_t MeasurementPager::count(int cp, TimeMs from, TimeMs to)
{
    std::lock_guard lock(m_mutex);
    if (to <= from)
        return 0;
    std::size_t n = 0;
    guarded([&] {
        m_count.bind(1, m_recording).bind(2, cp).bind(3, from).bind(4, to);
        n = m_count.step() ? std::size_t(m_count.int64(0)) : 0;
        m_count.reset();
    });
    return n;
}

std::optional<std::pair<TimeMs, TimeMs>> MeasurementPager::span(int cp)
{
    std::lock_guard lock(m_mutex);
    // A lone min() or max() over an index prefix is one seek; both in one SELECT scan it.
    std::optional<std::pair<TimeMs, TimeMs>> out;
    guarded([&] {
        SqliteStatement st(m_db,
                           "SELECT (SELECT min(t_ms) FROM measurements WHERE recording_id = ?1 "
                           "AND control_point = ?2), (SELECT max(t_ms) FROM measurements WHERE "
                           "recording_id = ?1 AND control_point = ?2)");
        st.bind(1, m_recording).bind(2, cp);
        if (st.step() && !st.isNull(0))
            out = std::pair{st.int64(0), st.int64(1)};
    });
    return out;
}

std::uint64_t MeasurementPager::total()
{
    std::lock_guard lock(m_mutex);
    if (!m_total) {
        std::uint64_t n = 0;
        guarded([&] {
            SqliteStatement st(m_db, m_hasSummaries ? "SELECT coalesce(sum(n), 0) FROM "
                                                      "measurement_minutes WHERE recording_id = ?1"
                                                    : "SELECT count(*) FROM measurements WHERE "
                                                      "recording_id = ?1");
            st.bind(1, m_recording);
            n = st.step() ? std::uint64_t(st.int64(0)) : 0;
        });
        m_total = n;
    }
    return *m_total;
}

MeasurementSummary MeasurementPager::summary(int cp, TimeMs from, TimeMs to, double lsl, double usl)
{
    MeasurementSummary out;
    if (to <= from)
        return out;
    const auto addRaw = [&](TimeMs a, TimeMs b) {
        forEach(cp, a, b, [&](TimeMs t, double v) { out.add(t, v, v < lsl || v > usl); });
    };
    // Whole minutes inside [from, to): [firstWhole, endWhole) in minutes.
    const std::int64_t firstWhole = summaryBucketOf(from - 1) + 1;
    const std::int64_t endWhole = summaryBucketOf(to);
    if (!m_hasSummaries || endWhole <= firstWhole) {
        addRaw(from, to);
        return out;
    }
    addRaw(from, firstWhole * kSummaryBucketMs);
    {
        std::lock_guard lock(m_mutex);
        guarded([&] {
            m_minutes.bind(1, m_recording).bind(2, cp).bind(3, firstWhole).bind(4, endWhole);
            while (m_minutes.step()) {
                MeasurementSummary s;
                s.count = m_minutes.int64(0);
                s.firstMs = m_minutes.int64(1);
                s.lastMs = m_minutes.int64(2);
                s.min = m_minutes.real(3);
                s.max = m_minutes.real(4);
                s.sum = m_minutes.real(5);
                s.sumSquares = m_minutes.real(6);
                s.outOfSpec = m_minutes.int64(7);
                out.merge(s);
            }
            m_minutes.reset();
        });
    }
    addRaw(endWhole * kSummaryBucketMs, to);
    return out;
}

} // namespace takt::twin::detail
