#pragma once

#include "twin/events.h"

#include <cstdint>
#include <string>

namespace takt::twin::live {

/// One MQTT message as it came off the network, before any decoding: what a live recording
/// stores first (table `live_messages`), so that it replays through the same decoder.
struct RawMessage {
    std::uint64_t seq = 0; ///< Arrival number within a recording (1, 2, ...); 0 until recorded.
    TimeMs receivedMs = 0; ///< Receive time, ms since the Unix epoch (UTC).
    std::string topic;
    int qos = 0;
    bool retained = false;
    std::string payload; ///< The bytes, unmodified.

    bool operator==(const RawMessage&) const = default;
};

} // namespace takt::twin::live
