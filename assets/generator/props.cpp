#include "props.h"

#include <cmath>
#include <numbers>

namespace takt::assets {
namespace {

constexpr double kSkidTop = 0.45; // car floor above the ground when on a skid
constexpr double kWheelRadius = 0.35;

} // namespace

void addSkid(PartBuilder& pb, const Transform& at)
{
    const Transform saved = pb.frame();
    pb.setFrame(saved * at);
    for (double z : {-0.55, 0.55})
        pb.box(Material::ConveyorFrame, Vec3{0, 0.3, z}, Vec3{4.6, 0.12, 0.14});
    for (double x : {-1.8, -0.6, 0.6, 1.8})
        pb.box(Material::ConveyorFrame, Vec3{x, 0.38, 0}, Vec3{0.12, 0.06, 1.3});
    pb.setFrame(saved);
}

void addCar(PartBuilder& pb, const Transform& at, CarStage stage, Material paint)
{
    const Transform saved = pb.frame();
    pb.setFrame(saved * at);
    const bool wheels = stage == CarStage::Complete;
    const double floorY = wheels ? 0.28 : kSkidTop;
    const Material body = stage == CarStage::BodyInWhite ? Material::BodyInWhite
                          : stage == CarStage::Ecoat     ? Material::Ecoat
                                                         : paint;
    const Material cabin = stage >= CarStage::Glazed ? Material::Glass : body;

    // Lower body with a sloping bonnet and tail, then the glasshouse and roof.
    pb.taperedBox(body, Vec3{0, floorY, 0}, 4.72, 1.90, 4.55, 1.86, 0.42);
    pb.taperedBox(body, Vec3{0.05, floorY + 0.42, 0}, 4.55, 1.86, 3.9, 1.78, 0.24, -0.1);
    pb.taperedBox(cabin, Vec3{-0.25, floorY + 0.66, 0}, 2.9, 1.74, 1.85, 1.36, 0.5, -0.2);
    pb.box(body, Vec3{-0.45, floorY + 1.17, 0}, Vec3{1.8, 0.04, 1.34});
    if (wheels) {
        for (double x : {-1.45, 1.42})
            for (double z : {-0.8, 0.8}) {
                const Vec3 c{x, kWheelRadius, z};
                const double side = z < 0 ? -1.0 : 1.0;
                pb.cylinderBetween(Material::Tyre, c - Vec3{0, 0, 0.13 * side},
                                   c + Vec3{0, 0, 0.13 * side}, kWheelRadius, 16);
                pb.cylinderBetween(Material::Roller, c + Vec3{0, 0, 0.12 * side},
                                   c + Vec3{0, 0, 0.14 * side}, 0.22, 10);
            }
    }
    pb.setFrame(saved);
}

void addRobot(PartBuilder& pb, Vec3 base, const RobotPose& pose, Material paint)
{
    constexpr double k = 1.25; // a 210 kg-payload spot-welding robot, about 2.7 m reach
    const Transform saved = pb.frame();
    pb.setFrame(saved * Transform::translate(base) * Transform::rotateY(pose.yaw));

    pb.box(Material::RobotDark, Vec3{0, 0.05, 0}, Vec3{0.9 * k, 0.1, 0.9 * k});
    pb.cylinder(paint, Vec3{0, 0.1, 0}, 0.38 * k, 0.4 * k, 16);
    pb.box(paint, Vec3{0.05 * k, 0.1 + 0.62 * k, 0}, Vec3{0.8 * k, 0.45 * k, 0.7 * k});
    pb.box(Material::RobotDark, Vec3{-0.35 * k, 0.1 + 0.7 * k, 0},
           Vec3{0.35 * k, 0.35 * k, 0.5 * k});

    const Vec3 shoulder{0.2 * k, 0.1 + 0.95 * k, 0};
    const Vec3 dir1{std::sin(pose.shoulder), std::cos(pose.shoulder), 0};
    const Vec3 elbow = shoulder + dir1 * (1.25 * k);
    const double a2 = pose.shoulder + pose.elbow;
    const Vec3 dir2{std::sin(a2), std::cos(a2), 0};
    const Vec3 wrist = elbow + dir2 * (1.1 * k);
    const double a3 = a2 + pose.wrist;
    const Vec3 dir3{std::sin(a3), std::cos(a3), 0};
    const Vec3 side{0, 0, 1};

    pb.cylinderBetween(Material::RobotDark, shoulder - side * (0.3 * k),
                       shoulder + side * (0.3 * k), 0.2 * k, 14);
    pb.beam(paint, shoulder, elbow, 0.3 * k, 0.32 * k);
    pb.cylinderBetween(paint, elbow - side * (0.22 * k), elbow + side * (0.22 * k), 0.19 * k, 14);
    pb.beam(paint, elbow - dir2 * (0.45 * k), wrist, 0.24 * k, 0.24 * k); // with A3 housing
    pb.box(Material::RobotDark, Transform::translate(elbow - dir2 * (0.5 * k)),
           Vec3{0.3 * k, 0.3 * k, 0.3 * k});
    pb.cylinderBetween(Material::RobotDark, wrist, wrist + dir3 * (0.22 * k), 0.09 * k, 10);

    // Spot-weld gun: a C-frame hanging from the flange.
    const Vec3 gun = wrist + dir3 * (0.22 * k);
    const Vec3 across = cross(side, dir3); // perpendicular to the tool axis in the arm plane
    const Vec3 tip = gun + dir3 * (0.45 * k);
    pb.beam(Material::RobotDark, gun, tip, 0.12 * k, 0.16 * k);
    pb.beam(Material::RobotDark, tip, tip + across * (0.35 * k), 0.1 * k, 0.1 * k);
    pb.beam(Material::Roller, gun + across * (0.35 * k), tip + across * (0.35 * k), 0.05 * k,
            0.05 * k);
    pb.setFrame(saved);
}

void addFence(PartBuilder& pb, double x0, double x1, double z0, double z1, double gateHalfWidth)
{
    constexpr double kHeight = 2.0, kPanel = 2.0, kWire = 0.15;
    auto run = [&](Vec3 a, Vec3 b) {
        const double len = length(b - a);
        const int panels = std::max(1, static_cast<int>(std::round(len / kPanel)));
        const Vec3 step = (b - a) * (1.0 / panels);
        for (int i = 0; i <= panels; ++i) {
            const Vec3 p = a + step * i;
            pb.box(Material::SafetyYellow, Vec3{p.x, kHeight / 2, p.z}, Vec3{0.08, kHeight, 0.08});
        }
        for (double y : {0.15, 1.0, kHeight - 0.05})
            pb.beam(Material::SafetyYellow, a + Vec3{0, y, 0}, b + Vec3{0, y, 0}, 0.04, 0.05);
        const int wires = static_cast<int>(len / kWire);
        for (int i = 1; i < wires; ++i) {
            const Vec3 p = a + (b - a) * (static_cast<double>(i) / wires);
            pb.box(Material::FenceMesh, Vec3{p.x, 1.075, p.z}, Vec3{0.025, 1.75, 0.025});
        }
    };
    run({x0, 0, z0}, {x1, 0, z0});
    run({x0, 0, z1}, {x1, 0, z1});
    for (double x : {x0, x1}) {
        run({x, 0, z0}, {x, 0, -gateHalfWidth});
        run({x, 0, gateHalfWidth}, {x, 0, z1});
        // Light curtain columns at the openings.
        for (double z : {-gateHalfWidth, gateHalfWidth})
            pb.box(Material::RobotDark, Vec3{x, 0.9, z}, Vec3{0.1, 1.8, 0.1});
    }
}

void addRollerConveyor(PartBuilder& pb, Vec3 a, Vec3 b, double width)
{
    constexpr double kHeight = 0.45, kPitch = 0.6;
    const Vec3 d = normalized(b - a);
    const Vec3 side = normalized(cross(d, Vec3{0, 1, 0})) * (width / 2);
    const Vec3 up{0, kHeight, 0};
    for (double s : {-1.0, 1.0})
        pb.beam(Material::ConveyorFrame, a + up + side * s, b + up + side * s, 0.08, 0.16);
    const double len = length(b - a);
    const int rollers = static_cast<int>(len / kPitch);
    for (int i = 0; i < rollers; ++i) {
        const Vec3 p = a + d * ((i + 0.5) * len / rollers) + up;
        pb.cylinderBetween(Material::Roller, p - side * 0.97, p + side * 0.97, 0.05, 8);
    }
    const int legs = std::max(2, static_cast<int>(len / 1.5) + 1);
    for (int i = 0; i < legs; ++i) {
        const Vec3 p = a + (b - a) * (static_cast<double>(i) / (legs - 1));
        for (double s : {-1.0, 1.0}) {
            const Vec3 q = p + side * s;
            pb.box(Material::ConveyorFrame, Vec3{q.x, kHeight / 2, q.z}, Vec3{0.07, kHeight, 0.07});
        }
    }
}

void addRack(PartBuilder& pb, Vec3 origin, int bays, int levels, double depth, int seed)
{
    constexpr double kBay = 2.7, kLevel = 1.25;
    const double height = levels * kLevel + 0.4;
    for (int i = 0; i <= bays; ++i)
        for (double z : {0.0, depth})
            pb.box(Material::RackBlue, origin + Vec3{i * kBay, height / 2, z},
                   Vec3{0.09, height, 0.09});
    for (int l = 0; l < levels; ++l) {
        const double y = 0.15 + l * kLevel;
        for (double z : {0.0, depth})
            pb.beam(Material::RobotOrange, origin + Vec3{0, y, z}, origin + Vec3{bays * kBay, y, z},
                    0.06, 0.12);
        for (int i = 0; i < bays; ++i)
            for (int k = 0; k < 2; ++k) {
                const int pattern = (seed * 7 + i * 5 + l * 3 + k * 11) % 9;
                if (pattern == 0)
                    continue; // an empty slot now and then
                const bool bin = pattern % 3 == 0;
                const double h = bin ? 0.45 : 0.6 + 0.1 * (pattern % 3);
                const Vec3 c = origin + Vec3{i * kBay + 0.7 + k * 1.3, y + 0.06 + h / 2, depth / 2};
                pb.box(bin ? Material::RackBlue : Material::Carton, c, Vec3{1.1, h, depth * 0.8});
            }
    }
}

void addCabinet(PartBuilder& pb, Vec3 at, double width)
{
    pb.box(Material::Cabinet, at + Vec3{0, 1.0, 0}, Vec3{width, 2.0, 0.6});
    pb.cylinder(Material::RobotDark, at + Vec3{width / 2 - 0.15, 2.0, 0}, 0.04, 0.3, 8);
    pb.cylinder(Material::SafetyYellow, at + Vec3{width / 2 - 0.15, 2.3, 0}, 0.06, 0.24, 10);
}

void addOperator(PartBuilder& pb, Vec3 at, double yaw)
{
    const Transform saved = pb.frame();
    pb.setFrame(saved * Transform::translate(at) * Transform::rotateY(yaw));
    for (double z : {-0.11, 0.11})
        pb.box(Material::RobotDark, Vec3{0, 0.42, z}, Vec3{0.18, 0.84, 0.16});
    pb.box(Material::PaintBlue, Vec3{0, 1.15, 0}, Vec3{0.26, 0.62, 0.46});
    for (double z : {-0.28, 0.28}) // arms reaching forward to the work
        pb.beam(Material::PaintBlue, {0, 1.38, z}, {0.4, 1.05, z * 0.8}, 0.1, 0.1);
    pb.cylinder(Material::Carton, {0, 1.48, 0}, 0.11, 0.24, 10);
    pb.cylinder(Material::SafetyYellow, {0, 1.68, 0}, 0.13, 0.08, 10); // bump cap
    pb.setFrame(saved);
}

void addForklift(PartBuilder& pb, const Transform& at)
{
    const Transform saved = pb.frame();
    pb.setFrame(saved * at);
    pb.box(Material::SafetyYellow, Vec3{0, 0.6, 0}, Vec3{1.8, 0.7, 1.1});
    pb.box(Material::RobotDark, Vec3{-0.95, 0.65, 0}, Vec3{0.4, 0.8, 1.1}); // counterweight
    for (double x : {-0.7, 0.6})
        for (double z : {-0.5, 0.5})
            pb.cylinderBetween(Material::Tyre, {x, 0.28, z * 1.1}, {x, 0.28, z * 1.1 + z * 0.4},
                               0.28, 12);
    for (double x : {-0.75, 0.45}) // overhead guard posts
        for (double z : {-0.5, 0.5})
            pb.beam(Material::RobotDark, {x, 0.95, z}, {x, 2.15, z}, 0.06, 0.06);
    pb.box(Material::RobotDark, Vec3{-0.15, 2.15, 0}, Vec3{1.3, 0.06, 1.1});
    for (double z : {-0.35, 0.35}) // mast and forks
        pb.box(Material::RobotDark, Vec3{1.0, 1.25, z}, Vec3{0.12, 2.5, 0.1});
    for (double z : {-0.3, 0.3})
        pb.box(Material::Roller, Vec3{1.6, 0.35, z}, Vec3{1.1, 0.05, 0.12});
    pb.box(Material::Carton, Vec3{1.6, 0.5, 0}, Vec3{1.2, 0.14, 1.0});   // pallet
    pb.box(Material::Carton, Vec3{1.6, 0.95, 0}, Vec3{1.1, 0.75, 0.95}); // load
    pb.setFrame(saved);
}

} // namespace takt::assets
