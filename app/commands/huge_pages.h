#pragma once

#include <cstdint>
#include <optional>

namespace takt::app {

/// Runs this program again, from the start, with glibc's malloc asked to back its large blocks
/// with transparent huge pages (GLIBC_TUNABLES=glibc.malloc.hugetlb=1), unless the environment
/// already says (glibc.malloc.hugetlb=0 keeps the small pages). Opening a large layout copies
/// hundreds of megabytes into fresh memory (the import, the merged batches, the OpenGL buffers);
/// a page fault every 4 KiB costs a virtual machine dearly (the 1 M-triangle layout's first
/// frame here: 4.7 s, 2.3 s with the tunable), a fault every 2 MiB does not. Returns only when
/// nothing was to be done or exec failed (then the program goes on as it is). Call it first,
/// before any thread starts; glibc on Linux only (elsewhere, and under sanitizers, it does
/// nothing).
void reexecWithHugePages(char** argv);

/// When the first run of this program called reexecWithHugePages(): milliseconds since the
/// Unix epoch (what --first-frame and --orbit-benchmark time from); nullopt without a re-run.
std::optional<std::int64_t> startedMs();

} // namespace takt::app
