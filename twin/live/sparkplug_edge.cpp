// SparkplugEdge, the edge node that `takt publish --format sparkplug` and the tests speak as, and
// sparkplugProjection (twin/live/sparkplug.h); the Host Application's decoder is sparkplug.cpp.
#include "twin/live/sparkplug.h"

#include "sparkplug_b.pb.h"

namespace takt::twin::live {
namespace {

using Payload = takt::sparkplug::Payload;
namespace dt = takt::sparkplug;

} // namespace

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
    d.prefix = std::string(kSparkplugNamespace) + "/" + d.mapping.groupId + "/";
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
