#pragma once
// Dense test geometry for culling and level-of-detail tests (issue 16).

#include "render/flat_scene.h"

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

namespace takt::test {

/// Two triangles per quad of a (rings + 1) x (segments + 1) vertex grid, row by row.
inline void appendGridTriangles(std::vector<std::uint32_t>& indices, int rings, int segments)
{
    const auto stride = std::uint32_t(segments + 1);
    for (int r = 0; r < rings; ++r)
        for (int s = 0; s < segments; ++s) {
            const auto a = std::uint32_t(r) * stride + std::uint32_t(s);
            const auto b = a + 1, c = a + stride, d = c + 1;
            indices.insert(indices.end(), {a, c, b, b, c, d});
        }
}

/// Appends a UV sphere of `rings` × `segments` quads (two triangles each) at `centre` to
/// `scene`, as one mesh of node `node`, material `material`.
inline void addSphere(render::FlatScene& scene, int node, int material, float cx, float cy,
                      float cz, float radius, int rings, int segments)
{
    render::FlatMesh m;
    m.node = node;
    m.material = material;
    const float pi = 3.14159265f;
    for (int r = 0; r <= rings; ++r)
        for (int s = 0; s <= segments; ++s) {
            const float theta = pi * float(r) / float(rings);
            const float phi = 2 * pi * float(s) / float(segments);
            const float nx = std::sin(theta) * std::cos(phi), ny = std::cos(theta),
                        nz = std::sin(theta) * std::sin(phi);
            m.positions.insert(m.positions.end(),
                               {cx + radius * nx, cy + radius * ny, cz + radius * nz});
            m.normals.insert(m.normals.end(), {nx, ny, nz});
        }
    appendGridTriangles(m.indices, rings, segments);
    scene.meshes.push_back(std::move(m));
}

/// Stations ST10, BUF1, ST20 and QG30 of tests/data/small_plant.json, each a sphere of
/// 2 × rings × segments triangles in a row along x, 20 m apart, on a floor of scenery. (Qt 3D
/// picks by spheres twice as large as a station's box: closer, a click could hit a neighbour.)
inline render::FlatScene denseStationScene(int rings = 64, int segments = 96)
{
    constexpr float kSpacing = 20.0f;
    render::FlatScene scene;
    scene.nodes.push_back({"root", -1});
    scene.materials.push_back({"grey", {0.6f, 0.6f, 0.6f, 1.0f}});
    scene.materials.push_back({"blue", {0.2f, 0.4f, 0.8f, 1.0f}});
    const char* names[] = {"ST10", "BUF1", "ST20", "QG30"};
    for (int i = 0; i < 4; ++i) {
        scene.nodes.push_back({names[i], 0});
        addSphere(scene, int(scene.nodes.size()) - 1, 1, float(i) * kSpacing, 2.0f, 0.0f, 2.0f,
                  rings, segments);
    }
    // The floor: scenery, not bound to any station.
    scene.nodes.push_back({"floor", 0});
    render::FlatMesh floor;
    floor.node = int(scene.nodes.size()) - 1;
    floor.material = 0;
    floor.positions = {-4, 0, -4, 64, 0, -4, 64, 0, 4, -4, 0, 4};
    floor.normals = {0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0};
    floor.indices = {0, 2, 1, 0, 3, 2};
    scene.meshes.push_back(std::move(floor));
    return scene;
}

/// A layout like bench/large_layout_generator's, small: `columns` × `rows` spots `pitch` metres
/// apart, each with `stacked` tubes (radius 1, bulging, 1 to 2.5 m high, `segments` × `rings`
/// quads each, two triangles a quad) of different colours (eight materials), all scenery (no
/// station), on no floor. With `stacked` above 1 the tubes of a spot overlap, as the
/// generator's parts do: each shows where it bulges past the others.
inline render::FlatScene tubeLayout(int columns = 24, int rows = 16, float pitch = 3.0f,
                                    int segments = 16, int rings = 16, int stacked = 1)
{
    render::FlatScene scene;
    scene.nodes.push_back({"root", -1});
    const float palette[8][3] = {{0.95f, 0.55f, 0.1f}, {0.3f, 0.45f, 0.6f},  {0.6f, 0.6f, 0.62f},
                                 {0.2f, 0.6f, 0.3f},   {0.8f, 0.8f, 0.2f},   {0.5f, 0.3f, 0.6f},
                                 {0.7f, 0.2f, 0.2f},   {0.25f, 0.25f, 0.28f}};
    for (int m = 0; m < 8; ++m)
        scene.materials.push_back(
            {"mat" + std::to_string(m), {palette[m][0], palette[m][1], palette[m][2], 1.0f}});
    const float pi = 3.14159265f;
    for (int part = 0; part < columns * rows * stacked; ++part) {
        const int i = part / stacked, layer = part % stacked;
        scene.nodes.push_back({"part" + std::to_string(part), 0});
        render::FlatMesh m;
        m.node = int(scene.nodes.size()) - 1;
        m.material = (i * 5 + i / columns + 3 * layer) % 8;
        const float cx = float(i % columns) * pitch, cz = float(i / columns) * pitch;
        const float height = 1.0f + 0.5f * float((i + layer) % 4);
        for (int r = 0; r <= rings; ++r)
            for (int s = 0; s <= segments; ++s) {
                const float a = 2 * pi * float(s) / float(segments);
                const float y = height * float(r) / float(rings);
                const float bulge = 1.0f + 0.15f * std::sin(pi * float(r) / float(rings));
                m.positions.insert(m.positions.end(),
                                   {cx + bulge * std::cos(a), y, cz + bulge * std::sin(a)});
                m.normals.insert(m.normals.end(), {std::cos(a), 0.0f, std::sin(a)});
            }
        appendGridTriangles(m.indices, rings, segments);
        scene.meshes.push_back(std::move(m));
    }
    return scene;
}

} // namespace takt::test
