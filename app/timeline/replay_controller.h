#pragma once

#include "app/document.h"
#include "render/overlay_types.h"
#include "twin/replay.h"
#include "twin/replay_clock.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <memory>
#include <optional>

namespace takt::app {

/// Plays a document's recording: owns the replay clock, advances it on a timer while playing
/// and publishes the line state at the current time, with the overlay frame that
/// render::buildOverlayFrame() makes of it (frameChanged(): the 3D view connects to it
/// directly). GUI thread.
class ReplayController : public QObject {
    Q_OBJECT
public:
    explicit ReplayController(QObject* parent = nullptr);

    /// Starts over with a document's recording (paused at its start); none for other documents.
    void setDocument(std::shared_ptr<const Document> doc);
    bool hasRecording() const { return m_clock.has_value(); }
    /// The document whose recording plays (null: none).
    std::shared_ptr<const Document> document() const { return m_doc; }

    twin::TimeMs startMs() const;
    twin::TimeMs endMs() const;
    twin::TimeMs position() const;
    bool isPlaying() const;
    /// The user is dragging through the recording (the scrubber's mouse button is down):
    /// views that are slow to update may follow less often than every position.
    bool isScrubbing() const { return m_scrubbing; }
    double speed() const;
    bool loops() const;
    const twin::LineState& lineState() const { return m_state; }
    /// The momentary bottleneck at the current position (-1: none), as the frame shows it.
    int bottleneck() const { return m_frame.bottleneck; }
    /// What the 3D view shows at the current position: for a document with a plant but no
    /// recording, every station unknown; empty without a plant.
    const render::OverlayFrame& overlayFrame() const { return m_frame; }
    /// Live: the view stays on the head of the growing recording (End key; a seek leaves it).
    bool followsLive() const { return m_following; }
    /// Live: the document's recording grew; the range takes its new end (rangeChanged() only
    /// when `announce`: the timeline repaints its lanes then) and the line is shown again.
    void extendLive(bool announce);

public slots:
    void play();
    void pause();
    void togglePlay();
    void setSpeed(double speed);
    void setLoop(bool loop);
    void seek(qint64 t);
    void stepForward();
    void stepBack();
    void setScrubbing(bool scrubbing);
    void setFollowLive(bool follow);

signals:
    void positionChanged(qint64 t);
    void playingChanged(bool playing);
    void speedChanged(double speed);
    void rangeChanged(qint64 start, qint64 end);
    void scrubbingChanged(bool scrubbing);
    void followLiveChanged(bool follow);
    /// The overlay frame changed (a new position or a new document); emitted before
    /// positionChanged(), so that views reading the frame there see the new one.
    void frameChanged(const render::OverlayFrame& frame);

private:
    twin::TimeMs wallMs() const { return m_wall.elapsed(); }
    void publish(twin::TimeMs t);
    void publishFrame(int bottleneck);

    std::shared_ptr<const Document> m_doc;
    std::optional<twin::ReplayClock> m_clock;
    twin::LineState m_state;
    render::OverlayFrame m_frame;
    bool m_scrubbing = false;
    bool m_following = false;
    QElapsedTimer m_wall;
    QTimer m_timer;
};

} // namespace takt::app
