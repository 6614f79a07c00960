#include "app/huge_pages.h"

#include "twin/sanitizers.h"

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <string>

#if defined(__linux__) && defined(__GLIBC__)
#include <unistd.h>
#endif

namespace takt::app {
namespace {

constexpr bool kSanitized = twin::kAddressSanitizer || twin::kThreadSanitizer;

constexpr char kStartedVariable[] = "TAKT_STARTED_MS";

} // namespace

void reexecWithHugePages(char** argv)
{
#if defined(__linux__) && defined(__GLIBC__)
    if (kSanitized) // the sanitizers bring their own allocator
        return;
    const char* tunables = std::getenv("GLIBC_TUNABLES");
    if (tunables && std::strstr(tunables, "glibc.malloc.hugetlb"))
        return; // already asked for, or refused
    std::string value = tunables && *tunables ? std::string(tunables) + ":" : std::string();
    value += "glibc.malloc.hugetlb=1";
    const auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count();
    if (setenv("GLIBC_TUNABLES", value.c_str(), 1) != 0 ||
        setenv(kStartedVariable, std::to_string(now).c_str(), 1) != 0)
        return;
    execv("/proc/self/exe", argv);
    // exec failed: go on with small pages; the variable stays for the helpers this one starts.
    unsetenv(kStartedVariable);
#else
    static_cast<void>(argv);
#endif
}

std::optional<std::int64_t> startedMs()
{
    static const std::optional<std::int64_t> started = []() -> std::optional<std::int64_t> {
        const char* text = std::getenv(kStartedVariable);
        if (!text || !*text)
            return std::nullopt;
        const std::int64_t ms = std::strtoll(text, nullptr, 10);
        unsetenv(kStartedVariable); // not for the programs this one starts
        return ms > 0 ? std::optional<std::int64_t>(ms) : std::nullopt;
    }();
    return started;
}

} // namespace takt::app
