#pragma once

#include "app/document.h"
#include "twin/events.h"
#include "twin/live/live_recorder.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>

#include <atomic>
#include <memory>
#include <optional>
#include <vector>

namespace takt::twin {
class SessionStore;
}

namespace takt::app {

class DocumentLoader;
class LiveIndicator;
class MainWindow;

/// Where and how to connect, as File › Connect… or `takt --live` give it. The user name and
/// password live in memory only: never in the session, the settings or the log.
struct LiveConnection {
    QString brokerUrl; ///< mqtt://HOST[:PORT] or mqtts://HOST[:PORT]
    QString plantPath; ///< The plant manifest (a session's plant works too).
    QString outPath;   ///< Session: created, or a recording appended; empty: a new file.
    twin::live::PayloadFormat format = twin::live::PayloadFormat::TaktJson;
    QString username;
    QString password;
    QString caFile;   ///< CA certificate(s) for mqtts://; empty: the system's.
    QString clientId; ///< Empty: "takt-gui-<plant id>" (fixed: a persistent session).

    /// The sample plant's manifest from the data directories (empty when not installed).
    static QString samplePlant();
    /// A new session file for a recording of `plantId` in the application's data folder.
    static QString defaultOutPath(const QString& plantId);
};

/// The window's live view: loads the plant, begins a live recording in the session and starts a
/// twin::live::LiveRecorder (its network and decode threads never wait for the GUI). A timer on
/// the GUI thread polls the recorder every kPollMs, and at once (at most every kMinPollMs) when the
/// recorder says events arrived: the decoded events grow the document's
/// recording, the head moves on (also between messages, at wall-clock pace), the replay
/// controller follows it when asked, and stations with no data for the plant's
/// liveStaleAfterS turn stale (shown `unknown`, in this window only: the session keeps exactly
/// what arrived). The momentary bottleneck is analysed again every kBottleneckMs over the KPI
/// window ("shift so far" or "last hour"), the charts are drawn again every kChartsMs. The
/// status bar shows a LiveIndicator.
/// Owned by the window; stops (and ends its recording) when destroyed or when another document
/// is opened; Ctrl+C (SIGINT) and SIGTERM quit the application the same way. GUI thread.
class LiveSession : public QObject {
    Q_OBJECT
public:
    static constexpr int kPollMs = 40;
    /// Events that arrive are taken at once (the recorder says when), but not more often than
    /// this: about a frame at 60 Hz, so a fast feed costs the GUI thread a poll per frame.
    static constexpr int kMinPollMs = 15;
    static constexpr int kRangeMs = 1000;      ///< The timeline's lanes repaint this often.
    static constexpr int kBottleneckMs = 5000; ///< The momentary bottleneck is analysed again.
    static constexpr int kChartsMs = 30'000;   ///< The charts (whole recording) are drawn again.
    static constexpr twin::TimeMs kLastHourMs = 3'600'000;

    LiveSession(MainWindow* window, LiveConnection connection);
    /// A new live view in `window` (owned by it), started.
    static LiveSession* begin(MainWindow* window, LiveConnection connection);
    ~LiveSession() override;

    /// Opens the plant, then connects and records; problems come as failed().
    void start();
    /// Disconnects, commits everything received and ends the recording. Idempotent.
    void stop();
    bool isRecording() const { return m_recorder != nullptr; }

    const LiveConnection& connection() const { return m_connection; }
    QString sessionPath() const { return m_sessionPath; }
    std::int64_t recordingId() const { return m_recordingId; }
    /// The latest figures polled from the recorder.
    const twin::live::LiveStats& stats() const { return m_stats; }
    /// Stations shown stale now: no data for the timeout, or marked by the decoder (Sparkplug).
    std::vector<int> staleStations() const;
    /// The live head: the latest source time, moved on at wall-clock pace between messages.
    twin::TimeMs headMs() const { return m_headMs; }
    LiveIndicator* indicator() const;

    /// KPI tiles and momentary bottleneck over the last `ms` (kLastHourMs) or, with 0, the
    /// shift so far.
    void setTrailingWindow(twin::TimeMs ms);
    twin::TimeMs trailingWindow() const { return m_trailingWindow; }

signals:
    /// Recording began (the document is shown, the recorder connects).
    void started();
    /// New figures were polled (about every kPollMs).
    void updated();
    /// Starting failed or the recording stopped on an error; one line.
    void failed(const QString& line);

private:
    void onLoaded(std::shared_ptr<Document> doc);
    void fail(const QString& line);
    void poll();
    void pollSoon(); ///< After new events: poll now, or once kMinPollMs passed since the last.
    void markStale(twin::TimeMs wallMs);
    void pageOut(twin::TimeMs wallMs);
    void analyseBottlenecks();
    void refreshCharts(twin::TimeMs wall);
    int stationOf(const twin::Event& e) const;

    MainWindow* m_window;
    LiveConnection m_connection;
    DocumentLoader* m_loader = nullptr;
    QPointer<LiveIndicator> m_indicator; ///< In the status bar (which may go first).
    std::shared_ptr<Document> m_doc;
    std::unique_ptr<twin::SessionStore> m_store;
    std::unique_ptr<twin::live::LiveRecorder> m_recorder;
    QString m_sessionPath;
    std::int64_t m_recordingId = 0;
    twin::live::LiveStats m_stats;
    QTimer m_poll;
    QTimer m_soon;                          ///< The next pollSoon() when it came too early.
    std::atomic<bool> m_wakePending{false}; ///< A pollSoon() is posted (set on the decode thread).
    twin::TimeMs m_lastPollWall = -1;
    QElapsedTimer m_wall;
    std::vector<twin::Event> m_fresh;
    twin::TimeMs m_headMs = 0;       ///< Latest source time (or its wall-clock extrapolation).
    twin::TimeMs m_sourceHeadMs = 0; ///< Latest source time seen.
    twin::TimeMs m_sourceHeadWall = 0;
    twin::TimeMs m_lastRange = -1;
    twin::TimeMs m_lastBottleneck = -1;
    twin::TimeMs m_lastCharts = -1;
    twin::TimeMs m_analysedHeadMs = 0; ///< The head at the last bottleneck analysis.
    twin::TimeMs m_trailingWindow = 0;
    // Paging samples out of memory (pageOut()).
    static constexpr twin::TimeMs kPageMs = 60'000;      ///< How often, wall time.
    static constexpr twin::TimeMs kInMemoryMs = 600'000; ///< Line time kept in memory.
    struct PageMark {
        std::uint64_t received = 0; ///< Messages received when the mark was set.
        twin::TimeMs beforeMs = 0;  ///< Samples before this leave memory once they're committed.
    };
    std::optional<PageMark> m_pageMark;
    twin::TimeMs m_lastPage = -1;

    // Stations: where the events of checkpoints and control points belong, and staleness.
    std::vector<int> m_checkpointStation, m_controlPointStation;
    struct StationFeed {
        twin::TimeMs lastWall = -1; ///< Wall time of its latest data; -1: none yet.
        bool stale = false;
        twin::TimeMs staleAt = 0;                ///< The head when it turned stale.
        std::optional<twin::StationState> state; ///< Its latest reported state.
        std::string reason;
    };
    std::vector<StationFeed> m_feeds;
};

} // namespace takt::app
