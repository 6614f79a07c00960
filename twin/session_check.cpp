#include "twin/session_check.h"

#include "twin/input_file.h"
#include "twin/session_error.h"
#include "twin/session_schema.h"
#include "twin/session_store.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <vector>

namespace takt::twin::detail {
namespace {

std::string hex32(std::int64_t v)
{
    char buf[16];
    std::snprintf(buf, sizeof buf, "0x%08X", static_cast<unsigned>(v & 0xFFFFFFFF));
    return buf;
}

std::uint64_t fullCheckBytes = kFullCheckBytes;

/// SQLite's words in a SessionError from SqliteDb (without the file, and without the "is
/// damaged (...); it was not modified" that SqliteDb puts around damage).
std::string sqliteProblem(const SessionError& e, const std::string& file)
{
    std::string s = std::string(e.what()).substr(file.size() + 2);
    const std::string head = "is damaged (", tail = "); it was not modified";
    if (s.rfind(head, 0) == 0 && s.size() >= head.size() + tail.size() &&
        s.compare(s.size() - tail.size(), tail.size(), tail) == 0)
        s = s.substr(head.size(), s.size() - head.size() - tail.size());
    return s;
}

/// The first problems of a quick_check report, on one line.
std::string oneLine(std::string check)
{
    // SQLite lists every problem on its own line; one line, the first problems, is enough.
    const std::string head = "*** in database main ***\n";
    if (check.rfind(head, 0) == 0)
        check.erase(0, head.size());
    for (auto& c : check)
        if (c == '\n')
            c = ';';
    if (check.size() > 160)
        check = check.substr(0, 160) + "...";
    return check;
}

/// A file shorter than its header says (a copy cut short), or nullopt. The header's page count
/// is only trusted when its "version valid for" matches the change counter (as SQLite does);
/// without a WAL the file holds every page.
std::optional<std::string> truncation(const std::string& file, std::uint64_t size)
{
    std::ifstream in(file, std::ios::binary);
    unsigned char h[100] = {};
    // Not an SQLite file at all, or not even its header: SQLite says so when it opens it.
    if (!in.read(reinterpret_cast<char*>(h), sizeof h) ||
        std::memcmp(h, "SQLite format 3", 16) != 0)
        return std::nullopt;
    const auto be32 = [&](int at) {
        return std::uint32_t(h[at]) << 24 | std::uint32_t(h[at + 1]) << 16 |
               std::uint32_t(h[at + 2]) << 8 | std::uint32_t(h[at + 3]);
    };
    const std::uint32_t raw = std::uint32_t(h[16]) << 8 | h[17];
    const std::uint64_t pageSize = raw == 1 ? 65536 : raw;
    const std::uint64_t pages = be32(28);
    if (be32(24) != be32(92) || pages == 0 || pageSize < 512)
        return std::nullopt;
    if (pages * pageSize > size)
        return "cut short: " + std::to_string(size) + " bytes where its header counts " +
               std::to_string(pages) + " pages of " + std::to_string(pageSize) + " bytes";
    return std::nullopt;
}

/// The check of a file too large to read whole on opening (docs/session-schema.md), after its
/// length against its header (truncation(), for every file): every table but the bulk ones
/// (measurements, raw live messages) and their indexes by quick_check, and the bulk tables'
/// first and last rows. Damage in the bulk tables' other pages is found when they are read
/// (SqliteDb says "is damaged").
std::string boundedCheck(SqliteDb& db)
{
    // The bulk tables, with the order of their index: the first and last row of the table and
    // of the index are a few page reads each.
    struct Bulk {
        std::string table, first, last;
    };
    static const std::vector<Bulk> bulk = {
        {"measurements", "recording_id, control_point, t_ms",
         "recording_id DESC, control_point DESC, t_ms DESC"},
        {"live_messages", "recording_id, seq", "recording_id DESC, seq DESC"}};
    std::vector<std::string> tables;
    {
        SqliteStatement st(db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
        while (st.step())
            tables.push_back(st.text(0));
    }
    for (const auto& t : tables) {
        std::string quoted = "'";
        for (char c : t)
            quoted += c == '\'' ? std::string("''") : std::string(1, c);
        quoted += "'";
        const auto b = std::find_if(bulk.begin(), bulk.end(),
                                    [&](const Bulk& entry) { return entry.table == t; });
        if (b != bulk.end()) {
            for (const char* end : {"min", "max"})
                db.queryInt(std::string("SELECT ") + end + "(rowid) FROM " + t);
            for (const auto& order : {b->first, b->last})
                db.queryInt("SELECT recording_id FROM " + t + " ORDER BY " + order + " LIMIT 1");
            continue;
        }
        if (auto check = db.queryText("PRAGMA quick_check(" + quoted + ")"); check != "ok")
            return "quick_check of " + t + ": " + oneLine(check);
    }
    return "ok";
}

} // namespace

/// Inspects a file read-only and returns its schema version; throws SessionError (the file
/// untouched) when it must not be opened. Returns the inspection connection for reuse. Files up
/// to fullCheckBytes, and files about to be migrated (a migration reads them whole anyway), get
/// a full quick_check; larger ones the bounded check.
std::unique_ptr<SqliteDb> inspectSession(const std::string& file, int& version, bool forWriting)
{
    // A FIFO or a device would block SQLite's open forever: refuse whatever is not a file.
    if (const auto problem = inputFileProblem(file))
        throw SessionError(file, *problem);
    std::error_code ec;
    // Without a WAL file nobody is writing: look immutably, which creates no side files. With
    // one (a live recording, or a writer that died), its committed pages must be read too.
    const bool wal = std::filesystem::exists(file + "-wal", ec);
    // A file cut short (an interrupted copy): said before SQLite reads a page past its end.
    const std::uint64_t size = std::filesystem::file_size(file, ec);
    if (!wal)
        if (auto cut = truncation(file, size))
            throw SessionError(file, "is damaged (" + *cut + "); it was not modified");
    auto db =
        std::make_unique<SqliteDb>(file, wal ? SqliteDb::Mode::ReadOnly : SqliteDb::Mode::Inspect);
    std::int64_t appId = 0;
    try {
        appId = db->queryInt("PRAGMA application_id");
        version = static_cast<int>(db->queryInt("PRAGMA user_version"));
    } catch (const SessionError& e) {
        throw SessionError(file,
                           "is not a Takt session or is damaged (" + sqliteProblem(e, file) + ")");
    }
    if (appId != kSessionApplicationId)
        throw SessionError(file, "is not a Takt session (SQLite application_id " + hex32(appId) +
                                     ", expected " + hex32(kSessionApplicationId) + ")");
    if (version > kSessionSchemaVersion)
        throw SessionError(file, "was written by a newer Takt (session schema " +
                                     std::to_string(version) + "; this Takt reads up to " +
                                     std::to_string(kSessionSchemaVersion) +
                                     "); it was not modified");
    const bool full = size <= fullCheckBytes || (forWriting && version < kSessionSchemaVersion);
    std::string check;
    try {
        check = full ? db->queryText("PRAGMA quick_check") : boundedCheck(*db);
    } catch (const SessionError& e) {
        check = sqliteProblem(e, file);
    }
    if (check != "ok") {
        check = oneLine(check);
        throw SessionError(file, (full ? "is damaged (quick_check: " : "is damaged (") + check +
                                     "); it was not modified");
    }
    return db;
}

void setFullCheckBytes(std::uint64_t bytes)
{
    fullCheckBytes = bytes;
}

} // namespace takt::twin::detail
