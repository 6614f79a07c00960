#include "render/overlay_frame.h"

#include "twin/plant.h"
#include "twin/replay.h"

namespace takt::render {

OverlayFrame buildOverlayFrame(const twin::Plant& plant, const twin::LineState& state,
                               int bottleneck)
{
    OverlayFrame f;
    f.stations.resize(plant.stations.size());
    for (std::size_t i = 0; i < plant.stations.size(); ++i) {
        auto& s = f.stations[i];
        if (i < state.stations.size()) {
            const auto& v = state.stations[i];
            s.state = v.state;
            const auto kind = plant.stations[i].kind;
            if (kind == twin::StationKind::Buffer || kind == twin::StationKind::Conveyor) {
                s.wip = static_cast<int>(v.wip);
                s.capacity = plant.stations[i].capacity;
            }
        }
        s.bottleneck = static_cast<int>(i) == bottleneck;
    }
    if (bottleneck >= 0 && std::size_t(bottleneck) < plant.stations.size())
        f.bottleneck = bottleneck;
    f.checkpoints.reserve(plant.checkpoints.size());
    for (std::size_t c = 0; c < plant.checkpoints.size(); ++c) {
        CheckpointOverlay o;
        o.station = plant.stationIndex(plant.checkpoints[c].station);
        o.id = QString::fromStdString(plant.checkpoints[c].id);
        if (c < state.checkpoints.size()) {
            const auto& v = state.checkpoints[c];
            const auto n = v.passes + v.fails + v.reworks;
            if (n > 0)
                o.fpy = double(v.passes) / double(n);
        }
        f.checkpoints.push_back(o);
    }
    return f;
}

} // namespace takt::render
