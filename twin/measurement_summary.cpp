#include "twin/measurement_summary.h"

#include "twin/sqlite_db.h"

#include <algorithm>
#include <unordered_map>

namespace takt::twin {

void MeasurementSummary::add(TimeMs t, double value, bool outside)
{
    ++count;
    firstMs = std::min(firstMs, t);
    lastMs = std::max(lastMs, t);
    min = std::min(min, value);
    max = std::max(max, value);
    sum += value;
    sumSquares += value * value;
    outOfSpec += outside ? 1 : 0;
}

void MeasurementSummary::merge(const MeasurementSummary& o)
{
    if (o.count == 0)
        return;
    count += o.count;
    firstMs = std::min(firstMs, o.firstMs);
    lastMs = std::max(lastMs, o.lastMs);
    min = std::min(min, o.min);
    max = std::max(max, o.max);
    sum += o.sum;
    sumSquares += o.sumSquares;
    outOfSpec += o.outOfSpec;
}

namespace detail {
namespace {

constexpr const char* kUpsert =
    "INSERT INTO measurement_minutes(recording_id, control_point, minute, n, t_first, t_last, "
    "v_min, v_max, v_sum, v_sum_sq, out_of_spec) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, "
    "?11) ON CONFLICT(recording_id, control_point, minute) DO UPDATE SET n = n + excluded.n, "
    "t_first = min(t_first, excluded.t_first), t_last = max(t_last, excluded.t_last), "
    "v_min = min(v_min, excluded.v_min), v_max = max(v_max, excluded.v_max), "
    "v_sum = v_sum + excluded.v_sum, v_sum_sq = v_sum_sq + excluded.v_sum_sq, "
    "out_of_spec = out_of_spec + excluded.out_of_spec";

std::vector<std::pair<double, double>> readLimits(SqliteDb& db)
{
    std::vector<std::pair<double, double>> out;
    SqliteStatement st(db, "SELECT idx, lsl, usl FROM control_points ORDER BY idx");
    while (st.step()) {
        const auto i = std::size_t(st.int64(0));
        if (out.size() <= i)
            out.resize(i + 1, {-std::numeric_limits<double>::infinity(),
                               std::numeric_limits<double>::infinity()});
        out[i] = {st.isNull(1) ? -std::numeric_limits<double>::infinity() : st.real(1),
                  st.isNull(2) ? std::numeric_limits<double>::infinity() : st.real(2)};
    }
    return out;
}

bool outside(const std::vector<std::pair<double, double>>& limits, int cp, double v)
{
    if (cp < 0 || std::size_t(cp) >= limits.size())
        return false;
    const auto& [lsl, usl] = limits[std::size_t(cp)];
    return v < lsl || v > usl;
}

void upsert(SqliteStatement& st, std::int64_t rec, int cp, std::int64_t minute,
            const MeasurementSummary& s)
{
    st.bind(1, rec)
        .bind(2, cp)
        .bind(3, minute)
        .bind(4, s.count)
        .bind(5, s.firstMs)
        .bind(6, s.lastMs)
        .bind(7, s.min)
        .bind(8, s.max)
        .bind(9, s.sum)
        .bind(10, s.sumSquares)
        .bind(11, s.outOfSpec);
    st.step();
    st.rewind();
}

} // namespace

MinuteSummaryWriter::MinuteSummaryWriter(SqliteDb& db) : m_db(db)
{
    m_enabled =
        db.queryInt("SELECT count(*) FROM sqlite_master WHERE name = 'measurement_minutes'") > 0;
    if (m_enabled)
        m_limits = readLimits(db);
}

void MinuteSummaryWriter::add(std::int64_t rec, const Event& e)
{
    if (!m_enabled)
        return;
    m_pending[{rec, e.channel, summaryBucketOf(e.t)}].add(e.t, e.value,
                                                          outside(m_limits, e.channel, e.value));
}

void MinuteSummaryWriter::flush()
{
    if (m_pending.empty())
        return;
    SqliteStatement st(m_db, kUpsert);
    for (const auto& [key, s] : m_pending)
        upsert(st, std::get<0>(key), std::get<1>(key), std::get<2>(key), s);
    m_pending.clear();
}

void buildMeasurementMinutes(SqliteDb& db)
{
    const auto limits = readLimits(db);
    // Rows are stored in time order per recording, so one open minute per (recording, control
    // point) suffices; a row that goes back in time just starts another upsert of its minute.
    struct Open {
        std::int64_t minute = 0;
        MeasurementSummary s;
    };
    std::unordered_map<std::int64_t, Open> open; // key: recording * 2^20 + control point
    SqliteStatement up(db, kUpsert);
    const auto write = [&](std::int64_t key, const Open& o) {
        upsert(up, key >> 20, int(key & 0xFFFFF), o.minute, o.s);
    };
    SqliteStatement st(db, "SELECT recording_id, control_point, t_ms, value FROM measurements "
                           "ORDER BY rowid");
    while (st.step()) {
        const auto cp = int(st.int64(1));
        const auto key = (st.int64(0) << 20) | std::int64_t(cp & 0xFFFFF);
        const TimeMs t = st.int64(2);
        const double v = st.real(3);
        const auto minute = summaryBucketOf(t);
        auto [it, fresh] = open.try_emplace(key);
        if (!fresh && it->second.minute != minute) {
            write(key, it->second);
            it->second = Open{};
        }
        it->second.minute = minute;
        it->second.s.add(t, v, outside(limits, cp, v));
    }
    for (const auto& [key, o] : open)
        write(key, o);
}

} // namespace detail
} // namespace takt::twin
