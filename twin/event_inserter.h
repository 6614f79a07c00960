#pragma once

#include "twin/events.h"
#include "twin/live/raw_message.h"
#include "twin/measurement_summary.h"
#include "twin/sqlite_db.h"

#include <functional>
#include <span>

namespace takt::twin::detail {

/// Prepared INSERT statements for every event table of a session (internal), keeping the
/// per-minute measurement summaries (schema 4) up to date. The caller owns the transaction. Same
/// thread as its connection. Throws SessionError.
class EventInserter {
public:
    explicit EventInserter(SqliteDb& db);
    void insert(std::int64_t recordingId, const Event& e);
    void insert(std::int64_t recordingId, std::span<const Event> events);
    /// Inserts raw live messages into `live_messages` (schema 2 and later).
    void insertRaw(std::int64_t recordingId, std::span<const live::RawMessage> messages);

private:
    void insertOne(std::int64_t recordingId, const Event& e);

    SqliteDb& m_db;
    SqliteStatement m_state, m_part, m_quality, m_measurement, m_alarm;
    SqliteStatement m_raw; // Prepared at the first raw insert.
    MinuteSummaryWriter m_minutes;
};

/// Reads every event of a recording, table by table (states, part moves, quality results,
/// measurements, alarms), each table in insertion order. Same thread as the connection.
/// `withMeasurements` false skips the measurements table (paged recordings read it on demand).
void readEvents(SqliteDb& db, std::int64_t recordingId, const std::function<void(const Event&)>& fn,
                bool withMeasurements = true);

/// Reads every event of a recording merged into time order without holding them all: one
/// cursor per table, ties in table order (the order of SessionStore::events()). Same thread as
/// the connection.
void readEventsInTimeOrder(SqliteDb& db, std::int64_t recordingId,
                           const std::function<void(const Event&)>& fn);

/// Reads the raw live messages of a recording in arrival order (`seq`). Same thread as the
/// connection; nothing for a session of schema 1.
void readLiveMessages(SqliteDb& db, std::int64_t recordingId,
                      const std::function<void(const live::RawMessage&)>& fn);

} // namespace takt::twin::detail
