#pragma once
// Shared by the live decoder fuzz targets and the seed writer: the plant the decoders serve and
// how one fuzz input is cut into MQTT messages.

#include "twin/live/raw_message.h"
#include "twin/manifest.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace takt::fuzz {

/// The small test line (tests/data/small_plant.json) without its layout: two stations with
/// checkpoints and control points, enough for every topic family of both decoders.
inline twin::Plant livePlant()
{
    static const char* kManifest = R"({
  "format": "takt-plant", "version": 1, "id": "small", "name": "Small", "takt_s": 60,
  "segments": [{"id": "body", "name": "Body"}],
  "stations": [
    {"id": "ST10", "name": "Weld 10", "segment": "body", "kind": "robot_cell", "cycle_time": 50},
    {"id": "ST20", "name": "Trim 20", "segment": "body", "kind": "quality_gate", "cycle_time": 40}
  ],
  "flow": [{"from": "ST10", "to": "ST20"}],
  "quality_checkpoints": [{"id": "Q1", "name": "Audit", "station": "ST20", "defect_rate": 0.03}],
  "control_points": [{"id": "CP1", "name": "Current", "station": "ST10", "unit": "kA",
    "target": 10.0, "lsl": 9.0, "usl": 11.0, "noise_sd": 0.1, "sample_s": 60}]
})";
    return twin::parsePlantManifest(kManifest, "fuzz-plant.json", {}, twin::LayoutPolicy::Ignore);
}

/// Receive time of the first message (2026-01-01 UTC); each further message arrives 1 s later.
inline constexpr twin::TimeMs kFirstReceivedMs = 1'767'225'600'000;

/// Separates messages in one fuzz input.
inline constexpr std::string_view kMessageSeparator = "\n--\n";

/// Cuts a fuzz input into messages: separated by kMessageSeparator, each "TOPIC\nPAYLOAD"
/// (a chunk without a newline is a topic with an empty payload).
inline std::vector<twin::live::RawMessage> splitMessages(const std::uint8_t* data, std::size_t size)
{
    std::vector<twin::live::RawMessage> out;
    const std::string_view all(reinterpret_cast<const char*>(data), size);
    std::size_t from = 0;
    while (from <= all.size()) {
        auto end = all.find(kMessageSeparator, from);
        if (end == std::string_view::npos)
            end = all.size();
        const auto chunk = all.substr(from, end - from);
        twin::live::RawMessage m;
        m.seq = out.size() + 1;
        m.receivedMs = kFirstReceivedMs + static_cast<twin::TimeMs>(out.size()) * 1000;
        const auto nl = chunk.find('\n');
        m.topic = std::string(chunk.substr(0, nl));
        if (nl != std::string_view::npos)
            m.payload = std::string(chunk.substr(nl + 1));
        m.qos = 1;
        out.push_back(std::move(m));
        from = end + kMessageSeparator.size();
    }
    return out;
}

/// The inverse of splitMessages (for writing seeds).
inline std::string joinMessages(const std::vector<std::pair<std::string, std::string>>& messages)
{
    std::string out;
    for (std::size_t i = 0; i < messages.size(); ++i) {
        if (i)
            out += kMessageSeparator;
        out += messages[i].first + "\n" + messages[i].second;
    }
    return out;
}

} // namespace takt::fuzz
