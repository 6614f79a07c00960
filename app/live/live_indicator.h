#pragma once

#include <QWidget>

class QComboBox;
class QLabel;
class QToolButton;

namespace takt::app {

class LiveSession;
class ReplayController;

/// The live connection at a glance, always in the status bar while a live view runs: a dot and
/// the connection (connected / connecting / reconnecting in N s / offline), messages per
/// second, lag, duplicates, gaps, malformed and stale stations (all reject kinds and the queue's
/// high-water mark in its tool tip); the Follow live button (End) and the window of the KPI
/// tiles and momentary bottleneck (shift so far / last hour). GUI thread.
class LiveIndicator : public QWidget {
    Q_OBJECT
public:
    LiveIndicator(LiveSession* session, ReplayController* replay, QWidget* parent = nullptr);

    /// The connection as shown: "connected", "connecting", "reconnecting in 3 s", "offline".
    QString connectionText() const;
    /// The figures as shown ("452 msg/s · lag 0.3 s · 0 duplicates · ...").
    QString figuresText() const;
    QToolButton* followButton() const { return m_follow; }
    QComboBox* windowBox() const { return m_window; }

private:
    void refresh();

    LiveSession* m_session;
    QLabel* m_dot;
    QLabel* m_connection;
    QLabel* m_figures;
    QToolButton* m_follow;
    QComboBox* m_window;
};

} // namespace takt::app
