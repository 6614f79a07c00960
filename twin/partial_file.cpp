#include "twin/partial_file.h"

#include "twin/session_error.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace takt::twin {
namespace {

void removeWithSideFiles(const std::filesystem::path& file)
{
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
        std::filesystem::remove(file.string() + suffix, ec);
}

/// rename() that refuses to replace an existing file (renameat2 where the file system has it,
/// else link and unlink).
int renameNoReplace(const std::filesystem::path& from, const std::filesystem::path& to)
{
    if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) == 0)
        return 0;
    if (errno != EINVAL && errno != ENOSYS)
        return -1;
    if (::link(from.c_str(), to.c_str()) != 0)
        return -1;
    ::unlink(from.c_str());
    return 0;
}

} // namespace

PartialFile::PartialFile(std::filesystem::path target)
    : m_target(std::move(target)), m_partial(m_target.string() + ".partial")
{
    removeWithSideFiles(m_partial);
}

PartialFile::~PartialFile()
{
    if (!m_committed)
        removeWithSideFiles(m_partial);
}

void PartialFile::commit()
{
    std::error_code ec;
    if (std::filesystem::exists(m_partial.string() + "-wal", ec)) {
        // A connection is still open: its last pages would not travel with the rename.
        removeWithSideFiles(m_partial);
        m_committed = true;
        throw SessionError(m_target.string(), "cannot be written: the session was not closed");
    }
    if (renameNoReplace(m_partial, m_target) != 0) {
        const int err = errno;
        removeWithSideFiles(m_partial);
        m_committed = true;
        throw SessionError(m_target.string(),
                           err == EEXIST ? "already exists; a new session does not "
                                           "replace a file"
                                         : std::string("cannot be written: ") + std::strerror(err));
    }
    m_committed = true;
}

} // namespace takt::twin
