#include "twin/replay.h"

namespace takt::twin {

Replay::Replay(RecordingData data) : m_data(std::move(data)) {}

LineState Replay::stateAt(TimeMs t) const
{
    LineState s;
    stateAt(t, s);
    return s;
}

void Replay::stateAt(TimeMs t, LineState& out) const
{
    const auto& plant = m_data.plant();
    out.t = t;
    out.stations.resize(plant.stations.size());
    out.checkpoints.resize(plant.checkpoints.size());
    out.controlPoints.resize(plant.controlPoints.size());

    for (std::size_t i = 0; i < plant.stations.size(); ++i) {
        auto& v = out.stations[i];
        const auto& sc = m_data.states(int(i));
        if (const auto k = lastAtOrBefore(sc.t, t); k >= 0) {
            v.state = sc.state[std::size_t(k)];
            v.since = sc.since[std::size_t(k)];
            v.reason = m_data.text(sc.reason[std::size_t(k)]);
        } else {
            v.state = StationState::Unknown;
            v.since = m_data.startMs();
            v.reason.clear();
        }
        const auto& pc = m_data.parts(int(i));
        const auto in = lastAtOrBefore(pc.enterT, t) + 1;
        const auto outCount = lastAtOrBefore(pc.leaveT, t) + 1;
        v.partsIn = in;
        v.partsOut = outCount;
        v.wip = in - outCount;
        if (v.wip > 0) {
            v.part = pc.enterPart[std::size_t(in - 1)];
            v.config = pc.enterConfig[std::size_t(in - 1)];
        } else {
            v.part.reset();
            v.config.reset();
        }
    }

    for (std::size_t i = 0; i < plant.checkpoints.size(); ++i) {
        auto& v = out.checkpoints[i];
        const auto& qc = m_data.quality(int(i));
        if (const auto k = lastAtOrBefore(qc.t, t); k >= 0) {
            const auto j = std::size_t(k);
            v.last = qc.result[j];
            v.at = qc.t[j];
            v.part = qc.part[j];
            v.defectCode = m_data.text(qc.defect[j]);
            v.passes = qc.passes[j];
            v.fails = qc.fails[j];
            v.reworks = qc.reworks[j];
        } else {
            v = CheckpointView{};
        }
    }

    for (std::size_t i = 0; i < plant.controlPoints.size(); ++i) {
        auto& v = out.controlPoints[i];
        if (const auto m = m_data.latestMeasurement(int(i), t)) {
            const auto& cp = plant.controlPoints[i];
            v.value = m->value;
            v.at = m->t;
            v.outOfSpec = m->value < cp.lsl || m->value > cp.usl;
        } else {
            v = ControlPointView{};
        }
    }
}

} // namespace takt::twin
