// Test helper for test_session_kill: records measurements into a new session as fast as a live
// feed might, and after every committed batch prints "committed N LAST_VALUE WALL_MS" and
// flushes stdout, so that the parent knows what must survive a SIGKILL.
// Usage: takt_session_writer_child SESSION.takt
#include "test_plants.h"
#include "twin/event_writer.h"
#include "twin/session_store.h"

#include <chrono>
#include <cstdio>
#include <thread>

using namespace takt::twin;

namespace {
TimeMs wallMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}
} // namespace

int main(int argc, char** argv)
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: takt_session_writer_child SESSION.takt\n");
        return 2;
    }
    try {
        auto store = SessionStore::create(argv[1], testing::smallPlant());
        const auto rec = store.beginRecording(RecordingKind::Live, "kill test", wallMs());
        EventWriter writer(argv[1], rec, {}, [](std::uint64_t n, TimeMs lastT) {
            std::printf("committed %llu %lld\n", static_cast<unsigned long long>(n),
                        static_cast<long long>(lastT));
            std::fflush(stdout);
        });
        // Event i has value i and the wall-clock time at which it was produced; about 20,000
        // events per second until the parent kills us (or 60 s pass).
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
        for (std::int64_t i = 0; std::chrono::steady_clock::now() < deadline;) {
            for (int k = 0; k < 20; ++k, ++i)
                writer.push(Event::measurement(wallMs(), int(i % 2), double(i)));
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
        return 3;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "%s\n", e.what());
        return 1;
    }
}
