#pragma once

#include "part_builder.h"

namespace takt::assets {

/// How far a car body has come down the line; decides its material, glass and wheels.
enum class CarStage { BodyInWhite, Ecoat, Painted, Glazed, Complete };

/// A car body whose floor centre is the origin of `at` (local X forward). Bodies without
/// wheels are drawn raised by the skid height so they can sit on a skid or a carrier.
void addCar(PartBuilder& pb, const Transform& at, CarStage stage, Material paint);
/// A transport skid (two runners and cross members) under a car body at `at`.
void addSkid(PartBuilder& pb, const Transform& at);

/// Joint angles of an articulated six-axis robot, radians. Shoulder and elbow tilt forward
/// from vertical; wrist pitches the tool.
struct RobotPose {
    double yaw = 0.0;
    double shoulder = 0.4;
    double elbow = 1.3;
    double wrist = 0.6;
};
/// An industrial robot standing on `base` (local frame of the builder): base, turret, lower and
/// upper arm, wrist and a spot-weld gun.
void addRobot(PartBuilder& pb, Vec3 base, const RobotPose& pose, Material paint);

/// Safety fence around the rectangle [x0, x1] x [z0, z1], open where |z| < gateHalfWidth on the
/// two x ends (the conveyor passes through).
void addFence(PartBuilder& pb, double x0, double x1, double z0, double z1, double gateHalfWidth);

/// A roller conveyor from `a` to `b` (floor level, local frame), `width` metres wide.
void addRollerConveyor(PartBuilder& pb, Vec3 a, Vec3 b, double width);

/// Shelving of `bays` bays along local X starting at `origin` (floor, front-left corner),
/// `levels` beam levels, filled with cartons and bins in a fixed pattern.
void addRack(PartBuilder& pb, Vec3 origin, int bays, int levels, double depth, int seed);

/// A control cabinet with a signal tower, standing on `at` (floor centre), `width` wide.
void addCabinet(PartBuilder& pb, Vec3 at, double width);

/// A line operator standing on `at`, facing local +X turned by `yaw` (radians).
void addOperator(PartBuilder& pb, Vec3 at, double yaw);

/// A counterbalance forklift carrying a pallet of cartons, standing on the origin of `at`,
/// forks towards local +X.
void addForklift(PartBuilder& pb, const Transform& at);

} // namespace takt::assets
