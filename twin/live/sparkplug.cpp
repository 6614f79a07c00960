#include "twin/live/sparkplug.h"

#include "sparkplug_b.pb.h"

#include <algorithm>

namespace takt::twin::live {
namespace {

using Payload = takt::sparkplug::Payload;
using Metric = takt::sparkplug::Payload::Metric;
namespace dt = takt::sparkplug;

constexpr const char* kNamespace = "spBv1.0";
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
    d.prefix = std::string(kNamespace) + "/" + d.mapping.groupId + "/";
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

// ---------------------------------------------------------------------------------------------

struct SparkplugEdge::Impl {
    const Plant* plant = nullptr;
    ResolvedSparkplugMapping mapping;
    std::string edge;
    std::string prefix;
    std::uint64_t bdSeq = 0;
    int seq = 0;
    std::uint64_t nextAlias = 1;
    struct StationAliases {
        std::uint64_t state = 0, partsOut = 0;
        std::uint64_t partsCount = 0;
    };
    std::vector<StationAliases> stations;
    std::vector<std::uint64_t> checkAlias, cpAlias;

    std::uint64_t takeSeq()
    {
        const int s = seq;
        seq = (seq + 1) % 256;
        return static_cast<std::uint64_t>(s);
    }
    OutgoingMessage make(const std::string& type, const std::string& device, const Payload& p) const
    {
        return {prefix + type + "/" + edge + (device.empty() ? "" : "/" + device),
                p.SerializeAsString(), 1};
    }
    /// The device that reports station `s`.
    const std::string& deviceOf(int s) const
    {
        return mapping.deviceIds.at(static_cast<std::size_t>(s));
    }
};

SparkplugEdge::SparkplugEdge(const Plant& plant, std::string edgeNodeId, std::uint64_t bdSeq)
    : m_impl(std::make_unique<Impl>())
{
    auto& d = *m_impl;
    d.plant = &plant;
    d.mapping = resolveSparkplugMapping(plant);
    d.edge = std::move(edgeNodeId);
    d.prefix = std::string(kNamespace) + "/" + d.mapping.groupId + "/";
    d.bdSeq = bdSeq;
    for (std::size_t i = 0; i < plant.stations.size(); ++i)
        d.stations.push_back({d.nextAlias++, d.nextAlias++, 0});
    for (std::size_t i = 0; i < plant.checkpoints.size(); ++i)
        d.checkAlias.push_back(d.nextAlias++);
    for (std::size_t i = 0; i < plant.controlPoints.size(); ++i)
        d.cpAlias.push_back(d.nextAlias++);
}

SparkplugEdge::~SparkplugEdge() = default;

const std::string& SparkplugEdge::edgeNodeId() const
{
    return m_impl->edge;
}

std::string SparkplugEdge::nodeTopic(const std::string& type) const
{
    return m_impl->prefix + type + "/" + m_impl->edge;
}

OutgoingMessage SparkplugEdge::nbirth(TimeMs t)
{
    auto& d = *m_impl;
    d.seq = 0;
    Payload p;
    p.set_timestamp(static_cast<std::uint64_t>(t));
    p.set_seq(d.takeSeq());
    auto* bd = p.add_metrics();
    bd->set_name("bdSeq");
    bd->set_datatype(dt::Int64);
    bd->set_long_value(d.bdSeq);
    auto* rb = p.add_metrics();
    rb->set_name("Node Control/Rebirth");
    rb->set_datatype(dt::Boolean);
    rb->set_boolean_value(false);
    return d.make("NBIRTH", {}, p);
}

OutgoingMessage SparkplugEdge::ndeath() const
{
    Payload p;
    auto* bd = p.add_metrics();
    bd->set_name("bdSeq");
    bd->set_datatype(dt::Int64);
    bd->set_long_value(m_impl->bdSeq);
    return m_impl->make("NDEATH", {}, p);
}

OutgoingMessage SparkplugEdge::dbirth(int station, TimeMs t)
{
    auto& d = *m_impl;
    const auto& plant = *d.plant;
    const auto& a = d.stations.at(static_cast<std::size_t>(station));
    const std::string& id = plant.stations.at(static_cast<std::size_t>(station)).id;
    const auto& m = d.mapping;
    Payload p;
    p.set_timestamp(static_cast<std::uint64_t>(t));
    p.set_seq(d.takeSeq());
    const auto add = [&](const std::string& name, std::uint64_t alias, dt::DataType type) {
        auto* metric = p.add_metrics();
        metric->set_name(name);
        metric->set_alias(alias);
        metric->set_timestamp(static_cast<std::uint64_t>(t));
        metric->set_datatype(type);
        return metric;
    };
    const auto s = static_cast<std::size_t>(station);
    add(m.stateMetrics[s], a.state, dt::String)->set_is_null(true);
    add(m.partsOutMetrics[s], a.partsOut, dt::UInt64)->set_long_value(a.partsCount);
    for (std::size_t i = 0; i < plant.checkpoints.size(); ++i)
        if (plant.checkpoints[i].station == id)
            add(m.checkMetrics[i], d.checkAlias[i], dt::String)->set_is_null(true);
    for (std::size_t i = 0; i < plant.controlPoints.size(); ++i)
        if (plant.controlPoints[i].station == id)
            add(m.controlPointMetrics[i], d.cpAlias[i], dt::Double)->set_is_null(true);
    return d.make("DBIRTH", d.deviceOf(station), p);
}

OutgoingMessage SparkplugEdge::dbirth(int station, TimeMs t, StationState state)
{
    OutgoingMessage m = dbirth(station, t);
    Payload p;
    p.ParseFromString(m.payload);
    auto* metric = p.mutable_metrics(0);
    metric->set_is_null(false);
    metric->set_string_value(std::string(toString(state)));
    m.payload = p.SerializeAsString();
    return m;
}

OutgoingMessage SparkplugEdge::ddeath(int station, TimeMs t)
{
    Payload p;
    p.set_timestamp(static_cast<std::uint64_t>(t));
    p.set_seq(m_impl->takeSeq());
    return m_impl->make("DDEATH", m_impl->deviceOf(station), p);
}

std::optional<OutgoingMessage> SparkplugEdge::ddata(const Event& e)
{
    auto& d = *m_impl;
    const auto& plant = *d.plant;
    int station = -1;
    Payload p;
    auto* metric = p.add_metrics();
    metric->set_timestamp(static_cast<std::uint64_t>(e.t));
    switch (e.kind) {
    case EventKind::StateChange:
        if (e.channel < 0 || static_cast<std::size_t>(e.channel) >= d.stations.size())
            return std::nullopt;
        station = e.channel;
        metric->set_alias(d.stations[static_cast<std::size_t>(station)].state);
        metric->set_string_value(std::string(toString(e.state())));
        break;
    case EventKind::PartLeave: {
        if (e.channel < 0 || static_cast<std::size_t>(e.channel) >= d.stations.size())
            return std::nullopt;
        station = e.channel;
        auto& a = d.stations[static_cast<std::size_t>(station)];
        metric->set_alias(a.partsOut);
        metric->set_long_value(++a.partsCount);
        break;
    }
    case EventKind::Quality: {
        if (e.channel < 0 || static_cast<std::size_t>(e.channel) >= plant.checkpoints.size())
            return std::nullopt;
        station =
            plant.stationIndex(plant.checkpoints[static_cast<std::size_t>(e.channel)].station);
        metric->set_alias(d.checkAlias[static_cast<std::size_t>(e.channel)]);
        metric->set_string_value(std::string(toString(e.result())));
        break;
    }
    case EventKind::Measurement: {
        if (e.channel < 0 || static_cast<std::size_t>(e.channel) >= plant.controlPoints.size())
            return std::nullopt;
        station =
            plant.stationIndex(plant.controlPoints[static_cast<std::size_t>(e.channel)].station);
        metric->set_alias(d.cpAlias[static_cast<std::size_t>(e.channel)]);
        metric->set_double_value(e.value);
        break;
    }
    case EventKind::PartEnter:
    case EventKind::Alarm:
        return std::nullopt;
    }
    if (station < 0)
        return std::nullopt;
    p.set_timestamp(static_cast<std::uint64_t>(e.t));
    p.set_seq(d.takeSeq());
    return d.make("DDATA", d.deviceOf(station), p);
}

OutgoingMessage SparkplugEdge::ddataStateInt(int station, TimeMs t, int stateCode)
{
    auto& d = *m_impl;
    Payload p;
    p.set_timestamp(static_cast<std::uint64_t>(t));
    p.set_seq(d.takeSeq());
    auto* metric = p.add_metrics();
    metric->set_alias(d.stations.at(static_cast<std::size_t>(station)).state);
    metric->set_timestamp(static_cast<std::uint64_t>(t));
    metric->set_int_value(static_cast<std::uint32_t>(stateCode));
    return d.make("DDATA", d.deviceOf(station), p);
}

void SparkplugEdge::skipSeq(int n)
{
    m_impl->seq = (m_impl->seq + n) % 256;
}

std::vector<Event> sparkplugProjection(const Plant& plant, const std::vector<Event>& events)
{
    std::vector<Event> out;
    std::vector<std::int64_t> parts(plant.stations.size(), 0);
    for (const auto& e : events) {
        switch (e.kind) {
        case EventKind::StateChange:
            out.push_back(Event::stateChange(e.t, e.channel, e.state()));
            break;
        case EventKind::Measurement:
            out.push_back(e);
            break;
        case EventKind::Quality:
            out.push_back(Event::quality(e.t, e.channel, 0, 0, e.result()));
            break;
        case EventKind::PartLeave:
            out.push_back(Event::partLeave(e.t, e.channel,
                                           ++parts.at(static_cast<std::size_t>(e.channel)), 0));
            break;
        case EventKind::PartEnter:
        case EventKind::Alarm:
            break;
        }
    }
    return out;
}

} // namespace takt::twin::live
