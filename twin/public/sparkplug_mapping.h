#pragma once

#include <nlohmann/json_fwd.hpp>

#include <map>
#include <string>
#include <vector>

namespace takt::twin {

struct ManifestProblem;
struct Plant;

/// How a Sparkplug B feed names a plant's data: the plant manifest's optional `sparkplug`
/// section (docs/plant-manifest.md, docs/live-sparkplug.md "Mapping"). Every field left empty
/// or absent keeps the default mapping: group_id = the plant id, device_id = the station id,
/// metrics `State`, `PartsOut`, `Check/<checkpoint id>` and `<control point id>`.
struct SparkplugMapping {
    /// Per station: the device that reports it and, where the device names them otherwise, its
    /// state and parts metrics. Empty: the plant-wide default.
    struct Station {
        std::string deviceId;
        std::string stateMetric;
        std::string partsOutMetric;
        bool operator==(const Station&) const = default;
    };

    std::string groupId;                              ///< Empty: the plant id.
    std::string stateMetric;                          ///< Empty: "State".
    std::string partsOutMetric;                       ///< Empty: "PartsOut".
    std::string checkPrefix;                          ///< Empty: "Check/" (before a checkpoint id).
    std::string controlPointPrefix;                   ///< Empty: none (before a control point id).
    std::map<std::string, Station> stations;          ///< By station id.
    std::map<std::string, std::string> checkpoints;   ///< Checkpoint id -> metric name.
    std::map<std::string, std::string> controlPoints; ///< Control point id -> metric name.

    bool operator==(const SparkplugMapping&) const = default;
    bool isDefault() const { return *this == SparkplugMapping{}; }
};

/// The mapping of one plant with every name resolved (defaults filled in), by index in
/// manifest order: what the Sparkplug host and edge node use.
struct ResolvedSparkplugMapping {
    std::string groupId;
    std::vector<std::string> deviceIds;           ///< Per station.
    std::vector<std::string> stateMetrics;        ///< Per station.
    std::vector<std::string> partsOutMetrics;     ///< Per station.
    std::vector<std::string> checkMetrics;        ///< Per quality checkpoint.
    std::vector<std::string> controlPointMetrics; ///< Per control point.
    std::string checkPrefix; ///< Resolved prefix: an unknown metric under it is rejected.
};

/// Resolves `plant.sparkplug` against the plant. Never throws for a plant that
/// parsePlantManifest accepted. Any thread.
ResolvedSparkplugMapping resolveSparkplugMapping(const Plant& plant);
/// As above with another mapping for the plant (the parser checks one before it is kept).
ResolvedSparkplugMapping resolveSparkplugMapping(const Plant& plant,
                                                 const SparkplugMapping& mapping);

/// Longest group id, device id or metric name a manifest may give (bytes).
inline constexpr std::size_t kMaxSparkplugNameBytes = 256;

/// Reads the manifest's `sparkplug` section (at JSON pointer "/sparkplug") for `plant`, whose
/// stations, checkpoints and control points are already read. Every problem (unknown keys and
/// ids, wrong types, empty or over-long names, '/', '+' or '#' in a group or device id, two
/// stations on one device, one metric name meaning two things on one device) is appended to
/// `problems` with its JSON pointer. Used by parsePlantManifest.
SparkplugMapping parseSparkplugMapping(const nlohmann::json& section, const Plant& plant,
                                       std::vector<ManifestProblem>& problems);

/// The section as parseSparkplugMapping reads it: only what differs from the default.
nlohmann::json sparkplugMappingToJson(const SparkplugMapping& mapping);

} // namespace takt::twin
