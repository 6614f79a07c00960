// The body shop and paint shop halves of the sample line.
#include "sample_line.h"

namespace takt::assets::detail {

using K = twin::StationKind;

namespace {

// Resistance spot welding parameters, shared by the framing and respot cells.
ParamGroup weldCurrent(int n)
{
    return {"Weld current, spot group #", "kA", 9.5, 8.5, 10.5, n, ""};
}
ParamGroup weldTime(int n)
{
    return {"Weld time, spot group #", "ms", 200, 180, 220, n, ""};
}
ParamGroup electrodeForce(int n)
{
    return {"Electrode force, gun #", "kN", 3.2, 2.8, 3.6, n, ""};
}

ParamGroup boothTemp()
{
    return {"Booth air temperature", "degC", 23.0, 21.0, 25.0, 1, ""};
}
ParamGroup boothHumidity()
{
    return {"Booth relative humidity", "%RH", 65, 55, 75, 1, ""};
}
ParamGroup downdraft()
{
    return {"Downdraft air velocity", "m/s", 0.35, 0.25, 0.45, 1, ""};
}
ParamGroup bellSpeed()
{
    return {"Bell speed, robot #", "krpm", 45, 40, 50, 2, ""};
}
ParamGroup highVoltage()
{
    return {"Electrostatic voltage, robot #", "kV", 70, 60, 80, 2, ""};
}

} // namespace

std::vector<StationBlueprint> bodyAndPaintStations()
{
    // One station per block reads better than clang-format's one field per line.
    // clang-format off
    return {
        // Body shop: robot welding cells, lane 0.
        {"BIW010", "Underbody framing", "body", K::RobotCell, Look::RobotCell, 10, 47.5, 1, 4,
         {weldCurrent(6), weldTime(6), electrodeForce(4)}, {}},
        {"BIW020", "Underbody respot", "body", K::RobotCell, Look::RobotCell, 10, 45.3, 1, 3,
         {weldCurrent(6), weldTime(6), electrodeForce(3)}, {}},
        {"BIW030", "Body shuttle conveyor", "body", K::Conveyor, Look::Conveyor, 6, 12, 2, 0, {},
         {}},
        {"BIW040", "Main framing (side apertures, roof)", "body", K::RobotCell, Look::RobotCell,
         11, 52.2, 1, 4,
         {weldCurrent(6), weldTime(6), electrodeForce(4),
          {"Geo fixture clamp pressure, side #", "bar", 6.0, 5.5, 6.5, 2, "LH,RH"}},
         {}},
        {"BIW050", "Roof laser brazing", "body", K::RobotCell, Look::RobotCell, 9, 49.6, 1, 2,
         {{"Laser power, head #", "kW", 4.0, 3.8, 4.2, 2, ""},
          {"Brazing wire feed, head #", "m/min", 3.2, 2.9, 3.5, 2, ""},
          {"Brazing speed, head #", "m/min", 2.5, 2.3, 2.7, 2, ""},
          {"Shielding gas flow", "L/min", 15, 12, 18, 1, ""},
          {"Seam tracking offset", "mm", 0.0, -0.3, 0.3, 1, ""},
          {"Braze seam width", "mm", 4.0, 3.5, 4.5, 1, ""}},
         {}},
        {"BIW060", "Body-in-white buffer", "body", K::Buffer, Look::Buffer, 10, 6, 8, 0, {}, {}},
        {"BIW070", "Respot and stud welding", "body", K::RobotCell, Look::RobotCell, 10, 47.0, 1,
         3,
         {weldCurrent(5), weldTime(5), electrodeForce(3),
          {"Stud weld current, gun #", "A", 1100, 1000, 1200, 2, ""},
          {"Stud weld lift", "mm", 1.5, 1.2, 1.8, 1, ""}},
         {}},
        {"BIW080", "Closures hang and hem", "body", K::RobotCell, Look::RobotCell, 10, 48.8, 1, 4,
         {{"Hem roller force, #", "N", 1500, 1350, 1650, 4, "door FL,door FR,hood,liftgate"},
          {"Hem sealer bead width, #", "mm", 3.0, 2.0, 4.0, 4, "door FL,door FR,hood,liftgate"},
          {"Hinge bolt torque, #", "N*m", 28, 25, 31, 4, "FL upper,FL lower,FR upper,FR lower"},
          {"Door hinge gap, side #", "mm", 4.0, 3.5, 4.5, 2, "LH,RH"}},
         {}},
        {"BIW090", "BIW metrology and audit", "body", K::QualityGate, Look::LightTunnel, 9, 39.2,
         1, 0,
         {{"Gap, #", "mm", 4.0, 3.0, 5.0, 6,
           "hood-fender LH,hood-fender RH,door-fender LH,door-fender RH,liftgate LH,liftgate RH"},
          {"Flush, #", "mm", 0.0, -1.0, 1.0, 6,
           "hood-fender LH,hood-fender RH,door-fender LH,door-fender RH,liftgate LH,liftgate RH"},
          {"Hole position deviation, datum #", "mm", 0.0, -0.5, 0.5, 4, "A,B,C,D"}},
         {{"BIW dimensional audit", 0.0063, {"DIM-GAP", "DIM-FLUSH", "DIM-HOLE"}},
          {"Weld integrity (ultrasonic)", 0.003, {"WLD-MISS", "WLD-COLD", "WLD-EXP", "WLD-BURN"}},
          {"Body surface (dents, dings)", 0.0088, {"SRF-DENT", "SRF-DING", "SRF-SCRATCH"}}}},
        {"BIW100", "Transfer conveyor to paint", "body", K::Conveyor, Look::Transfer, 6, 20, 4, 0,
         {}, {}},

        // Paint shop, lane 1.
        {"PNT010", "Pretreatment and e-coat", "paint", K::Process, Look::DipTank, 16, 45.6, 1, 0,
         {{"Degreaser temperature", "degC", 55, 50, 60, 1, ""},
          {"Phosphate bath temperature", "degC", 48, 45, 51, 1, ""},
          {"Phosphate bath pH", "pH", 3.3, 3.0, 3.6, 1, ""},
          {"Final rinse conductivity", "uS/cm", 20, 5, 50, 1, ""},
          {"E-coat voltage, zone #", "V", 300, 270, 330, 2, ""},
          {"E-coat bath temperature", "degC", 32, 30, 34, 1, ""},
          {"E-coat film thickness, #", "um", 20, 16, 24, 4, "roof,hood,door LH,rocker RH"}},
         {}},
        {"PNT020", "E-coat oven", "paint", K::Process, Look::Oven, 14, 42.4, 1, 0,
         {{"E-coat oven zone # temperature", "degC", 180, 170, 190, 4, ""},
          {"E-coat oven dwell time", "min", 20, 18, 25, 1, ""},
          {"E-coat oven exhaust LEL", "%LEL", 10, 0, 25, 1, ""}},
         {}},
        {"PNT030", "Sealer and underbody coating", "paint", K::RobotCell, Look::RobotCell, 10,
         48.0, 1, 2,
         {{"Sealer bead width, seam #", "mm", 4.0, 3.0, 5.0, 6, ""},
          {"Sealer pump pressure, robot #", "bar", 120, 100, 140, 2, ""},
          {"Sealer material temperature", "degC", 35, 30, 40, 1, ""},
          {"Underbody coating thickness, #", "um", 500, 350, 650, 3,
           "wheel arch front,wheel arch rear,rocker"}},
         {}},
        {"PNT040", "Primer booth", "paint", K::Process, Look::PaintBooth, 12, 44.0, 1, 0,
         {boothTemp(), boothHumidity(), downdraft(), bellSpeed(), highVoltage(),
          {"Primer film thickness, #", "um", 30, 25, 35, 4, "roof,hood,door LH,door RH"}},
         {}},
        {"PNT050", "Basecoat booth", "paint", K::Process, Look::PaintBooth, 14, 50.1, 1, 0,
         {boothTemp(), boothHumidity(), downdraft(), bellSpeed(), highVoltage(),
          {"Basecoat flow rate, robot #", "cc/min", 280, 240, 320, 2, ""},
          {"Basecoat film thickness, #", "um", 15, 12, 18, 4, "roof,hood,door LH,door RH"}},
         {}},
        {"PNT060", "Clearcoat booth", "paint", K::Process, Look::PaintBooth, 12, 47.2, 1, 0,
         {boothTemp(), boothHumidity(), downdraft(), bellSpeed(), highVoltage(),
          {"Clearcoat film thickness, #", "um", 45, 40, 50, 4, "roof,hood,door LH,door RH"}},
         {}},
        {"PNT070", "Topcoat cure oven", "paint", K::Process, Look::Oven, 14, 39.2, 1, 0,
         {{"Topcoat oven zone # temperature", "degC", 140, 130, 150, 5, ""},
          {"Topcoat oven dwell time", "min", 25, 22, 30, 1, ""}},
         {}},
        {"PNT080", "Paint inspection light tunnel", "paint", K::QualityGate, Look::LightTunnel, 10,
         42.4, 1, 0,
         {{"Gloss 20 deg, #", "GU", 88, 82, 95, 2, "hood,roof"},
          {"Distinctness of image", "DOI", 92, 85, 99, 1, ""},
          {"Orange peel long wave", "LW", 4, 1, 8, 1, ""},
          {"Orange peel short wave", "SW", 12, 5, 20, 1, ""},
          {"Colour difference, #", "dE", 0.4, 0.0, 1.0, 2, "hood,bumper"}},
         {{"Paint surface defects", 0.0145, {"PNT-DIRT", "PNT-CRATER", "PNT-RUN", "PNT-SAG",
                                            "PNT-FIBRE"}},
          {"Film build", 0.0037, {"PNT-THIN", "PNT-THICK"}},
          {"Colour match", 0.002, {"PNT-COLOR", "PNT-MOTTLE"}},
          {"Sealer coverage", 0.005, {"SLR-MISS", "SLR-SKIP", "SLR-SMEAR"}}}},
        {"PNT090", "Painted body storage", "paint", K::Buffer, Look::Buffer, 12, 6, 12, 0, {}, {}},
        {"PNT100", "Transfer conveyor to general assembly", "paint", K::Conveyor, Look::Transfer, 6,
         20, 4, 0, {}, {}},
    };
    // clang-format on
}

} // namespace takt::assets::detail
