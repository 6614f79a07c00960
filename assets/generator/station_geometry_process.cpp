// Paint, assembly, quality gate and test looks.
#include "station_geometry.h"

#include "props.h"

namespace takt::assets::detail {
namespace {

/// Raised slat conveyor ("skillet") that carries bodies through manual stations.
void addSlatConveyor(PartBuilder& pb, double halfLength, double width)
{
    pb.box(Material::ConveyorFrame, Vec3{0, 0.12, 0}, Vec3{2 * halfLength, 0.24, width});
    for (double z : {-width / 2 - 0.1, width / 2 + 0.1})
        pb.box(Material::SafetyYellow, Vec3{0, 0.13, z}, Vec3{2 * halfLength, 0.26, 0.2});
}

/// Gantry with two lines of tool balancers over an assembly station.
void addToolGantry(PartBuilder& pb, double halfLength)
{
    constexpr double kHeight = 4.2, kHalfSpan = 2.6;
    for (double x : {-halfLength + 0.5, halfLength - 0.5})
        for (double z : {-kHalfSpan, kHalfSpan})
            pb.box(Material::MachineBlueGrey, Vec3{x, kHeight / 2, z}, Vec3{0.2, kHeight, 0.2});
    for (double z : {-1.6, 1.6, -kHalfSpan, kHalfSpan})
        pb.beam(Material::MachineBlueGrey, {-halfLength + 0.5, kHeight, z},
                {halfLength - 0.5, kHeight, z}, 0.16, 0.2);
    for (double x : {-halfLength + 1.5, 0.0, halfLength - 1.5})
        for (double z : {-1.6, 1.6})
            pb.cylinderBetween(Material::ConveyorFrame, {x, kHeight, z}, {x, 2.3, z}, 0.02, 6);
}

} // namespace

void buildLightTunnel(PartBuilder& pb, const StationBlueprint& s, const Placement& p)
{
    const double h = s.lengthM / 2;
    addSlatConveyor(pb, h, 2.6);
    addCar(pb, Transform::translate({0, 0.1, 0}), p.stage, p.paint);
    constexpr int kArches = 6;
    for (int i = 0; i < kArches; ++i) {
        const double x = -h + 1.0 + i * (2 * h - 2.0) / (kArches - 1);
        for (double z : {-2.4, 2.4}) {
            pb.box(Material::MachineBlueGrey, Vec3{x, 1.7, z}, Vec3{0.25, 3.4, 0.25});
            pb.box(Material::LightPanel, Vec3{x, 1.7, z * 0.94}, Vec3{0.16, 2.6, 0.05});
        }
        pb.box(Material::MachineBlueGrey, Vec3{x, 3.5, 0}, Vec3{0.25, 0.25, 5.05});
        pb.box(Material::LightPanel, Vec3{x, 3.36, 0}, Vec3{0.16, 0.05, 4.2});
    }
    pb.box(Material::Cabinet, Vec3{h - 1.0, 0.5, 3.6}, Vec3{1.2, 1.0, 0.7}); // inspector desk
    pb.box(Material::Glass, Vec3{h - 1.0, 1.3, 3.6}, Vec3{0.8, 0.5, 0.05});  // screen
}

void buildPaintProcess(PartBuilder& pb, const StationBlueprint& s, const Placement& p)
{
    const double h = s.lengthM / 2;
    if (s.look == Look::DipTank) {
        for (int i = 0; i < 3; ++i) {
            const double x = -h + 2.8 + i * (2 * h - 5.6) / 2;
            pb.box(Material::MachineBlueGrey, Vec3{x, 0.8, 0}, Vec3{4.6, 1.6, 3.2});
            pb.box(Material::Ecoat, Vec3{x, 1.55, 0}, Vec3{4.2, 0.06, 2.8}); // bath surface
        }
        // Overhead pendulum conveyor with a body dipping into the middle tank.
        for (double x : {-h + 0.3, h - 0.3})
            for (double z : {-2.0, 2.0})
                pb.box(Material::MachineBlueGrey, Vec3{x, 2.75, z}, Vec3{0.25, 5.5, 0.25});
        for (double z : {-2.0, 2.0})
            pb.beam(Material::MachineBlueGrey, {-h + 0.3, 5.5, z}, {h - 0.3, 5.5, z}, 0.2, 0.35);
        addCar(pb, Transform::translate({0, 1.3, 0}) * Transform::rotateZ(-0.35), p.stage, p.paint);
        addCar(pb, Transform::translate({-h + 3, 2.4, 0}), p.stage, p.paint);
        addCabinet(pb, {-h + 2.0, 0, -3.3}, 2.0);
        addCabinet(pb, {h - 2.0, 0, -3.3}, 2.0);
        return;
    }
    const bool oven = s.look == Look::Oven;
    const Material shell = oven ? Material::Oven : Material::Cabinet;
    const double height = oven ? 4.2 : 4.6;
    const double width = oven ? 5.2 : 6.4;
    pb.box(shell, Vec3{0, height / 2, 0}, Vec3{2 * h - 0.4, height, width});
    for (double x : {-h + 0.1, h - 0.1}) // dark openings where the conveyor enters and leaves
        pb.box(Material::RobotDark, Vec3{x, 1.2, 0}, Vec3{0.22, 2.4, 2.4});
    if (oven) {
        for (double x : {-h + 2.0, 0.0, h - 2.0})
            pb.cylinder(Material::Oven, {x, height, -1.2}, 0.35, 3.0, 14);
        for (double x : {-h + 3.0, h - 3.0})
            pb.box(Material::MachineBlueGrey, Vec3{x, 1.4, width / 2 + 0.8}, Vec3{2.2, 2.8, 1.4});
        pb.beam(Material::Oven, {-h + 1.0, height + 0.5, 1.2}, {h - 1.0, height + 0.5, 1.2}, 0.7,
                0.7);
        return;
    }
    // Spray booth: window band along both sides, air supply house on the roof.
    for (double z : {-width / 2, width / 2})
        pb.box(Material::Glass, Vec3{0, 2.0, z}, Vec3{2 * h - 1.6, 1.1, 0.06});
    pb.box(Material::MachineBlueGrey, Vec3{0, height + 0.9, 0}, Vec3{2 * h - 2.0, 1.8, 3.6});
    pb.cylinder(Material::Oven, {-h + 1.6, height, 2.2}, 0.5, 1.8, 16);
    addCabinet(pb, {-h + 1.5, 0, -width / 2 - 0.8}, 1.6);
    addCabinet(pb, {h - 1.5, 0, -width / 2 - 0.8}, 1.6);
    pb.box(Material::RackBlue, Vec3{0, 1.0, width / 2 + 1.2},
           Vec3{3.0, 2.0, 1.4}); // paint mix room
}

void buildAssembly(PartBuilder& pb, const StationBlueprint& s, const Placement& p, int index)
{
    const double h = s.lengthM / 2;
    addSlatConveyor(pb, h, 3.0);
    const bool hanging = s.look == Look::Marriage;
    if (hanging) {
        // Overhead carrier holds the body up; a lift table brings the battery or drive unit.
        for (double x : {-h + 0.4, h - 0.4})
            for (double z : {-2.8, 2.8})
                pb.box(Material::MachineBlueGrey, Vec3{x, 2.9, z}, Vec3{0.3, 5.8, 0.3});
        for (double z : {-0.9, 0.9})
            pb.beam(Material::MachineBlueGrey, {-h + 0.4, 5.6, z}, {h - 0.4, 5.6, z}, 0.25, 0.4);
        for (double x : {-h + 0.4, h - 0.4})
            pb.beam(Material::MachineBlueGrey, {x, 5.6, -2.8}, {x, 5.6, 2.8}, 0.25, 0.4);
        for (double x : {-1.6, 1.6})
            for (double z : {-1.05, 1.05})
                pb.beam(Material::RobotDark, {x, 5.4, z * 0.85}, {x, 1.5, z}, 0.12, 0.12);
        addCar(pb, Transform::translate({0, 1.35, 0}), p.stage, p.paint);
        pb.box(Material::SafetyYellow, Vec3{0, 0.45, 0}, Vec3{3.4, 0.4, 1.6});    // AGV
        pb.box(Material::MachineBlueGrey, Vec3{0, 0.95, 0}, Vec3{2.6, 0.6, 1.3}); // lift
        pb.box(Material::RobotDark, Vec3{0, 1.4, 0}, Vec3{2.9, 0.28, 1.6});       // pack
    } else {
        addCar(pb, Transform::translate({0, 0.12, 0}), p.stage, p.paint);
        addToolGantry(pb, h);
    }
    if (s.look == Look::FluidFill) {
        for (int i = 0; i < 3; ++i) {
            const double x = -h + 1.6 + i * 2.6;
            pb.box(Material::MachineBlueGrey, Vec3{x, 1.1, 3.6}, Vec3{1.6, 2.2, 1.0});
            pb.beam(Material::RobotDark, {x, 2.2, 3.6}, {x, 3.2, 2.2}, 0.08, 0.08);
            pb.beam(Material::RobotDark, {x, 3.2, 2.2}, {x * 0.5, 1.5, 0.6}, 0.05, 0.05);
            pb.cylinder(Material::RackBlue, {x, 0, -3.6}, 0.45, 1.1, 14);
        }
        return;
    }
    // Line-side flow racks with parts on both sides.
    const int bays = std::max(1, static_cast<int>((s.lengthM - 3.0) / 2.7));
    addRack(pb, {-bays * 1.35, 0, 3.3}, bays, 2, 1.0, index);
    if (!hanging)
        addRack(pb, {-bays * 1.35, 0, -4.3}, bays, 2, 1.0, index + 3);
}

void buildTestRig(PartBuilder& pb, const StationBlueprint& s, const Placement& p)
{
    const double h = s.lengthM / 2;
    pb.box(Material::FloorPlate, Vec3{0, 0.01, 0}, Vec3{2 * h - 0.4, 0.02, 5.0});
    if (s.look == Look::WaterTest) {
        pb.box(Material::Cabinet, Vec3{0, 2.0, 0}, Vec3{2 * h - 0.6, 4.0, 5.4});
        for (double z : {-2.7, 2.7})
            pb.box(Material::Glass, Vec3{0, 2.2, z}, Vec3{2 * h - 2.0, 1.0, 0.06});
        for (double x : {-h + 1.0, h - 1.0})
            pb.box(Material::RobotDark, Vec3{x, 1.2, 0}, Vec3{0.62, 2.4, 2.4});
        pb.cylinder(Material::RackBlue, {-1.5, 0, 3.8}, 0.9, 2.4, 16);
        pb.cylinder(Material::RackBlue, {0.8, 0, 3.8}, 0.9, 2.4, 16);
        pb.box(Material::MachineBlueGrey, Vec3{2.8, 0.6, 3.8}, Vec3{1.6, 1.2, 1.2}); // pumps
        return;
    }
    addCar(pb, Transform::translate({0, 0.05, 0}), p.stage, p.paint);
    if (s.look == Look::RollerDyno || s.look == Look::Aligner) {
        for (double x : {-1.45, 1.42})
            for (double z : {-0.8, 0.8}) {
                if (s.look == Look::RollerDyno) {
                    for (double dx : {-0.3, 0.3})
                        pb.cylinderBetween(Material::Roller, {x + dx, 0.1, z - 0.35},
                                           {x + dx, 0.1, z + 0.35}, 0.16, 12);
                } else {
                    pb.box(Material::Roller, Vec3{x, 0.04, z}, Vec3{0.8, 0.06, 0.7});
                }
            }
        // Control booth with a window onto the rig.
        pb.box(Material::Cabinet, Vec3{h - 1.6, 1.3, 3.6}, Vec3{2.4, 2.6, 1.8});
        pb.box(Material::Glass, Vec3{h - 1.6, 1.7, 2.68}, Vec3{1.9, 0.9, 0.05});
    }
    if (s.look == Look::Aligner) {
        pb.box(Material::MachineBlueGrey, Vec3{h - 0.6, 0.9, 0}, Vec3{0.4, 1.8, 0.6});  // aim box
        pb.box(Material::MachineBlueGrey, Vec3{h - 0.6, 0.05, 0}, Vec3{0.2, 0.1, 4.6}); // rail
    }
    if (s.look == Look::AdasRig) {
        for (double z : {-2.0, 0.0, 2.0}) {
            pb.box(Material::MachineBlueGrey, Vec3{h - 0.5, 1.0, z}, Vec3{0.1, 2.0, 0.1});
            pb.box(Material::LaneWhite, Vec3{h - 0.5, 1.6, z}, Vec3{0.05, 1.0, 1.4});
            pb.box(Material::PaintBlack, Vec3{h - 0.53, 1.6, z}, Vec3{0.02, 0.5, 0.5});
        }
        pb.box(Material::Cabinet, Vec3{-h + 1.2, 1.0, 3.4}, Vec3{1.6, 2.0, 1.0});
    }
}

} // namespace takt::assets::detail
