// libFuzzer target: the plant manifest parser (twin/manifest.*). Any input either parses or is
// refused with ManifestError; nothing else may escape. A manifest that parses is written back
// (writePlantManifest) and must parse again to the same plant: the writer is the parser's inverse.

#include "twin/manifest.h"

#include <cstdint>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace takt::twin;
    const std::string text(reinterpret_cast<const char*>(data), size);
    Plant plant;
    try {
        plant = parsePlantManifest(text, "fuzz.json", "/nonexistent", LayoutPolicy::Ignore);
    } catch (const ManifestError&) {
        return 0;
    }
    const std::string again = writePlantManifest(plant, "");
    try {
        const Plant second = parsePlantManifest(again, "again.json", {}, LayoutPolicy::Ignore);
        if (writePlantManifest(second, "") != again)
            std::abort(); // the round trip changed the plant
    } catch (const ManifestError&) {
        std::abort(); // what the writer wrote, the parser must read
    }
    return 0;
}
