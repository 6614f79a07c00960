#pragma once

#include "twin/live/decoder.h"

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace takt::twin::live {

/// The first level of every Sparkplug B topic (the specification's namespace element).
inline constexpr const char* kSparkplugNamespace = "spBv1.0";

/// A read-only Sparkplug B Host Application (Eclipse Sparkplug 3.0) for one plant
/// (docs/live-sparkplug.md). Subscribes to `spBv1.0/<group id>/#`. NBIRTH/DBIRTH define
/// metrics and aliases; NDATA/DDATA may carry aliases only. `seq` (0-255, wraps) is checked per
/// edge node: a gap, an unknown alias or data before a birth marks the node's stations stale
/// and, when DecoderOptions::sparkplugRebirth is set, asks for a `Node Control/Rebirth` NCMD
/// (once until the next NBIRTH). NDEATH (matched by `bdSeq`) and DDEATH turn the stations
/// `unknown` at the receive time.
///
/// Default mapping: device_id = station id; metric `State` (String, or Int32 0-5 in the order
/// working, starved, blocked, down, setup, idle) = station state; `PartsOut` (UInt64 counter) =
/// parts leaving the station (one PartLeave per increment, part id = the counter value);
/// a Double/Float metric named like a control point = its measurement; `Check/<checkpoint id>`
/// (String pass|fail|rework) = a quality result (part id and configuration 0). The plant's
/// Plant::sparkplug section overrides any of these names (the group id, a station's device id,
/// its state and parts metrics, a checkpoint's or control point's metric): see
/// resolveSparkplugMapping().
class SparkplugDecoder final : public PayloadDecoder {
public:
    SparkplugDecoder(const Plant& plant, DecoderOptions options = {});
    ~SparkplugDecoder() override;
    std::vector<std::string> subscriptions() const override;

private:
    DecodeResult decodeMessage(const RawMessage& m) override;
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

/// A Sparkplug B edge node that publishes a plant's events, one device per station, with the
/// plant's mapping (Plant::sparkplug): what `takt publish --format sparkplug` and the tests use.
/// Aliases are fixed at construction, so data can be encoded before (or without) its birth. Not
/// thread-safe.
class SparkplugEdge {
public:
    SparkplugEdge(const Plant& plant, std::string edgeNodeId, std::uint64_t bdSeq = 0);
    ~SparkplugEdge();

    const std::string& edgeNodeId() const;
    std::string nodeTopic(const std::string& type) const; ///< spBv1.0/<group>/<type>/<edge>

    /// NBIRTH (seq 0, bdSeq, Node Control/Rebirth).
    OutgoingMessage nbirth(TimeMs t);
    /// NDEATH with the bdSeq of the last NBIRTH: also the MQTT will of the edge node's client.
    OutgoingMessage ndeath() const;
    /// DBIRTH of one station: State, PartsOut, its checkpoints and control points, with names,
    /// aliases and data types; values null except PartsOut.
    OutgoingMessage dbirth(int station, TimeMs t);
    /// DBIRTH with a current state (a device that reports its state at birth).
    OutgoingMessage dbirth(int station, TimeMs t, StationState state);
    /// DDEATH of one station.
    OutgoingMessage ddeath(int station, TimeMs t);
    /// DDATA carrying one event with its alias only; nullopt for events Sparkplug's default
    /// mapping does not carry (part enter, alarms) or channels out of range.
    std::optional<OutgoingMessage> ddata(const Event& e);
    /// DDATA with the State metric as Int32 (0-5).
    OutgoingMessage ddataStateInt(int station, TimeMs t, int stateCode);
    /// Skips `n` sequence numbers (tests of the host's gap detection).
    void skipSeq(int n);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

/// The events of `events` that Sparkplug's default mapping carries, as a Host decodes them from
/// SparkplugEdge's messages: state changes without their reason code, measurements unchanged,
/// quality results with part
/// and configuration 0 and no defect code, part leaves numbered by a per-station counter from 1,
/// part enters and alarms left out. For tests and for checking a recording.
std::vector<Event> sparkplugProjection(const Plant& plant, const std::vector<Event>& events);

} // namespace takt::twin::live
