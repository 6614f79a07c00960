#pragma once

#include "twin/recording_data.h"

#include <optional>
#include <string>
#include <vector>

namespace takt::twin {

/// What one station is doing at a moment of a replay.
struct StationView {
    StationState state = StationState::Unknown; ///< Unknown before its first state report.
    TimeMs since = 0;                           ///< When this state began (ms, UTC).
    std::string reason;                         ///< Reason code of the state, if any.
    std::optional<std::int64_t> part;           ///< Part inside (the last one entered), if any.
    std::optional<std::int64_t> config;         ///< Its configuration index.
    std::int64_t partsIn = 0;                   ///< Parts entered since the recording began.
    std::int64_t partsOut = 0;                  ///< Parts left since the recording began.
    std::int64_t wip = 0;                       ///< Parts inside: partsIn - partsOut.
};

/// The latest result of one quality checkpoint at a moment, with counts so far.
struct CheckpointView {
    std::optional<QualityResult> last; ///< Unset before the first inspection.
    TimeMs at = 0;
    std::int64_t part = 0;
    std::string defectCode;
    std::int64_t passes = 0, fails = 0, reworks = 0;
};

/// The latest measurement of one control point at a moment.
struct ControlPointView {
    std::optional<double> value; ///< Unset before the first sample.
    TimeMs at = 0;
    bool outOfSpec = false; ///< value < lsl or value > usl.
};

/// The state of the whole line at one moment; vectors are indexed like the plant's stations,
/// checkpoints and control points.
struct LineState {
    TimeMs t = 0;
    std::vector<StationView> stations;
    std::vector<CheckpointView> checkpoints;
    std::vector<ControlPointView> controlPoints;
};

/// Answers "what was the line doing at time t" for a recording, in O(channels · log n): every
/// channel is a sorted column searched with a binary search, and running counts are stored
/// with the events, so no replay from the start (and no snapshot) is needed.
/// Live mode: append() events as they arrive; the head grows.
/// Measurements of a paged recording come from the session file (RecordingData).
/// Not thread-safe (one thread, typically the GUI thread). Does not throw: a paged recording's
/// file that cannot be read shows no samples there (RecordingData::fileDamage()).
class Replay {
public:
    explicit Replay(RecordingData data);

    /// The line at time t (ms, UTC); t may lie outside the recording.
    LineState stateAt(TimeMs t) const;
    /// Same, reusing `out`'s storage (for 60 frames per second without allocations).
    void stateAt(TimeMs t, LineState& out) const;

    /// Live growth: adds an event (see RecordingData::append).
    void append(const Event& e) { m_data.append(e); }
    /// Live growth: the head moves on while no event arrives (see RecordingData::setEndMs).
    void setEndMs(TimeMs end) { m_data.setEndMs(end); }
    /// Live: see RecordingData::attachFile().
    void attachFile(const std::filesystem::path& file, std::int64_t recordingId)
    {
        m_data.attachFile(file, recordingId);
    }
    /// Live: see RecordingData::pageMeasurementsBefore().
    void pageMeasurementsBefore(TimeMs t) { m_data.pageMeasurementsBefore(t); }

    const RecordingData& data() const { return m_data; }
    const Plant& plant() const { return m_data.plant(); }
    TimeMs startMs() const { return m_data.startMs(); }
    TimeMs endMs() const { return m_data.endMs(); }

private:
    RecordingData m_data;
};

} // namespace takt::twin
