#pragma once

#include "twin/events.h"

#include <cstdint>
#include <limits>
#include <map>
#include <tuple>
#include <utility>
#include <vector>

namespace takt::twin {

/// Length of one summary bucket of measurements: one minute (ms).
inline constexpr TimeMs kSummaryBucketMs = 60'000;

/// The bucket (minute since the Unix epoch, rounded down) that time t (ms) falls in.
constexpr std::int64_t summaryBucketOf(TimeMs t)
{
    return t >= 0 ? t / kSummaryBucketMs : -((-t + kSummaryBucketMs - 1) / kSummaryBucketMs);
}

/// One sample of a control point: its time (ms, UTC) and value.
struct MeasurementSample {
    TimeMs t = 0;
    double value = 0.0;
    friend bool operator==(const MeasurementSample&, const MeasurementSample&) = default;
};

/// What a run of measurements of one control point amounts to: count, first and last time,
/// extremes, sums (for mean and standard deviation) and samples outside the specification
/// limits. Kept per minute in the session (table `measurement_minutes`, schema 4) as the data
/// arrives, so that long recordings are summarised without reading every sample.
struct MeasurementSummary {
    std::int64_t count = 0;
    TimeMs firstMs = std::numeric_limits<TimeMs>::max();
    TimeMs lastMs = std::numeric_limits<TimeMs>::min();
    double min = std::numeric_limits<double>::infinity();
    double max = -std::numeric_limits<double>::infinity();
    double sum = 0.0;
    double sumSquares = 0.0;
    std::int64_t outOfSpec = 0; ///< Samples with value < lsl or value > usl.

    void add(TimeMs t, double value, bool outside);
    void merge(const MeasurementSummary& o);
    double mean() const { return count ? sum / double(count) : 0.0; }
};

namespace detail {

class SqliteDb;

/// Collects the per-minute summaries of measurements being inserted and adds them to
/// `measurement_minutes` (an upsert per minute and control point), so a batch of thousands of
/// samples costs a few hundred row updates. Knows each control point's limits from the
/// session's `control_points` table. Does nothing on a session older than schema 4.
/// Same thread as its connection; the caller owns the transaction. Throws SessionError.
class MinuteSummaryWriter {
public:
    explicit MinuteSummaryWriter(SqliteDb& db);
    void add(std::int64_t recordingId, const Event& measurement);
    /// Writes what was collected and forgets it.
    void flush();

private:
    SqliteDb& m_db;
    bool m_enabled = false;
    std::vector<std::pair<double, double>> m_limits; // (lsl, usl) by control point index
    std::map<std::tuple<std::int64_t, int, std::int64_t>, MeasurementSummary> m_pending;
};

/// Fills `measurement_minutes` from every stored measurement (the migration to schema 4 of a
/// session written before it). One pass over the table in storage order. Throws SessionError.
void buildMeasurementMinutes(SqliteDb& db);

} // namespace detail
} // namespace takt::twin
