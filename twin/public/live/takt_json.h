#pragma once

#include "twin/live/decoder.h"
#include "twin/live/sequence_tracker.h"

#include <map>
#include <optional>
#include <string>

namespace takt::twin::live {

/// Decoder of Takt's own JSON scheme (docs/live-json.md): topics `takt/v1/<plant>/...`, one
/// event per message, each with producer id, per-producer sequence number and source time.
/// Duplicates are dropped on (producer, seq); skipped numbers are counted as gaps.
class TaktJsonDecoder final : public PayloadDecoder {
public:
    TaktJsonDecoder(const Plant& plant, DecoderOptions options = {});
    std::vector<std::string> subscriptions() const override;

private:
    DecodeResult decodeMessage(const RawMessage& m) override;

    std::string m_prefix; // "takt/v1/<plant>/"
    std::map<std::string, SequenceTracker, std::less<>> m_producers;
    /// Channel by id for each family (station, checkpoint, control point): a message names its
    /// channel by id, and a plant has hundreds (369 control points in the reference plant).
    using ChannelIndex = std::map<std::string, int, std::less<>>;
    ChannelIndex m_stations, m_checkpoints, m_controlPoints;
};

/// One event as a Takt JSON message (topic and payload), from `producer` with sequence `seq`.
/// nullopt for an event whose channel the plant does not have.
struct TaktJsonMessage {
    std::string topic;
    std::string payload;
};
std::optional<TaktJsonMessage> encodeTaktJson(const Plant& plant, const Event& e,
                                              const std::string& producer, std::uint64_t seq);

} // namespace takt::twin::live
