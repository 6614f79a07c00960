// Writes synthetic factory layouts of any size as glTF binary, for import and rendering
// benchmarks. Assimp's GLB exporter slows sharply past a few thousand meshes, so this writes the
// container itself: one buffer, one mesh per part, parts grouped under station nodes.
//
//   takt-large-layout --meshes 2000 --triangles 1000000 --out large.glb [--stations 100]
//   takt-large-layout --points 10000000 --out hall.glb        (a scanned hall, glTF POINTS)
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <iostream>
#include <string>
#include <utility>
#include <vector>

using nlohmann::json;

namespace {

struct Options {
    int meshes = 2000;
    long triangles = 1'000'000;
    int stations = 100;
    std::string out = "large.glb";
    long points = 0; ///< Above 0: a scanned hall of this many points instead of meshes.
};

void append(std::vector<std::uint8_t>& bin, const void* data, std::size_t n)
{
    const auto* p = static_cast<const std::uint8_t*>(data);
    bin.insert(bin.end(), p, p + n);
    while (bin.size() % 4)
        bin.push_back(0);
}

/// The parts of a glTF document the generators fill in, and the binary chunk they index.
struct GltfParts {
    json meshes = json::array(), nodes = json::array(), views = json::array(),
         accessors = json::array();
    std::vector<std::uint8_t> bin;
};

/// Completes `doc` with `parts` and the scene of `roots`, and writes the GLB container: the JSON
/// chunk, then the BIN chunk. False (and a message) when the file cannot be written.
bool writeGlb(const std::string& path, json doc, GltfParts parts, const json& roots)
{
    const std::vector<std::uint8_t>& bin = parts.bin;
    doc["scenes"] = {{{"nodes", roots}}};
    doc["nodes"] = std::move(parts.nodes);
    doc["meshes"] = std::move(parts.meshes);
    doc["accessors"] = std::move(parts.accessors);
    doc["bufferViews"] = std::move(parts.views);
    doc["buffers"] = {{{"byteLength", bin.size()}}};
    std::string text = doc.dump();
    while (text.size() % 4)
        text.push_back(' ');
    std::ofstream out(path, std::ios::binary);
    const auto u32 = [&](std::uint32_t v) { out.write(reinterpret_cast<const char*>(&v), 4); };
    out.write("glTF", 4);
    u32(2);
    u32(static_cast<std::uint32_t>(12 + 8 + text.size() + 8 + bin.size()));
    u32(static_cast<std::uint32_t>(text.size()));
    out.write("JSON", 4);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    u32(static_cast<std::uint32_t>(bin.size()));
    out.write("BIN\0", 4);
    out.write(reinterpret_cast<const char*>(bin.data()), static_cast<std::streamsize>(bin.size()));
    if (!out) {
        std::cerr << "takt-large-layout: cannot write " << path << "\n";
        return false;
    }
    return true;
}

/// A cylinder-like tube of `segments` × `rings` quads around the Y axis, centred at (cx, cz):
/// two triangles a quad, so its triangle count can be set to within two.
void tube(int segments, int rings, float cx, float cz, float radius, float height,
          std::vector<float>& pos, std::vector<float>& nrm, std::vector<std::uint32_t>& idx)
{
    const float pi = 3.14159265f;
    for (int r = 0; r <= rings; ++r)
        for (int s = 0; s <= segments; ++s) {
            const float a = 2 * pi * s / segments;
            const float y = height * r / rings;
            const float bulge = radius * (1.0f + 0.15f * std::sin(pi * r / rings));
            pos.insert(pos.end(), {cx + bulge * std::cos(a), y, cz + bulge * std::sin(a)});
            nrm.insert(nrm.end(), {std::cos(a), 0.f, std::sin(a)});
        }
    const int stride = segments + 1;
    for (int r = 0; r < rings; ++r)
        for (int s = 0; s < segments; ++s) {
            const auto a = static_cast<std::uint32_t>(r * stride + s);
            const auto b = a + 1, c = a + static_cast<std::uint32_t>(stride), d = c + 1;
            idx.insert(idx.end(), {a, c, b, b, c, d});
        }
}

/// A scanned hall as a point cloud: `points` points on the floor, four walls and a few
/// machines' boxes, coloured by height, in tiles of 100,000 points (one mesh each, as scanners
/// export them), glTF POINTS primitives without indices, COLOR_0 as normalised bytes.
int runCloud(const Options& o)
{
    constexpr long kTile = 100'000;
    const float side = 120.0f, height = 12.0f;
    json doc;
    doc["asset"] = {{"version", "2.0"}, {"generator", "takt-large-layout"}};
    doc["scene"] = 0;
    GltfParts parts;
    auto& [meshes, nodes, views, accessors, bin] = parts;
    json children = json::array();
    std::uint32_t state = 12345u;
    const auto random01 = [&state] {
        state = state * 1664525u + 1013904223u;
        return float(state >> 8) / float(1u << 24);
    };
    for (long first = 0; first < o.points; first += kTile) {
        const long count = std::min(kTile, o.points - first);
        std::vector<float> pos;
        std::vector<std::uint8_t> rgb;
        pos.reserve(std::size_t(count) * 3);
        float lo[3] = {1e30f, 1e30f, 1e30f}, hi[3] = {-1e30f, -1e30f, -1e30f};
        // Each tile scans a strip of the hall, as a scanner's stations would.
        const float x0 = side * float(first) / float(o.points);
        const float x1 = side * float(first + count) / float(o.points);
        for (long i = 0; i < count; ++i) {
            float p[3];
            const float u = random01(), v = random01(), pick = random01();
            if (pick < 0.6f) { // floor
                p[0] = x0 + (x1 - x0) * u, p[1] = 0.0f, p[2] = side * v;
            } else if (pick < 0.8f) { // long walls
                p[0] = x0 + (x1 - x0) * u, p[1] = height * v, p[2] = random01() < 0.5f ? 0 : side;
            } else { // machines: boxes 3 m high every 12 m
                const float cx = std::floor((x0 + (x1 - x0) * u) / 12.0f) * 12.0f + 6.0f;
                const float cz = std::floor(side * v / 12.0f) * 12.0f + 6.0f;
                const float a = random01() * 6.2831853f;
                p[0] = cx + 2.0f * std::cos(a), p[1] = 3.0f * random01(),
                p[2] = cz + 2.0f * std::sin(a);
            }
            pos.insert(pos.end(), p, p + 3);
            for (int k = 0; k < 3; ++k) {
                lo[k] = std::min(lo[k], p[k]);
                hi[k] = std::max(hi[k], p[k]);
            }
            const float t = p[1] / height;
            rgb.insert(rgb.end(), {std::uint8_t(80 + 170 * t), std::uint8_t(120 + 60 * t),
                                   std::uint8_t(200 - 150 * t), 0});
        }
        views.push_back(
            {{"buffer", 0}, {"byteOffset", bin.size()}, {"byteLength", pos.size() * 4}});
        append(bin, pos.data(), pos.size() * 4);
        views.push_back({{"buffer", 0},
                         {"byteOffset", bin.size()},
                         {"byteLength", rgb.size()},
                         {"byteStride", 4}});
        append(bin, rgb.data(), rgb.size());
        accessors.push_back({{"bufferView", views.size() - 2},
                             {"componentType", 5126},
                             {"count", count},
                             {"type", "VEC3"},
                             {"min", {lo[0], lo[1], lo[2]}},
                             {"max", {hi[0], hi[1], hi[2]}}});
        accessors.push_back({{"bufferView", views.size() - 1},
                             {"componentType", 5121},
                             {"normalized", true},
                             {"count", count},
                             {"type", "VEC3"}});
        json primitive = {
            {"attributes", {{"POSITION", accessors.size() - 2}, {"COLOR_0", accessors.size() - 1}}},
            {"mode", 0}};
        meshes.push_back({{"primitives", json::array({primitive})}});
        nodes.push_back(
            {{"name", "scan_" + std::to_string(first / kTile)}, {"mesh", meshes.size() - 1}});
        children.push_back(nodes.size() - 1);
    }
    nodes.push_back({{"name", "hall"}, {"children", children}});
    const std::size_t tiles = meshes.size();
    if (!writeGlb(o.out, std::move(doc), std::move(parts), json::array({nodes.size() - 1})))
        return 1;
    std::cout << o.out << ": " << o.points << " points in " << tiles << " tiles\n";
    return 0;
}

int run(const Options& o)
{
    if (o.points > 0)
        return runCloud(o);
    const long perMesh = std::max(2L, o.triangles / o.meshes);
    const int segments = std::max(3, static_cast<int>(std::lround(std::sqrt(perMesh / 2.0))));
    const int rings = std::max(1, static_cast<int>((perMesh / 2 + segments - 1) / segments));

    json doc;
    doc["asset"] = {{"version", "2.0"}, {"generator", "takt-large-layout"}};
    doc["scene"] = 0;
    json materials = json::array();
    const float palette[8][3] = {{0.95f, 0.55f, 0.1f}, {0.3f, 0.45f, 0.6f},  {0.6f, 0.6f, 0.62f},
                                 {0.2f, 0.6f, 0.3f},   {0.8f, 0.8f, 0.2f},   {0.5f, 0.3f, 0.6f},
                                 {0.7f, 0.2f, 0.2f},   {0.25f, 0.25f, 0.28f}};
    for (int m = 0; m < 8; ++m)
        materials.push_back(
            {{"name", "mat" + std::to_string(m)},
             {"pbrMetallicRoughness",
              {{"baseColorFactor", {palette[m][0], palette[m][1], palette[m][2], 1.0}},
               {"metallicFactor", 0.1},
               {"roughnessFactor", 0.7}}}});
    doc["materials"] = materials;

    GltfParts parts;
    auto& [meshes, nodes, views, accessors, bin] = parts;
    std::vector<json> stationChildren(static_cast<std::size_t>(o.stations), json::array());
    const int perRow = static_cast<int>(std::ceil(std::sqrt(o.stations)));
    long totalTriangles = 0;
    for (int i = 0; i < o.meshes; ++i) {
        const int station = i % o.stations;
        const int slot = i / o.stations;
        const float sx = (station % perRow) * 12.0f, sz = (station / perRow) * 12.0f;
        const float cx = sx + (slot % 3) * 3.0f, cz = sz + ((slot / 3) % 3) * 3.0f;
        std::vector<float> pos, nrm;
        std::vector<std::uint32_t> idx;
        tube(segments, rings, cx, cz, 1.0f, 1.0f + 0.5f * (slot % 4), pos, nrm, idx);
        totalTriangles += static_cast<long>(idx.size() / 3);
        float lo[3] = {1e30f, 1e30f, 1e30f}, hi[3] = {-1e30f, -1e30f, -1e30f};
        for (std::size_t k = 0; k < pos.size(); ++k) {
            lo[k % 3] = std::min(lo[k % 3], pos[k]);
            hi[k % 3] = std::max(hi[k % 3], pos[k]);
        }
        const auto addView = [&](const void* data, std::size_t bytes, int target) {
            views.push_back({{"buffer", 0},
                             {"byteOffset", bin.size()},
                             {"byteLength", bytes},
                             {"target", target}});
            append(bin, data, bytes);
            return views.size() - 1;
        };
        const auto vp = addView(pos.data(), pos.size() * 4, 34962);
        const auto vn = addView(nrm.data(), nrm.size() * 4, 34962);
        const auto vi = addView(idx.data(), idx.size() * 4, 34963);
        const auto nVerts = pos.size() / 3;
        accessors.push_back({{"bufferView", vp},
                             {"componentType", 5126},
                             {"count", nVerts},
                             {"type", "VEC3"},
                             {"min", {lo[0], lo[1], lo[2]}},
                             {"max", {hi[0], hi[1], hi[2]}}});
        accessors.push_back(
            {{"bufferView", vn}, {"componentType", 5126}, {"count", nVerts}, {"type", "VEC3"}});
        accessors.push_back({{"bufferView", vi},
                             {"componentType", 5125},
                             {"count", idx.size()},
                             {"type", "SCALAR"}});
        const auto a = accessors.size() - 3;
        json primitive = {{"attributes", {{"POSITION", a}, {"NORMAL", a + 1}}},
                          {"indices", a + 2},
                          {"material", (station + slot) % 8}};
        json mesh;
        mesh["primitives"] = json::array({primitive});
        meshes.push_back(mesh);
        nodes.push_back({{"name", "ST" + std::to_string(station) + "_part" + std::to_string(slot)},
                         {"mesh", meshes.size() - 1}});
        stationChildren[static_cast<std::size_t>(station)].push_back(nodes.size() - 1);
    }
    json roots = json::array();
    for (int s = 0; s < o.stations; ++s) {
        nodes.push_back({{"name", "ST" + std::to_string(s)},
                         {"children", stationChildren[static_cast<std::size_t>(s)]}});
        roots.push_back(nodes.size() - 1);
    }
    if (!writeGlb(o.out, std::move(doc), std::move(parts), roots))
        return 1;
    std::cout << o.out << ": " << o.meshes << " meshes, " << totalTriangles << " triangles, "
              << o.stations << " stations\n";
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    Options o;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string k = argv[i], v = argv[i + 1];
        if (k == "--meshes")
            o.meshes = std::stoi(v);
        else if (k == "--triangles")
            o.triangles = std::stol(v);
        else if (k == "--stations")
            o.stations = std::stoi(v);
        else if (k == "--out")
            o.out = v;
        else if (k == "--points")
            o.points = std::stol(v);
        else {
            std::cerr << "usage: takt-large-layout --meshes N --triangles N --out FILE.glb "
                         "[--stations N]\n       takt-large-layout --points N --out FILE.glb\n";
            return 2;
        }
    }
    if (o.meshes < 1 || o.stations < 1 || o.triangles < 2) {
        std::cerr << "takt-large-layout: counts must be positive\n";
        return 2;
    }
    return run(o);
}
