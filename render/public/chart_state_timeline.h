#pragma once

#include "render/chart_base.h"
#include "twin/events.h"

#include <QString>

#include <cstdint>
#include <vector>

namespace takt::render {

/// One stretch of time a station spent in one state. Times are milliseconds from the start of
/// the shift; the state is drawn with stateColor().
struct StateSegment {
    std::int64_t startMs = 0;
    std::int64_t endMs = 0;
    twin::StationState state = twin::StationState::Unknown;
    bool operator==(const StateSegment&) const = default;
};

/// The state history of one station: its display name and its segments (any order; empty or
/// reversed segments are ignored).
struct StateLane {
    QString name;
    std::vector<StateSegment> segments;
};

/// What a state timeline shows.
struct StateTimelineData {
    QString title = QStringLiteral("Station states");
    std::int64_t spanMs = 0;      ///< length of the time axis; 0: up to the last segment's end
    std::vector<StateLane> lanes; ///< top to bottom
};

/// Gantt-like chart: one horizontal lane per station, its state segments coloured with
/// stateColor(), a time axis in h:mm from shift start, and a legend of the states present.
class StateTimelineChart : public Chart {
public:
    /// Makes a chart of `data`. Never throws on odd data (empty lanes draw as empty).
    explicit StateTimelineChart(StateTimelineData data);
    ~StateTimelineChart() override;

    /// The data the chart shows.
    const StateTimelineData& data() const { return m_data; }
    bool hasTimeAxis() const override { return true; }

private:
    void build(ChartScene& scene) const override;

    StateTimelineData m_data;
};

} // namespace takt::render
