#pragma once

#include "twin/events.h"
#include "twin/plant.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace takt::twin {

class SessionStore;

/// One recording held in memory as per-channel columns sorted by time (PlotJuggler style: plain
/// vectors searched with std::lower_bound). Replay and KPIs read it; live feeds append to it.
/// Not thread-safe: one thread, or guard it yourself (the GUI pulls new events on its timer).
class RecordingData {
public:
    /// State changes of one station. `since[i]` is when the state at index i began (repeated
    /// reports of the same state do not restart it).
    struct StateColumn {
        std::vector<TimeMs> t;
        std::vector<StationState> state;
        std::vector<std::uint32_t> reason; ///< Index into text(); 0 = none.
        std::vector<TimeMs> since;
    };
    /// Parts entering and leaving one station, each sorted by time.
    struct PartColumn {
        std::vector<TimeMs> enterT, leaveT;
        std::vector<std::int64_t> enterPart, enterConfig, leavePart, leaveConfig;
    };
    /// Results at one quality checkpoint, with running counts (count up to and including i).
    struct QualityColumn {
        std::vector<TimeMs> t;
        std::vector<std::int64_t> part, config;
        std::vector<QualityResult> result;
        std::vector<std::uint32_t> defect; ///< Index into text(); 0 = none.
        std::vector<std::int64_t> passes, fails, reworks;
    };
    /// Samples of one control point.
    struct MeasurementColumn {
        std::vector<TimeMs> t;
        std::vector<double> value;
    };

    /// Empty data for `plant`, covering [startMs, endMs) (end grows with appended events).
    RecordingData(Plant plant, TimeMs startMs, TimeMs endMs);

    /// Loads a recording from a session (its plant, start and end). Throws SessionError.
    static RecordingData load(const SessionStore& store, std::int64_t recordingId);

    /// Adds one event. Events in time order are appended in O(1); an older event is inserted in
    /// place (O(n) for its channel). Events naming an unknown channel are counted in
    /// droppedEvents() and otherwise ignored.
    void append(const Event& e);

    const Plant& plant() const { return m_plant; }
    TimeMs startMs() const { return m_start; }
    TimeMs endMs() const { return m_end; }
    /// Sets the end, e.g. from the recording's end time (never before the last event).
    void setEndMs(TimeMs end);

    const StateColumn& states(int station) const { return m_states[std::size_t(station)]; }
    const PartColumn& parts(int station) const { return m_parts[std::size_t(station)]; }
    const QualityColumn& quality(int checkpoint) const
    {
        return m_quality[std::size_t(checkpoint)];
    }
    const MeasurementColumn& measurements(int cp) const { return m_measurements[std::size_t(cp)]; }
    const std::vector<Event>& alarms() const { return m_alarms; }
    /// Interned reason codes, defect codes: text(0) is "".
    const std::string& text(std::uint32_t id) const { return m_texts[id]; }
    std::uint64_t eventCount() const { return m_events; }
    std::uint64_t droppedEvents() const { return m_dropped; }
    /// Calls fn(state, from, to) for each stretch of one station's state inside [from, to), in
    /// time order, covering the whole window; Unknown before the first report. Equal
    /// consecutive states are merged.
    void forEachStateInterval(int station, TimeMs from, TimeMs to,
                              const std::function<void(StationState, TimeMs, TimeMs)>& fn) const;
    /// Line-end stations (no successors), in plant order.
    std::vector<int> lineEnds() const;

    /// Releases spare vector capacity (after a bulk load).
    void shrinkToFit();

private:
    std::uint32_t intern(const std::string& s);

    Plant m_plant;
    TimeMs m_start = 0;
    TimeMs m_end = 0;
    std::vector<StateColumn> m_states;
    std::vector<PartColumn> m_parts;
    std::vector<QualityColumn> m_quality;
    std::vector<MeasurementColumn> m_measurements;
    std::vector<Event> m_alarms;
    std::vector<std::string> m_texts{""};
    std::uint64_t m_events = 0;
    std::uint64_t m_dropped = 0;
};

/// Index of the last element <= t in a sorted time column, or -1.
inline std::ptrdiff_t lastAtOrBefore(const std::vector<TimeMs>& col, TimeMs t);

} // namespace takt::twin

#include <algorithm>

inline std::ptrdiff_t takt::twin::lastAtOrBefore(const std::vector<TimeMs>& col, TimeMs t)
{
    return std::upper_bound(col.begin(), col.end(), t) - col.begin() - 1;
}
