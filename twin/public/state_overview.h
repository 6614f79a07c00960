#pragma once

#include "twin/events.h"

#include <array>
#include <cstdint>
#include <vector>

namespace takt::twin {

/// Time each station spent in each state per minute, kept as state changes arrive (a summary
/// of RecordingData's state columns): the overview of a recording of days (the timeline's lanes
/// when a pixel spans minutes) is read from it, not from every state change. 14 bytes per
/// station and minute (~3 MB for 50 stations over 72 h).
/// Not thread-safe (owned by a RecordingData). Does not throw (except std::bad_alloc).
class StateOverview {
public:
    static constexpr TimeMs kBucketMs = 60'000;
    using Times = std::array<TimeMs, kStationStateCount>; ///< ms per state, by enum value.

    StateOverview() = default;
    /// Buckets start at `origin` rounded down to a minute; earlier times are not summarised.
    StateOverview(std::size_t stations, TimeMs origin);

    /// Adds that `station` was in `state` over [from, to) (ms).
    void add(int station, StationState state, TimeMs from, TimeMs to);
    /// Forgets a station (before it is summed up again).
    void clear(int station);
    /// Start of the first bucket.
    TimeMs origin() const { return m_origin; }
    /// Adds to `out` the time per state of `station` over whole buckets [b0, b1) (indices from
    /// origin(); buckets never filled count nothing).
    void sum(int station, std::int64_t b0, std::int64_t b1, Times& out) const;

private:
    TimeMs m_origin = 0;
    std::vector<std::vector<std::array<std::uint16_t, kStationStateCount>>> m_ms;
};

} // namespace takt::twin
