#pragma once

#include <cstdint>

namespace takt::twin {

namespace detail {
class SqliteDb;
}

/// `PRAGMA application_id` of every Takt session file: the bytes "TAKT".
inline constexpr std::int32_t kSessionApplicationId = 0x54414B54;

/// Schema version this Takt writes (`PRAGMA user_version`). Files with a lower version are
/// migrated on opening read-write; files with a higher one are refused.
inline constexpr int kSessionSchemaVersion = 4;

namespace detail {

/// Brings a session from schema `fromVersion` (0 = empty file) to `toVersion` (tests build
/// older files with it), one step per version, each step in its own transaction together with
/// its user_version update, so an interrupted migration leaves the file at the last completed
/// version. Writer connection only. Throws SessionError.
void migrateSession(SqliteDb& db, int fromVersion, int toVersion = kSessionSchemaVersion);

} // namespace detail
} // namespace takt::twin
