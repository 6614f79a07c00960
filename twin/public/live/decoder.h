#pragma once

#include "twin/events.h"
#include "twin/live/raw_message.h"
#include "twin/plant.h"

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace takt::twin::live {

/// Why a live message was rejected. Each kind is counted; none stops the feed.
enum class DecodeError : std::uint8_t {
    Malformed,      ///< Not JSON / not protobuf / a required field missing.
    WrongType,      ///< A field of the wrong type or out of its range.
    UnknownStation, ///< A station, checkpoint or control point the plant does not have.
    UnknownTopic,   ///< A topic outside the scheme (or another plant's).
    UnknownAlias,   ///< Sparkplug: a metric alias no birth defined.
    Oversized,      ///< Payload larger than DecoderOptions::maxPayloadBytes.
    TimeInFuture,   ///< Source timestamp further ahead of the receive time than allowed.
    TimeInPast,     ///< Source timestamp further behind the receive time than allowed.
};
inline constexpr int kDecodeErrorCount = 8;
/// "malformed", "wrong_type", "unknown_station", "unknown_topic", "unknown_alias", "oversized",
/// "time_in_future", "time_in_past".
std::string_view toString(DecodeError e);

/// Which payload family a connection speaks.
enum class PayloadFormat { TaktJson, SparkplugB };
std::string_view toString(PayloadFormat f); ///< "json", "sparkplug"
std::optional<PayloadFormat> payloadFormatFromString(std::string_view text);

/// Limits and behaviour of a decoder.
struct DecoderOptions {
    std::size_t maxPayloadBytes = 256 * 1024;
    TimeMs maxFutureMs = 24LL * 3600 * 1000;   ///< Source time may lead the receive time by this.
    TimeMs maxPastMs = 7LL * 24 * 3600 * 1000; ///< ... and lag it by this.
    bool sparkplugRebirth =
        false; ///< Ask an edge node for a rebirth on a seq gap or unknown alias.
};

/// A message a decoder wants sent back to the broker (the Sparkplug Rebirth NCMD).
struct OutgoingMessage {
    std::string topic;
    std::string payload;
    int qos = 0;

    bool operator==(const OutgoingMessage&) const = default;
};

/// What one raw message decoded to: events, or a typed error, or nothing (a duplicate, or a
/// message that carries no event such as a Sparkplug NBIRTH).
struct DecodeResult {
    std::vector<Event> events;
    std::optional<DecodeError> error;
    std::string detail; ///< One line about the error, for the log.
    bool duplicate = false;
    std::vector<OutgoingMessage> replies;
};

/// Totals kept by a decoder since it was made.
struct DecoderCounters {
    std::uint64_t messages = 0;   ///< Messages seen (decoded, rejected or duplicate).
    std::uint64_t events = 0;     ///< Events produced.
    std::uint64_t duplicates = 0; ///< Dropped because their (producer, seq) was seen before.
    std::uint64_t gaps = 0;       ///< Sequence numbers skipped (messages missing) so far.
    std::uint64_t lateFills = 0;  ///< Skipped sequence numbers that arrived later after all.
    std::uint64_t rebirthRequests = 0;
    std::array<std::uint64_t, kDecodeErrorCount> errors{};
    std::vector<int> staleStations; ///< Station indices marked stale (Sparkplug), sorted.
    TimeMs lastSourceMs = 0;        ///< Source time of the latest decoded event.
    TimeMs lastReceivedMs = 0;      ///< Receive time of that message.

    std::uint64_t errorTotal() const;
};

/// Turns raw MQTT messages into typed events of one plant (indices in manifest order). Stateful
/// (sequence numbers, Sparkplug births and aliases): feed it every message of a connection in
/// arrival order. Deterministic: the same messages give the same results, so a recording
/// replays exactly. Time checks compare with RawMessage::receivedMs, never the clock.
/// One thread at a time; never throws on bad input.
class PayloadDecoder {
public:
    virtual ~PayloadDecoder() = default;
    /// The topic filters to subscribe to (QoS 1).
    virtual std::vector<std::string> subscriptions() const = 0;
    /// Decodes one message and updates the counters. Errors are logged at most once per kind
    /// per minute of receive time.
    DecodeResult decode(const RawMessage& m);
    const DecoderCounters& counters() const { return m_counters; }

protected:
    PayloadDecoder(const Plant& plant, DecoderOptions options);
    virtual DecodeResult decodeMessage(const RawMessage& m) = 0;
    /// Applies the time window; returns the error for `sourceMs` or nullopt.
    std::optional<DecodeError> checkTime(TimeMs sourceMs, TimeMs receivedMs) const;

    const Plant& m_plant;
    DecoderOptions m_options;
    DecoderCounters m_counters;

private:
    std::array<TimeMs, kDecodeErrorCount> m_lastLogged{};
    std::array<std::uint64_t, kDecodeErrorCount> m_unlogged{};
};

/// A decoder for `format`. `plant` must outlive it.
std::unique_ptr<PayloadDecoder> makeDecoder(PayloadFormat format, const Plant& plant,
                                            DecoderOptions options = {});

} // namespace takt::twin::live
