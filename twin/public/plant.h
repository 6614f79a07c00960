#pragma once

#include "twin/sparkplug_mapping.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace takt::twin {

/// What a station does on the line; decides how it is simulated and drawn.
enum class StationKind { Process, RobotCell, Buffer, Conveyor, QualityGate, Test };

/// Text form used in manifests ("process", "robot_cell", "buffer", "conveyor", "quality_gate",
/// "test").
std::string_view toString(StationKind kind);
std::optional<StationKind> stationKindFromString(std::string_view text);

/// A processing-time distribution. Seconds.
struct Distribution {
    enum class Kind { Deterministic, Normal, Exponential, Lognormal };
    Kind kind = Kind::Deterministic;
    double meanS = 0.0;
    double sdS = 0.0; ///< Normal and lognormal: standard deviation of the time itself.
};
std::string_view toString(Distribution::Kind kind);
std::optional<Distribution::Kind> distributionKindFromString(std::string_view text);

/// One station of the line. Buffers and conveyors have a capacity (parts); processing stations
/// hold one part at a time.
struct Station {
    std::string id;
    std::string name;
    std::string segment; ///< Segment id.
    StationKind kind = StationKind::Process;
    Distribution cycleTime;      ///< Seconds per part (transport time for conveyors).
    std::optional<double> mtbfS; ///< Mean time between failures, seconds of operation.
    std::optional<double> mttrS; ///< Mean time to repair, seconds.
    int capacity = 1;            ///< Parts it can hold.
    /// Parts inside when a simulation starts (0..capacity): a warm line's initial contents.
    int initialParts = 0;
    std::vector<std::string> nodes; ///< CAD node names it binds to; '*' and '?' are wildcards.
};

/// A group of stations shown together (body shop, paint, ...).
struct Segment {
    std::string id;
    std::string name;
};

/// A directed link of the flow graph: parts leave `from` and enter `to`.
struct FlowEdge {
    std::string from;
    std::string to;
};

/// A place where parts are inspected; each part gets pass, fail or rework.
struct QualityCheckpoint {
    std::string id;
    std::string name;
    std::string station;                  ///< Station id where the check happens.
    double defectRate = 0.0;              ///< Base probability of a part failing first time.
    std::vector<std::string> defectCodes; ///< Codes a failure is reported with.
};

/// A process parameter measured at a station, with its target and specification limits.
struct ControlPoint {
    std::string id;
    std::string name;
    std::string station;
    std::string unit;
    double target = 0.0;
    double lsl = 0.0;       ///< Lower specification limit.
    double usl = 0.0;       ///< Upper specification limit.
    double noiseSd = 0.0;   ///< Standard deviation of measurement noise, in `unit`.
    double driftPerH = 0.0; ///< Drift of the process mean, `unit` per hour.
    double sampleS = 1.0;   ///< Sampling period, seconds.
};

/// One dimension of the configuration space (trim, colour, ...).
struct ConfigurationDimension {
    std::string name;
    std::vector<std::string> options;
};

/// Default of Plant::liveStaleAfterS, seconds.
inline constexpr double kDefaultLiveStaleAfterS = 120.0;

/// A production line: stations, how parts flow between them, what is checked and measured.
/// Loaded from a plant manifest (see manifest.h); immutable once loaded.
struct Plant {
    std::string id;
    std::string name;
    double taktS = 60.0; ///< Target time between two finished units, seconds.
    /// Live feeds: a station with no data for this long (seconds of receive time) is shown
    /// stale (unknown) until its data comes back.
    double liveStaleAfterS = kDefaultLiveStaleAfterS;
    std::string layoutPath; ///< Absolute path of the CAD layout; empty if none.
    std::vector<Segment> segments;
    std::vector<Station> stations;
    std::vector<FlowEdge> flow;
    std::vector<QualityCheckpoint> checkpoints;
    std::vector<ControlPoint> controlPoints;
    std::vector<ConfigurationDimension> configurationDimensions;
    /// Live feeds: how Sparkplug B names this plant's data (the default mapping when empty).
    SparkplugMapping sparkplug;

    /// Number of distinct build configurations (product of the dimensions' option counts).
    std::uint64_t configurationCount() const;
    /// The configuration with the given index, as one option per dimension, joined by '/'.
    std::string configurationName(std::uint64_t index) const;

    const Station* findStation(std::string_view id) const;
    int stationIndex(std::string_view id) const; ///< -1 if unknown.
    std::vector<int> successors(int stationIndex) const;
    std::vector<int> predecessors(int stationIndex) const;
};

/// True when `name` matches `pattern`, where '*' matches any run and '?' one character.
bool matchesNodePattern(std::string_view pattern, std::string_view name);

} // namespace takt::twin
