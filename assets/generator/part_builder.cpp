#include "part_builder.h"

#include <cmath>

namespace takt::assets {
namespace {

/// Any unit vector perpendicular to `d`.
Vec3 perpendicular(Vec3 d)
{
    const Vec3 helper = std::abs(d.y) < 0.9 ? Vec3{0, 1, 0} : Vec3{1, 0, 0};
    return normalized(cross(d, helper));
}

} // namespace

void PartBuilder::box(Material m, Vec3 centre, Vec3 size)
{
    box(m, Transform::translate(centre), size);
}

void PartBuilder::box(Material m, const Transform& xf, Vec3 size)
{
    const Transform t = m_frame * xf;
    const double hx = size.x / 2, hy = size.y / 2, hz = size.z / 2;
    mesh(m).addHexahedron({t.apply({-hx, -hy, -hz}), t.apply({hx, -hy, -hz}),
                           t.apply({hx, -hy, hz}), t.apply({-hx, -hy, hz}), t.apply({-hx, hy, -hz}),
                           t.apply({hx, hy, -hz}), t.apply({hx, hy, hz}), t.apply({-hx, hy, hz})});
}

void PartBuilder::taperedBox(Material m, Vec3 base, double bottomX, double bottomZ, double topX,
                             double topZ, double height, double topOffsetX)
{
    const double bx = bottomX / 2, bz = bottomZ / 2, tx = topX / 2, tz = topZ / 2;
    const double o = topOffsetX, h = height;
    const Transform& f = m_frame;
    mesh(m).addHexahedron(
        {f.apply(base + Vec3{-bx, 0, -bz}), f.apply(base + Vec3{bx, 0, -bz}),
         f.apply(base + Vec3{bx, 0, bz}), f.apply(base + Vec3{-bx, 0, bz}),
         f.apply(base + Vec3{o - tx, h, -tz}), f.apply(base + Vec3{o + tx, h, -tz}),
         f.apply(base + Vec3{o + tx, h, tz}), f.apply(base + Vec3{o - tx, h, tz})});
}

void PartBuilder::beam(Material m, Vec3 a, Vec3 b, double width, double height)
{
    const Vec3 d = normalized(b - a);
    // side = d x up keeps (d, up2, side) right-handed, matching the (x, y, z) corner order.
    Vec3 side = cross(d, Vec3{0, 1, 0});
    side = length(side) < 1e-6 ? Vec3{0, 0, 1} : normalized(side);
    const Vec3 up = cross(side, d);
    const Vec3 hs = side * (width / 2), hu = up * (height / 2);
    const Transform& f = m_frame;
    mesh(m).addHexahedron({f.apply(a - hu - hs), f.apply(b - hu - hs), f.apply(b - hu + hs),
                           f.apply(a - hu + hs), f.apply(a + hu - hs), f.apply(b + hu - hs),
                           f.apply(b + hu + hs), f.apply(a + hu + hs)});
}

void PartBuilder::cylinder(Material m, Vec3 base, double radius, double height, int segments)
{
    mesh(m).addCylinder(m_frame * Transform::translate(base), radius, height, segments);
}

void PartBuilder::cylinderBetween(Material m, Vec3 a, Vec3 b, double radius, int segments)
{
    const Vec3 d = b - a;
    const Vec3 axis = normalized(d);
    const Vec3 x = perpendicular(axis);
    const Vec3 z = cross(x, axis);
    mesh(m).addCylinder(m_frame * Transform::fromAxes(x, axis, z, a), radius, length(d), segments);
}

std::size_t PartBuilder::triangleCount() const
{
    std::size_t n = 0;
    for (const auto& [material, data] : m_meshes)
        n += data.triangleCount();
    return n;
}

} // namespace takt::assets
