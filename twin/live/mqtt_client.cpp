#include "twin/live/mqtt_client.h"

#include "twin/live/raw_queue.h"
#include "twin/log.h"

#include <mosquitto.h>
#include <poll.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <random>
#include <thread>

namespace takt::twin::live {
namespace {

void initLibrary()
{
    static std::once_flag once;
    std::call_once(once, [] { mosquitto_lib_init(); });
}

} // namespace

TimeMs nowMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::string BrokerAddress::url() const
{
    return std::string(tls ? "mqtts://" : "mqtt://") + host + ":" + std::to_string(port);
}

BrokerAddress parseBrokerUrl(std::string_view url)
{
    BrokerAddress a;
    std::string_view rest;
    if (url.rfind("mqtt://", 0) == 0) {
        rest = url.substr(7);
    } else if (url.rfind("mqtts://", 0) == 0) {
        rest = url.substr(8);
        a.tls = true;
        a.port = 8883;
    } else if (url.rfind("tcp://", 0) == 0) {
        rest = url.substr(6);
    } else {
        throw LiveError("broker URL '" + std::string(url) +
                        "' must start with mqtt:// or mqtts:// (mqtt://HOST:PORT)");
    }
    if (!rest.empty() && rest.back() == '/')
        rest.remove_suffix(1);
    // The port follows the last ':' that is not inside an IPv6 literal ("[::1]:1883").
    const auto bracket = rest.rfind(']');
    const auto colon = rest.rfind(':');
    if (colon != std::string_view::npos && (bracket == std::string_view::npos || colon > bracket)) {
        const auto portText = rest.substr(colon + 1);
        int port = 0;
        const auto [p, ec] =
            std::from_chars(portText.data(), portText.data() + portText.size(), port);
        if (ec != std::errc() || p != portText.data() + portText.size() || port <= 0 ||
            port > 65535)
            throw LiveError("broker URL '" + std::string(url) + "': bad port '" +
                            std::string(portText) + "'");
        a.port = port;
        rest = rest.substr(0, colon);
    }
    if (rest.size() > 2 && rest.front() == '[' && rest.back() == ']')
        rest = rest.substr(1, rest.size() - 2);
    if (rest.empty())
        throw LiveError("broker URL '" + std::string(url) + "' names no host");
    a.host = std::string(rest);
    return a;
}

std::string_view toString(ConnectionState s)
{
    switch (s) {
    case ConnectionState::Connecting:
        return "connecting";
    case ConnectionState::Connected:
        return "connected";
    case ConnectionState::Reconnecting:
        return "reconnecting";
    case ConnectionState::Stopped:
        return "stopped";
    }
    return "stopped";
}

struct MqttClient::Impl {
    MqttOptions options;
    RawQueue* queue = nullptr;
    mosquitto* mosq = nullptr;
    std::thread thread;
    std::atomic<bool> stopRequested{false};

    mutable std::mutex mutex;
    mutable std::condition_variable changed;
    ConnectionStatus status;
    std::string lastLogError; // The last error libmosquitto logged (OpenSSL's reason).
    std::uint64_t published = 0;
    std::uint64_t acknowledged = 0;
    std::atomic<std::uint64_t> received{0};

    /// The connection's state machine, stepped by the network thread or by pump().
    struct Loop {
        std::mt19937_64 rng{std::random_device{}()};
        bool everConnected = false;
        bool socketUp = false;
        bool firstTry = true;
        int attempt = 0;
        std::chrono::steady_clock::time_point retryAt{};
    };
    Loop loop;
    bool started = false;

    void run();
    /// One round: wait out a backoff, or connect, or send and read; at most maxWait.
    void step(std::chrono::milliseconds maxWait);
    void scheduleRetry(const std::string& error);
    /// Without a network thread: one poll of the socket for at most maxWait, then read, write
    /// and keep-alive as mosquitto_loop() would. A libmosquitto result code.
    int pollOnce(std::chrono::milliseconds maxWait);
    /// Disconnects cleanly (the DISCONNECT leaves first); the state becomes Stopped.
    void finish();
    /// Waits (with a network thread) or pumps (without) until done() holds, called with the
    /// mutex held; false after `timeout`.
    template <typename Done> bool waitFor(std::chrono::milliseconds timeout, Done done);
    std::string describe(int rc);
    void setState(ConnectionState s, const std::string& error = {}, TimeMs retryAt = 0)
    {
        std::lock_guard lock(mutex);
        status.state = s;
        if (!error.empty())
            status.lastError = error;
        status.nextRetryMs = retryAt;
        changed.notify_all();
    }
};

std::string MqttClient::Impl::describe(int rc)
{
    std::string what;
    if (rc == MOSQ_ERR_ERRNO)
        what = std::strerror(errno);
    else
        what = mosquitto_strerror(rc);
    std::string logged;
    {
        std::lock_guard lock(mutex);
        logged.swap(lastLogError);
    }
    std::string msg = "cannot connect to " + options.broker.url() + ": " + what;
    if (rc == MOSQ_ERR_TLS) {
        msg = "TLS handshake with " + options.broker.url() + " failed";
        if (!logged.empty())
            msg += ": " + logged;
        if (logged.find("verify failed") != std::string::npos)
            msg += options.caFile.empty()
                       ? " (the broker's certificate is not signed by a CA this system trusts)"
                       : " (the broker's certificate is not signed by the CA in " + options.caFile +
                             ")";
    }
    return msg;
}

void MqttClient::Impl::scheduleRetry(const std::string& error)
{
    ++loop.attempt;
    auto base = options.backoffMin * (1LL << std::min(loop.attempt - 1, 20));
    if (base > options.backoffMax)
        base = options.backoffMax;
    // Jitter: half fixed, half random, so that many clients do not retry in step.
    std::uniform_int_distribution<long long> half(0, base.count() / 2);
    const auto delay = std::chrono::milliseconds(base.count() - base.count() / 2 + half(loop.rng));
    {
        std::lock_guard lock(mutex);
        status.failedAttempts = loop.attempt;
    }
    setState(loop.everConnected ? ConnectionState::Reconnecting : ConnectionState::Connecting,
             error, nowMs() + delay.count());
    logger("live")->warn("{}; retrying in {} ms", error, delay.count());
    loop.retryAt = std::chrono::steady_clock::now() + delay;
}

void MqttClient::Impl::step(std::chrono::milliseconds maxWait)
{
    if (const auto now = std::chrono::steady_clock::now(); now < loop.retryAt) {
        // Backing off: wait for the retry (or a stop), at most maxWait.
        std::unique_lock lock(mutex);
        changed.wait_for(lock,
                         std::min<std::chrono::steady_clock::duration>(loop.retryAt - now, maxWait),
                         [&] { return stopRequested.load(); });
        return;
    }
    if (!loop.socketUp) {
        const int rc = loop.firstTry ? mosquitto_connect(mosq, options.broker.host.c_str(),
                                                         options.broker.port, options.keepAliveS)
                                     : mosquitto_reconnect(mosq);
        if (rc != MOSQ_ERR_SUCCESS) {
            // mosquitto_connect failed before the client knew its host: try it again.
            if (rc == MOSQ_ERR_INVAL || rc == MOSQ_ERR_EAI)
                loop.firstTry = true;
            scheduleRetry(describe(rc));
            return;
        }
        loop.firstTry = false;
        loop.socketUp = true;
    }
    const int rc = options.networkThread
                       ? mosquitto_loop(mosq, static_cast<int>(maxWait.count()), 1)
                       : pollOnce(maxWait);
    if (rc != MOSQ_ERR_SUCCESS && !stopRequested) {
        loop.socketUp = false;
        std::string error;
        {
            std::lock_guard lock(mutex);
            error = status.state == ConnectionState::Connected
                        ? "connection to " + options.broker.url() + " lost (" +
                              std::string(mosquitto_strerror(rc)) + ")"
                        : status.lastError;
            loop.everConnected = loop.everConnected || status.connects > 0;
        }
        if (error.empty())
            error = describe(rc);
        scheduleRetry(error);
    } else if (rc == MOSQ_ERR_SUCCESS) {
        std::lock_guard lock(mutex);
        if (status.state == ConnectionState::Connected)
            loop.attempt = 0;
    }
}

int MqttClient::Impl::pollOnce(std::chrono::milliseconds maxWait)
{
    // mosquitto_loop() also selects on the pipe that mosquitto_publish() writes a byte to, for
    // every message, to wake a network thread; it reads one byte of it per call, so a publisher
    // that pumped with it would go round once per message. Without a network thread nobody needs
    // waking: poll the socket alone (the pipe fills up and its writes fail, unread).
    const int fd = mosquitto_socket(mosq);
    if (fd < 0)
        return MOSQ_ERR_NO_CONN;
    pollfd p{fd, static_cast<short>(POLLIN | (mosquitto_want_write(mosq) ? POLLOUT : 0)), 0};
    const int n = ::poll(&p, 1, static_cast<int>(maxWait.count()));
    if (n < 0)
        return errno == EINTR ? MOSQ_ERR_SUCCESS : MOSQ_ERR_ERRNO;
    int rc = MOSQ_ERR_SUCCESS;
    if (n > 0 && (p.revents & (POLLIN | POLLHUP | POLLERR)))
        rc = mosquitto_loop_read(mosq, 1); // reads every packet there is (libmosquitto's count)
    if (rc == MOSQ_ERR_SUCCESS && mosquitto_want_write(mosq))
        rc = mosquitto_loop_write(mosq, 1);
    if (rc == MOSQ_ERR_SUCCESS)
        rc = mosquitto_loop_misc(mosq); // keep-alive, and a lost connection noticed
    return rc;
}

void MqttClient::Impl::finish()
{
    if (loop.socketUp) {
        mosquitto_disconnect(mosq);
        // Let the DISCONNECT leave before the socket closes.
        for (int i = 0; i < 5; ++i)
            if ((options.networkThread
                     ? mosquitto_loop(mosq, 10, 1)
                     : pollOnce(std::chrono::milliseconds(10))) != MOSQ_ERR_SUCCESS)
                break;
        loop.socketUp = false;
    }
    setState(ConnectionState::Stopped);
}

void MqttClient::Impl::run()
{
    while (!stopRequested)
        step(std::chrono::milliseconds(100));
    finish();
}

MqttClient::MqttClient(MqttOptions options, RawQueue* queue) : m_impl(std::make_unique<Impl>())
{
    initLibrary();
    auto& d = *m_impl;
    d.options = std::move(options);
    d.queue = queue;
    if (d.options.clientId.empty() && !d.options.cleanSession)
        throw LiveError("a persistent MQTT session needs a client id");
    if (!d.options.caFile.empty() && !std::filesystem::exists(d.options.caFile))
        throw LiveError("CA file '" + d.options.caFile + "' does not exist");
    d.mosq = mosquitto_new(d.options.clientId.empty() ? nullptr : d.options.clientId.c_str(),
                           d.options.cleanSession, &d);
    if (!d.mosq)
        throw LiveError("cannot create an MQTT client (out of memory or bad client id)");
    // Without a network thread libmosquitto writes each packet as it is published.
    if (d.options.networkThread)
        mosquitto_threaded_set(d.mosq, true);
    // libmosquitto refuses a window above 65,535 (and 0 means that maximum).
    mosquitto_max_inflight_messages_set(
        d.mosq, static_cast<unsigned>(std::clamp(d.options.maxInflight, 1, 65'535)));
    if (!d.options.username.empty())
        mosquitto_username_pw_set(d.mosq, d.options.username.c_str(),
                                  d.options.password.empty() ? nullptr
                                                             : d.options.password.c_str());
    if (d.options.will)
        mosquitto_will_set(d.mosq, d.options.will->topic.c_str(),
                           static_cast<int>(d.options.will->payload.size()),
                           d.options.will->payload.data(), d.options.will->qos, false);
    if (d.options.broker.tls) {
        const int rc = mosquitto_tls_set(
            d.mosq, d.options.caFile.empty() ? nullptr : d.options.caFile.c_str(),
            d.options.caFile.empty() ? "/etc/ssl/certs" : nullptr, nullptr, nullptr, nullptr);
        if (rc != MOSQ_ERR_SUCCESS) {
            mosquitto_destroy(d.mosq);
            throw LiveError("TLS set-up failed: " + std::string(mosquitto_strerror(rc)));
        }
    }

    mosquitto_connect_with_flags_callback_set(d.mosq, [](mosquitto* m, void* obj, int rc,
                                                         int flags) {
        auto& self = *static_cast<Impl*>(obj);
        if (rc != 0) {
            self.setState(ConnectionState::Reconnecting,
                          "broker " + self.options.broker.url() +
                              " refused the connection: " + mosquitto_connack_string(rc));
            return;
        }
        for (const auto& topic : self.options.subscriptions)
            mosquitto_subscribe(m, nullptr, topic.c_str(), 1);
        std::lock_guard lock(self.mutex);
        self.status.state = ConnectionState::Connected;
        self.status.lastError.clear();
        self.status.failedAttempts = 0;
        self.status.nextRetryMs = 0;
        self.status.sessionPresent = (flags & 1) != 0;
        ++self.status.connects;
        self.changed.notify_all();
        logger("live")->info("connected to {} as '{}' (session {})", self.options.broker.url(),
                             self.options.clientId, self.status.sessionPresent ? "resumed" : "new");
    });
    mosquitto_message_callback_set(d.mosq, [](mosquitto*, void* obj, const mosquitto_message* msg) {
        auto& self = *static_cast<Impl*>(obj);
        ++self.received;
        if (!self.queue)
            return;
        RawMessage raw;
        raw.receivedMs = nowMs();
        raw.topic = msg->topic;
        raw.qos = msg->qos;
        raw.retained = msg->retain;
        raw.payload.assign(static_cast<const char*>(msg->payload),
                           static_cast<std::size_t>(std::max(msg->payloadlen, 0)));
        self.queue->push(std::move(raw));
    });
    mosquitto_publish_callback_set(d.mosq, [](mosquitto*, void* obj, int) {
        auto& self = *static_cast<Impl*>(obj);
        std::lock_guard lock(self.mutex);
        ++self.acknowledged;
        self.changed.notify_all();
    });
    mosquitto_log_callback_set(d.mosq, [](mosquitto*, void* obj, int level, const char* text) {
        if (level != MOSQ_LOG_ERR)
            return;
        auto& self = *static_cast<Impl*>(obj);
        std::string t = text;
        // "OpenSSL Error[0]: error:0A000086:SSL routines::certificate verify failed"
        if (const auto p = t.rfind("::"); p != std::string::npos)
            t = t.substr(p + 2);
        std::lock_guard lock(self.mutex);
        self.lastLogError = t;
    });
}

MqttClient::~MqttClient()
{
    stop();
    mosquitto_destroy(m_impl->mosq);
}

template <typename Done>
bool MqttClient::Impl::waitFor(std::chrono::milliseconds timeout, Done done)
{
    if (options.networkThread) {
        std::unique_lock lock(mutex);
        return changed.wait_for(lock, timeout, done);
    }
    const auto until = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        {
            std::lock_guard lock(mutex);
            if (done())
                return true;
        }
        const auto now = std::chrono::steady_clock::now();
        if (!started || now >= until)
            return false;
        step(std::min(std::chrono::ceil<std::chrono::milliseconds>(until - now),
                      std::chrono::milliseconds(100)));
    }
}

void MqttClient::start()
{
    m_impl->stopRequested = false;
    if (!m_impl->options.networkThread) {
        m_impl->started = true;
        return;
    }
    if (m_impl->thread.joinable())
        return;
    m_impl->thread = std::thread([this] { m_impl->run(); });
}

void MqttClient::pump(std::chrono::milliseconds maxWait)
{
    if (m_impl->options.networkThread || !m_impl->started) {
        std::this_thread::sleep_for(maxWait);
        return;
    }
    m_impl->step(maxWait);
}

void MqttClient::stop()
{
    if (!m_impl->options.networkThread) {
        if (m_impl->started) {
            m_impl->started = false;
            m_impl->stopRequested = true;
            m_impl->finish();
        }
        return;
    }
    if (!m_impl->thread.joinable())
        return;
    m_impl->stopRequested = true;
    {
        std::lock_guard lock(m_impl->mutex);
        m_impl->changed.notify_all();
    }
    m_impl->thread.join();
}

bool MqttClient::waitConnected(std::chrono::milliseconds timeout) const
{
    return m_impl->waitFor(timeout,
                           [&] { return m_impl->status.state == ConnectionState::Connected; });
}

bool MqttClient::publish(const std::string& topic, std::string_view payload, int qos, bool retain)
{
    const int rc = mosquitto_publish(m_impl->mosq, nullptr, topic.c_str(),
                                     static_cast<int>(payload.size()), payload.data(), qos, retain);
    // Without a network thread the packet is written here, and a lost connection shows here:
    // the message is queued all the same and goes again after the reconnect (QoS 1).
    const bool connectionTrouble =
        rc == MOSQ_ERR_NO_CONN || (qos > 0 && !m_impl->options.networkThread &&
                                   (rc == MOSQ_ERR_CONN_LOST || rc == MOSQ_ERR_ERRNO));
    if (rc != MOSQ_ERR_SUCCESS && !connectionTrouble)
        return false;
    std::lock_guard lock(m_impl->mutex);
    // QoS 0 messages get no acknowledgement; only count what will be acknowledged.
    if (qos > 0)
        ++m_impl->published;
    return true;
}

bool MqttClient::waitAcknowledged(std::chrono::milliseconds timeout) const
{
    return m_impl->waitFor(timeout, [&] { return m_impl->acknowledged >= m_impl->published; });
}

std::uint64_t MqttClient::published() const
{
    std::lock_guard lock(m_impl->mutex);
    return m_impl->published;
}

std::uint64_t MqttClient::acknowledged() const
{
    std::lock_guard lock(m_impl->mutex);
    return m_impl->acknowledged;
}

std::uint64_t MqttClient::received() const
{
    return m_impl->received;
}

ConnectionStatus MqttClient::status() const
{
    std::lock_guard lock(m_impl->mutex);
    return m_impl->status;
}

} // namespace takt::twin::live
