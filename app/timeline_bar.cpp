#include "app/timeline_bar.h"

#include "app/replay_controller.h"

#include <QComboBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QSlider>
#include <QStyle>
#include <QToolButton>

namespace takt::app {

QString formatOffset(qint64 ms)
{
    const qint64 s = std::max<qint64>(0, ms / 1000);
    return QStringLiteral("%1:%2:%3")
        .arg(s / 3600, 2, 10, QLatin1Char('0'))
        .arg((s / 60) % 60, 2, 10, QLatin1Char('0'))
        .arg(s % 60, 2, 10, QLatin1Char('0'));
}

TimelineBar::TimelineBar(ReplayController* controller, QWidget* parent)
    : QWidget(parent),
      m_controller(controller),
      m_play(new QToolButton(this)),
      m_slider(new QSlider(Qt::Horizontal, this)),
      m_time(new QLabel(this)),
      m_speed(new QComboBox(this))
{
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 2, 6, 2);
    auto button = [this](QStyle::StandardPixmap icon, const QString& tip) {
        auto* b = new QToolButton(this);
        b->setIcon(style()->standardIcon(icon));
        b->setToolTip(tip);
        b->setAutoRaise(true);
        return b;
    };
    auto* back = button(QStyle::SP_MediaSeekBackward, tr("Step back one takt ([)"));
    auto* fwd = button(QStyle::SP_MediaSeekForward, tr("Step forward one takt (])"));
    m_play->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
    m_play->setToolTip(tr("Play / pause (Space)"));
    m_play->setAutoRaise(true);
    auto* loop = button(QStyle::SP_BrowserReload, tr("Loop"));
    loop->setCheckable(true);

    for (double s : {0.1, 0.5, 1.0, 2.0, 5.0, 10.0, 30.0, 60.0, 120.0, 300.0, 600.0, 1800.0, 3600.0})
        m_speed->addItem(QStringLiteral("%1×").arg(s), s);
    m_speed->setToolTip(tr("Replay speed: shift seconds per second"));
    m_slider->setRange(0, 0);
    m_slider->setToolTip(tr("Drag to scrub through the shift"));
    m_time->setMinimumWidth(230);
    m_time->setFont(QFont(QStringLiteral("DejaVu Sans Mono")));

    layout->addWidget(back);
    layout->addWidget(m_play);
    layout->addWidget(fwd);
    layout->addWidget(loop);
    layout->addWidget(m_speed);
    layout->addWidget(m_slider, 1);
    layout->addWidget(m_time);

    connect(back, &QToolButton::clicked, controller, &ReplayController::stepBack);
    connect(fwd, &QToolButton::clicked, controller, &ReplayController::stepForward);
    connect(m_play, &QToolButton::clicked, controller, &ReplayController::togglePlay);
    connect(loop, &QToolButton::toggled, controller, &ReplayController::setLoop);
    connect(m_speed, &QComboBox::activated, this,
            [this](int i) { m_controller->setSpeed(m_speed->itemData(i).toDouble()); });
    // The scrubber works in seconds from the start: an int range covers years of recording.
    connect(m_slider, &QSlider::valueChanged, this, [this](int v) {
        if (m_slider->isSliderDown())
            m_controller->seek(m_start + qint64(v) * 1000);
    });
    connect(m_slider, &QSlider::actionTriggered, this, [this] {
        if (!m_slider->isSliderDown())
            m_controller->seek(m_start + qint64(m_slider->sliderPosition()) * 1000);
    });
    connect(controller, &ReplayController::rangeChanged, this, &TimelineBar::onRange);
    connect(controller, &ReplayController::positionChanged, this, &TimelineBar::onPosition);
    connect(controller, &ReplayController::playingChanged, this, [this](bool playing) {
        m_play->setIcon(style()->standardIcon(playing ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
    });
    connect(controller, &ReplayController::speedChanged, this, [this](double s) {
        int best = 0;
        for (int i = 0; i < m_speed->count(); ++i)
            if (std::abs(m_speed->itemData(i).toDouble() - s) < std::abs(m_speed->itemData(best).toDouble() - s))
                best = i;
        m_speed->setCurrentIndex(best);
    });
}

void TimelineBar::onRange(qint64 start, qint64 end)
{
    m_start = start;
    m_end = end;
    m_slider->setRange(0, int((end - start) / 1000));
    m_slider->setPageStep(600);
    onPosition(start);
}

void TimelineBar::onPosition(qint64 t)
{
    if (!m_slider->isSliderDown()) {
        const QSignalBlocker block(m_slider);
        m_slider->setValue(int((t - m_start) / 1000));
    }
    m_time->setText(QStringLiteral("%1 / %2  %3")
                        .arg(formatOffset(t - m_start), formatOffset(m_end - m_start),
                             QDateTime::fromMSecsSinceEpoch(t, Qt::UTC).toString(QStringLiteral("HH:mm:ss 'UTC'"))));
}

} // namespace takt::app
