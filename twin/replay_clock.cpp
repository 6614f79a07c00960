#include "twin/replay_clock.h"

#include <algorithm>
#include <cmath>

namespace takt::twin {

ReplayClock::ReplayClock(TimeMs start, TimeMs end, TimeMs taktMs)
    : m_start(start), m_end(std::max(start, end)), m_takt(std::max<TimeMs>(1, taktMs)),
      m_position(start), m_anchorPosition(start)
{
}

TimeMs ReplayClock::clampToRange(TimeMs t) const
{
    return std::clamp(t, m_start, m_end);
}

void ReplayClock::anchor(TimeMs position, TimeMs wallMs)
{
    m_position = clampToRange(position);
    m_anchorPosition = m_position;
    m_anchorWall = wallMs;
}

void ReplayClock::play(TimeMs wallMs)
{
    TimeMs now = tick(wallMs);
    // Pressing play at the end starts over, as media players do.
    if (!m_follow && now >= m_end)
        now = m_start;
    anchor(now, wallMs);
    m_playing = true;
}

void ReplayClock::pause(TimeMs wallMs)
{
    anchor(tick(wallMs), wallMs);
    m_playing = false;
}

double ReplayClock::setSpeed(double speed, TimeMs wallMs)
{
    anchor(tick(wallMs), wallMs); // The new speed applies from now on.
    m_speed = std::isfinite(speed) ? std::clamp(speed, kMinSpeed, kMaxSpeed) : 1.0;
    return m_speed;
}

void ReplayClock::seek(TimeMs t, TimeMs wallMs)
{
    m_follow = false;
    anchor(t, wallMs);
}

void ReplayClock::stepForward(TimeMs wallMs)
{
    const TimeMs now = tick(wallMs);
    m_playing = false;
    m_follow = false;
    anchor(now + m_takt, wallMs);
}

void ReplayClock::stepBack(TimeMs wallMs)
{
    const TimeMs now = tick(wallMs);
    m_playing = false;
    m_follow = false;
    anchor(now - m_takt, wallMs);
}

TimeMs ReplayClock::tick(TimeMs wallMs)
{
    if (m_follow) {
        m_position = m_end;
        return m_position;
    }
    if (!m_playing)
        return m_position;
    const double advanced = double(wallMs - m_anchorWall) * m_speed;
    TimeMs p = m_anchorPosition + TimeMs(std::llround(advanced));
    if (p >= m_end) {
        if (m_loop && m_end > m_start) {
            p = m_start + (p - m_start) % (m_end - m_start);
        } else {
            anchor(m_end, wallMs);
            m_playing = false;
            return m_position;
        }
    }
    m_position = clampToRange(p);
    return m_position;
}

void ReplayClock::setRange(TimeMs start, TimeMs end, TimeMs wallMs)
{
    const TimeMs now = tick(wallMs);
    m_start = start;
    m_end = std::max(start, end);
    anchor(m_follow ? m_end : now, wallMs);
}

void ReplayClock::setFollowHead(bool follow, TimeMs wallMs)
{
    m_follow = follow;
    anchor(follow ? m_end : tick(wallMs), wallMs);
}

} // namespace takt::twin
