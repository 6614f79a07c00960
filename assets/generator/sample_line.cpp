#include "sample_line.h"

#include <stdexcept>

namespace takt::assets {

const std::vector<SegmentBlueprint>& sampleSegments()
{
    static const std::vector<SegmentBlueprint> segments{
        {"body", "Body shop", 0},
        {"paint", "Paint shop", 1},
        {"ga-trim", "General assembly: trim", 2},
        {"ga-chassis", "General assembly: chassis", 3},
        {"ga-marriage", "General assembly: battery marriage", 3},
        {"ga-final", "General assembly: final", 4},
        {"eol", "End-of-line test", 4},
    };
    return segments;
}

const std::vector<StationBlueprint>& sampleStations()
{
    static const std::vector<StationBlueprint> stations = [] {
        auto all = detail::bodyAndPaintStations();
        auto rest = detail::assemblyAndTestStations();
        all.insert(all.end(), rest.begin(), rest.end());
        return all;
    }();
    return stations;
}

int laneOf(const StationBlueprint& station)
{
    for (const auto& s : sampleSegments())
        if (s.id == station.segment)
            return s.lane;
    throw std::logic_error("station " + station.id + " has unknown segment " + station.segment);
}

} // namespace takt::assets
