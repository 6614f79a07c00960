#include "scenery.h"

#include "props.h"

#include <cmath>
#include <numbers>

namespace takt::assets {
namespace {

constexpr double kPi = std::numbers::pi;
constexpr double kMargin = 14.0; // floor beyond the lanes on each side
constexpr double kColumnPitch = 12.0;
constexpr double kColumnHeight = 9.0;
constexpr double kLine = 0.12;    // painted line width
constexpr double kPaintY = 0.006; // paint sits just above the slab

struct Bounds {
    double x0, x1, z0, z1;
};

Bounds floorBounds(const LineLayout& l)
{
    return {-kMargin, l.laneLength + kMargin, -kMargin - 4.0,
            (l.laneCount - 1) * LineLayout::kLanePitch + kMargin};
}

void paintLine(PartBuilder& pb, Material m, double x0, double z0, double x1, double z1, double w)
{
    pb.box(m, Vec3{(x0 + x1) / 2, kPaintY, (z0 + z1) / 2},
           Vec3{std::abs(x1 - x0) + w, 0.012, std::abs(z1 - z0) + w});
}

PartBuilder floor(const Bounds& b)
{
    PartBuilder pb;
    pb.box(Material::Concrete, Vec3{(b.x0 + b.x1) / 2, -0.1, (b.z0 + b.z1) / 2},
           Vec3{b.x1 - b.x0, 0.2, b.z1 - b.z0});
    return pb;
}

PartBuilder markings(const LineLayout& l, const Bounds& b)
{
    PartBuilder pb;
    const double pitch = LineLayout::kLanePitch;
    for (int lane = 0; lane < l.laneCount; ++lane) {
        const double z = lane * pitch;
        // Equipment zone borders along each lane.
        for (double side : {-5.6, 5.6})
            paintLine(pb, Material::SafetyYellow, -1.0, z + side, l.laneLength + 1.0, z + side,
                      kLine);
        if (lane + 1 == l.laneCount)
            continue;
        // Green walkway between two lanes, edged in white, with zebra crossings.
        const double wz = z + pitch / 2 - 1.9;
        pb.box(Material::WalkwayGreen, Vec3{l.laneLength / 2, kPaintY - 0.002, wz},
               Vec3{l.laneLength, 0.01, 1.8});
        for (double e : {-0.95, 0.95})
            paintLine(pb, Material::LaneWhite, 0, wz + e, l.laneLength, wz + e, 0.08);
        for (double x = 18.0; x < l.laneLength - 10.0; x += 36.0)
            for (int k = 0; k < 7; ++k)
                paintLine(pb, Material::LaneWhite, x + k * 0.9, z + 6.2, x + k * 0.9,
                          z + pitch - 6.2, 0.45);
    }
    // Main forklift aisle around the line, double yellow lines.
    for (double off : {0.0, 0.3}) {
        const double x0 = -9.0 - off, x1 = l.laneLength + 9.0 + off;
        const double z0 = -9.0 - off, z1 = (l.laneCount - 1) * pitch + 9.0 + off;
        paintLine(pb, Material::SafetyYellow, x0, z0, x1, z0, kLine);
        paintLine(pb, Material::SafetyYellow, x0, z1, x1, z1, kLine);
        paintLine(pb, Material::SafetyYellow, x0, z0, x0, z1, kLine);
        paintLine(pb, Material::SafetyYellow, x1, z0, x1, z1, kLine);
    }
    // Hatched keep-clear zones in front of the logistics racks.
    for (double x = b.x0 + 4.0; x < b.x1 - 4.0; x += 1.2)
        pb.beam(Material::SafetyYellow, {x, kPaintY, -11.2}, {x + 0.8, kPaintY, -10.2}, 0.2, 0.012);
    return pb;
}

PartBuilder columns(const LineLayout& l, const Bounds& b)
{
    PartBuilder pb;
    const double pitch = LineLayout::kLanePitch;
    for (int row = -1; row < l.laneCount; ++row) {
        const double z = row * pitch + pitch / 2;
        for (double x = b.x0 + 2.0; x <= b.x1 - 1.9; x += kColumnPitch) {
            pb.box(Material::ColumnSteel, Vec3{x, kColumnHeight / 2, z},
                   Vec3{0.5, kColumnHeight, 0.5});
            pb.box(Material::SafetyYellow, Vec3{x, 0.6, z}, Vec3{0.7, 1.2, 0.7}); // impact guard
        }
    }
    return pb;
}

PartBuilder walls(const Bounds& b)
{
    PartBuilder pb;
    constexpr double kHeight = 10.0, kThick = 0.3;
    pb.box(Material::Wall, Vec3{(b.x0 + b.x1) / 2, kHeight / 2, b.z0},
           Vec3{b.x1 - b.x0, kHeight, kThick});
    pb.box(Material::Wall, Vec3{b.x0, kHeight / 2, (b.z0 + b.z1) / 2},
           Vec3{kThick, kHeight, b.z1 - b.z0});
    // Dock doors along the back wall.
    for (double x = b.x0 + 10.0; x < b.x1 - 6.0; x += 16.0)
        pb.box(Material::MachineBlueGrey, Vec3{x, 2.3, b.z0 + 0.2}, Vec3{4.0, 4.6, 0.1});
    return pb;
}

PartBuilder logistics(const Bounds& b)
{
    PartBuilder pb;
    int seed = 0;
    for (double x = b.x0 + 6.0; x < b.x1 - 18.0; x += 22.0)
        addRack(pb, {x, 0, b.z0 + 1.2}, 6, 4, 1.2, seed++);
    return pb;
}

PartBuilder vehicles(const LineLayout& l)
{
    // Forklifts parked or driving in the aisles around the line.
    PartBuilder pb;
    const double pitch = LineLayout::kLanePitch;
    const double zFar = (l.laneCount - 1) * pitch + 10.5;
    addForklift(pb, Transform::translate({20.0, 0, -7.2}));
    addForklift(pb, Transform::translate({74.0, 0, -7.2}) * Transform::rotateY(kPi));
    addForklift(pb, Transform::translate({-11.0, 0, 30.0}) * Transform::rotateY(kPi / 2));
    addForklift(pb, Transform::translate({l.laneLength + 11.0, 0, 44.0}) *
                        Transform::rotateY(-kPi / 2));
    addForklift(pb, Transform::translate({48.0, 0, zFar}));
    addForklift(pb, Transform::translate({98.0, 0, zFar}) * Transform::rotateY(kPi));
    return pb;
}

PartBuilder gapConveyors(const LineLayout& l)
{
    PartBuilder pb;
    for (const auto& g : l.gaps)
        addRollerConveyor(pb, g.from, g.to, 1.5);
    return pb;
}

} // namespace

std::vector<LayoutNode> buildScenery(const LineLayout& layout)
{
    const Bounds b = floorBounds(layout);
    std::vector<LayoutNode> nodes;
    nodes.push_back({"Floor", floor(b)});
    nodes.push_back({"Markings", markings(layout, b)});
    nodes.push_back({"Columns", columns(layout, b)});
    nodes.push_back({"Walls", walls(b)});
    nodes.push_back({"Conveyors", gapConveyors(layout)});
    nodes.push_back({"Logistics", logistics(b)});
    nodes.push_back({"Vehicles", vehicles(layout)});
    return nodes;
}

} // namespace takt::assets
