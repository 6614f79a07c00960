#pragma once

#include "twin/events.h"
#include "twin/measurement_summary.h"
#include "twin/plant.h"
#include "twin/state_overview.h"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace takt::twin {

class SessionStore;
namespace detail {
class MeasurementPager;
}

/// Where a loaded recording keeps its control-point measurements (~10 M per shift of the
/// reference plant, 99 % of its events).
enum class MeasurementStorage {
    Paged,    ///< Read from the session file when asked (bounded memory however long it runs).
    InMemory, ///< All held in memory (tests compare both).
};

/// One recording as per-channel columns sorted by time (PlotJuggler style: plain vectors
/// searched with std::lower_bound). Replay and KPIs read it; live feeds append to it.
/// Station states, part moves, quality results and alarms (tens of thousands per shift) are held
/// in memory. Measurements are held in memory only from pagedBefore() on; older ones are read
/// from the session file on demand (see MeasurementStorage and pageMeasurementsBefore()).
/// Not thread-safe: one thread, or guard it yourself (the GUI pulls new events on its timer);
/// the file reads behind the measurement accessors are guarded, so const calls from a worker
/// thread while the GUI thread reads are safe.
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
    /// Samples of one control point held in memory.
    struct MeasurementColumn {
        std::vector<TimeMs> t;
        std::vector<double> value;
    };

    /// Empty data for `plant`, covering [startMs, endMs) (end grows with appended events).
    RecordingData(Plant plant, TimeMs startMs, TimeMs endMs);

    /// Loads a recording from a session (its plant, start and end). Paged (the default) reads
    /// no measurement now: they stay in the file, read through a read-only connection of this
    /// object's own when asked. Throws SessionError.
    static RecordingData load(const SessionStore& store, std::int64_t recordingId,
                              MeasurementStorage storage = MeasurementStorage::Paged);

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
    /// The latest sample of control point `cp` at or before t, or nullopt. From memory, or from
    /// the file (two index seeks, remembered while t stays between the same two samples).
    /// The file accessors throw nothing: a read that fails (a damaged page) answers "no samples"
    /// from then on and fileDamage() says why.
    std::optional<MeasurementSample> latestMeasurement(int cp, TimeMs t) const;
    /// Calls fn(t, value) for each sample of `cp` in [from, to), in time order (ties in the order
    /// stored). fn must not call back into this object.
    void forEachMeasurement(int cp, TimeMs from, TimeMs to,
                            const std::function<void(TimeMs, double)>& fn) const;
    /// Number of samples of `cp` in [from, to).
    std::size_t measurementCount(int cp, TimeMs from, TimeMs to) const;
    /// Summary of the samples of `cp` in [from, to) (out of spec against the plant's limits):
    /// whole minutes come from the file's minute summaries, not from the samples.
    MeasurementSummary measurementSummary(int cp, TimeMs from, TimeMs to) const;
    /// The one line of the first failed read of samples from the file ("FILE: is damaged
    /// (...); it was not modified"), or nullopt. load() refuses a file whose first and last
    /// samples cannot be read; damage found later leaves the samples behind it unread.
    std::optional<std::string> fileDamage() const;
    /// For a command that must not print an answer computed without some samples: throws Error
    /// with fileDamage()'s line when a read so far met a damaged page; otherwise nothing.
    void throwIfFileDamaged() const;
    /// Samples of measurements held in memory now (all of them for an in-memory recording).
    std::size_t measurementsInMemory() const;
    /// Measurements before this time are read from the session file, from it on from memory.
    TimeMs pagedBefore() const { return m_pagedBefore; }

    /// Live: the recording is being written to `file` as recording `recordingId` (by an
    /// EventWriter); from now on pageMeasurementsBefore() may drop committed samples from memory.
    /// Throws SessionError when the file cannot be opened for reading.
    void attachFile(const std::filesystem::path& file, std::int64_t recordingId);
    /// Live: drops the in-memory samples before t (which must be committed to the attached file)
    /// and reads them from the file from now on. Samples appended later with a time before t are
    /// not held either (the file has them). No-op without attachFile() or when t is not later.
    void pageMeasurementsBefore(TimeMs t);
    const std::vector<Event>& alarms() const { return m_alarms; }
    /// Interned reason codes, defect codes: text(0) is "".
    const std::string& text(std::uint32_t id) const { return m_texts[id]; }
    /// Events of the recording, those in the file included (the minute summaries' count for a
    /// paged recording).
    std::uint64_t eventCount() const;
    std::uint64_t droppedEvents() const { return m_dropped; }
    /// Calls fn(state, from, to) for each stretch of one station's state inside [from, to), in
    /// time order, covering the whole window; Unknown before the first report. Equal
    /// consecutive states are merged.
    void forEachStateInterval(int station, TimeMs from, TimeMs to,
                              const std::function<void(StationState, TimeMs, TimeMs)>& fn) const;
    /// Time (ms) `station` spent in each state over [from, to), Unknown before its first report:
    /// whole minutes between its first and last change from the state overview, the rest from
    /// its changes (equal to summing forEachStateInterval()).
    StateOverview::Times stateTimes(int station, TimeMs from, TimeMs to) const;
    /// Per-minute time in each state of every station, kept as state changes arrive (it covers
    /// each station up to its latest change; after it the station is in states(s).state.back()).
    const StateOverview& stateOverview() const { return m_overview; }
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
    StateOverview m_overview;
    std::vector<PartColumn> m_parts;
    std::vector<QualityColumn> m_quality;
    std::vector<MeasurementColumn> m_measurements;
    std::vector<Event> m_alarms;
    std::vector<std::string> m_texts{""};
    std::shared_ptr<detail::MeasurementPager> m_pager; // shared by copies; null: all in memory
    TimeMs m_pagedBefore = std::numeric_limits<TimeMs>::min();
    bool m_countFileMeasurements = false; // eventCount() adds the file's samples (paged load)
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
