#pragma once

#include "twin/events.h"
#include "twin/measurement_summary.h"
#include "twin/sqlite_db.h"

#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace takt::twin {

namespace detail {

/// Reads one recording's measurements from its session file on demand (internal to
/// RecordingData), through its own read-only connection and the (recording, control point,
/// time) index, so that a recording of days never holds its samples in memory. Remembers, per
/// control point, the last answer of latest() and the times it holds for, so replaying at any
/// speed costs at most two index seeks per control point and frame.
/// Ties at one time resolve like the in-memory columns: the sample stored last wins.
/// Thread-safe (one mutex); callbacks must not call back into it. The constructor throws
/// SessionError; a read that fails later (a damaged page of a large file, which the bounded check
/// on opening does not read) throws nothing: it answers as if there were no samples there and
/// from then on, logs one line, and damage() says why (a GUI must not die while it paints).
class MeasurementPager {
public:
    MeasurementPager(const std::string& file, std::int64_t recordingId);

    /// The latest sample of `cp` at or before t, or nullopt.
    std::optional<MeasurementSample> latest(int cp, TimeMs t);
    /// Calls fn for each sample of `cp` in [from, to), in time order.
    void forEach(int cp, TimeMs from, TimeMs to, const std::function<void(TimeMs, double)>& fn);
    /// Number of samples of `cp` in [from, to).
    std::size_t count(int cp, TimeMs from, TimeMs to);
    /// First and last sample time of `cp`, or nullopt when it has none.
    std::optional<std::pair<TimeMs, TimeMs>> span(int cp);
    /// Samples of the recording (from the minute summaries when the file has them; a scan of
    /// the index otherwise). Computed once.
    std::uint64_t total();
    /// Whether the file keeps minute summaries (schema 4 or later).
    bool hasSummaries() const { return m_hasSummaries; }
    /// Summary of the samples of `cp` in [from, to): whole minutes from the summaries, the
    /// partial minutes at either end from the samples.
    MeasurementSummary summary(int cp, TimeMs from, TimeMs to, double lsl, double usl);
    /// The first failed read's one line ("FILE: is damaged (...); it was not modified"), or
    /// nullopt while every read succeeded.
    std::optional<std::string> damage() const;

private:
    /// Runs a read under the lock; a SessionError is kept as damage() and fn's answer is lost.
    template <typename Fn> bool guarded(Fn&& fn);
    struct Memo {
        bool valid = false;
        TimeMs from = 0, to = 0; // latest() returns `sample` for every t in [from, to)
        std::optional<MeasurementSample> sample;
    };

    mutable std::mutex m_mutex;
    std::optional<std::string> m_damage;
    SqliteDb m_db;
    std::int64_t m_recording = 0;
    bool m_hasSummaries = false;
    std::optional<std::uint64_t> m_total;
    SqliteStatement m_latest, m_next, m_range, m_count, m_minutes;
    std::vector<Memo> m_memo;
};

} // namespace detail
} // namespace takt::twin
