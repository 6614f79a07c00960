#pragma once

#include <cstdint>
#include <set>

namespace takt::twin::live {

/// Duplicate and gap detection for one producer's sequence numbers (1, 2, 3, ...).
/// A number at or below the highest seen is a duplicate unless it was skipped before (then it
/// fills its gap: QoS 1 redelivery after a reconnect may reorder). Remembers at most
/// kMaxMissing skipped numbers. One thread at a time.
class SequenceTracker {
public:
    static constexpr std::size_t kMaxMissing = 65'536;
    enum class Verdict { New, Duplicate, FillsGap };

    /// Classifies `seq`; `gapsOpened` receives how many numbers it skipped.
    Verdict accept(std::uint64_t seq, std::uint64_t& gapsOpened)
    {
        gapsOpened = 0;
        if (!m_started) {
            m_started = true;
            m_highest = seq;
            return Verdict::New;
        }
        if (seq > m_highest) {
            gapsOpened = seq - m_highest - 1;
            for (std::uint64_t s = m_highest + 1; s < seq && m_missing.size() < kMaxMissing; ++s)
                m_missing.insert(s);
            m_highest = seq;
            return Verdict::New;
        }
        if (m_missing.erase(seq))
            return Verdict::FillsGap;
        return Verdict::Duplicate;
    }

private:
    bool m_started = false;
    std::uint64_t m_highest = 0;
    std::set<std::uint64_t> m_missing;
};

} // namespace takt::twin::live
