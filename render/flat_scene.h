#pragma once

#include <array>
#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

namespace takt::render {

/// A material as the viewer needs it: a name and a base colour (linear RGBA, 0..1).
struct FlatMaterial {
    std::string name;
    std::array<float, 4> color{0.7f, 0.7f, 0.7f, 1.0f};
};

/// One node of the imported hierarchy. Meshes hang off nodes; `parent` is -1 for the root.
struct FlatNode {
    std::string name;
    int parent = -1;
};

/// What a mesh's indices draw: triangles (three indices each), line segments (two) or points
/// (one). A mesh holds one kind only.
enum class Primitive : std::uint8_t { Points = 1, Lines = 2, Triangles = 3 };

/// A mesh already transformed into world space (metres, Y up).
struct FlatMesh {
    int node = 0;                 ///< Index into FlatScene::nodes of the node that owns this mesh.
    int material = 0;             ///< Index into FlatScene::materials.
    std::vector<float> positions; ///< x, y, z per vertex.
    std::vector<float> normals;   ///< x, y, z per vertex (unit length; zero for points, lines).
    std::vector<std::uint32_t> indices; ///< Three per triangle, two per line, one per point.
    Primitive primitive = Primitive::Triangles;
    /// r, g, b per vertex (0..1) where the file colours vertices (point clouds); else empty and
    /// the material colours the mesh.
    std::vector<float> colors;

    std::size_t vertexCount() const { return positions.size() / 3; }
    std::size_t primitiveCount() const { return indices.size() / std::size_t(primitive); }
    std::size_t triangleCount() const
    {
        return primitive == Primitive::Triangles ? indices.size() / 3 : 0;
    }
};

/// An imported CAD layout flattened for drawing: the node tree (names only), world-space meshes
/// and materials. This is what crosses the process boundary from the isolated importer.
struct FlatScene {
    std::vector<FlatNode> nodes;
    std::vector<FlatMesh> meshes;
    std::vector<FlatMaterial> materials;
    std::string sourceFormat; ///< Assimp's description of the file format, if known.

    std::size_t triangleCount() const;
    std::size_t lineCount() const;  ///< Line segments.
    std::size_t pointCount() const; ///< Points drawn as points.
    /// World-space bounding box; {min, max}. Empty scenes give zeros.
    std::array<std::array<float, 3>, 2> bounds() const;
    /// True when node `index` is `ancestor` or lies below it.
    bool isDescendant(int index, int ancestor) const;
};

/// Writes a scene in Takt's own binary form (little-endian, versioned). Throws takt::twin::Error
/// on a stream failure.
void writeFlatScene(std::ostream& out, const FlatScene& scene);

/// Reads what writeFlatScene wrote. Validates every count and index, so that a truncated or
/// corrupt stream gives an error, never a crash. Throws takt::twin::Error.
FlatScene readFlatScene(std::istream& in);

} // namespace takt::render
