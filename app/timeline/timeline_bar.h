#pragma once

#include <QWidget>

#include "app/document.h"
#include "app/timeline_scrubber.h"

#include <memory>

class QComboBox;
class QLabel;
class QToolButton;

namespace takt::app {

class ReplayController;

/// Play controls under the 3D view: play/pause, step one takt back and forward, speed, loop, the
/// time (offset from the start and clock time, UTC) and, below them, the scrubber with one state
/// lane per station, event markers, bookmark flags and the playhead. GUI thread.
class TimelineBar : public QWidget {
    Q_OBJECT
public:
    TimelineBar(ReplayController* controller, QWidget* parent = nullptr);

    TimelineScrubber* scrubber() const { return m_scrubber; }
    QToolButton* playButton() const { return m_play; }
    QComboBox* speedBox() const { return m_speed; }
    /// Bookmarks and annotations to show as flags.
    void setFlags(std::vector<TimelineFlag> flags) { m_scrubber->setFlags(std::move(flags)); }

private:
    void onRange(qint64 start, qint64 end);
    void onPosition(qint64 t);

    ReplayController* m_controller;
    QToolButton* m_play;
    TimelineScrubber* m_scrubber;
    std::shared_ptr<const Document> m_doc; ///< Keeps the scrubber's recording alive.
    QLabel* m_time;
    QComboBox* m_speed;
    qint64 m_start = 0;
    qint64 m_end = 0;
};

} // namespace takt::app
