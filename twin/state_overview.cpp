#include "twin/state_overview.h"

#include "twin/measurement_summary.h"

#include <algorithm>

namespace takt::twin {

StateOverview::StateOverview(std::size_t stations, TimeMs origin)
    : m_origin(summaryBucketOf(origin) * kBucketMs), m_ms(stations)
{
}

void StateOverview::add(int station, StationState state, TimeMs from, TimeMs to)
{
    if (station < 0 || std::size_t(station) >= m_ms.size())
        return;
    from = std::max(from, m_origin);
    if (to <= from)
        return;
    auto& col = m_ms[std::size_t(station)];
    const auto last = std::size_t((to - 1 - m_origin) / kBucketMs);
    if (col.size() <= last)
        col.resize(last + 1, {});
    for (auto b = std::size_t((from - m_origin) / kBucketMs); b <= last; ++b) {
        const TimeMs a = std::max(from, m_origin + TimeMs(b) * kBucketMs);
        const TimeMs z = std::min(to, m_origin + TimeMs(b + 1) * kBucketMs);
        col[b][std::size_t(state)] = std::uint16_t(col[b][std::size_t(state)] + (z - a));
    }
}

void StateOverview::clear(int station)
{
    if (station >= 0 && std::size_t(station) < m_ms.size())
        m_ms[std::size_t(station)].clear();
}

void StateOverview::sum(int station, std::int64_t b0, std::int64_t b1, Times& out) const
{
    if (station < 0 || std::size_t(station) >= m_ms.size())
        return;
    const auto& col = m_ms[std::size_t(station)];
    const auto end = std::min<std::int64_t>(b1, std::int64_t(col.size()));
    for (auto b = std::max<std::int64_t>(b0, 0); b < end; ++b)
        for (int s = 0; s < kStationStateCount; ++s)
            out[std::size_t(s)] += col[std::size_t(b)][std::size_t(s)];
}

} // namespace takt::twin
