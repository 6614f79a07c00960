#pragma once

#include "twin/events.h"

namespace takt::twin {

/// The playback position of a replay, driven by the caller: it never reads a clock itself, the
/// GUI passes the wall-clock time (ms, any monotonic origin) to every call that needs it, so
/// tests run it without waiting. Play, pause, speed 0.1x to 3600x (clamped), loop within
/// [start, end], step by one takt, seek, and follow the head of a growing (live) recording.
/// Positions are ms since the Unix epoch, always within [start, end].
/// Not thread-safe (the GUI thread). Does not throw.
class ReplayClock {
public:
    static constexpr double kMinSpeed = 0.1;
    static constexpr double kMaxSpeed = 3600.0;

    /// A paused clock at `start`. `taktMs` is the step of stepForward/stepBack.
    ReplayClock(TimeMs start, TimeMs end, TimeMs taktMs);

    void play(TimeMs wallMs);
    void pause(TimeMs wallMs);
    bool playing() const { return m_playing; }

    /// Replay seconds per wall-clock second, clamped to [0.1, 3600]; returns the value applied.
    double setSpeed(double speed, TimeMs wallMs);
    double speed() const { return m_speed; }

    /// When on, playback wraps from end to start instead of stopping at the end.
    void setLoop(bool loop) { m_loop = loop; }
    bool loop() const { return m_loop; }

    /// Jumps to t (clamped to the range); stops following the head.
    void seek(TimeMs t, TimeMs wallMs);
    /// Pauses and moves one takt forward or back (clamped).
    void stepForward(TimeMs wallMs);
    void stepBack(TimeMs wallMs);

    /// The position at wall time `wallMs`; stops (pauses) at the end unless looping or following.
    TimeMs tick(TimeMs wallMs);
    /// The position computed by the last call.
    TimeMs position() const { return m_position; }

    /// Changes the range (a live recording grows); the position is clamped into it.
    void setRange(TimeMs start, TimeMs end, TimeMs wallMs);
    TimeMs start() const { return m_start; }
    TimeMs end() const { return m_end; }

    /// Live mode: while following, the position is the end (the head) whatever the wall time.
    /// seek() and the steps stop following; call this again (a "live" button) to resume.
    void setFollowHead(bool follow, TimeMs wallMs);
    bool followingHead() const { return m_follow; }

private:
    void anchor(TimeMs position, TimeMs wallMs);
    TimeMs clampToRange(TimeMs t) const;

    TimeMs m_start, m_end, m_takt;
    TimeMs m_position;
    TimeMs m_anchorPosition, m_anchorWall = 0;
    double m_speed = 1.0;
    bool m_playing = false;
    bool m_loop = false;
    bool m_follow = false;
};

} // namespace takt::twin
