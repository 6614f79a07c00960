#include "twin/live/mqtt_client.h"

#include "twin/live/raw_queue.h"
#include "twin/log.h"

#include <mosquitto.h>

#include <algorithm>
#include <atomic>
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

    void run();
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

void MqttClient::Impl::run()
{
    std::mt19937_64 rng(std::random_device{}());
    bool everConnected = false;
    bool socketUp = false;
    int attempt = 0;
    const auto backoff = [&](const std::string& error) {
        ++attempt;
        auto base = options.backoffMin * (1LL << std::min(attempt - 1, 20));
        if (base > options.backoffMax)
            base = options.backoffMax;
        // Jitter: half fixed, half random, so that many clients do not retry in step.
        std::uniform_int_distribution<long long> half(0, base.count() / 2);
        const auto delay = std::chrono::milliseconds(base.count() - base.count() / 2 + half(rng));
        {
            std::lock_guard lock(mutex);
            status.failedAttempts = attempt;
        }
        setState(everConnected ? ConnectionState::Reconnecting : ConnectionState::Connecting, error,
                 nowMs() + delay.count());
        logger("live")->warn("{}; retrying in {} ms", error, delay.count());
        std::unique_lock lock(mutex);
        changed.wait_for(lock, delay, [&] { return stopRequested.load(); });
    };

    bool firstTry = true;
    while (!stopRequested) {
        if (!socketUp) {
            const int rc = firstTry ? mosquitto_connect(mosq, options.broker.host.c_str(),
                                                        options.broker.port, options.keepAliveS)
                                    : mosquitto_reconnect(mosq);
            if (rc != MOSQ_ERR_SUCCESS) {
                // mosquitto_connect failed before the client knew its host: try it again.
                if (rc == MOSQ_ERR_INVAL || rc == MOSQ_ERR_EAI)
                    firstTry = true;
                backoff(describe(rc));
                continue;
            }
            firstTry = false;
            socketUp = true;
        }
        const int rc = mosquitto_loop(mosq, 100, 1);
        if (rc != MOSQ_ERR_SUCCESS && !stopRequested) {
            socketUp = false;
            std::string error;
            {
                std::lock_guard lock(mutex);
                error = status.state == ConnectionState::Connected
                            ? "connection to " + options.broker.url() + " lost (" +
                                  std::string(mosquitto_strerror(rc)) + ")"
                            : status.lastError;
                everConnected = everConnected || status.connects > 0;
            }
            if (error.empty())
                error = describe(rc);
            backoff(error);
        } else if (rc == MOSQ_ERR_SUCCESS) {
            std::lock_guard lock(mutex);
            if (status.state == ConnectionState::Connected)
                attempt = 0;
        }
    }
    mosquitto_disconnect(mosq);
    // Let the DISCONNECT leave before the socket closes.
    for (int i = 0; i < 5 && mosquitto_loop(mosq, 10, 1) == MOSQ_ERR_SUCCESS; ++i) {
    }
    setState(ConnectionState::Stopped);
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

void MqttClient::start()
{
    if (m_impl->thread.joinable())
        return;
    m_impl->stopRequested = false;
    m_impl->thread = std::thread([this] { m_impl->run(); });
}

void MqttClient::stop()
{
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
    std::unique_lock lock(m_impl->mutex);
    return m_impl->changed.wait_for(
        lock, timeout, [&] { return m_impl->status.state == ConnectionState::Connected; });
}

bool MqttClient::publish(const std::string& topic, std::string_view payload, int qos, bool retain)
{
    const int rc = mosquitto_publish(m_impl->mosq, nullptr, topic.c_str(),
                                     static_cast<int>(payload.size()), payload.data(), qos, retain);
    if (rc != MOSQ_ERR_SUCCESS && rc != MOSQ_ERR_NO_CONN)
        return false;
    std::lock_guard lock(m_impl->mutex);
    // QoS 0 messages get no acknowledgement; only count what will be acknowledged.
    if (qos > 0)
        ++m_impl->published;
    return true;
}

bool MqttClient::waitAcknowledged(std::chrono::milliseconds timeout) const
{
    std::unique_lock lock(m_impl->mutex);
    return m_impl->changed.wait_for(lock, timeout,
                                    [&] { return m_impl->acknowledged >= m_impl->published; });
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
