#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace takt::twin::detail {

class SqliteDb;

/// A prepared statement (internal to twin). Moves only. Throws SessionError on SQLite errors.
class SqliteStatement {
public:
    SqliteStatement() = default;
    SqliteStatement(SqliteDb& db, std::string_view sql);
    SqliteStatement(SqliteStatement&& o) noexcept;
    SqliteStatement& operator=(SqliteStatement&& o) noexcept;
    SqliteStatement(const SqliteStatement&) = delete;
    SqliteStatement& operator=(const SqliteStatement&) = delete;
    ~SqliteStatement();

    SqliteStatement& bind(int index, std::int64_t v);
    SqliteStatement& bind(int index, int v) { return bind(index, std::int64_t{v}); }
    SqliteStatement& bind(int index, double v);
    SqliteStatement& bind(int index, std::string_view v);         ///< Text; copied by SQLite.
    SqliteStatement& bindBlob(int index, std::string_view bytes); ///< Blob; copied by SQLite.
    SqliteStatement& bindNull(int index);
    SqliteStatement& bindOptional(int index, const std::string& v); ///< NULL when empty.

    /// Steps once; true when a row is available.
    bool step();
    /// Resets for re-execution and clears bindings.
    void reset();
    /// Resets for re-execution, keeping the bindings (hot insert loops rebind everything).
    void rewind();

    std::int64_t int64(int col) const;
    double real(int col) const;
    std::string text(int col) const; ///< Empty for NULL.
    std::string blob(int col) const; ///< The bytes of a blob (or text); empty for NULL.
    bool isNull(int col) const;
    bool isPrepared() const { return m_stmt != nullptr; }

private:
    SqliteDb* m_db = nullptr;
    sqlite3_stmt* m_stmt = nullptr;
};

/// An SQLite connection (internal to twin). One thread at a time. Throws SessionError naming the
/// file on any SQLite error.
class SqliteDb {
public:
    /// Inspect: read-only and `immutable`, so that SQLite creates no -wal/-shm files and writes
    /// nothing; only for short looks at a file that no one else is writing.
    /// ReadOnly: SQLITE_OPEN_READONLY, opened as readOnlyOpening() decides; it leaves no -wal or
    /// -shm file behind that was not there before.
    enum class Mode { Inspect, ReadOnly, ReadWrite, Create };
    SqliteDb(std::string file, Mode mode);
    SqliteDb(const SqliteDb&) = delete;
    SqliteDb& operator=(const SqliteDb&) = delete;
    ~SqliteDb();

    void exec(std::string_view sql);
    /// First column of the first row as integer (0 when no row).
    std::int64_t queryInt(std::string_view sql);
    /// First column of the first row as text (empty when no row).
    std::string queryText(std::string_view sql);
    std::int64_t lastInsertRowId() const;
    /// Passive WAL checkpoint: copies committed pages into the database file without waiting for
    /// readers; a busy database is left for later. No-op outside WAL mode.
    void checkpoint();
    int changes() const;

    /// How a read-only connection reads a WAL-mode file. A reader of such a file needs the -wal
    /// and -shm files beside it and creates them when they are missing, but cannot remove them
    /// when it closes (only a writer may checkpoint): left behind, owned by the reader, they stop
    /// the owner from writing.
    enum class ReadOnlyOpening {
        Shared,         ///< A -wal file exists: a writer is at work (or died); read its pages.
        SharedThenTidy, ///< No -wal and we may write file and folder: read, then let a
                        ///< short read-write connection remove the side files if we are last.
        Immutable,      ///< No -wal and we may not write: `immutable=1`, no side files.
    };
    static ReadOnlyOpening readOnlyOpening(const std::string& file);

    /// Throws SessionError; SQLITE_CORRUPT and SQLITE_NOTADB read "is damaged (...); it was not
    /// modified", like the check on opening.
    [[noreturn]] void fail(int rc, std::string_view what) const;
    /// Whether an SQLite result code says the file is damaged (SQLITE_CORRUPT, SQLITE_NOTADB).
    static bool isDamage(int rc);
    const std::string& file() const { return m_file; }
    sqlite3* handle() const { return m_db; }

    /// Closes every read-only connection that made -wal/-shm files still open in this process
    /// and removes those files, for a process about to end without destructors (std::_Exit).
    /// No connection may be in use meanwhile; the objects stay, closed.
    static void closeReadersForExit();

private:
    std::string m_file;
    sqlite3* m_db = nullptr;
    bool m_tidySideFiles = false;
};

/// RAII transaction: BEGIN IMMEDIATE on construction, ROLLBACK unless commit() was called.
class SqliteTransaction {
public:
    explicit SqliteTransaction(SqliteDb& db);
    ~SqliteTransaction();
    void commit();

private:
    SqliteDb& m_db;
    bool m_done = false;
};

} // namespace takt::twin::detail
