#include "app/replay_controller.h"

namespace takt::app {

ReplayController::ReplayController(QObject* parent) : QObject(parent)
{
    m_wall.start();
    // About 30 updates a second: smooth for the eye, cheap for a software renderer.
    m_timer.setInterval(33);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        if (!m_clock)
            return;
        const bool wasPlaying = m_clock->playing();
        publish(m_clock->tick(wallMs()));
        if (wasPlaying && !m_clock->playing()) {
            m_timer.stop();
            emit playingChanged(false);
        }
    });
}

void ReplayController::setDocument(std::shared_ptr<const Document> doc)
{
    m_timer.stop();
    m_doc = std::move(doc);
    m_clock.reset();
    m_state = {};
    if (m_following)
        emit followLiveChanged(m_following = false);
    if (!m_doc || !m_doc->replay) {
        // A plant without a recording shows its stations as unknown, as `takt render` does.
        publishFrame(-1);
        emit playingChanged(false);
        return;
    }
    const auto& replay = *m_doc->replay;
    m_clock.emplace(replay.startMs(), replay.endMs(),
                    static_cast<twin::TimeMs>(replay.plant().taktS * 1000.0));
    m_clock->setSpeed(60.0, wallMs()); // a shift minute a second: the line visibly moves
    emit rangeChanged(replay.startMs(), replay.endMs());
    emit speedChanged(m_clock->speed());
    emit playingChanged(false);
    publish(m_clock->position());
}

twin::TimeMs ReplayController::startMs() const
{
    return m_clock ? m_clock->start() : 0;
}
twin::TimeMs ReplayController::endMs() const
{
    return m_clock ? m_clock->end() : 0;
}
twin::TimeMs ReplayController::position() const
{
    return m_clock ? m_clock->position() : 0;
}
bool ReplayController::isPlaying() const
{
    // Following the live head, the position moves by itself: for the views that is playing.
    return m_clock && (m_clock->playing() || m_following);
}
double ReplayController::speed() const
{
    return m_clock ? m_clock->speed() : 1.0;
}
bool ReplayController::loops() const
{
    return m_clock && m_clock->loop();
}

void ReplayController::play()
{
    if (!m_clock || isPlaying())
        return;
    if (m_clock->position() >= m_clock->end() && !m_clock->loop() && !m_following)
        m_clock->seek(m_clock->start(), wallMs());
    m_clock->play(wallMs());
    m_timer.start();
    emit playingChanged(true);
}

void ReplayController::pause()
{
    if (!m_clock || !isPlaying())
        return;
    m_clock->setFollowHead(false, wallMs()); // pausing a live view stops at the head
    m_clock->pause(wallMs());
    m_timer.stop();
    publish(m_clock->position());
    emit playingChanged(false);
}

void ReplayController::togglePlay()
{
    isPlaying() ? pause() : play();
}

void ReplayController::setSpeed(double speed)
{
    if (!m_clock)
        return;
    emit speedChanged(m_clock->setSpeed(speed, wallMs()));
}

void ReplayController::setLoop(bool loop)
{
    if (m_clock)
        m_clock->setLoop(loop);
}

void ReplayController::setScrubbing(bool scrubbing)
{
    if (scrubbing == m_scrubbing)
        return;
    m_scrubbing = scrubbing;
    emit scrubbingChanged(scrubbing);
}

void ReplayController::setFollowLive(bool follow)
{
    if (!m_clock)
        return;
    m_clock->setFollowHead(follow, wallMs());
    publish(m_clock->position());
}

void ReplayController::extendLive(bool announce)
{
    if (!m_clock || !m_doc || !m_doc->replay)
        return;
    m_clock->setRange(m_doc->replay->startMs(), m_doc->replay->endMs(), wallMs());
    if (announce)
        emit rangeChanged(m_clock->start(), m_clock->end());
    publish(m_clock->position());
}

void ReplayController::seek(qint64 t)
{
    if (!m_clock)
        return;
    m_clock->seek(t, wallMs());
    publish(m_clock->position());
}

void ReplayController::stepForward()
{
    if (!m_clock)
        return;
    const bool was = m_clock->playing();
    m_clock->stepForward(wallMs());
    m_timer.stop();
    publish(m_clock->position());
    if (was)
        emit playingChanged(false);
}

void ReplayController::stepBack()
{
    if (!m_clock)
        return;
    const bool was = m_clock->playing();
    m_clock->stepBack(wallMs());
    m_timer.stop();
    publish(m_clock->position());
    if (was)
        emit playingChanged(false);
}

void ReplayController::publish(twin::TimeMs t)
{
    m_doc->replay->stateAt(t, m_state);
    publishFrame(m_doc->bottlenecks ? m_doc->bottlenecks->at(t).station : -1);
    emit positionChanged(t);
    if (m_clock->followingHead() != m_following) { // a seek or a step leaves the live head
        m_following = m_clock->followingHead();
        emit followLiveChanged(m_following);
        emit playingChanged(isPlaying());
    }
}

void ReplayController::publishFrame(int bottleneck)
{
    m_frame = m_doc && m_doc->plant ? render::buildOverlayFrame(*m_doc->plant, m_state, bottleneck)
                                    : render::OverlayFrame{};
    emit frameChanged(m_frame);
}

} // namespace takt::app
