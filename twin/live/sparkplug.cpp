#include "twin/live/sparkplug.h"

#include "sparkplug_b.pb.h"

#include <algorithm>

namespace takt::twin::live {
namespace {

using Payload = takt::sparkplug::Payload;
using Metric = takt::sparkplug::Payload::Metric;
namespace dt = takt::sparkplug;

constexpr std::uint64_t kMaxPartsPerMessage = 10'000;

struct Fail {
    DecodeError kind;
    std::string detail;
};

/// A metric a birth defined.
struct MetricDef {
    std::string name;
    std::uint32_t datatype = 0;
    std::string device; ///< Empty for a node-level metric.
};

struct Device {
    int station = -1;
    std::uint64_t partsOut = 0;
    bool partsKnown = false;
};

struct Node {
    bool born = false;
    std::optional<std::uint64_t> bdSeq;
    int lastSeq = -1;
    bool rebirthAsked = false;
    std::map<std::uint64_t, MetricDef> aliases;
    std::map<std::string, Device, std::less<>> devices;
};

const std::array<StationState, 6> kStateByInt{StationState::Working, StationState::Starved,
                                              StationState::Blocked, StationState::Down,
                                              StationState::Setup,   StationState::Idle};

} // namespace

struct SparkplugDecoder::Impl {
    ResolvedSparkplugMapping mapping;
    std::string prefix; // "spBv1.0/<group>/"
    std::map<std::string, Node, std::less<>> nodes;
    std::set<int> stale;
    std::map<std::string, int, std::less<>> stationOfDevice;
    // Checkpoint and control point metrics by (station, name), and by name alone where the name
    // is the plant's only one of that kind (the default mapping accepts them from any device).
    std::map<std::pair<int, std::string>, int, std::less<>> checkAt, controlAt;
    std::map<std::string, int, std::less<>> checkAnywhere, controlAnywhere;

    int station(std::string_view device) const
    {
        const auto it = stationOfDevice.find(device);
        return it == stationOfDevice.end() ? -1 : it->second;
    }
    static int find(const std::map<std::pair<int, std::string>, int, std::less<>>& at,
                    const std::map<std::string, int, std::less<>>& anywhere, int station,
                    const std::string& name)
    {
        if (const auto it = at.find(std::pair(station, name)); it != at.end())
            return it->second;
        const auto it = anywhere.find(name);
        return it == anywhere.end() ? -1 : it->second;
    }
};

namespace {

/// Fills the look-ups of `names` (one per item, at the item's station).
template <typename Items>
void index(const Plant& plant, const Items& items, const std::vector<std::string>& names,
           std::map<std::pair<int, std::string>, int, std::less<>>& at,
           std::map<std::string, int, std::less<>>& anywhere)
{
    std::map<std::string, int> count;
    for (const auto& n : names)
        ++count[n];
    for (std::size_t i = 0; i < items.size(); ++i) {
        at[{plant.stationIndex(items[i].station), names[i]}] = static_cast<int>(i);
        if (count[names[i]] == 1)
            anywhere[names[i]] = static_cast<int>(i);
    }
}

} // namespace

SparkplugDecoder::SparkplugDecoder(const Plant& plant, DecoderOptions options)
    : PayloadDecoder(plant, options), m_impl(std::make_unique<Impl>())
{
    auto& d = *m_impl;
    d.mapping = resolveSparkplugMapping(plant);
    d.prefix = std::string(kSparkplugNamespace) + "/" + d.mapping.groupId + "/";
    for (std::size_t s = 0; s < plant.stations.size(); ++s)
        d.stationOfDevice.emplace(d.mapping.deviceIds[s], static_cast<int>(s));
    index(plant, plant.checkpoints, d.mapping.checkMetrics, d.checkAt, d.checkAnywhere);
    index(plant, plant.controlPoints, d.mapping.controlPointMetrics, d.controlAt,
          d.controlAnywhere);
}

SparkplugDecoder::~SparkplugDecoder() = default;

std::vector<std::string> SparkplugDecoder::subscriptions() const
{
    return {m_impl->prefix + "#"};
}

DecodeResult SparkplugDecoder::decodeMessage(const RawMessage& m)
{
    DecodeResult r;
    auto& impl = *m_impl;
    if (m.topic.rfind(impl.prefix, 0) != 0) {
        r.error = DecodeError::UnknownTopic;
        r.detail = "not under " + impl.prefix;
        return r;
    }
    // <type>/<edge node>[/<device>]
    std::string_view rest = std::string_view(m.topic).substr(impl.prefix.size());
    const auto s1 = rest.find('/');
    if (s1 == std::string_view::npos) {
        r.error = DecodeError::UnknownTopic;
        r.detail = "no edge node id";
        return r;
    }
    const std::string type(rest.substr(0, s1));
    rest.remove_prefix(s1 + 1);
    const auto s2 = rest.find('/');
    const std::string edge(rest.substr(0, s2));
    const std::string device = s2 == std::string_view::npos ? "" : std::string(rest.substr(s2 + 1));
    if (type == "NCMD" || type == "DCMD")
        return r; // Commands to the edge (our own Rebirth among them): not data.
    const bool nodeMsg = type == "NBIRTH" || type == "NDEATH" || type == "NDATA";
    const bool devMsg = type == "DBIRTH" || type == "DDEATH" || type == "DDATA";
    if (!(nodeMsg || devMsg) || edge.empty() || (devMsg && device.empty()) ||
        (nodeMsg && !device.empty())) {
        r.error = DecodeError::UnknownTopic;
        r.detail = "not a Sparkplug B message topic";
        return r;
    }

    Payload p;
    if (!p.ParseFromString(m.payload)) {
        r.error = DecodeError::Malformed;
        r.detail = "not a Sparkplug B protobuf payload";
        return r;
    }

    Node& node = impl.nodes[edge];
    const auto markStale = [&](const std::string& why) {
        for (const auto& [id, d] : node.devices)
            if (d.station >= 0)
                impl.stale.insert(d.station);
        if (devMsg)
            if (const int st = impl.station(device); st >= 0)
                impl.stale.insert(st);
        if (m_options.sparkplugRebirth && !node.rebirthAsked) {
            Payload cmd;
            cmd.set_timestamp(static_cast<std::uint64_t>(m.receivedMs));
            auto* metric = cmd.add_metrics();
            metric->set_name("Node Control/Rebirth");
            metric->set_datatype(dt::Boolean);
            metric->set_boolean_value(true);
            r.replies.push_back({impl.prefix + "NCMD/" + edge, cmd.SerializeAsString(), 0});
            node.rebirthAsked = true;
            ++m_counters.rebirthRequests;
        }
        r.detail = why;
    };
    const auto publishStale = [&] {
        m_counters.staleStations.assign(impl.stale.begin(), impl.stale.end());
    };

    if (type == "NDEATH") {
        std::optional<std::uint64_t> bd;
        for (const auto& metric : p.metrics())
            if (metric.name() == "bdSeq")
                bd = metric.long_value();
        // A will from an older session of the node (its bdSeq differs) is stale news.
        if (node.born && (!bd || !node.bdSeq || *bd == *node.bdSeq)) {
            for (auto& [id, d] : node.devices)
                if (d.station >= 0) {
                    r.events.push_back(Event::stateChange(m.receivedMs, d.station,
                                                          StationState::Unknown, "NDEATH"));
                    impl.stale.erase(d.station);
                }
            node.born = false;
            node.devices.clear();
            node.aliases.clear();
            node.lastSeq = -1;
        }
        publishStale();
        return r;
    }

    // Every other message of an edge node carries the node's seq, 0-255, wrapping.
    const int seq = p.has_seq() ? static_cast<int>(p.seq() % 256) : -1;
    if (type == "NBIRTH") {
        node = Node{};
        node.born = true;
        node.lastSeq = seq;
        for (const auto& metric : p.metrics()) {
            if (metric.name() == "bdSeq")
                node.bdSeq = metric.long_value();
            if (metric.has_alias())
                node.aliases[metric.alias()] = {metric.name(), metric.datatype(), {}};
        }
        publishStale();
        return r;
    }
    if (!node.born) {
        markStale("data from edge node '" + edge + "' before its NBIRTH");
        r.error = DecodeError::UnknownAlias;
        publishStale();
        return r;
    }
    if (seq >= 0) {
        const int expected = (node.lastSeq + 1) % 256;
        if (node.lastSeq >= 0 && seq != expected) {
            m_counters.gaps += static_cast<std::uint64_t>((seq - expected + 256) % 256);
            markStale("seq gap on edge node '" + edge + "': expected " + std::to_string(expected) +
                      ", got " + std::to_string(seq));
        }
        node.lastSeq = seq;
    }

    if (type == "DDEATH") {
        if (const auto it = node.devices.find(device); it != node.devices.end()) {
            if (it->second.station >= 0) {
                r.events.push_back(Event::stateChange(m.receivedMs, it->second.station,
                                                      StationState::Unknown, "DDEATH"));
                impl.stale.erase(it->second.station);
            }
            node.devices.erase(it);
        }
        publishStale();
        return r;
    }

    Device* dev = nullptr;
    if (type == "DBIRTH") {
        const int st = impl.station(device);
        if (st < 0) {
            r.error = DecodeError::UnknownStation;
            r.detail = "device '" + device + "' is not a station of plant " + m_plant.id;
            return r;
        }
        dev = &node.devices[device];
        *dev = Device{st, 0, false};
        impl.stale.erase(st);
        for (const auto& metric : p.metrics())
            if (metric.has_alias())
                node.aliases[metric.alias()] = {metric.name(), metric.datatype(), device};
    } else if (type == "DDATA") {
        const auto it = node.devices.find(device);
        if (it == node.devices.end()) {
            markStale("DDATA for device '" + device + "' before its DBIRTH");
            r.error = DecodeError::UnknownAlias;
            publishStale();
            return r;
        }
        dev = &it->second;
    }

    try {
        std::vector<Event> out;
        for (const auto& metric : p.metrics()) {
            std::string name = metric.name();
            if (name.empty()) {
                const auto a = node.aliases.find(metric.alias());
                if (!metric.has_alias() || a == node.aliases.end()) {
                    markStale("unknown alias " + std::to_string(metric.alias()) + " on '" + edge +
                              (device.empty() ? "" : "/" + device) + "'");
                    throw Fail{DecodeError::UnknownAlias, r.detail};
                }
                name = a->second.name;
            }
            if (metric.is_null() || metric.value_case() == Metric::VALUE_NOT_SET)
                continue;
            const TimeMs t = metric.has_timestamp() ? static_cast<TimeMs>(metric.timestamp())
                             : p.has_timestamp()    ? static_cast<TimeMs>(p.timestamp())
                                                    : m.receivedMs;
            if (const auto e = checkTime(t, m.receivedMs))
                throw Fail{*e, "metric '" + name + "' at " + formatIsoTime(t)};

            const int at = dev ? dev->station : -1;
            const auto sz = static_cast<std::size_t>(at);
            if (at >= 0 && name == impl.mapping.stateMetrics[sz]) {
                StationState state;
                if (metric.value_case() == Metric::kStringValue) {
                    const auto s = stationStateFromString(metric.string_value());
                    if (!s)
                        throw Fail{DecodeError::WrongType, name + " '" + metric.string_value() +
                                                               "' is not a station state"};
                    state = *s;
                } else if (metric.value_case() == Metric::kIntValue) {
                    const auto v = static_cast<std::int32_t>(metric.int_value());
                    if (v < 0 || v > 5)
                        throw Fail{DecodeError::WrongType,
                                   name + " " + std::to_string(v) + " is not 0-5"};
                    state = kStateByInt[static_cast<std::size_t>(v)];
                } else {
                    throw Fail{DecodeError::WrongType, name + " is neither String nor Int32"};
                }
                out.push_back(Event::stateChange(t, dev->station, state));
            } else if (at >= 0 && name == impl.mapping.partsOutMetrics[sz]) {
                if (metric.value_case() != Metric::kLongValue)
                    throw Fail{DecodeError::WrongType, name + " is not a UInt64"};
                const std::uint64_t v = metric.long_value();
                if (dev->partsKnown && v > dev->partsOut) {
                    const std::uint64_t from =
                        std::max(dev->partsOut + 1,
                                 v > kMaxPartsPerMessage ? v - kMaxPartsPerMessage + 1 : 1);
                    for (std::uint64_t n = from; n <= v; ++n)
                        out.push_back(
                            Event::partLeave(t, dev->station, static_cast<std::int64_t>(n), 0));
                }
                dev->partsOut = v;
                dev->partsKnown = true;
            } else if (const int cp = Impl::find(impl.checkAt, impl.checkAnywhere, at, name);
                       cp >= 0 ||
                       (name.rfind(impl.mapping.checkPrefix, 0) == 0 &&
                        Impl::find(impl.controlAt, impl.controlAnywhere, at, name) < 0)) {
                if (cp < 0)
                    throw Fail{DecodeError::UnknownStation,
                               "metric '" + name + "' names no quality checkpoint of plant " +
                                   m_plant.id};
                if (metric.value_case() != Metric::kStringValue)
                    throw Fail{DecodeError::WrongType, name + " is not a String"};
                const auto q = qualityResultFromString(metric.string_value());
                if (!q)
                    throw Fail{DecodeError::WrongType,
                               name + " '" + metric.string_value() + "' is not pass|fail|rework"};
                out.push_back(Event::quality(t, cp, 0, 0, *q));
            } else if (const int ctl = Impl::find(impl.controlAt, impl.controlAnywhere, at, name);
                       ctl >= 0) {
                double v = 0;
                if (metric.value_case() == Metric::kDoubleValue)
                    v = metric.double_value();
                else if (metric.value_case() == Metric::kFloatValue)
                    v = metric.float_value();
                else
                    throw Fail{DecodeError::WrongType,
                               "control point '" + name + "' is not a Double"};
                out.push_back(Event::measurement(t, ctl, v));
            }
            // Other metrics (bdSeq, Node Control/*, the edge's own) carry nothing for the twin.
        }
        r.events = std::move(out);
    } catch (const Fail& f) {
        r.error = f.kind;
        r.detail = f.detail;
    }
    publishStale();
    return r;
}

} // namespace takt::twin::live
