#include "twin/live/decoder.h"

#include "twin/live/sparkplug.h"
#include "twin/live/takt_json.h"
#include "twin/log.h"

#include <numeric>

namespace takt::twin::live {

std::string_view toString(DecodeError e)
{
    switch (e) {
    case DecodeError::Malformed:
        return "malformed";
    case DecodeError::WrongType:
        return "wrong_type";
    case DecodeError::UnknownStation:
        return "unknown_station";
    case DecodeError::UnknownTopic:
        return "unknown_topic";
    case DecodeError::UnknownAlias:
        return "unknown_alias";
    case DecodeError::Oversized:
        return "oversized";
    case DecodeError::TimeInFuture:
        return "time_in_future";
    case DecodeError::TimeInPast:
        return "time_in_past";
    }
    return "malformed";
}

std::string_view toString(PayloadFormat f)
{
    return f == PayloadFormat::SparkplugB ? "sparkplug" : "json";
}

std::optional<PayloadFormat> payloadFormatFromString(std::string_view text)
{
    if (text == "json")
        return PayloadFormat::TaktJson;
    if (text == "sparkplug" || text == "spb" || text == "sparkplug-b")
        return PayloadFormat::SparkplugB;
    return std::nullopt;
}

std::uint64_t DecoderCounters::errorTotal() const
{
    return std::accumulate(errors.begin(), errors.end(), std::uint64_t{0});
}

PayloadDecoder::PayloadDecoder(const Plant& plant, DecoderOptions options)
    : m_plant(plant), m_options(options)
{
    m_lastLogged.fill(std::numeric_limits<TimeMs>::min());
}

std::optional<DecodeError> PayloadDecoder::checkTime(TimeMs sourceMs, TimeMs receivedMs) const
{
    if (sourceMs > receivedMs + m_options.maxFutureMs)
        return DecodeError::TimeInFuture;
    if (sourceMs < receivedMs - m_options.maxPastMs)
        return DecodeError::TimeInPast;
    return std::nullopt;
}

DecodeResult PayloadDecoder::decode(const RawMessage& m)
{
    ++m_counters.messages;
    DecodeResult r;
    if (m.payload.size() > m_options.maxPayloadBytes) {
        r.error = DecodeError::Oversized;
        r.detail = std::to_string(m.payload.size()) + " bytes (limit " +
                   std::to_string(m_options.maxPayloadBytes) + ")";
    } else {
        r = decodeMessage(m);
    }
    if (r.error) {
        r.events.clear();
        const auto k = static_cast<std::size_t>(*r.error);
        ++m_counters.errors[k];
        // Once per kind per minute: a flood of bad messages must not flood the log too. The
        // first of a kind is tested first: receivedMs - min() overflows (found by fuzz_live_json).
        if (m_lastLogged[k] == std::numeric_limits<TimeMs>::min() ||
            m.receivedMs - m_lastLogged[k] >= 60'000) {
            logger("live")->warn("{} message on '{}': {}{}", toString(*r.error), m.topic, r.detail,
                                 m_unlogged[k] ? " (" + std::to_string(m_unlogged[k]) +
                                                     " more of this kind since the last report)"
                                               : std::string());
            m_lastLogged[k] = m.receivedMs;
            m_unlogged[k] = 0;
        } else {
            ++m_unlogged[k];
        }
        return r;
    }
    if (r.duplicate)
        ++m_counters.duplicates;
    if (!r.events.empty()) {
        m_counters.events += r.events.size();
        m_counters.lastSourceMs = r.events.back().t;
        m_counters.lastReceivedMs = m.receivedMs;
    }
    return r;
}

std::unique_ptr<PayloadDecoder> makeDecoder(PayloadFormat format, const Plant& plant,
                                            DecoderOptions options)
{
    if (format == PayloadFormat::SparkplugB)
        return std::make_unique<SparkplugDecoder>(plant, options);
    return std::make_unique<TaktJsonDecoder>(plant, options);
}

} // namespace takt::twin::live
