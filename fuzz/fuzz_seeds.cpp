// Writes seeds of the fuzz corpus from Takt's own writers (`fuzz_seeds OUT_DIR` makes
// OUT_DIR/fuzz_session_open/, fuzz_import_reply/, fuzz_live_sparkplug/ and fuzz_live_json/; the
// manifest seeds are copies of real manifests). `tools/fuzz seeds` runs it into fuzz/corpus/.

#include "fuzz_live_support.h"
#include "render/flat_scene.h"
#include "twin/live/sparkplug.h"
#include "twin/live/takt_json.h"
#include "twin/session_store.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace takt;
using twin::Event;
using twin::StationState;

namespace {

void writeFile(const std::filesystem::path& p, const std::string& bytes)
{
    std::filesystem::create_directories(p.parent_path());
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

std::vector<Event> someEvents(twin::TimeMs t0)
{
    return {Event::stateChange(t0 + 1000, 0, StationState::Working),
            Event::partEnter(t0 + 1000, 0, 1, 0),
            Event::measurement(t0 + 2000, 0, 10.2),
            Event::partLeave(t0 + 51000, 0, 1, 0),
            Event::stateChange(t0 + 51000, 0, StationState::Starved, "no parts"),
            Event::partEnter(t0 + 51000, 1, 1, 0),
            Event::quality(t0 + 91000, 0, 1, 0, twin::QualityResult::Fail, "SCRATCH"),
            Event::alarm(t0 + 92000, 1, 2, "door open"),
            Event::stateChange(t0 + 93000, 1, StationState::Down, "door")};
}

} // namespace

int main(int argc, char** argv)
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: fuzz_seeds OUT_DIR\n");
        return 2;
    }
    const std::filesystem::path out = argv[1];
    const auto plant = fuzz::livePlant();
    const twin::TimeMs t0 = fuzz::kFirstReceivedMs;

    // A finished session with one recording, a bookmark, a note and a camera view.
    const auto session = out / "fuzz_session_open" / "small.takt";
    std::filesystem::create_directories(session.parent_path());
    std::filesystem::remove(session);
    {
        auto store = twin::SessionStore::create(session, plant);
        const auto id = store.beginRecording(twin::RecordingKind::Simulated, "seed", t0);
        const auto events = someEvents(t0);
        store.writeEvents(id, events);
        store.addBookmark(id, t0 + 51000, "first part");
        store.addAnnotation({0, id, t0 + 92000, "ST20", "door open again"});
        store.saveCameraView("front", twin::CameraView{});
        store.endRecording(id, t0 + 100000);
    }

    // The import helper's reply: one triangle under one node.
    {
        render::FlatScene s;
        s.sourceFormat = "Wavefront Object Importer";
        s.nodes = {{"root", -1}, {"ST10", 0}};
        s.materials = {{"steel", {0.5f, 0.5f, 0.6f, 1.0f}}};
        render::FlatMesh m;
        m.node = 1;
        m.positions = {0, 0, 0, 1, 0, 0, 0, 1, 0};
        m.normals = {0, 0, 1, 0, 0, 1, 0, 0, 1};
        m.indices = {0, 1, 2};
        s.meshes.push_back(m);
        std::ostringstream bytes;
        render::writeFlatScene(bytes, s);
        writeFile(out / "fuzz_import_reply" / "triangle.bin", bytes.str());
    }

    // Sparkplug: births, then data for every metric family, then a death.
    {
        twin::live::SparkplugEdge edge(plant, "edge1", 0);
        std::vector<std::pair<std::string, std::string>> msgs;
        const auto add = [&](const twin::live::OutgoingMessage& m) {
            msgs.emplace_back(m.topic, m.payload);
        };
        add(edge.nbirth(t0));
        add(edge.dbirth(0, t0));
        add(edge.dbirth(1, t0, StationState::Idle));
        for (const auto& e : someEvents(t0))
            if (auto m = edge.ddata(e))
                add(*m);
        add(edge.ddataStateInt(0, t0 + 95000, 3));
        add(edge.ddeath(1, t0 + 96000));
        add(edge.ndeath());
        writeFile(out / "fuzz_live_sparkplug" / "session.bin", fuzz::joinMessages(msgs));
        msgs.erase(msgs.begin() + 3, msgs.end());
        writeFile(out / "fuzz_live_sparkplug" / "births.bin", fuzz::joinMessages(msgs));
    }

    // Takt JSON: every event kind from one producer, then a duplicate.
    {
        std::vector<std::pair<std::string, std::string>> msgs;
        std::uint64_t seq = 1;
        for (const auto& e : someEvents(t0))
            if (auto m = twin::live::encodeTaktJson(plant, e, "plc1", seq++))
                msgs.emplace_back(m->topic, m->payload);
        msgs.push_back(msgs.front());
        writeFile(out / "fuzz_live_json" / "events.txt", fuzz::joinMessages(msgs));
    }
    std::printf("seeds written to %s\n", out.c_str());
    return 0;
}
