#include "twin/session_schema.h"

#include "twin/measurement_summary.h"
#include "twin/sqlite_db.h"

#include <array>
#include <string>

namespace takt::twin::detail {
namespace {

// Version 1: the first schema. Documented in docs/session-schema.md; keep them in step.
constexpr const char* kSchemaV1 = R"sql(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE stations(idx INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
                      kind TEXT NOT NULL, segment TEXT NOT NULL, capacity INTEGER NOT NULL);
CREATE TABLE checkpoints(idx INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
                         station TEXT NOT NULL);
CREATE TABLE control_points(idx INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE,
                            name TEXT NOT NULL, station TEXT NOT NULL, unit TEXT NOT NULL,
                            target REAL, lsl REAL, usl REAL);
CREATE TABLE station_states(code INTEGER PRIMARY KEY, name TEXT NOT NULL, active INTEGER NOT NULL);
INSERT INTO station_states VALUES (0,'working',1),(1,'starved',0),(2,'blocked',0),(3,'down',1),
                                  (4,'setup',1),(5,'idle',0),(6,'unknown',0);
CREATE TABLE quality_result_names(code INTEGER PRIMARY KEY, name TEXT NOT NULL);
INSERT INTO quality_result_names VALUES (0,'pass'),(1,'fail'),(2,'rework');

CREATE TABLE recordings(id INTEGER PRIMARY KEY, kind TEXT NOT NULL
                          CHECK (kind IN ('simulated','live','imported')),
                        name TEXT NOT NULL, start_ms INTEGER NOT NULL, end_ms INTEGER,
                        params TEXT NOT NULL DEFAULT '{}');

CREATE TABLE state_changes(recording_id INTEGER NOT NULL REFERENCES recordings(id),
                           t_ms INTEGER NOT NULL, station INTEGER NOT NULL,
                           state INTEGER NOT NULL, reason TEXT);
CREATE INDEX state_changes_by_station ON state_changes(recording_id, station, t_ms);
CREATE TABLE part_moves(recording_id INTEGER NOT NULL REFERENCES recordings(id),
                        t_ms INTEGER NOT NULL, station INTEGER NOT NULL,
                        part_id INTEGER NOT NULL, config INTEGER NOT NULL,
                        leave INTEGER NOT NULL);
CREATE INDEX part_moves_by_station ON part_moves(recording_id, station, t_ms);
CREATE TABLE quality_results(recording_id INTEGER NOT NULL REFERENCES recordings(id),
                             t_ms INTEGER NOT NULL, checkpoint INTEGER NOT NULL,
                             part_id INTEGER NOT NULL, config INTEGER NOT NULL,
                             result INTEGER NOT NULL, defect_code TEXT);
CREATE INDEX quality_results_by_checkpoint ON quality_results(recording_id, checkpoint, t_ms);
CREATE TABLE measurements(recording_id INTEGER NOT NULL REFERENCES recordings(id),
                          t_ms INTEGER NOT NULL, control_point INTEGER NOT NULL,
                          value REAL NOT NULL);
CREATE INDEX measurements_by_point ON measurements(recording_id, control_point, t_ms);
CREATE TABLE alarms(recording_id INTEGER NOT NULL REFERENCES recordings(id),
                    t_ms INTEGER NOT NULL, station INTEGER NOT NULL, severity INTEGER NOT NULL,
                    message TEXT NOT NULL);
CREATE INDEX alarms_by_time ON alarms(recording_id, t_ms);

CREATE TABLE bookmarks(id INTEGER PRIMARY KEY, recording_id INTEGER NOT NULL
                         REFERENCES recordings(id), t_ms INTEGER NOT NULL, label TEXT NOT NULL);
CREATE TABLE annotations(id INTEGER PRIMARY KEY, recording_id INTEGER NOT NULL
                           REFERENCES recordings(id), t_ms INTEGER NOT NULL,
                         station TEXT, text TEXT NOT NULL);
CREATE TABLE camera_views(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,
                          camera TEXT NOT NULL);
CREATE TABLE view_settings(key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE VIEW state_changes_named AS
  SELECT r.recording_id, r.t_ms, strftime('%Y-%m-%dT%H:%M:%fZ', r.t_ms / 1000.0, 'unixepoch') AS time,
         s.id AS station, n.name AS state, r.reason
  FROM state_changes r JOIN stations s ON s.idx = r.station JOIN station_states n ON n.code = r.state;
CREATE VIEW quality_results_named AS
  SELECT q.recording_id, q.t_ms, strftime('%Y-%m-%dT%H:%M:%fZ', q.t_ms / 1000.0, 'unixepoch') AS time,
         c.id AS checkpoint, q.part_id, q.config, n.name AS result, q.defect_code
  FROM quality_results q JOIN checkpoints c ON c.idx = q.checkpoint
  JOIN quality_result_names n ON n.code = q.result;
CREATE VIEW measurements_named AS
  SELECT m.recording_id, m.t_ms, p.id AS control_point, m.value, p.unit, p.lsl, p.usl
  FROM measurements m JOIN control_points p ON p.idx = m.control_point;
)sql";

// Version 2: the raw MQTT envelopes of live recordings, written before the events decoded from
// them, so that a live recording replays through the same decoder (docs/live-json.md).
constexpr const char* kSchemaV2 = R"sql(
CREATE TABLE live_messages(recording_id INTEGER NOT NULL REFERENCES recordings(id),
                           seq INTEGER NOT NULL, rx_ms INTEGER NOT NULL, topic TEXT NOT NULL,
                           qos INTEGER NOT NULL, retained INTEGER NOT NULL, payload BLOB,
                           PRIMARY KEY (recording_id, seq));
)sql";

// Version 3: recordings of kind 'scenario' (a what-if run stored in the session, issue 13). SQLite
// cannot change a CHECK constraint in place: the table is rebuilt under the same name with the
// same rows (the documented way; foreign keys are never enforced on a Takt connection, so the
// event tables' references to recordings(id) hold throughout).
constexpr const char* kSchemaV3 = R"sql(
CREATE TABLE recordings_v3(id INTEGER PRIMARY KEY, kind TEXT NOT NULL
                             CHECK (kind IN ('simulated','live','imported','scenario')),
                           name TEXT NOT NULL, start_ms INTEGER NOT NULL, end_ms INTEGER,
                           params TEXT NOT NULL DEFAULT '{}');
INSERT INTO recordings_v3(id, kind, name, start_ms, end_ms, params)
  SELECT id, kind, name, start_ms, end_ms, params FROM recordings;
DROP TABLE recordings;
ALTER TABLE recordings_v3 RENAME TO recordings;
)sql";

// Version 4: per-minute summaries of each control point's measurements, kept by the event
// writer as data arrives, so that a recording of days is summarised (event count, out-of-spec
// counts, overviews) without reading its hundreds of millions of samples. A session written
// before is summarised once, when it is first opened read-write (buildMeasurementMinutes).
constexpr const char* kSchemaV4 = R"sql(
CREATE TABLE measurement_minutes(recording_id INTEGER NOT NULL REFERENCES recordings(id),
                                 control_point INTEGER NOT NULL, minute INTEGER NOT NULL,
                                 n INTEGER NOT NULL, t_first INTEGER NOT NULL,
                                 t_last INTEGER NOT NULL, v_min REAL NOT NULL,
                                 v_max REAL NOT NULL, v_sum REAL NOT NULL, v_sum_sq REAL NOT NULL,
                                 out_of_spec INTEGER NOT NULL,
                                 PRIMARY KEY (recording_id, control_point, minute)) WITHOUT ROWID;
)sql";

struct Migration {
    int toVersion;
    const char* sql;
    void (*fill)(SqliteDb&); // Data to carry over into the new tables, or null.
};

// Append one entry per schema change; never edit a released step.
constexpr std::array<Migration, 4> kMigrations{{{1, kSchemaV1, nullptr},
                                                {2, kSchemaV2, nullptr},
                                                {3, kSchemaV3, nullptr},
                                                {4, kSchemaV4, &buildMeasurementMinutes}}};

} // namespace

void migrateSession(SqliteDb& db, int fromVersion, int toVersion)
{
    for (const auto& m : kMigrations) {
        if (m.toVersion <= fromVersion || m.toVersion > toVersion)
            continue;
        SqliteTransaction tx(db);
        db.exec(m.sql);
        if (m.fill && fromVersion > 0)
            m.fill(db);
        db.exec("PRAGMA user_version = " + std::to_string(m.toVersion));
        tx.commit();
    }
}

} // namespace takt::twin::detail
