// libFuzzer target: the Sparkplug B host decoder (twin/live/sparkplug.*). One input is a sequence
// of MQTT messages (fuzz_live_support.h) fed to one decoder in order, so births, aliases and
// sequence numbers carry over from one message to the next. Rebirth requests are on, so that
// path runs too. The decoder must never throw or crash, and its counters must add up.

#include "fuzz_live_support.h"
#include "twin/live/sparkplug.h"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static const takt::twin::Plant plant = takt::fuzz::livePlant();
    takt::twin::live::DecoderOptions options;
    options.sparkplugRebirth = true;
    takt::twin::live::SparkplugDecoder decoder(plant, options);
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
    for (const int s : c.staleStations)
        if (s < 0 || static_cast<std::size_t>(s) >= plant.stations.size())
            std::abort();
    return 0;
}
