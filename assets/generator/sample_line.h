#pragma once

#include "twin/plant.h"

#include <string>
#include <vector>

namespace takt::assets {

/// How a station is drawn in the layout.
enum class Look {
    RobotCell,   ///< fenced cell with articulated robots around a fixture
    Conveyor,    ///< in-lane roller conveyor section
    Transfer,    ///< U-turn conveyor joining two lanes
    Buffer,      ///< storage racks with boxes beside an accumulating conveyor
    LightTunnel, ///< quality gate: arches of light panels
    DipTank,     ///< pretreatment and e-coat dip tanks
    Oven,        ///< long insulated oven with exhaust stacks
    PaintBooth,  ///< enclosed spray booth
    Assembly,    ///< manual/assisted assembly station on a slat conveyor
    Marriage,    ///< drive unit / battery marriage with a lift table
    FluidFill,   ///< fill machines with hoses
    Aligner,     ///< wheel alignment and headlamp aim rig
    RollerDyno,  ///< roller and brake test stand
    AdasRig,     ///< ADAS calibration targets
    WaterTest,   ///< enclosed water spray booth
};

/// A family of control points at one station. '#' in the name is replaced by the label (from
/// the comma-separated `labels`) or by a two-digit index 01..count.
struct ParamGroup {
    std::string name;
    std::string unit;
    double target = 0.0;
    double lsl = 0.0;
    double usl = 0.0;
    int count = 1;
    std::string labels;
};

/// One quality checkpoint hosted by a station.
struct CheckSpec {
    std::string name;
    double defectRate = 0.0;
    std::vector<std::string> codes;
};

/// Everything known about one station of the sample line: the plant model part and the look.
struct StationBlueprint {
    std::string id;
    std::string name;
    std::string segment;
    twin::StationKind kind = twin::StationKind::Process;
    Look look = Look::Assembly;
    double lengthM = 9.0; ///< Footprint along the line, metres.
    double meanS = 55.0;  ///< Mean cycle time (transport time for conveyors), seconds.
    int capacity = 1;
    int robots = 0;
    std::vector<ParamGroup> params;
    std::vector<CheckSpec> checks;
};

/// A segment and the lane of the serpentine it occupies (lane 0 is the body shop).
struct SegmentBlueprint {
    std::string id;
    std::string name;
    int lane = 0;
};

/// The sample line's segments, in flow order.
const std::vector<SegmentBlueprint>& sampleSegments();
/// The sample line's stations, in flow order (the serial line).
const std::vector<StationBlueprint>& sampleStations();
/// Lane of a station (from its segment).
int laneOf(const StationBlueprint& station);

} // namespace takt::assets

namespace takt::assets::detail {
// The station tables, split by half of the line (sample_line_*.cpp).
std::vector<StationBlueprint> bodyAndPaintStations();
std::vector<StationBlueprint> assemblyAndTestStations();
} // namespace takt::assets::detail
