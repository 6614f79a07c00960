#include "station_geometry.h"

#include "props.h"

#include <numbers>

namespace takt::assets {
namespace {

void buildConveyor(PartBuilder& pb, const StationBlueprint& s, const Placement& p, int index)
{
    const double h = s.lengthM / 2;
    addRollerConveyor(pb, {-h, 0, 0}, {h, 0, 0}, 1.5);
    if (index % 2 == 0) {
        addSkid(pb, Transform::translate({0, 0.1, 0}));
        addCar(pb, Transform::translate({0, 0.1, 0}), p.stage, p.paint);
    }
}

void buildTransfer(PartBuilder& pb, const Placement& p)
{
    const double h = p.lengthM / 2, reach = 3.5 * p.armSign;
    addRollerConveyor(pb, {-h, 0, reach}, {-h, 0, 0}, 1.5);
    addRollerConveyor(pb, {-h - 0.8, 0, 0}, {h + 0.8, 0, 0}, 1.5);
    addRollerConveyor(pb, {h, 0, 0}, {h, 0, reach}, 1.5);
    // Turntables at the corners.
    for (double x : {-h, h})
        pb.cylinder(Material::MachineBlueGrey, {x, 0, 0}, 1.0, 0.42, 20);
    addSkid(pb, Transform::translate({0, 0.1, 0}));
    addCar(pb, Transform::translate({0, 0.1, 0}), p.stage, p.paint);
}

} // namespace

void buildStation(PartBuilder& pb, const StationBlueprint& s, const Placement& p, int index)
{
    pb.setFrame(p.frame);
    switch (s.look) {
    case Look::RobotCell:
        detail::buildRobotCell(pb, s, p, index);
        break;
    case Look::Conveyor:
        buildConveyor(pb, s, p, index);
        break;
    case Look::Transfer:
        buildTransfer(pb, p);
        break;
    case Look::Buffer:
        detail::buildBuffer(pb, s, p, index);
        break;
    case Look::LightTunnel:
        detail::buildLightTunnel(pb, s, p);
        break;
    case Look::DipTank:
    case Look::Oven:
    case Look::PaintBooth:
        detail::buildPaintProcess(pb, s, p);
        break;
    case Look::Assembly:
    case Look::Marriage:
    case Look::FluidFill:
        detail::buildAssembly(pb, s, p, index);
        break;
    case Look::Aligner:
    case Look::RollerDyno:
    case Look::AdasRig:
    case Look::WaterTest:
        detail::buildTestRig(pb, s, p);
        break;
    }
    pb.setFrame({});
}

namespace detail {

void buildRobotCell(PartBuilder& pb, const StationBlueprint& s, const Placement& p, int index)
{
    const double h = s.lengthM / 2 - 0.3;
    constexpr double kHalfWidth = 4.2;
    pb.box(Material::FloorPlate, Vec3{0, 0.01, 0}, Vec3{2 * h, 0.02, 2 * kHalfWidth});
    addFence(pb, -h, h, -kHalfWidth, kHalfWidth, 1.4);
    addRollerConveyor(pb, {-h - 0.3, 0, 0}, {-2.4, 0, 0}, 1.5);
    addRollerConveyor(pb, {2.4, 0, 0}, {h + 0.3, 0, 0}, 1.5);

    // Welding fixture with clamp towers, the body on it.
    pb.box(Material::MachineBlueGrey, Vec3{0, 0.25, 0}, Vec3{4.6, 0.5, 2.0});
    for (double x : {-1.9, -0.6, 0.6, 1.9})
        for (double z : {-1.05, 1.05})
            pb.box(Material::MachineBlueGrey, Vec3{x, 0.75, z}, Vec3{0.25, 0.5, 0.2});
    addCar(pb, Transform::translate({0, 0.1, 0}), p.stage, p.paint);

    // Robots face the body from both sides; poses differ per robot so the cell looks busy.
    const Material paint = index % 2 == 0 ? Material::RobotOrange : Material::RobotYellow;
    struct Spot {
        double x, z;
    };
    std::vector<Spot> spots;
    if (s.robots == 2)
        spots = {{0.0, -2.8}, {0.0, 2.8}};
    else if (s.robots == 3)
        spots = {{-1.9, -2.8}, {1.9, -2.8}, {0.0, 2.8}};
    else
        spots = {{-2.1, -2.8}, {2.1, -2.8}, {-2.1, 2.8}, {2.1, 2.8}};
    for (std::size_t r = 0; r < spots.size(); ++r) {
        const double v = static_cast<double>((index * 3 + static_cast<int>(r) * 5) % 7) / 6.0;
        RobotPose pose;
        const double facing = spots[r].z < 0 ? -std::numbers::pi / 2 : std::numbers::pi / 2;
        pose.yaw = facing + (v - 0.5) * 0.9 - spots[r].x * 0.08 * (spots[r].z < 0 ? -1 : 1);
        pose.shoulder = 0.15 + 0.6 * v;
        pose.elbow = 1.0 + 0.7 * (1.0 - v);
        pose.wrist = 0.3 + 0.6 * v;
        addRobot(pb, {spots[r].x, 0, spots[r].z}, pose, paint);
    }
    // Robot controllers and the weld timer cabinets outside the fence.
    for (std::size_t r = 0; r < spots.size(); ++r) {
        const double side = spots[r].z < 0 ? -1.0 : 1.0;
        addCabinet(pb, {spots[r].x, 0, side * (kHalfWidth + 0.7)}, 1.0);
    }
}

void buildBuffer(PartBuilder& pb, const StationBlueprint& s, const Placement& p, int index)
{
    const double h = s.lengthM / 2;
    addRollerConveyor(pb, {-h, 0, 0}, {h, 0, 0}, 1.5);
    const int bodies = std::min(3, static_cast<int>(s.lengthM / 5.2));
    for (int i = 0; i < bodies; ++i) {
        const double x = -h + 2.6 + i * 5.0;
        addSkid(pb, Transform::translate({x, 0.1, 0}));
        addCar(pb, Transform::translate({x, 0.1, 0}), p.stage,
               kCarPaints[static_cast<std::size_t>(index + i) % kCarPaints.size()]);
    }
    const int bays = static_cast<int>((s.lengthM - 0.6) / 2.7);
    const double rackLength = bays * 2.7;
    for (double side : {-1.0, 1.0}) {
        const double z0 = side < 0 ? -4.6 : 3.4;
        addRack(pb, {-rackLength / 2, 0, z0}, bays, 3, 1.2, index * 2 + (side < 0 ? 0 : 1));
    }
}

} // namespace detail
} // namespace takt::assets
