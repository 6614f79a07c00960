#pragma once
// Sparkplug B payloads built by hand in the tests (protobuf of twin/live/sparkplug_b.proto), so
// that an edge node of the tests names its metrics itself instead of through Takt's mapping.

#include "sparkplug_b.pb.h"

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace takt::twin::testing::spb {

/// One metric: by name (a birth, or data by name), by alias, or both.
struct MetricSpec {
    std::string name; ///< Empty: alias only.
    std::optional<std::uint64_t> alias;
    std::variant<std::monostate, std::string, double, std::uint64_t> value;
    std::uint32_t datatype = 0; ///< takt::sparkplug::DataType; 0: from the value.
};

inline std::string payload(std::uint64_t timestamp, std::optional<std::uint64_t> seq,
                           const std::vector<MetricSpec>& metrics)
{
    namespace dt = takt::sparkplug;
    takt::sparkplug::Payload p;
    p.set_timestamp(timestamp);
    if (seq)
        p.set_seq(*seq);
    for (const auto& m : metrics) {
        auto* metric = p.add_metrics();
        if (!m.name.empty())
            metric->set_name(m.name);
        if (m.alias)
            metric->set_alias(*m.alias);
        metric->set_timestamp(timestamp);
        std::uint32_t type = m.datatype;
        if (const auto* s = std::get_if<std::string>(&m.value)) {
            metric->set_string_value(*s);
            type = type ? type : std::uint32_t(dt::String);
        } else if (const auto* d = std::get_if<double>(&m.value)) {
            metric->set_double_value(*d);
            type = type ? type : std::uint32_t(dt::Double);
        } else if (const auto* u = std::get_if<std::uint64_t>(&m.value)) {
            metric->set_long_value(*u);
            type = type ? type : std::uint32_t(dt::UInt64);
        } else {
            metric->set_is_null(true);
        }
        if (!m.name.empty() && type)
            metric->set_datatype(type);
    }
    return p.SerializeAsString();
}

/// NBIRTH payload: seq 0 and bdSeq.
inline std::string nbirth(std::uint64_t timestamp, std::uint64_t bdSeq)
{
    return payload(timestamp, 0,
                   {{"bdSeq", std::nullopt, bdSeq, takt::sparkplug::Int64},
                    {"Node Control/Rebirth", std::nullopt, {}, takt::sparkplug::Boolean}});
}

} // namespace takt::twin::testing::spb
