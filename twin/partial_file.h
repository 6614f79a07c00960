#pragma once

#include <filesystem>

namespace takt::twin {

/// A file written under a temporary name beside its target (`TARGET.partial`) and given the
/// target's name by commit() once complete. Destroyed without commit() it removes the temporary
/// file and its SQLite side files (-wal, -shm), so that a failed run leaves nothing behind. A
/// process killed meanwhile leaves only `TARGET.partial`, which the next PartialFile for the
/// same target replaces. One thread.
class PartialFile {
public:
    /// Removes a `TARGET.partial` left by a killed run. Never throws.
    explicit PartialFile(std::filesystem::path target);
    PartialFile(const PartialFile&) = delete;
    PartialFile& operator=(const PartialFile&) = delete;
    ~PartialFile();

    /// Where to write.
    const std::filesystem::path& path() const { return m_partial; }
    /// Renames the temporary file to the target; never replaces an existing target. Throws
    /// SessionError naming the target when the rename fails (the temporary file is then removed).
    void commit();

private:
    std::filesystem::path m_target;
    std::filesystem::path m_partial;
    bool m_committed = false;
};

} // namespace takt::twin
