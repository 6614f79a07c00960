#include "geometry.h"

#include <cmath>
#include <numbers>

namespace takt::assets {

Vec3 operator+(Vec3 a, Vec3 b)
{
    return {a.x + b.x, a.y + b.y, a.z + b.z};
}
Vec3 operator-(Vec3 a, Vec3 b)
{
    return {a.x - b.x, a.y - b.y, a.z - b.z};
}
Vec3 operator*(Vec3 a, double s)
{
    return {a.x * s, a.y * s, a.z * s};
}
double dot(Vec3 a, Vec3 b)
{
    return a.x * b.x + a.y * b.y + a.z * b.z;
}
Vec3 cross(Vec3 a, Vec3 b)
{
    return {a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x};
}
double length(Vec3 a)
{
    return std::sqrt(dot(a, a));
}
Vec3 normalized(Vec3 a)
{
    const double l = length(a);
    return l > 0.0 ? a * (1.0 / l) : Vec3{0, 1, 0};
}

Transform Transform::translate(Vec3 offset)
{
    Transform t;
    t.t = offset;
    return t;
}

Transform Transform::rotateX(double a)
{
    const double c = std::cos(a), s = std::sin(a);
    Transform t;
    t.r = {1, 0, 0, 0, c, -s, 0, s, c};
    return t;
}

Transform Transform::rotateY(double a)
{
    const double c = std::cos(a), s = std::sin(a);
    Transform t;
    t.r = {c, 0, s, 0, 1, 0, -s, 0, c};
    return t;
}

Transform Transform::rotateZ(double a)
{
    const double c = std::cos(a), s = std::sin(a);
    Transform t;
    t.r = {c, -s, 0, s, c, 0, 0, 0, 1};
    return t;
}

Transform Transform::fromAxes(Vec3 xAxis, Vec3 yAxis, Vec3 zAxis, Vec3 origin)
{
    Transform t;
    t.r = {xAxis.x, yAxis.x, zAxis.x, xAxis.y, yAxis.y, zAxis.y, xAxis.z, yAxis.z, zAxis.z};
    t.t = origin;
    return t;
}

Transform Transform::operator*(const Transform& inner) const
{
    Transform out;
    for (int i = 0; i < 3; ++i)
        for (int j = 0; j < 3; ++j)
            out.r[i * 3 + j] = r[i * 3 + 0] * inner.r[0 * 3 + j] +
                               r[i * 3 + 1] * inner.r[1 * 3 + j] +
                               r[i * 3 + 2] * inner.r[2 * 3 + j];
    out.t = apply(inner.t);
    return out;
}

Vec3 Transform::rotate(Vec3 v) const
{
    return {r[0] * v.x + r[1] * v.y + r[2] * v.z, r[3] * v.x + r[4] * v.y + r[5] * v.z,
            r[6] * v.x + r[7] * v.y + r[8] * v.z};
}

Vec3 Transform::apply(Vec3 p) const
{
    return rotate(p) + t;
}

void MeshData::addQuad(Vec3 a, Vec3 b, Vec3 c, Vec3 d)
{
    const Vec3 n = normalized(cross(c - a, d - b));
    const auto base = static_cast<std::uint32_t>(positions.size());
    for (const Vec3& p : {a, b, c, d}) {
        positions.push_back(p);
        normals.push_back(n);
    }
    indices.insert(indices.end(), {base, base + 1, base + 2, base, base + 2, base + 3});
}

void MeshData::addHexahedron(const std::array<Vec3, 8>& c)
{
    addQuad(c[0], c[1], c[2], c[3]); // bottom
    addQuad(c[4], c[7], c[6], c[5]); // top
    addQuad(c[0], c[4], c[5], c[1]); // -z
    addQuad(c[3], c[2], c[6], c[7]); // +z
    addQuad(c[0], c[3], c[7], c[4]); // -x
    addQuad(c[1], c[5], c[6], c[2]); // +x
}

void MeshData::addCylinder(const Transform& xf, double radius, double height, int segments)
{
    const auto ring = static_cast<std::uint32_t>(positions.size());
    const auto n = static_cast<std::uint32_t>(segments);
    for (std::uint32_t i = 0; i < n; ++i) {
        const double a = 2.0 * std::numbers::pi * i / n;
        const Vec3 radial{std::cos(a), 0.0, std::sin(a)};
        for (double y : {0.0, height}) {
            positions.push_back(xf.apply({radial.x * radius, y, radial.z * radius}));
            normals.push_back(xf.rotate(radial));
        }
    }
    for (std::uint32_t i = 0; i < n; ++i) {
        const std::uint32_t j = (i + 1) % n;
        const std::uint32_t b0 = ring + 2 * i, t0 = b0 + 1, b1 = ring + 2 * j, t1 = b1 + 1;
        indices.insert(indices.end(), {b0, t0, t1, b0, t1, b1});
    }
    for (int cap = 0; cap < 2; ++cap) {
        const double y = cap == 0 ? 0.0 : height;
        const Vec3 normal = xf.rotate({0.0, cap == 0 ? -1.0 : 1.0, 0.0});
        const auto centre = static_cast<std::uint32_t>(positions.size());
        positions.push_back(xf.apply({0.0, y, 0.0}));
        normals.push_back(normal);
        for (std::uint32_t i = 0; i < n; ++i) {
            const double a = 2.0 * std::numbers::pi * i / n;
            positions.push_back(xf.apply({std::cos(a) * radius, y, std::sin(a) * radius}));
            normals.push_back(normal);
        }
        for (std::uint32_t i = 0; i < n; ++i) {
            const std::uint32_t a = centre + 1 + i, b = centre + 1 + (i + 1) % n;
            if (cap == 0)
                indices.insert(indices.end(), {centre, a, b});
            else
                indices.insert(indices.end(), {centre, b, a});
        }
    }
}

} // namespace takt::assets
