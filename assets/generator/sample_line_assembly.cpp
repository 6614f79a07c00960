// The general assembly and end-of-line halves of the sample line.
#include "sample_line.h"

namespace takt::assets::detail {

using K = twin::StationKind;

namespace {

constexpr const char* kWheels = "FL,FR,RL,RR";

ParamGroup torque(std::string name, double target, int count, std::string labels = "")
{
    // Joint torques are specified at +/-10 %, the usual window for controlled nutrunners.
    return {std::move(name), "N*m", target, target * 0.9, target * 1.1, count, std::move(labels)};
}

} // namespace

std::vector<StationBlueprint> assemblyAndTestStations()
{
    // One station per block reads better than clang-format's one field per line.
    // clang-format off
    return {
        // General assembly, trim: lane 2.
        {"GA-TR010", "Door removal", "ga-trim", K::Process, Look::Assembly, 8, 37.6, 1, 0,
         {{"Door hinge bolt breakaway torque, #", "N*m", 30, 20, 40, 2, "LH,RH"}}, {}},
        {"GA-TR020", "Wire harness and cockpit prep", "ga-trim", K::Process, Look::Assembly, 9,
         46.4, 1, 0,
         {torque("Ground stud torque, #", 9, 4, "G1,G2,G3,G4"),
          {"Harness connector insertion force, #", "N", 60, 45, 75, 4, "C1,C2,C3,C4"}},
         {}},
        {"GA-TR030", "Instrument panel install", "ga-trim", K::Process, Look::Assembly, 9, 48.5, 1,
         0,
         {torque("Cross-car beam bolt torque, #", 25, 6),
          torque("Steering column bolt torque, #", 24, 2)},
         {}},
        {"GA-TR040", "Glass decking", "ga-trim", K::RobotCell, Look::RobotCell, 10, 44.3, 1, 2,
         {{"Urethane bead height, #", "mm", 12, 10, 14, 2, "windshield,backlite"},
          {"Urethane bead width, #", "mm", 8, 6, 10, 2, "windshield,backlite"},
          {"Urethane temperature", "degC", 60, 55, 65, 1, ""},
          {"Glass placement offset, #", "mm", 0.0, -1.5, 1.5, 2, "windshield,backlite"}},
         {}},
        {"GA-TR050", "Trim buffer", "ga-trim", K::Buffer, Look::Buffer, 9, 6, 4, 0, {}, {}},
        {"GA-TR060", "Headliner and roof glass", "ga-trim", K::Process, Look::Assembly, 9, 43.0, 1,
         0,
         {{"Roof glass bead width, side #", "mm", 10, 8, 12, 2, "LH,RH"},
          torque("Grab handle screw torque, #", 5, 4)},
         {}},
        {"GA-TR070", "Carpets and centre console", "ga-trim", K::Process, Look::Assembly, 9, 40.6,
         1, 0,
         {torque("Console bolt torque, #", 10, 4),
          torque("Seat belt anchor bolt torque, #", 40, 4)},
         {}},
        {"GA-TR080", "Trim quality gate", "ga-trim", K::QualityGate, Look::LightTunnel, 9, 31.2, 1,
         0, {{"Door closing velocity, #", "m/s", 1.1, 0.9, 1.3, 2, "LH,RH"}},
         {{"Interior trim fit", 0.0075, {"TRM-GAP", "TRM-CLIP", "TRM-SCRATCH"}},
          {"Electrical function (harness)", 0.0045, {"ELE-CONN", "ELE-DTC", "ELE-GND"}},
          {"Glass and seals", 0.0022, {"GLS-BEAD", "GLS-POS", "GLS-CRACK"}}}},
        {"GA-TR090", "Transfer to chassis line", "ga-trim", K::Conveyor, Look::Transfer, 6, 20, 4,
         0, {}, {}},

        // General assembly, chassis and battery marriage: lane 3.
        {"GA-CH010", "Chassis hanger load", "ga-chassis", K::Conveyor, Look::Conveyor, 6, 10, 2, 0,
         {}, {}},
        {"GA-CH020", "Brake and coolant lines", "ga-chassis", K::Process, Look::Assembly, 9, 45.1,
         1, 0,
         {torque("Brake line fitting torque, #", 16, 6),
          torque("Coolant hose clamp torque, #", 5, 4)},
         {}},
        {"GA-CH030", "Front drive unit and subframe", "ga-chassis", K::Process, Look::Marriage, 10,
         50.2, 1, 0,
         {torque("Front subframe bolt torque, #", 120, 4),
          torque("Front drive unit mount torque, #", 90, 3),
          torque("Strut top nut torque, side #", 60, 2, "LH,RH")},
         {}},
        {"GA-CH040", "Rear drive unit and suspension", "ga-chassis", K::Process, Look::Marriage, 10,
         51.0, 1, 0,
         {torque("Rear subframe bolt torque, #", 130, 4),
          torque("Rear drive unit mount torque, #", 90, 3),
          torque("Control arm bolt torque, #", 110, 4)},
         {}},
        {"GA-CH050", "Chassis buffer", "ga-chassis", K::Buffer, Look::Buffer, 9, 6, 6, 0, {}, {}},
        {"GA-BM010", "Battery pack presentation", "ga-marriage", K::Process, Look::Assembly, 9,
         36.8, 1, 0,
         {{"Pack open-circuit voltage", "V", 400, 360, 410, 1, ""},
          {"Pack temperature", "degC", 25, 15, 35, 1, ""},
          {"Pack isolation pre-check", "MOhm", 500, 100, 2000, 1, ""},
          {"Pack coolant circuit pressure decay", "kPa", 0.5, 0.0, 1.5, 1, ""}},
         {}},
        {"GA-BM020", "Battery marriage", "ga-marriage", K::Process, Look::Marriage, 11, 53.0, 1, 0,
         {torque("Battery pack bolt torque, B#", 85, 16),
          {"Lift table position error, axis #", "mm", 0.0, -2.0, 2.0, 2, "X,Y"}},
         {}},
        {"GA-BM030", "HV connection and torque audit", "ga-marriage", K::Process, Look::Assembly, 9,
         47.4, 1, 0,
         {torque("HV busbar torque, #", 12, 4),
          {"Coolant connector push-in force, #", "N", 250, 200, 300, 2, "inlet,outlet"},
          {"Pack seal compression, #", "mm", 3.0, 2.5, 3.5, 2, "front,rear"}},
         {}},
        {"GA-BM040", "HV safety test gate", "ga-marriage", K::QualityGate, Look::LightTunnel, 9,
         34.7, 1, 0,
         {{"Insulation resistance, #", "MOhm", 500, 100, 2000, 2, "HV+,HV-"},
          {"HVIL loop resistance", "Ohm", 5, 0, 10, 1, ""},
          {"Equipotential bonding resistance, #", "mOhm", 50, 0, 100, 2, "pack,drive unit"}},
         {{"HV insulation test", 0.0015, {"HV-ISO", "HV-HVIL"}},
          {"Battery joint torque audit", 0.003, {"TRQ-LOW", "TRQ-HIGH", "TRQ-ANGLE"}},
          {"Coolant leak test", 0.0025, {"CLT-LEAK", "CLT-CONN"}}}},
        {"GA-BM050", "Transfer to final line", "ga-marriage", K::Conveyor, Look::Transfer, 6, 20,
         4, 0, {}, {}},

        // General assembly, final, and end-of-line test: lane 4.
        {"GA-FN010", "Wheels and tyres", "ga-final", K::RobotCell, Look::RobotCell, 10, 49.3, 1, 2,
         {torque("Wheel nut torque, #", 140, 20)}, {}},
        {"GA-FN020", "Seats install", "ga-final", K::Process, Look::Assembly, 9, 45.9, 1, 0,
         {torque("Front seat bolt torque, #", 45, 8), torque("Rear seat bolt torque, #", 25, 2)},
         {}},
        {"GA-FN030", "Doors re-install", "ga-final", K::Process, Look::Assembly, 9, 48.2, 1, 0,
         {torque("Door hinge bolt torque, #", 30, 8),
          torque("Door striker bolt torque, #", 20, 2, "LH,RH")},
         {}},
        {"GA-FN040", "Fluid fill", "ga-final", K::Process, Look::FluidFill, 9, 45.4, 1, 0,
         {{"Coolant fill volume", "L", 9.5, 9.2, 9.8, 1, ""},
          {"Brake fluid fill volume", "L", 0.95, 0.90, 1.00, 1, ""},
          {"Washer fluid fill volume", "L", 4.0, 3.7, 4.3, 1, ""},
          {"Refrigerant R1234yf charge", "g", 650, 630, 670, 1, ""},
          {"Evacuation pressure, circuit #", "mbar", 2.0, 0.5, 5.0, 2, "coolant,refrigerant"},
          {"Vacuum decay rate", "mbar/min", 0.5, 0.1, 1.0, 1, ""}},
         {}},
        {"GA-FN050", "Final buffer", "ga-final", K::Buffer, Look::Buffer, 9, 6, 6, 0, {}, {}},
        {"GA-FN060", "Final quality gate", "ga-final", K::QualityGate, Look::LightTunnel, 9, 39.2,
         1, 0,
         {{"Exterior gap, #", "mm", 4.0, 3.0, 5.0, 4, "hood,door LH,door RH,liftgate"}},
         {{"Exterior gap and flush", 0.01, {"DIM-GAP", "DIM-FLUSH", "TRM-ALIGN"}},
          {"Fluid levels", 0.0018, {"FLD-LOW", "FLD-LEAK"}},
          {"Final appearance", 0.0125, {"PNT-SCRATCH", "PNT-DIRT", "TRM-DAMAGE"}}}},
        {"EOL010", "Wheel alignment and headlamp aim", "eol", K::Test, Look::Aligner, 9, 50.4, 1, 0,
         {{"Toe, #", "deg", 0.10, 0.0, 0.20, 4, kWheels},
          {"Camber, #", "deg", -0.5, -1.0, 0.0, 4, kWheels},
          {"Headlamp aim vertical, #", "%", -1.0, -1.5, -0.5, 2, "LH,RH"},
          {"Headlamp aim horizontal, #", "%", 0.0, -0.5, 0.5, 2, "LH,RH"},
          {"Steering wheel angle", "deg", 0.0, -2.0, 2.0, 1, ""},
          {"Thrust angle", "deg", 0.0, -0.15, 0.15, 1, ""}},
         {{"Wheel alignment", 0.0055, {"ALN-TOE", "ALN-CAMBER", "ALN-SWA"}},
          {"Headlamp aim", 0.0027, {"LMP-AIM-V", "LMP-AIM-H"}}}},
        {"EOL020", "Roller and brake test", "eol", K::Test, Look::RollerDyno, 9, 52.5, 1, 0,
         {{"Brake force, #", "kN", 4.5, 3.8, 5.5, 4, kWheels},
          {"Speedometer deviation", "%", 2.0, 0.0, 4.0, 1, ""},
          {"Drive torque at 50 km/h, axle #", "N*m", 250, 230, 270, 2, "front,rear"},
          {"Regenerative braking power", "kW", 60, 50, 70, 1, ""}},
         {{"Brake and drive test", 0.0037, {"BRK-FORCE", "BRK-IMBAL", "DRV-TORQUE"}},
          {"Noise and vibration", 0.007, {"NVH-RATTLE", "NVH-WIND", "NVH-MOTOR"}}}},
        {"EOL030", "ADAS calibration", "eol", K::Test, Look::AdasRig, 9, 45.6, 1, 0,
         {{"Radar alignment, #", "deg", 0.0, -0.5, 0.5, 2, "yaw,pitch"},
          {"Camera alignment, #", "deg", 0.0, -0.3, 0.3, 3, "yaw,pitch,roll"}},
         {{"Radar calibration", 0.0022, {"ADAS-RADAR", "ADAS-TIMEOUT"}},
          {"Camera calibration", 0.0032, {"ADAS-CAM", "ADAS-TARGET"}}}},
        {"EOL040", "Water leak test", "eol", K::Test, Look::WaterTest, 10, 43.2, 1, 0,
         {{"Spray pressure, #", "bar", 2.0, 1.8, 2.2, 2, "roof,side"},
          {"Spray flow rate", "L/min", 160, 150, 170, 1, ""},
          {"Water temperature", "degC", 20, 15, 25, 1, ""}},
         {{"Water leak", 0.0045, {"WTR-DOOR", "WTR-ROOF", "WTR-GLASS"}},
          {"Underbody inspection", 0.0013, {"UB-CLIP", "UB-HOSE"}}}},
        {"EOL050", "Final audit and ship release", "eol", K::QualityGate, Look::LightTunnel, 9,
         37.6, 1, 0, {},
         {{"Final customer audit", 0.008, {"AUD-PAINT", "AUD-TRIM", "AUD-FUNC"}},
          {"Software and OTA readiness", 0.003, {"SW-VERSION", "SW-FLASH", "SW-DTC"}}}},
    };
    // clang-format on
}

} // namespace takt::assets::detail
