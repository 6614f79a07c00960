#include "twin/sqlite_db.h"

#include "twin/session_error.h"

#include <sqlite3.h>

#include <unistd.h>

#include <filesystem>
#include <mutex>
#include <set>
#include <utility>

namespace takt::twin::detail {
namespace {

std::string uriFor(const std::string& file)
{
    std::string out = "file:";
    for (char c : file) {
        if (c == '%' || c == '?' || c == '#') {
            static const char* hex = "0123456789ABCDEF";
            out += '%';
            out += hex[(static_cast<unsigned char>(c) >> 4) & 0xF];
            out += hex[static_cast<unsigned char>(c) & 0xF];
        } else {
            out += c;
        }
    }
    return out + "?immutable=1";
}

bool exists(const std::string& file)
{
    std::error_code ec;
    return std::filesystem::exists(file, ec);
}

/// Removes the -wal and -shm files a read-only connection created, the way SQLite itself does:
/// a read-write connection that closes as the last one checkpoints (nothing: the WAL is empty)
/// and deletes them. If another connection is open they stay, and its own close removes them.
void tidySideFiles(const std::string& file)
{
    if (!exists(file + "-wal") && !exists(file + "-shm"))
        return;
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr) ==
        SQLITE_OK)
        sqlite3_exec(db, "SELECT count(*) FROM sqlite_master", nullptr, nullptr, nullptr);
    sqlite3_close(db);
}

/// The open connections that tidy side files when they close (closeReadersForExit).
std::mutex g_tidyingMutex;
std::set<SqliteDb*> g_tidying;

} // namespace

void SqliteDb::closeReadersForExit()
{
    std::lock_guard lock(g_tidyingMutex);
    for (SqliteDb* db : g_tidying) {
        sqlite3_close_v2(db->m_db);
        db->m_db = nullptr;
        tidySideFiles(db->m_file);
        db->m_tidySideFiles = false;
    }
    g_tidying.clear();
}

SqliteDb::ReadOnlyOpening SqliteDb::readOnlyOpening(const std::string& file)
{
    if (exists(file + "-wal"))
        return ReadOnlyOpening::Shared;
    std::string folder = std::filesystem::path(file).parent_path().string();
    if (folder.empty())
        folder = ".";
    if (::access(file.c_str(), W_OK) == 0 && ::access(folder.c_str(), W_OK) == 0)
        return ReadOnlyOpening::SharedThenTidy;
    return ReadOnlyOpening::Immutable;
}

SqliteDb::SqliteDb(std::string file, Mode mode) : m_file(std::move(file))
{
    int flags = SQLITE_OPEN_NOMUTEX;
    std::string name = m_file;
    switch (mode) {
    case Mode::Inspect:
        flags |= SQLITE_OPEN_READONLY | SQLITE_OPEN_URI;
        name = uriFor(m_file);
        break;
    case Mode::ReadOnly:
        flags |= SQLITE_OPEN_READONLY;
        switch (readOnlyOpening(m_file)) {
        case ReadOnlyOpening::Shared: {
            // Side files made by another reader of this process (a recording's measurement
            // pager opens beside the store that loaded it): whichever closes last tidies them.
            std::lock_guard lock(g_tidyingMutex);
            for (const SqliteDb* other : g_tidying)
                if (other->m_file == m_file)
                    m_tidySideFiles = true;
            break;
        }
        case ReadOnlyOpening::SharedThenTidy:
            m_tidySideFiles = true;
            break;
        case ReadOnlyOpening::Immutable:
            flags |= SQLITE_OPEN_URI;
            name = uriFor(m_file);
            break;
        }
        break;
    case Mode::ReadWrite:
        flags |= SQLITE_OPEN_READWRITE;
        break;
    case Mode::Create:
        flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
        break;
    }
    const int rc = sqlite3_open_v2(name.c_str(), &m_db, flags, nullptr);
    if (rc != SQLITE_OK) {
        std::string msg = m_db ? sqlite3_errmsg(m_db) : sqlite3_errstr(rc);
        sqlite3_close(m_db);
        m_db = nullptr;
        throw SessionError(m_file, "cannot open: " + msg);
    }
    sqlite3_extended_result_codes(m_db, 1);
    // Another connection (the writer thread, a second program) may hold the write lock briefly.
    sqlite3_busy_timeout(m_db, 5000);
    if (m_tidySideFiles) {
        std::lock_guard lock(g_tidyingMutex);
        g_tidying.insert(this);
    }
}

SqliteDb::~SqliteDb()
{
    if (m_tidySideFiles) {
        std::lock_guard lock(g_tidyingMutex);
        g_tidying.erase(this);
    }
    sqlite3_close_v2(m_db);
    if (m_tidySideFiles)
        tidySideFiles(m_file);
}

void SqliteDb::fail(int rc, std::string_view what) const
{
    std::string msg = m_db ? sqlite3_errmsg(m_db) : sqlite3_errstr(rc);
    // Damage found by a read after opening (large files get a bounded check on opening; see
    // docs/session-schema.md): said the way the check on opening says it. A read changes
    // nothing, and a write that meets it is rolled back.
    if (isDamage(rc))
        throw SessionError(m_file, "is damaged (" + msg + "); it was not modified");
    throw SessionError(m_file, std::string(what) + ": " + msg);
}

bool SqliteDb::isDamage(int rc)
{
    const int primary = rc & 0xff;
    return primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB;
}

void SqliteDb::exec(std::string_view sql)
{
    char* err = nullptr;
    const std::string s(sql);
    const int rc = sqlite3_exec(m_db, s.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
        std::string msg = err ? err : sqlite3_errstr(rc);
        sqlite3_free(err);
        if (isDamage(rc))
            throw SessionError(m_file, "is damaged (" + msg + "); it was not modified");
        throw SessionError(m_file, "SQL failed: " + msg);
    }
}

std::int64_t SqliteDb::queryInt(std::string_view sql)
{
    SqliteStatement st(*this, sql);
    return st.step() ? st.int64(0) : 0;
}

std::string SqliteDb::queryText(std::string_view sql)
{
    SqliteStatement st(*this, sql);
    return st.step() ? st.text(0) : std::string();
}

std::int64_t SqliteDb::lastInsertRowId() const
{
    return sqlite3_last_insert_rowid(m_db);
}
void SqliteDb::checkpoint()
{
    const int rc =
        sqlite3_wal_checkpoint_v2(m_db, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    if (rc != SQLITE_OK && rc != SQLITE_BUSY && rc != SQLITE_LOCKED)
        fail(rc, "checkpoint");
}

int SqliteDb::changes() const
{
    return sqlite3_changes(m_db);
}

SqliteStatement::SqliteStatement(SqliteDb& db, std::string_view sql) : m_db(&db)
{
    const int rc = sqlite3_prepare_v3(db.handle(), sql.data(), static_cast<int>(sql.size()),
                                      SQLITE_PREPARE_PERSISTENT, &m_stmt, nullptr);
    if (rc != SQLITE_OK)
        db.fail(rc, "cannot prepare \"" + std::string(sql.substr(0, 60)) + "\"");
}

SqliteStatement::SqliteStatement(SqliteStatement&& o) noexcept
    : m_db(o.m_db), m_stmt(std::exchange(o.m_stmt, nullptr))
{
}

SqliteStatement& SqliteStatement::operator=(SqliteStatement&& o) noexcept
{
    if (this != &o) {
        sqlite3_finalize(m_stmt);
        m_db = o.m_db;
        m_stmt = std::exchange(o.m_stmt, nullptr);
    }
    return *this;
}

SqliteStatement::~SqliteStatement()
{
    sqlite3_finalize(m_stmt);
}

SqliteStatement& SqliteStatement::bind(int i, std::int64_t v)
{
    if (const int rc = sqlite3_bind_int64(m_stmt, i, v); rc != SQLITE_OK)
        m_db->fail(rc, "bind");
    return *this;
}
SqliteStatement& SqliteStatement::bind(int i, double v)
{
    if (const int rc = sqlite3_bind_double(m_stmt, i, v); rc != SQLITE_OK)
        m_db->fail(rc, "bind");
    return *this;
}
SqliteStatement& SqliteStatement::bind(int i, std::string_view v)
{
    if (const int rc =
            sqlite3_bind_text(m_stmt, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
        rc != SQLITE_OK)
        m_db->fail(rc, "bind");
    return *this;
}
SqliteStatement& SqliteStatement::bindNull(int i)
{
    if (const int rc = sqlite3_bind_null(m_stmt, i); rc != SQLITE_OK)
        m_db->fail(rc, "bind");
    return *this;
}
SqliteStatement& SqliteStatement::bindBlob(int i, std::string_view bytes)
{
    const int rc = sqlite3_bind_blob64(m_stmt, i, bytes.data(), bytes.size(), SQLITE_TRANSIENT);
    if (rc != SQLITE_OK)
        m_db->fail(rc, "bind");
    return *this;
}

std::string SqliteStatement::blob(int c) const
{
    const auto* p = static_cast<const char*>(sqlite3_column_blob(m_stmt, c));
    return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, c)))
             : std::string();
}

SqliteStatement& SqliteStatement::bindOptional(int i, const std::string& v)
{
    return v.empty() ? bindNull(i) : bind(i, std::string_view(v));
}

bool SqliteStatement::step()
{
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    m_db->fail(rc, "SQL failed");
}

void SqliteStatement::reset()
{
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

void SqliteStatement::rewind()
{
    sqlite3_reset(m_stmt);
}

std::int64_t SqliteStatement::int64(int c) const
{
    return sqlite3_column_int64(m_stmt, c);
}
double SqliteStatement::real(int c) const
{
    return sqlite3_column_double(m_stmt, c);
}
bool SqliteStatement::isNull(int c) const
{
    return sqlite3_column_type(m_stmt, c) == SQLITE_NULL;
}
std::string SqliteStatement::text(int c) const
{
    const auto* p = sqlite3_column_text(m_stmt, c);
    return p ? std::string(reinterpret_cast<const char*>(p),
                           static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, c)))
             : std::string();
}

SqliteTransaction::SqliteTransaction(SqliteDb& db) : m_db(db)
{
    m_db.exec("BEGIN IMMEDIATE");
}

SqliteTransaction::~SqliteTransaction()
{
    if (!m_done) {
        try {
            m_db.exec("ROLLBACK");
        } catch (...) { // Nothing more can be done in a destructor; the file stays consistent.
        }
    }
}

void SqliteTransaction::commit()
{
    m_db.exec("COMMIT");
    m_done = true;
}

} // namespace takt::twin::detail
