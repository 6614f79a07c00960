#include "app/timeline_bar.h"

#include "app/replay_controller.h"
#include "app/time_format.h"

#include <QComboBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QVBoxLayout>
#include <QLabel>
#include <QStyle>
#include <QToolButton>

namespace takt::app {

TimelineBar::TimelineBar(ReplayController* controller, QWidget* parent)
    : QWidget(parent), m_controller(controller), m_play(new QToolButton(this)),
      m_scrubber(new TimelineScrubber(this)), m_time(new QLabel(this)), m_speed(new QComboBox(this))
{
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 2, 0, 2);
    outer->setSpacing(0);
    auto* layout = new QHBoxLayout;
    layout->setContentsMargins(6, 0, 6, 0);
    outer->addLayout(layout);
    outer->addWidget(m_scrubber);
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

    for (double s :
         {0.1, 0.5, 1.0, 2.0, 5.0, 10.0, 30.0, 60.0, 120.0, 300.0, 600.0, 1800.0, 3600.0})
        m_speed->addItem(QStringLiteral("%1×").arg(s), s);
    m_speed->setToolTip(tr("Replay speed: shift seconds per second"));
    m_time->setMinimumWidth(230);
    m_time->setFont(QFont(QStringLiteral("DejaVu Sans Mono")));

    layout->addWidget(back);
    layout->addWidget(m_play);
    layout->addWidget(fwd);
    layout->addWidget(loop);
    layout->addWidget(m_speed);
    layout->addStretch(1);
    layout->addWidget(m_time);

    connect(back, &QToolButton::clicked, controller, &ReplayController::stepBack);
    connect(fwd, &QToolButton::clicked, controller, &ReplayController::stepForward);
    connect(m_play, &QToolButton::clicked, controller, &ReplayController::togglePlay);
    connect(loop, &QToolButton::toggled, controller, &ReplayController::setLoop);
    connect(m_speed, &QComboBox::activated, this,
            [this](int i) { m_controller->setSpeed(m_speed->itemData(i).toDouble()); });
    connect(m_scrubber, &TimelineScrubber::seekRequested, controller, &ReplayController::seek);
    connect(m_scrubber, &TimelineScrubber::draggingChanged, controller,
            &ReplayController::setScrubbing);
    connect(controller, &ReplayController::rangeChanged, this, &TimelineBar::onRange);
    connect(controller, &ReplayController::positionChanged, this, &TimelineBar::onPosition);
    connect(controller, &ReplayController::playingChanged, this, [this](bool playing) {
        m_play->setIcon(
            style()->standardIcon(playing ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
    });
    connect(controller, &ReplayController::speedChanged, this, [this](double s) {
        int best = 0;
        for (int i = 0; i < m_speed->count(); ++i)
            if (std::abs(m_speed->itemData(i).toDouble() - s) <
                std::abs(m_speed->itemData(best).toDouble() - s))
                best = i;
        m_speed->setCurrentIndex(best);
    });
}

void TimelineBar::onRange(qint64 start, qint64 end)
{
    m_start = start;
    m_end = end;
    m_doc = m_controller->document();
    m_scrubber->setRecording(m_doc && m_doc->replay ? &m_doc->replay->data() : nullptr);
    onPosition(start);
}

void TimelineBar::onPosition(qint64 t)
{
    m_scrubber->setPosition(t);
    m_time->setText(QStringLiteral("%1 / %2  %3")
                        .arg(formatOffsetHms(t - m_start), formatOffsetHms(m_end - m_start),
                             QDateTime::fromMSecsSinceEpoch(t, Qt::UTC)
                                 .toString(QStringLiteral("HH:mm:ss 'UTC'"))));
}

} // namespace takt::app
