#pragma once

#include "app/timeline_markers.h"

#include <QImage>
#include <QWidget>

#include <vector>

class QPainter;

namespace takt::twin {
class RecordingData;
}

namespace takt::app {

/// A flag above the lanes: a bookmark or an annotation.
struct TimelineFlag {
    enum class Kind { Bookmark, Annotation };
    Kind kind = Kind::Bookmark;
    qint64 t = 0;
    QString text;
};

/// The timeline's scrubber: one lane per station coloured by its state over the whole recording
/// (render::stateColor), event markers and flags above the lanes, and the playhead. The lanes and
/// markers are painted once per recording and size into an image, so a repaint while scrubbing
/// is one image blit and a line. Pressing or dragging anywhere asks to seek. GUI thread.
class TimelineScrubber : public QWidget {
    Q_OBJECT
public:
    explicit TimelineScrubber(QWidget* parent = nullptr);

    /// The recording to show (not owned; must outlive the widget or be replaced); null: empty.
    void setRecording(const twin::RecordingData* data);
    void setPosition(qint64 t);
    void setFlags(std::vector<TimelineFlag> flags);

    qint64 position() const { return m_position; }
    const std::vector<TimelineMarker>& markers() const { return m_markers; }
    /// The time under x (widget coordinates), clamped to the recording.
    qint64 timeAt(int x) const;
    /// The x of a time (widget coordinates).
    double xOf(qint64 t) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    /// The user pressed or dragged on the scrubber.
    void seekRequested(qint64 t);
    /// The left button went down on the scrubber (true) or up again (false).
    void draggingChanged(bool dragging);

protected:
    bool event(QEvent* e) override;
    void paintEvent(QPaintEvent*) override;
    void mousePressEvent(QMouseEvent* e) override;
    void mouseMoveEvent(QMouseEvent* e) override;
    void mouseReleaseEvent(QMouseEvent* e) override;
    void resizeEvent(QResizeEvent*) override;

private:
    QRect lanesRect() const;
    void renderCache();
    /// One station's lane of a long recording, column by column from the state overview.
    void paintOverviewLane(QPainter& p, int station, double y0, double h) const;
    QString toolTipAt(const QPoint& p) const;

    const twin::RecordingData* m_data = nullptr;
    std::vector<TimelineMarker> m_markers;
    std::vector<TimelineFlag> m_flags;
    QImage m_cache;
    qint64 m_start = 0;
    qint64 m_end = 0;
    qint64 m_position = 0;
    bool m_dragging = false;
};

} // namespace takt::app
