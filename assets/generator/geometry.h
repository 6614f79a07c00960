#pragma once

#include <array>
#include <cstdint>
#include <vector>

namespace takt::assets {

/// A point or direction in layout space. Metres, Y up.
struct Vec3 {
    double x = 0.0;
    double y = 0.0;
    double z = 0.0;
};

Vec3 operator+(Vec3 a, Vec3 b);
Vec3 operator-(Vec3 a, Vec3 b);
Vec3 operator*(Vec3 a, double s);
double dot(Vec3 a, Vec3 b);
Vec3 cross(Vec3 a, Vec3 b);
double length(Vec3 a);
Vec3 normalized(Vec3 a);

/// A rigid transform: rotation (row-major 3x3) followed by a translation.
struct Transform {
    std::array<double, 9> r{1, 0, 0, 0, 1, 0, 0, 0, 1};
    Vec3 t;

    static Transform translate(Vec3 offset);
    static Transform rotateX(double radians);
    static Transform rotateY(double radians);
    static Transform rotateZ(double radians);
    /// The frame whose local axes are the given (orthonormal, right-handed) columns.
    static Transform fromAxes(Vec3 xAxis, Vec3 yAxis, Vec3 zAxis, Vec3 origin);

    /// This transform applied after `inner`.
    Transform operator*(const Transform& inner) const;
    Vec3 apply(Vec3 p) const;
    Vec3 rotate(Vec3 v) const;
};

/// Indexed triangle list with per-vertex normals (flat on boxes, smooth round cylinders).
struct MeshData {
    std::vector<Vec3> positions;
    std::vector<Vec3> normals;
    std::vector<std::uint32_t> indices;

    std::size_t triangleCount() const { return indices.size() / 3; }
    bool empty() const { return indices.empty(); }

    /// Appends a planar quad (corners counter-clockwise seen from the front) with a flat normal.
    void addQuad(Vec3 a, Vec3 b, Vec3 c, Vec3 d);
    /// Appends a hexahedron given as 8 corners: bottom face (-x-z, +x-z, +x+z, -x+z), then the
    /// top face in the same order. Boxes, tapered boxes and beams are all hexahedra.
    void addHexahedron(const std::array<Vec3, 8>& c);
    /// Appends a capped cylinder of `segments` sides along the local Y axis of `xf`, from y = 0
    /// to y = height.
    void addCylinder(const Transform& xf, double radius, double height, int segments);
};

} // namespace takt::assets
