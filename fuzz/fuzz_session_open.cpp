// libFuzzer target: opening a session file (twin/session_store.*, twin/recording_data.*) as
// `takt kpi` and the GUI do. The input is written to a temporary file, opened read-only and read
// in full: plant, recordings, each recording's events loaded for replay, bookmarks, annotations,
// camera views. Any input is read or refused with a takt::twin::Error; a read-only open must
// leave the file unchanged and no -wal/-shm file behind.

#include "twin/recording_data.h"
#include "twin/session_store.h"

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace {

std::filesystem::path sessionPath()
{
    static const std::filesystem::path path = [] {
        std::string dir = (std::filesystem::temp_directory_path() / "takt-fuzz-XXXXXX").string();
        if (!mkdtemp(dir.data()))
            std::abort();
        return std::filesystem::path(dir) / "input.takt";
    }();
    return path;
}

std::string readBack(const std::filesystem::path& p)
{
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace takt::twin;
    const auto path = sessionPath();
    const std::string bytes(reinterpret_cast<const char*>(data), size);
    {
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    }
    try {
        const auto store = SessionStore::open(path, SessionStore::Access::ReadOnly);
        (void)store.plant();
        (void)store.manifestJson();
        (void)store.cameraViews();
        (void)store.viewSetting("overlay");
        for (const auto& r : store.recordings()) {
            const auto recording = RecordingData::load(store, r.id);
            if (recording.endMs() < recording.startMs())
                std::abort();
            (void)store.bookmarks(r.id);
            (void)store.annotations(r.id);
        }
    } catch (const Error&) {
    }
    auto side = path;
    side += "-wal";
    auto shm = path;
    shm += "-shm";
    if (std::filesystem::exists(side) || std::filesystem::exists(shm))
        std::abort(); // a read-only open left files behind
    if (readBack(path) != bytes)
        std::abort(); // a read-only open changed the file
    return 0;
}
