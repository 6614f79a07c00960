#include "app/live_indicator.h"

#include "app/live_session.h"
#include "app/replay_controller.h"
#include "twin/live/mqtt_client.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QToolButton>

#include <algorithm>

namespace takt::app {

namespace live = twin::live;

LiveIndicator::LiveIndicator(LiveSession* session, ReplayController* replay, QWidget* parent)
    : QWidget(parent), m_session(session), m_dot(new QLabel(this)), m_connection(new QLabel(this)),
      m_figures(new QLabel(this)), m_follow(new QToolButton(this)), m_window(new QComboBox(this))
{
    setObjectName(QStringLiteral("liveIndicator"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 0, 4, 0);
    layout->setSpacing(6);
    m_dot->setText(QStringLiteral("●"));
    m_connection->setTextFormat(Qt::PlainText);
    m_figures->setTextFormat(Qt::PlainText);
    m_follow->setText(tr("Follow live"));
    m_follow->setCheckable(true);
    m_follow->setToolTip(tr("Keep the view on the line now (End); scrub back to see the past "
                            "while recording goes on"));
    m_window->addItem(tr("Shift so far"), qint64(0));
    m_window->addItem(tr("Last hour"), qint64(LiveSession::kLastHourMs));
    m_window->setToolTip(tr("Window of the KPI tiles and the momentary bottleneck"));
    layout->addWidget(m_dot);
    layout->addWidget(m_connection);
    layout->addWidget(m_figures);
    layout->addWidget(m_follow);
    layout->addWidget(m_window);

    m_follow->setChecked(replay->followsLive());
    connect(m_follow, &QToolButton::clicked, replay, &ReplayController::setFollowLive);
    connect(replay, &ReplayController::followLiveChanged, m_follow, &QToolButton::setChecked);
    connect(m_window, &QComboBox::activated, this,
            [this](int i) { m_session->setTrailingWindow(m_window->itemData(i).toLongLong()); });
    connect(session, &LiveSession::updated, this, &LiveIndicator::refresh);
    refresh();
}

QString LiveIndicator::connectionText() const
{
    const auto& c = m_session->stats().connection;
    switch (c.state) {
    case live::ConnectionState::Connected:
        return tr("connected");
    case live::ConnectionState::Connecting:
        return tr("connecting");
    case live::ConnectionState::Reconnecting: {
        const auto inS = (std::max<twin::TimeMs>(0, c.nextRetryMs - live::nowMs()) + 999) / 1000;
        return tr("reconnecting in %1 s").arg(inS);
    }
    case live::ConnectionState::Stopped:
        break;
    }
    return tr("offline");
}

QString LiveIndicator::figuresText() const
{
    const auto& s = m_session->stats();
    const auto& d = s.decoder;
    const QLocale locale(QLocale::English);
    const auto malformed = d.errors[std::size_t(live::DecodeError::Malformed)];
    // Sped-up replays (takt publish --speed) stamp times ahead of the clock: a negative lag.
    const QString lag = s.lagMs >= 0
                            ? tr("lag %1 s").arg(double(s.lagMs) / 1000.0, 0, 'f', 1)
                            : tr("source ahead %1 s").arg(double(-s.lagMs) / 1000.0, 0, 'f', 0);
    return tr("%1 msg/s · %2 · %3 duplicates · %4 gaps · %5 malformed · %6 stale")
        .arg(locale.toString(s.messagesPerSecond, 'f', 0), lag)
        .arg(locale.toString(qulonglong(d.duplicates)), locale.toString(qulonglong(d.gaps)),
             locale.toString(qulonglong(malformed)))
        .arg(m_session->staleStations().size());
}

void LiveIndicator::refresh()
{
    const auto& s = m_session->stats();
    const bool recording = m_session->isRecording();
    const QString connection = recording ? connectionText() : tr("offline");
    const char* colour = !recording                                                ? "#9e9e9e"
                         : s.connection.state == live::ConnectionState::Connected  ? "#2e7d32"
                         : s.connection.state == live::ConnectionState::Connecting ? "#f9a825"
                                                                                   : "#c62828";
    m_dot->setStyleSheet(QStringLiteral("color: %1;").arg(QLatin1String(colour)));
    m_connection->setText(tr("Live: %1").arg(connection));
    m_figures->setText(figuresText());

    QStringList tip;
    tip << tr("Broker %1, recording into %2")
               .arg(m_session->connection().brokerUrl, m_session->sessionPath());
    if (!s.connection.lastError.empty())
        tip << tr("Last error: %1").arg(QString::fromStdString(s.connection.lastError));
    tip << tr("%1 messages received, %2 committed, %3 events")
               .arg(s.received)
               .arg(s.rawCommitted)
               .arg(s.eventsCommitted);
    for (int k = 0; k < live::kDecodeErrorCount; ++k)
        if (const auto n = s.decoder.errors[std::size_t(k)])
            tip << QStringLiteral("%1: %2")
                       .arg(QString::fromUtf8(
                           live::toString(live::DecodeError(k)).data(),
                           qsizetype(live::toString(live::DecodeError(k)).size())))
                       .arg(n);
    tip << tr("queue %1, high-water %2").arg(s.queueDepth).arg(s.queueHighWater);
    setToolTip(tip.join(QLatin1Char('\n')));
}

} // namespace takt::app
