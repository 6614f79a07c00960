#pragma once
// The check of a session file on opening (private to twin): what SessionStore::open does before
// it trusts a file. See SessionStore and docs/session-schema.md.
#include "twin/sqlite_db.h"

#include <memory>
#include <string>

namespace takt::twin::detail {

/// Inspects a file read-only and returns its schema version in version; throws SessionError (the
/// file untouched) when it must not be opened: not a regular file, cut short, not a Takt session,
/// from a newer schema, or damaged. Returns the inspection connection for reuse. Files up to
/// kFullCheckBytes (setFullCheckBytes), and files about to be migrated (a migration reads them
/// whole anyway), get a full quick_check; larger ones the bounded check.
std::unique_ptr<SqliteDb> inspectSession(const std::string& file, int& version, bool forWriting);

} // namespace takt::twin::detail
