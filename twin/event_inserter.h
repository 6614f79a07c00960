#pragma once

#include "twin/events.h"
#include "twin/sqlite_db.h"

#include <functional>
#include <span>

namespace takt::twin::detail {

/// Prepared INSERT statements for every event table of a session (internal). The caller owns
/// the transaction. Same thread as its connection. Throws SessionError.
class EventInserter {
public:
    explicit EventInserter(SqliteDb& db);
    void insert(std::int64_t recordingId, const Event& e);
    void insert(std::int64_t recordingId, std::span<const Event> events);

private:
    SqliteStatement m_state, m_part, m_quality, m_measurement, m_alarm;
};

/// Reads every event of a recording, table by table (states, part moves, quality results,
/// measurements, alarms), each table in insertion order. Same thread as the connection.
void readEvents(SqliteDb& db, std::int64_t recordingId,
                const std::function<void(const Event&)>& fn);

} // namespace takt::twin::detail
