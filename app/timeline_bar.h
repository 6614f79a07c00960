#pragma once

#include <QWidget>

class QComboBox;
class QLabel;
class QSlider;
class QToolButton;

namespace takt::app {

class ReplayController;

/// Play controls under the 3D view: play/pause, step one takt back and forward, speed, loop, a
/// scrubber over the recording and the time (offset from the start and clock time, UTC).
class TimelineBar : public QWidget {
    Q_OBJECT
public:
    TimelineBar(ReplayController* controller, QWidget* parent = nullptr);

    QSlider* scrubber() const { return m_slider; }

private:
    void onRange(qint64 start, qint64 end);
    void onPosition(qint64 t);

    ReplayController* m_controller;
    QToolButton* m_play;
    QSlider* m_slider;
    QLabel* m_time;
    QComboBox* m_speed;
    qint64 m_start = 0;
    qint64 m_end = 0;
};

/// "hh:mm:ss" for a duration in milliseconds.
QString formatOffset(qint64 ms);

} // namespace takt::app
