#pragma once

#include "twin/error.h"
#include "twin/events.h"
#include "twin/live/decoder.h"

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace takt::twin::live {

class RawQueue;

/// Thrown for a broker URL or client options that cannot work.
class LiveError : public Error {
public:
    using Error::Error;
};

/// Where a broker is: `mqtt://HOST[:PORT]` (1883) or `mqtts://HOST[:PORT]` (8883, TLS).
struct BrokerAddress {
    std::string host;
    int port = 1883;
    bool tls = false;
    std::string url() const;
};
/// Parses a broker URL; throws LiveError saying what is wrong.
BrokerAddress parseBrokerUrl(std::string_view url);

/// How to connect. The client id is fixed and the session persistent (clean session off) by
/// default, so that the broker keeps QoS 1 messages while the client is away.
struct MqttOptions {
    BrokerAddress broker;
    std::string clientId; ///< Required for a persistent session.
    bool cleanSession = false;
    std::string username; ///< Empty: no authentication.
    std::string password;
    std::string caFile; ///< CA certificate(s) for TLS (mqtts); empty: the system's.
    int keepAliveS = 30;
    std::vector<std::string> subscriptions;    ///< Topic filters, subscribed at QoS 1 on connect.
    std::optional<OutgoingMessage> will;       ///< Last will (Sparkplug NDEATH).
    std::chrono::milliseconds backoffMin{250}; ///< First retry delay (before jitter).
    std::chrono::milliseconds backoffMax{10'000};
    /// Outgoing QoS 1 messages in flight (sent, not yet acknowledged) at once, 1-65,535
    /// (libmosquitto queues the rest). A publisher's throughput is at most this many messages
    /// per round trip through the broker.
    int maxInflight = 100;
    /// True: the client runs its own network thread (a subscriber: messages arrive while the
    /// owner does other work). False: no thread; the one thread that owns the client drives it
    /// with pump() (waitConnected() and waitAcknowledged() pump too) and calls publish() itself.
    /// A publish then writes its packet at once, in that thread: no wake-up of another thread
    /// and no select() per message, which made a fast publisher's CPU cost (takt publish).
    bool networkThread = true;
};

enum class ConnectionState { Connecting, Connected, Reconnecting, Stopped };
std::string_view toString(ConnectionState s); ///< "connecting", "connected", ...

/// What the connection is doing, for an indicator.
struct ConnectionStatus {
    ConnectionState state = ConnectionState::Connecting;
    std::string lastError;       ///< One line; empty when none since the last connect.
    TimeMs nextRetryMs = 0;      ///< Wall time of the next attempt while reconnecting.
    int failedAttempts = 0;      ///< Since the last successful connect.
    std::uint64_t connects = 0;  ///< Successful connects so far.
    bool sessionPresent = false; ///< The broker still had our session at the last connect.
};

/// A small MQTT 3.1.1 client over libmosquitto. Its own network thread connects, retries with
/// exponential backoff and jitter, re-subscribes on every connect and, for each message that
/// arrives, only stamps the receive time and pushes the raw bytes into a RawQueue: it never
/// decodes or stores. publish() may be called from any thread; at QoS 1 messages published
/// while the connection is down are kept and sent after the reconnect. A publisher that does
/// nothing else (takt publish) can do without the thread: MqttOptions::networkThread false.
/// The constructor throws LiveError for unusable options (a missing CA file).
class MqttClient {
public:
    /// `queue` receives incoming messages; may be null for a publish-only client. Must outlive
    /// the client.
    MqttClient(MqttOptions options, RawQueue* queue);
    MqttClient(const MqttClient&) = delete;
    MqttClient& operator=(const MqttClient&) = delete;
    ~MqttClient(); ///< Disconnects and joins the network thread.

    /// Starts the network thread (first connection attempt). Returns at once. Without a
    /// network thread (MqttOptions::networkThread false) it only allows pump() to connect.
    void start();
    /// Without a network thread: connects, reconnects (after the backoff), sends and reads for
    /// at most `maxWait`, in the calling thread. With one: only waits.
    void pump(std::chrono::milliseconds maxWait);
    /// Disconnects cleanly and stops the thread.
    void stop();
    /// Waits until connected (and subscribed); false after `timeout`.
    bool waitConnected(std::chrono::milliseconds timeout) const;

    /// Queues a message for sending; false when libmosquitto refuses it (too large, bad topic).
    /// Without a network thread: only from the thread that pumps.
    bool publish(const std::string& topic, std::string_view payload, int qos, bool retain = false);
    /// Waits until every QoS 1 message published so far is acknowledged by the broker.
    bool waitAcknowledged(std::chrono::milliseconds timeout) const;
    std::uint64_t published() const;
    std::uint64_t acknowledged() const;
    std::uint64_t received() const;

    ConnectionStatus status() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

/// Milliseconds since the Unix epoch, now (system clock).
TimeMs nowMs();

} // namespace takt::twin::live
