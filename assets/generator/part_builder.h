#pragma once

#include "geometry.h"
#include "palette.h"

#include <map>

namespace takt::assets {

/// Collects the geometry of one scene node, one merged mesh per material. Primitives are given
/// in a local frame (set with setFrame) and stored in layout coordinates.
class PartBuilder {
public:
    /// The frame later primitives are placed in; identity by default.
    void setFrame(const Transform& frame) { m_frame = frame; }
    const Transform& frame() const { return m_frame; }

    /// Axis-aligned (in the local frame) box centred at `centre` with full extents `size`.
    void box(Material m, Vec3 centre, Vec3 size);
    /// Box of extents `size` centred at the origin of `xf` (relative to the local frame).
    void box(Material m, const Transform& xf, Vec3 size);
    /// Tapered block standing on `base` (centre of its bottom face): bottomX by bottomZ at the
    /// bottom, topX by topZ at `height`, the top shifted by topOffsetX. A car's glasshouse.
    void taperedBox(Material m, Vec3 base, double bottomX, double bottomZ, double topX, double topZ,
                    double height, double topOffsetX = 0.0);
    /// Rectangular beam from `a` to `b` with cross-section width (horizontal) by height.
    void beam(Material m, Vec3 a, Vec3 b, double width, double height);
    /// Cylinder standing on `base`, along local Y.
    void cylinder(Material m, Vec3 base, double radius, double height, int segments = 16);
    /// Cylinder from `a` to `b`.
    void cylinderBetween(Material m, Vec3 a, Vec3 b, double radius, int segments = 12);

    const std::map<Material, MeshData>& meshes() const { return m_meshes; }
    std::size_t triangleCount() const;

private:
    MeshData& mesh(Material m) { return m_meshes[m]; }

    Transform m_frame;
    std::map<Material, MeshData> m_meshes;
};

} // namespace takt::assets
