#pragma once

#include "twin/events.h"

#include <algorithm>
#include <cstddef>
#include <vector>

namespace takt::twin {

/// Sorted, disjoint intervals added in order, with prefix sums: the length covered inside any
/// [a, b) in O(log n). Used by the KPIs (a station's working time) and the calibration.
class IntervalCoverage {
public:
    void add(TimeMs a, TimeMs b)
    {
        m_start.push_back(a);
        m_end.push_back(b);
        m_prefix.push_back((m_prefix.empty() ? 0 : m_prefix.back()) + (b - a));
    }
    TimeMs covered(TimeMs a, TimeMs b) const { return b > a ? before(b) - before(a) : 0; }

private:
    TimeMs before(TimeMs t) const
    {
        const auto n =
            std::size_t(std::lower_bound(m_start.begin(), m_start.end(), t) - m_start.begin());
        if (n == 0)
            return 0;
        return (n > 1 ? m_prefix[n - 2] : 0) + (std::min(m_end[n - 1], t) - m_start[n - 1]);
    }
    std::vector<TimeMs> m_start, m_end, m_prefix;
};

} // namespace takt::twin
