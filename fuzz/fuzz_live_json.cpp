// libFuzzer target: the Takt JSON live decoder (twin/live/takt_json.*). One input is a sequence
// of MQTT messages (fuzz_live_support.h) fed to one decoder in order, so sequence tracking sees
// duplicates and gaps. The decoder must never throw or crash, and its counters must add up.

#include "fuzz_live_support.h"
#include "twin/live/takt_json.h"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static const takt::twin::Plant plant = takt::fuzz::livePlant();
    takt::twin::live::TaktJsonDecoder decoder(plant);
    std::uint64_t events = 0;
    const auto messages = takt::fuzz::splitMessages(data, size);
    for (const auto& m : messages) {
        const auto r = decoder.decode(m);
        if (r.error && !r.events.empty())
            std::abort(); // a rejected message must not deliver events
        events += r.events.size();
    }
    const auto& c = decoder.counters();
    if (c.messages != messages.size() || c.events != events)
        std::abort();
    return 0;
}
