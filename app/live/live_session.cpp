#include "app/live_session.h"

#include "app/app_resources.h"
#include "app/charts_panel.h"
#include "app/document_loader.h"
#include "app/kpi_cache.h"
#include "app/live_indicator.h"
#include "app/main_window.h"
#include "app/replay_controller.h"
#include "twin/bottleneck.h"
#include "twin/log.h"
#include "twin/replay.h"
#include "twin/session_store.h"

#include <nlohmann/json.hpp>

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QApplication>
#include <QSocketNotifier>
#include <QStandardPaths>
#include <QStatusBar>

#include <algorithm>
#include <cmath>
#include <filesystem>

#include <csignal>
#include <sys/socket.h>
#include <unistd.h>

namespace takt::app {

namespace live = twin::live;

namespace {

int g_signalPipe[2] = {-1, -1};

void onQuitSignal(int)
{
    const char c = 1;
    [[maybe_unused]] const auto n = ::write(g_signalPipe[0], &c, 1);
}

/// Ctrl+C or SIGTERM quit the application as closing the window does, so that a live recording
/// is committed and ended (the handler only writes a byte; the event loop does the rest).
void quitOnSignals()
{
    if (g_signalPipe[0] >= 0 || ::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalPipe) != 0)
        return;
    auto* notifier = new QSocketNotifier(g_signalPipe[1], QSocketNotifier::Read, qApp);
    QObject::connect(notifier, &QSocketNotifier::activated, qApp, [] {
        char c;
        [[maybe_unused]] const auto n = ::read(g_signalPipe[1], &c, 1);
        twin::logger("live")->info("signal received: closing the live recording");
        QApplication::quit();
    });
    struct sigaction sa {};
    sa.sa_handler = onQuitSignal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    ::sigaction(SIGINT, &sa, nullptr);
    ::sigaction(SIGTERM, &sa, nullptr);
}

} // namespace

QString LiveConnection::samplePlant()
{
    if (qEnvironmentVariableIsSet("TAKT_SAMPLE_DIR"))
        return qEnvironmentVariable("TAKT_SAMPLE_DIR") + QStringLiteral("/plant.json");
    // The build tree links the sample to its sources: the layout beside the link's target is
    // the one inside the manifest's folder.
    const QString plant = findDataFile(QStringLiteral("sample/plant.json"));
    return plant.isEmpty() ? plant : QFileInfo(plant).canonicalFilePath();
}

QString LiveConnection::defaultOutPath(const QString& plantId)
{
    QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    if (dir.isEmpty())
        dir = QDir::homePath();
    QDir().mkpath(dir);
    return QDir(dir).filePath(QStringLiteral("live-%1-%2.takt")
                                  .arg(plantId, QDateTime::currentDateTimeUtc().toString(
                                                    QStringLiteral("yyyyMMdd-HHmmss"))));
}

LiveSession::LiveSession(MainWindow* window, LiveConnection connection)
    : QObject(window), m_window(window), m_connection(std::move(connection))
{
    m_poll.setInterval(kPollMs);
    connect(&m_poll, &QTimer::timeout, this, &LiveSession::poll);
    m_soon.setSingleShot(true);
    connect(&m_soon, &QTimer::timeout, this, &LiveSession::poll);
}

LiveSession* LiveSession::begin(MainWindow* window, LiveConnection connection)
{
    auto* session = new LiveSession(window, std::move(connection));
    session->start();
    return session;
}

LiveSession::~LiveSession()
{
    try {
        stop();
    } catch (const std::exception& e) {
        twin::logger("live")->error("closing the live recording: {}", e.what());
    }
    delete m_indicator.data();
}

void LiveSession::start()
{
    const QString plant =
        m_connection.plantPath.isEmpty() ? LiveConnection::samplePlant() : m_connection.plantPath;
    if (plant.isEmpty()) {
        fail(tr("Cannot go live: no plant given and the sample plant is not installed"));
        return;
    }
    try {
        live::parseBrokerUrl(m_connection.brokerUrl.toStdString()); // say it before loading
    } catch (const std::exception& e) {
        fail(tr("Cannot go live: %1").arg(QString::fromStdString(e.what())));
        return;
    }
    quitOnSignals();
    m_loader = new DocumentLoader(this);
    connect(m_loader, &DocumentLoader::progress, m_window,
            [this](const QString& line) { m_window->statusBar()->showMessage(line); });
    connect(m_loader, &DocumentLoader::loaded, this, &LiveSession::onLoaded);
    connect(m_loader, &DocumentLoader::failed, this,
            [this](const QString& path, const QString& why) {
                fail(tr("Cannot go live: %1: %2").arg(QFileInfo(path).fileName(), why));
            });
    m_loader->open(plant);
}

void LiveSession::fail(const QString& line)
{
    twin::logger("live")->error("{}", line.toStdString());
    m_window->statusBar()->showMessage(line);
    emit failed(line);
}

void LiveSession::onLoaded(std::shared_ptr<Document> doc)
{
    if (!doc->plant) {
        fail(tr("Cannot go live: %1 holds no plant").arg(QFileInfo(doc->path).fileName()));
        return;
    }
    const twin::Plant& plant = *doc->plant;
    try {
        m_sessionPath = m_connection.outPath.isEmpty()
                            ? LiveConnection::defaultOutPath(QString::fromStdString(plant.id))
                            : m_connection.outPath;
        const std::filesystem::path file = m_sessionPath.toStdString();
        std::error_code ec;
        if (std::filesystem::exists(file, ec)) {
            m_store = std::make_unique<twin::SessionStore>(
                twin::SessionStore::open(file, twin::SessionStore::Access::ReadWrite));
            if (m_store->plant().id != plant.id)
                throw twin::SessionError(file.string(), "records plant '" + m_store->plant().id +
                                                            "', not '" + plant.id + "'");
        } else {
            m_store = std::make_unique<twin::SessionStore>(twin::SessionStore::create(file, plant));
        }

        live::LiveRecorderOptions o;
        o.mqtt.broker = live::parseBrokerUrl(m_connection.brokerUrl.toStdString());
        o.mqtt.clientId = m_connection.clientId.isEmpty() ? "takt-gui-" + plant.id
                                                          : m_connection.clientId.toStdString();
        o.mqtt.username = m_connection.username.toStdString();
        o.mqtt.password = m_connection.password.toStdString();
        o.mqtt.caFile = m_connection.caFile.toStdString();
        o.format = m_connection.format;
        o.viewerBufferEvents = 2'000'000;
        // Arrivals wake the GUI thread (one posted call at a time), so that an event does not
        // wait for the next tick of the poll timer to reach the screen.
        o.onEvents = [this] {
            if (!m_wakePending.exchange(true))
                QMetaObject::invokeMethod(
                    this,
                    [this] {
                        m_wakePending = false;
                        pollSoon();
                    },
                    Qt::QueuedConnection);
        };
        // Where the data came from; the user name and password stay out of the session.
        const nlohmann::json params{{"broker", o.mqtt.broker.url()},
                                    {"format", live::toString(o.format)},
                                    {"client_id", o.mqtt.clientId},
                                    {"viewer", "gui"}};
        const twin::TimeMs start = live::nowMs();
        const std::string name = "live " + o.mqtt.broker.url() + " " + twin::formatIsoTime(start);
        m_recordingId =
            m_store->beginRecording(twin::RecordingKind::Live, name, start, params.dump());
        doc->replay = std::make_shared<twin::Replay>(twin::RecordingData(plant, start, start));
        // Days of live data: committed samples leave memory and are read back from the file.
        doc->replay->attachFile(file, m_recordingId);
        doc->bottlenecks.reset();
        doc->path = m_sessionPath;
        doc->recordingName = QString::fromStdString(name);
        doc->recordingId = m_recordingId;
        m_doc = doc;
        m_recorder = std::make_unique<live::LiveRecorder>(file, m_recordingId, *m_doc->plant, o);
        m_sourceHeadMs = m_headMs = m_analysedHeadMs = start;
        m_sourceHeadWall = start;
    } catch (const std::exception& e) {
        m_recorder.reset();
        fail(tr("Cannot go live: %1").arg(QString::fromStdString(e.what())));
        return;
    }

    m_feeds.assign(plant.stations.size(), {});
    m_checkpointStation.clear();
    for (const auto& c : plant.checkpoints)
        m_checkpointStation.push_back(plant.stationIndex(c.station));
    m_controlPointStation.clear();
    for (const auto& c : plant.controlPoints)
        m_controlPointStation.push_back(plant.stationIndex(c.station));

    m_window->showDocument(m_doc);
    auto* replay = m_window->replay();
    replay->setSpeed(1.0); // scrubbed back and played, the past runs at its own pace
    replay->setFollowLive(true);
    m_indicator = new LiveIndicator(this, replay, m_window->statusBar());
    m_window->statusBar()->insertPermanentWidget(0, m_indicator);
    setTrailingWindow(m_trailingWindow);
    // Another document opened in the window ends the live view (and its recording).
    connect(m_window, &MainWindow::documentShown, this, [this] {
        if (m_window->document() != m_doc.get()) {
            stop();
            deleteLater();
        }
    });
    m_recorder->start();
    m_poll.start();
    twin::logger("live")->info("live from {} into {} (recording {})",
                               m_connection.brokerUrl.toStdString(), m_sessionPath.toStdString(),
                               m_recordingId);
    m_window->statusBar()->showMessage(
        tr("Live from %1, recording into %2").arg(m_connection.brokerUrl, m_sessionPath), 10000);
    emit started();
}

void LiveSession::stop()
{
    if (!m_recorder)
        return;
    m_poll.stop();
    m_soon.stop();
    m_recorder->stop();
    const auto stats = m_recorder->stats();
    const std::string failure = m_recorder->failure();
    m_recorder.reset();
    m_store->endRecording(m_recordingId, std::max(live::nowMs(), stats.liveHeadMs));
    m_store.reset();
    if (!failure.empty())
        twin::logger("live")->error("live recording into {} failed: {}",
                                    m_sessionPath.toStdString(), failure);
}

LiveIndicator* LiveSession::indicator() const
{
    return m_indicator.data();
}

std::vector<int> LiveSession::staleStations() const
{
    std::vector<int> out = m_stats.decoder.staleStations;
    for (std::size_t s = 0; s < m_feeds.size(); ++s)
        if (m_feeds[s].stale)
            out.push_back(int(s));
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

void LiveSession::setTrailingWindow(twin::TimeMs ms)
{
    m_trailingWindow = std::max<twin::TimeMs>(0, ms);
    if (!m_doc)
        return;
    analyseBottlenecks();
    if (auto* kpis = m_window->findChild<KpiCache*>())
        kpis->setTrailingWindow(m_trailingWindow);
}

int LiveSession::stationOf(const twin::Event& e) const
{
    const auto at = [](const std::vector<int>& v, int i) {
        return i >= 0 && std::size_t(i) < v.size() ? v[std::size_t(i)] : -1;
    };
    switch (e.kind) {
    case twin::EventKind::Quality:
        return at(m_checkpointStation, e.channel);
    case twin::EventKind::Measurement:
        return at(m_controlPointStation, e.channel);
    default:
        return e.channel >= 0 && std::size_t(e.channel) < m_feeds.size() ? e.channel : -1;
    }
}

void LiveSession::pageOut(twin::TimeMs wall)
{
    // Every kPageMs: the samples older than kInMemoryMs at the previous turn leave memory, once
    // every message received by then is committed (a recording of days stays bounded; issue 10,
    // item 8). A late message older than that is still written and read back from the file.
    if (m_lastPage >= 0 && wall - m_lastPage < kPageMs)
        return;
    m_lastPage = wall;
    if (m_pageMark && m_stats.rawCommitted >= m_pageMark->received)
        m_doc->replay->pageMeasurementsBefore(m_pageMark->beforeMs);
    m_pageMark = PageMark{m_stats.received, m_headMs - kInMemoryMs};
}

void LiveSession::pollSoon()
{
    const twin::TimeMs since = live::nowMs() - m_lastPollWall;
    if (m_lastPollWall < 0 || since >= kMinPollMs)
        poll();
    else if (!m_soon.isActive())
        m_soon.start(int(kMinPollMs - since));
}

void LiveSession::poll()
{
    if (!m_recorder)
        return;
    const twin::TimeMs wall = live::nowMs();
    m_lastPollWall = wall;
    m_soon.stop();
    m_poll.start(); // the next tick a whole interval after this poll
    auto& replay = *m_doc->replay;
    m_fresh.clear();
    m_recorder->takeEvents(m_fresh);
    for (const auto& e : m_fresh) {
        if (const int s = stationOf(e); s >= 0) {
            auto& feed = m_feeds[std::size_t(s)];
            if (e.kind == twin::EventKind::StateChange) {
                feed.state = e.state();
                feed.reason = e.text;
            } else if (feed.stale && feed.state) {
                // Its data is back: it shows the state it last reported, from now on.
                replay.append(twin::Event::stateChange(std::max(e.t, feed.staleAt), s, *feed.state,
                                                       feed.reason));
            }
            feed.stale = false;
            feed.lastWall = wall;
        }
        replay.append(e);
        if (e.t > m_sourceHeadMs) {
            m_sourceHeadMs = e.t;
            m_sourceHeadWall = wall;
        }
    }
    m_stats = m_recorder->stats();
    // The head is the latest source time, moved on at wall-clock pace while nothing newer
    // arrives: the line's "now" keeps going when a feed falls silent.
    m_headMs = std::max({m_headMs, m_sourceHeadMs + (wall - m_sourceHeadWall), replay.endMs()});
    replay.setEndMs(m_headMs);
    markStale(wall);
    pageOut(wall);
    if (m_lastBottleneck < 0 || wall - m_lastBottleneck >= kBottleneckMs)
        analyseBottlenecks();
    if (m_lastCharts < 0 || wall - m_lastCharts >= kChartsMs)
        refreshCharts(wall);
    const bool announce = m_lastRange < 0 || wall - m_lastRange >= kRangeMs;
    if (announce)
        m_lastRange = wall;
    m_window->replay()->extendLive(announce);
    if (const auto f = m_recorder->failure(); !f.empty()) {
        fail(tr("Live recording stopped: %1").arg(QString::fromStdString(f)));
        stop();
    }
    emit updated();
}

void LiveSession::markStale(twin::TimeMs wall)
{
    const auto timeout = twin::TimeMs(std::llround(m_doc->plant->liveStaleAfterS * 1000.0));
    for (std::size_t s = 0; s < m_feeds.size(); ++s) {
        auto& feed = m_feeds[s];
        // A station never heard from is unknown anyway.
        if (feed.stale || feed.lastWall < 0 || wall - feed.lastWall < timeout)
            continue;
        feed.stale = true;
        feed.staleAt = m_headMs;
        m_doc->replay->append(
            twin::Event::stateChange(m_headMs, int(s), twin::StationState::Unknown, "stale"));
        twin::logger("live")->info("station {} stale: no data for {} s",
                                   m_doc->plant->stations[s].id, timeout / 1000);
    }
}

void LiveSession::refreshCharts(twin::TimeMs wall)
{
    m_lastCharts = wall;
    // The charts are drawn from the whole recording: built again, on the chart the user chose.
    auto* charts = m_window->findChild<ChartsPanel*>();
    if (!charts || !charts->isVisible())
        return;
    const int controlPoint = charts->controlPoint();
    charts->setDocument(m_doc);
    charts->setControlPoint(controlPoint);
}

void LiveSession::analyseBottlenecks()
{
    m_lastBottleneck = live::nowMs();
    const auto& data = m_doc->replay->data();
    const twin::TimeMs from = m_trailingWindow > 0
                                  ? std::max(data.startMs(), m_headMs - m_trailingWindow)
                                  : data.startMs();
    // The analysis reaches past the head by twice what the head moved since the last one: the
    // momentary bottleneck at the head and until the next analysis assumes that every station
    // stays in its current state, as it does on a line that runs (a window ending at the head
    // would have no bottleneck at the head).
    const twin::TimeMs ahead =
        std::max<twin::TimeMs>(2 * kBottleneckMs, 2 * (m_headMs - m_analysedHeadMs));
    m_analysedHeadMs = m_headMs;
    m_doc->bottlenecks = std::make_shared<const twin::BottleneckAnalysis>(
        twin::analyseBottlenecks(data, from, std::max(from, m_headMs) + ahead));
}

} // namespace takt::app
