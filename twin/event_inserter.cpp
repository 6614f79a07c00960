#include "twin/event_inserter.h"

#include <array>

namespace takt::twin::detail {

EventInserter::EventInserter(SqliteDb& db)
    : m_db(db), m_state(db, "INSERT INTO state_changes VALUES (?1, ?2, ?3, ?4, ?5)"),
      m_part(db, "INSERT INTO part_moves VALUES (?1, ?2, ?3, ?4, ?5, ?6)"),
      m_quality(db, "INSERT INTO quality_results VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"),
      m_measurement(db, "INSERT INTO measurements VALUES (?1, ?2, ?3, ?4)"),
      m_alarm(db, "INSERT INTO alarms VALUES (?1, ?2, ?3, ?4, ?5)"), m_minutes(db)
{
}

void EventInserter::insert(std::int64_t rec, const Event& e)
{
    insertOne(rec, e);
    m_minutes.flush();
}

void EventInserter::insertOne(std::int64_t rec, const Event& e)
{
    SqliteStatement* st = nullptr;
    switch (e.kind) {
    case EventKind::StateChange:
        st = &m_state;
        st->bind(4, e.code).bindOptional(5, e.text);
        break;
    case EventKind::PartEnter:
    case EventKind::PartLeave:
        st = &m_part;
        st->bind(4, e.part).bind(5, e.config).bind(6, e.kind == EventKind::PartLeave ? 1 : 0);
        break;
    case EventKind::Quality:
        st = &m_quality;
        st->bind(4, e.part).bind(5, e.config).bind(6, e.code).bindOptional(7, e.text);
        break;
    case EventKind::Measurement:
        st = &m_measurement;
        st->bind(4, e.value);
        m_minutes.add(rec, e);
        break;
    case EventKind::Alarm:
        st = &m_alarm;
        st->bind(4, e.code).bind(5, std::string_view(e.text));
        break;
    }
    st->bind(1, rec).bind(2, e.t).bind(3, e.channel);
    st->step();
    // Only reset (not clear bindings): every parameter is bound again on the next use.
    st->rewind();
}

void EventInserter::insert(std::int64_t rec, std::span<const Event> events)
{
    for (const auto& e : events)
        insertOne(rec, e);
    m_minutes.flush();
}

void EventInserter::insertRaw(std::int64_t rec, std::span<const live::RawMessage> messages)
{
    if (messages.empty())
        return;
    if (!m_raw.isPrepared())
        m_raw =
            SqliteStatement(m_db, "INSERT INTO live_messages VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    for (const auto& m : messages) {
        m_raw.bind(1, rec)
            .bind(2, static_cast<std::int64_t>(m.seq))
            .bind(3, m.receivedMs)
            .bind(4, std::string_view(m.topic))
            .bind(5, m.qos)
            .bind(6, m.retained ? 1 : 0)
            .bindBlob(7, m.payload);
        m_raw.step();
        m_raw.rewind();
    }
}

void readLiveMessages(SqliteDb& db, std::int64_t rec,
                      const std::function<void(const live::RawMessage&)>& fn)
{
    if (db.queryInt("SELECT count(*) FROM sqlite_master WHERE name = 'live_messages'") == 0)
        return;
    SqliteStatement st(db, "SELECT seq, rx_ms, topic, qos, retained, payload FROM live_messages "
                           "WHERE recording_id = ?1 ORDER BY seq");
    st.bind(1, rec);
    live::RawMessage m;
    while (st.step()) {
        m.seq = static_cast<std::uint64_t>(st.int64(0));
        m.receivedMs = st.int64(1);
        m.topic = st.text(2);
        m.qos = static_cast<int>(st.int64(3));
        m.retained = st.int64(4) != 0;
        m.payload = st.blob(5);
        fn(m);
    }
}

void readEvents(SqliteDb& db, std::int64_t rec, const std::function<void(const Event&)>& fn,
                bool withMeasurements)
{
    // "+recording_id" keeps SQLite from using the (recording, channel, time) indexes here: a scan
    // in rowid order is already time-ordered, while the index path sorts millions of rows.
    {
        SqliteStatement st(db, "SELECT t_ms, station, state, reason FROM state_changes "
                               "WHERE +recording_id = ?1 ORDER BY rowid");
        st.bind(1, rec);
        while (st.step())
            fn(Event::stateChange(st.int64(0), int(st.int64(1)),
                                  static_cast<StationState>(st.int64(2)), st.text(3)));
    }
    {
        SqliteStatement st(db, "SELECT t_ms, station, part_id, config, leave FROM part_moves "
                               "WHERE +recording_id = ?1 ORDER BY rowid");
        st.bind(1, rec);
        while (st.step())
            fn(st.int64(4)
                   ? Event::partLeave(st.int64(0), int(st.int64(1)), st.int64(2), st.int64(3))
                   : Event::partEnter(st.int64(0), int(st.int64(1)), st.int64(2), st.int64(3)));
    }
    {
        SqliteStatement st(db, "SELECT t_ms, checkpoint, part_id, config, result, defect_code "
                               "FROM quality_results WHERE +recording_id = ?1 ORDER BY rowid");
        st.bind(1, rec);
        while (st.step())
            fn(Event::quality(st.int64(0), int(st.int64(1)), st.int64(2), st.int64(3),
                              static_cast<QualityResult>(st.int64(4)), st.text(5)));
    }
    if (withMeasurements) {
        SqliteStatement st(db, "SELECT t_ms, control_point, value FROM measurements "
                               "WHERE +recording_id = ?1 ORDER BY rowid");
        st.bind(1, rec);
        Event e = Event::measurement(0, 0, 0.0);
        while (st.step()) {
            e.t = st.int64(0);
            e.channel = int(st.int64(1));
            e.value = st.real(2);
            fn(e);
        }
    }
    {
        SqliteStatement st(db, "SELECT t_ms, station, severity, message FROM alarms "
                               "WHERE +recording_id = ?1 ORDER BY rowid");
        st.bind(1, rec);
        while (st.step())
            fn(Event::alarm(st.int64(0), int(st.int64(1)), int(st.int64(2)), st.text(3)));
    }
}

void readEventsInTimeOrder(SqliteDb& db, std::int64_t rec,
                           const std::function<void(const Event&)>& fn)
{
    // Rows of each table are in time order by rowid (see readEvents): merge five cursors.
    struct Cursor {
        using Make = Event (*)(const SqliteStatement&);
        Cursor(SqliteStatement s, Make m) : st(std::move(s)), make(m) {}
        SqliteStatement st;
        Make make;
        Event current;
        bool valid = false;
        void next()
        {
            valid = st.step();
            if (valid)
                current = make(st);
        }
    };
    const auto where = " WHERE +recording_id = ?1 ORDER BY rowid";
    std::array<Cursor, 5> cursors{{
        {SqliteStatement(db, std::string("SELECT t_ms, station, state, reason FROM state_changes") +
                                 where),
         [](const SqliteStatement& st) {
             return Event::stateChange(st.int64(0), int(st.int64(1)),
                                       static_cast<StationState>(st.int64(2)), st.text(3));
         }},
        {SqliteStatement(
             db,
             std::string("SELECT t_ms, station, part_id, config, leave FROM part_moves") + where),
         [](const SqliteStatement& st) {
             return st.int64(4)
                        ? Event::partLeave(st.int64(0), int(st.int64(1)), st.int64(2), st.int64(3))
                        : Event::partEnter(st.int64(0), int(st.int64(1)), st.int64(2), st.int64(3));
         }},
        {SqliteStatement(db, std::string("SELECT t_ms, checkpoint, part_id, config, result, "
                                         "defect_code FROM quality_results") +
                                 where),
         [](const SqliteStatement& st) {
             return Event::quality(st.int64(0), int(st.int64(1)), st.int64(2), st.int64(3),
                                   static_cast<QualityResult>(st.int64(4)), st.text(5));
         }},
        {SqliteStatement(db, std::string("SELECT t_ms, control_point, value FROM measurements") +
                                 where),
         [](const SqliteStatement& st) {
             return Event::measurement(st.int64(0), int(st.int64(1)), st.real(2));
         }},
        {SqliteStatement(db, std::string("SELECT t_ms, station, severity, message FROM alarms") +
                                 where),
         [](const SqliteStatement& st) {
             return Event::alarm(st.int64(0), int(st.int64(1)), int(st.int64(2)), st.text(3));
         }},
    }};
    for (auto& c : cursors) {
        c.st.bind(1, rec);
        c.next();
    }
    for (;;) {
        Cursor* best = nullptr;
        for (auto& c : cursors)
            if (c.valid && (!best || c.current.t < best->current.t))
                best = &c;
        if (!best)
            return;
        fn(best->current);
        best->next();
    }
}

} // namespace takt::twin::detail
