#include "render/glb_reader.h"

#include "render/file_extension.h"
#include "render/world_vertices.h"
#include "twin/error.h"

#include <assimp/types.h>
#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>
#include <limits>
#include <utility>
#include <vector>

namespace takt::render {
namespace {

using nlohmann::json;

/// Thrown inside the reader when the file leaves the plain form: readPlainGlb() says nullopt.
struct NotPlain {};

constexpr std::uint32_t kMagic = 0x46546C67; // "glTF"
constexpr std::uint32_t kJsonChunk = 0x4E4F534A;
constexpr std::uint32_t kBinChunk = 0x004E4942;
constexpr int kFloat = 5126, kUnsignedByte = 5121, kUnsignedShort = 5123, kUnsignedInt = 5125;
constexpr std::size_t kPoints = 0, kLines = 1, kTriangles = 4;
// The same bound as loadWithAssimp's flattening (recursive nodes).
constexpr int kMaxDepth = 256;
// Assimp keeps a name in an aiString of 1,024 bytes; a longer one is not the same there.
constexpr std::size_t kMaxName = 1023;

std::uint32_t u32(const std::uint8_t* p)
{
    std::uint32_t v;
    std::memcpy(&v, p, sizeof v);
    return v;
}

void require(bool condition)
{
    if (!condition)
        throw NotPlain{};
}

/// `j[key]` where `j` is an object holding it.
const json& member(const json& j, const char* key)
{
    require(j.is_object());
    const auto it = j.find(key);
    require(it != j.end());
    return *it;
}

/// A count or an index: an unsigned integer below `limit`.
std::size_t unsignedValue(const json& j,
                          std::size_t limit = std::numeric_limits<std::uint32_t>::max())
{
    require(j.is_number_unsigned() || (j.is_number_integer() && j.get<std::int64_t>() >= 0));
    const auto v = j.get<std::uint64_t>();
    require(v < limit);
    return std::size_t(v);
}

std::size_t unsignedMember(const json& j, const char* key, std::size_t fallback)
{
    require(j.is_object());
    const auto it = j.find(key);
    return it == j.end() ? fallback : unsignedValue(*it);
}

/// `n` numbers of an array as floats (Assimp keeps glTF's numbers as floats too).
template <std::size_t N> std::array<float, N> floats(const json& j)
{
    require(j.is_array() && j.size() == N);
    std::array<float, N> out{};
    for (std::size_t i = 0; i < N; ++i) {
        require(j[i].is_number());
        out[i] = float(j[i].get<double>());
    }
    return out;
}

/// A typed run of elements in the BIN chunk: `count` elements, `stride` bytes apart.
struct Elements {
    const std::uint8_t* first = nullptr;
    std::size_t stride = 0, count = 0;
    int componentType = 0;
};

class Reader {
public:
    Reader(const json& doc, const std::uint8_t* bin, std::size_t binSize)
        : m_doc(doc), m_bin(bin), m_binSize(binSize)
    {
    }

    FlatScene read()
    {
        const json& version = member(member(m_doc, "asset"), "version");
        require(version.is_string() && version.get<std::string>().rfind('2', 0) == 0);
        if (const auto it = m_doc.find("extensionsRequired"); it != m_doc.end())
            require(it->is_array() && it->empty());
        readBuffer();
        readMaterials();
        const json& scenes = member(m_doc, "scenes");
        require(scenes.is_array());
        const json& scene = scenes.at(unsignedValue(member(m_doc, "scene"), scenes.size()));
        const json& roots = member(scene, "nodes");
        require(roots.is_array() && !roots.empty());
        m_nodes = &member(m_doc, "nodes");
        require(m_nodes->is_array());
        orderMaterials(roots);
        m_nodeState.assign(m_nodes->size(), kUnseen);
        if (roots.size() == 1) {
            visit(unsignedValue(roots[0], m_nodes->size()), aiMatrix4x4(), -1, 0);
        } else { // Assimp's glTF2 importer puts several roots under one it names ROOT
            m_out.nodes.push_back({"ROOT", -1});
            for (const json& root : roots)
                visit(unsignedValue(root, m_nodes->size()), aiMatrix4x4(), 0, 1);
        }
        require(!m_out.meshes.empty());
        m_out.sourceFormat = "glTF2 (Takt's reader for plain binary glTF)";
        return std::move(m_out);
    }

private:
    void readBuffer()
    {
        const json& buffers = member(m_doc, "buffers");
        // One buffer, the BIN chunk's (no uri): anything else goes to Assimp.
        require(buffers.is_array() && buffers.size() == 1 && !buffers[0].contains("uri"));
        m_bufferSize = unsignedValue(member(buffers[0], "byteLength"),
                                     std::numeric_limits<std::size_t>::max());
        require(m_bufferSize <= m_binSize);
    }

    /// The file's materials, each checked: they enter the scene as Assimp first meets them.
    void readMaterials()
    {
        if (const auto it = m_doc.find("materials"); it != m_doc.end()) {
            require(it->is_array());
            for (const json& m : *it) {
                require(m.is_object() && !m.contains("extensions"));
                FlatMaterial out;
                out.color = {1, 1, 1, 1}; // glTF's default base colour
                if (const auto name = m.find("name"); name != m.end()) {
                    require(name->is_string() &&
                            name->get_ref<const std::string&>().size() <= kMaxName);
                    out.name = name->get<std::string>();
                }
                if (const auto pbr = m.find("pbrMetallicRoughness"); pbr != m.end())
                    if (const auto c = pbr->find("baseColorFactor"); c != pbr->end())
                        out.color = floats<4>(*c);
                m_fileMaterials.push_back(std::move(out));
            }
        }
    }

    /// Assimp's glTF2 importer lists the materials in the order it reads them: from the scene's
    /// roots, each node's children before its mesh, each node and mesh once; materials no
    /// primitive of the scene uses are left out, and one with glTF's defaults comes last, for
    /// primitives that name none. Says where each of the file's materials went.
    void orderMaterials(const json& roots)
    {
        std::vector<char> nodeMet(m_nodes->size(), 0), meshMet;
        m_materialOf.assign(m_fileMaterials.size(), -1);
        static const json none = json::array();
        const json& meshes = m_doc.contains("meshes") ? member(m_doc, "meshes") : none;
        require(meshes.is_array());
        meshMet.assign(meshes.size(), 0);
        const auto meet = [&](const auto& self, std::size_t n, int depth) -> void {
            if (depth > kMaxDepth)
                throw twin::Error("malformed: node hierarchy deeper than " +
                                  std::to_string(kMaxDepth));
            if (std::exchange(nodeMet[n], 1))
                return;
            const json& node = (*m_nodes)[n];
            require(node.is_object());
            if (const auto it = node.find("children"); it != node.end()) {
                require(it->is_array());
                for (const json& child : *it)
                    self(self, unsignedValue(child, m_nodes->size()), depth + 1);
            }
            const auto mesh = node.find("mesh");
            if (mesh == node.end())
                return;
            const std::size_t m = unsignedValue(*mesh, meshes.size());
            if (std::exchange(meshMet[m], 1))
                return;
            const json& primitives = member(meshes[m], "primitives");
            require(primitives.is_array());
            for (const json& p : primitives)
                if (p.is_object() && p.contains("material")) {
                    const std::size_t i = unsignedValue(p["material"], m_fileMaterials.size());
                    if (m_materialOf[i] < 0) {
                        m_materialOf[i] = int(m_out.materials.size());
                        m_out.materials.push_back(m_fileMaterials[i]);
                    }
                }
        };
        for (const json& root : roots)
            meet(meet, unsignedValue(root, m_nodes->size()), roots.size() == 1 ? 0 : 1);
        m_out.materials.push_back({"", {1, 1, 1, 1}});
    }

    /// The elements of accessor `index`, checked to lie inside its buffer view and the buffer.
    Elements accessor(const json& indexValue, std::size_t components, const char* type,
                      std::initializer_list<int> componentTypes)
    {
        const json& accessors = member(m_doc, "accessors");
        require(accessors.is_array());
        const json& a = accessors[unsignedValue(indexValue, accessors.size())];
        require(!a.contains("sparse") && member(a, "type") == type);
        Elements e;
        e.componentType = int(unsignedValue(member(a, "componentType")));
        bool known = false;
        for (const int t : componentTypes)
            known |= t == e.componentType;
        require(known);
        const std::size_t componentBytes = e.componentType == kUnsignedByte    ? 1
                                           : e.componentType == kUnsignedShort ? 2
                                                                               : 4;
        const std::size_t elementBytes = components * componentBytes;
        e.count = unsignedValue(member(a, "count"));
        require(e.count > 0);
        const json& views = member(m_doc, "bufferViews");
        require(views.is_array());
        const json& v = views[unsignedValue(member(a, "bufferView"), views.size())];
        require(unsignedValue(member(v, "buffer")) == 0);
        const std::size_t viewOffset = unsignedMember(v, "byteOffset", 0);
        const std::size_t viewLength = unsignedValue(member(v, "byteLength"));
        e.stride = unsignedMember(v, "byteStride", elementBytes);
        require(e.stride >= elementBytes);
        require(viewOffset <= m_bufferSize && viewLength <= m_bufferSize - viewOffset);
        const std::size_t offset = unsignedMember(a, "byteOffset", 0);
        // Every element inside the view, in 64-bit arithmetic that cannot wrap: counts and
        // strides are below 2^32.
        const std::uint64_t end =
            std::uint64_t(offset) + std::uint64_t(e.stride) * (e.count - 1) + elementBytes;
        require(end <= viewLength);
        e.first = m_bin + viewOffset + offset;
        return e;
    }

    static aiVector3D vector(const Elements& e, std::size_t i)
    {
        aiVector3D v;
        std::memcpy(&v.x, e.first + i * e.stride, 3 * sizeof(float));
        return v;
    }

    static std::uint32_t index(const Elements& e, std::size_t i)
    {
        const std::uint8_t* p = e.first + i * e.stride;
        if (e.componentType == kUnsignedByte)
            return *p;
        if (e.componentType == kUnsignedShort) {
            std::uint16_t v;
            std::memcpy(&v, p, sizeof v);
            return v;
        }
        return u32(p);
    }

    /// The node's own transform, as Assimp's glTF2 importer makes it.
    static aiMatrix4x4 localTransform(const json& node)
    {
        aiMatrix4x4 m;
        if (const auto it = node.find("matrix"); it != node.end()) {
            const auto v = floats<16>(*it); // column-major
            m = aiMatrix4x4(v[0], v[4], v[8], v[12], v[1], v[5], v[9], v[13], v[2], v[6], v[10],
                            v[14], v[3], v[7], v[11], v[15]);
            return m;
        }
        if (const auto it = node.find("translation"); it != node.end()) {
            const auto t = floats<3>(*it);
            aiMatrix4x4 translation;
            aiMatrix4x4::Translation(aiVector3D(t[0], t[1], t[2]), translation);
            m = m * translation;
        }
        if (const auto it = node.find("rotation"); it != node.end()) {
            const auto q = floats<4>(*it); // x, y, z, w
            m = m * aiMatrix4x4(aiQuaternion(q[3], q[0], q[1], q[2]).GetMatrix());
        }
        if (const auto it = node.find("scale"); it != node.end()) {
            const auto s = floats<3>(*it);
            aiMatrix4x4 scaling;
            aiMatrix4x4::Scaling(aiVector3D(s[0], s[1], s[2]), scaling);
            m = m * scaling;
        }
        return m;
    }

    void visit(std::size_t n, const aiMatrix4x4& parent, int parentIndex, int depth)
    {
        // glTF's nodes form trees. A node that is its own ancestor is the error loadWithAssimp()
        // gives a hierarchy too deep; one under two parents (which Assimp would copy, and
        // copies of copies) is left to Assimp.
        if (depth > kMaxDepth || m_nodeState[n] == kOnPath)
            throw twin::Error("malformed: node hierarchy deeper than " + std::to_string(kMaxDepth));
        require(m_nodeState[n] == kUnseen);
        m_nodeState[n] = kOnPath;
        const json& node = (*m_nodes)[n];
        require(node.is_object() && !node.contains("skin") && !node.contains("weights"));
        const aiMatrix4x4 world = parent * localTransform(node);
        const int self = int(m_out.nodes.size());
        std::string name = "nodes[" + std::to_string(n) + "]"; // Assimp 5.2.5 names it so
        if (const auto it = node.find("name");
            it != node.end() && it->is_string() && !it->get_ref<const std::string&>().empty())
            name = it->get<std::string>();
        else
            require(it == node.end() || it->is_string());
        require(name.size() <= kMaxName);
        m_out.nodes.push_back({std::move(name), parentIndex});
        if (const auto it = node.find("mesh"); it != node.end())
            readMesh(*it, world, self);
        if (const auto it = node.find("children"); it != node.end()) {
            require(it->is_array());
            for (const json& child : *it)
                visit(unsignedValue(child, m_nodes->size()), world, self, depth + 1);
        }
        m_nodeState[n] = kDone;
    }

    void readMesh(const json& meshIndex, const aiMatrix4x4& world, int node)
    {
        const json& meshes = member(m_doc, "meshes");
        require(meshes.is_array());
        const json& mesh = meshes[unsignedValue(meshIndex, meshes.size())];
        require(!mesh.contains("weights"));
        const json& primitives = member(mesh, "primitives");
        require(primitives.is_array() && !primitives.empty());
        const WorldTransform transform(world);
        for (const json& p : primitives) {
            require(p.is_object() && !p.contains("targets") && !p.contains("extensions"));
            const std::size_t mode = unsignedMember(p, "mode", kTriangles);
            require(mode == kPoints || mode == kLines || mode == kTriangles);
            const auto primitive = mode == kPoints  ? Primitive::Points
                                   : mode == kLines ? Primitive::Lines
                                                    : Primitive::Triangles;
            const bool surface = primitive == Primitive::Triangles;
            const json& attributes = member(p, "attributes");
            const Elements positions =
                accessor(member(attributes, "POSITION"), 3, "VEC3", {kFloat});
            // Surfaces need their normals (Assimp makes missing ones); points and lines have
            // none, and keep their colours.
            Elements normals;
            if (surface) {
                normals = accessor(member(attributes, "NORMAL"), 3, "VEC3", {kFloat});
                require(normals.count == positions.count);
            }
            FlatMesh m;
            m.node = node;
            m.primitive = primitive;
            m.material = p.contains("material")
                             ? m_materialOf.at(unsignedValue(p["material"], m_materialOf.size()))
                             : int(m_out.materials.size() - 1);
            require(m.material >= 0);
            const std::size_t corners = std::size_t(primitive);
            if (p.contains("indices")) {
                const Elements indices = accessor(member(p, "indices"), 1, "SCALAR",
                                                  {kUnsignedByte, kUnsignedShort, kUnsignedInt});
                m.indices.resize(indices.count);
                for (std::size_t i = 0; i < indices.count; ++i) {
                    m.indices[i] = index(indices, i);
                    require(m.indices[i] < positions.count); // Assimp drops such faces
                }
            } else { // the vertices in order, as Assimp numbers them
                m.indices.resize(positions.count);
                for (std::size_t i = 0; i < positions.count; ++i)
                    m.indices[i] = std::uint32_t(i);
            }
            // Assimp drops a last, incomplete primitive (with a warning).
            require(!m.indices.empty() && m.indices.size() % corners == 0);
            if (!surface && attributes.contains("COLOR_0"))
                m.colors = colours(attributes["COLOR_0"], positions.count);
            m.positions.reserve(3 * positions.count);
            m.normals.reserve(3 * positions.count);
            for (std::size_t v = 0; v < positions.count; ++v) {
                if (surface) {
                    const aiVector3D normal = vector(normals, v);
                    transform.append(m, vector(positions, v), &normal);
                } else {
                    transform.append(m, vector(positions, v), nullptr, false);
                }
            }
            m_out.meshes.push_back(std::move(m));
        }
    }

    /// COLOR_0's red, green and blue per vertex, 0..1, as Assimp reads them: floats as they
    /// are, normalised bytes and shorts divided by their largest value.
    std::vector<float> colours(const json& accessorIndex, std::size_t vertexCount)
    {
        const json& accessors = member(m_doc, "accessors");
        require(accessors.is_array());
        const json& a = accessors[unsignedValue(accessorIndex, accessors.size())];
        const std::size_t components = member(a, "type") == "VEC4" ? 4 : 3;
        const Elements e = accessor(accessorIndex, components, components == 4 ? "VEC4" : "VEC3",
                                    {kFloat, kUnsignedByte, kUnsignedShort});
        require(e.count == vertexCount);
        std::vector<float> out(3 * e.count);
        for (std::size_t v = 0; v < e.count; ++v) {
            const std::uint8_t* p = e.first + v * e.stride;
            for (std::size_t k = 0; k < 3; ++k) {
                if (e.componentType == kFloat) {
                    std::memcpy(&out[3 * v + k], p + 4 * k, sizeof(float));
                } else if (e.componentType == kUnsignedByte) {
                    out[3 * v + k] = float(p[k]) / 255.0f;
                } else {
                    std::uint16_t c;
                    std::memcpy(&c, p + 2 * k, sizeof c);
                    out[3 * v + k] = float(c) / 65535.0f;
                }
            }
        }
        return out;
    }

    const json& m_doc;
    const std::uint8_t* m_bin;
    std::size_t m_binSize;
    std::size_t m_bufferSize = 0;
    const json* m_nodes = nullptr;
    std::vector<FlatMaterial> m_fileMaterials;
    std::vector<int> m_materialOf; ///< Per material of the file, its index in m_out (-1: none).
    enum : char { kUnseen, kOnPath, kDone };
    std::vector<char> m_nodeState; ///< Per node of the file, as visit() goes.
    FlatScene m_out;
};

} // namespace

std::optional<FlatScene> readPlainGlb(const std::uint8_t* data, std::size_t size)
{
    // Header, then the JSON chunk and the BIN chunk, each within the file.
    if (size < 20 || u32(data) != kMagic || u32(data + 4) != 2 || u32(data + 8) > size ||
        u32(data + 8) < 20)
        return std::nullopt;
    size = u32(data + 8);
    const std::size_t jsonLength = u32(data + 12);
    if (u32(data + 16) != kJsonChunk || jsonLength > size - 20)
        return std::nullopt;
    const std::uint8_t* text = data + 20;
    const std::size_t binHeader = 20 + ((jsonLength + 3) & ~std::size_t(3));
    if (binHeader + 8 > size || u32(data + binHeader + 4) != kBinChunk ||
        u32(data + binHeader) > size - binHeader - 8)
        return std::nullopt;
    const json doc = json::parse(text, text + jsonLength, nullptr, false);
    if (doc.is_discarded() || !doc.is_object())
        return std::nullopt;
    try {
        return Reader(doc, data + binHeader + 8, u32(data + binHeader)).read();
    } catch (const NotPlain&) {
        return std::nullopt;
    } catch (const json::exception&) { // a value of another type than the form has
        return std::nullopt;
    }
}

std::optional<FlatScene> readPlainGlbFile(const std::string& path)
{
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return std::nullopt;
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size < 20) {
        ::close(fd);
        return std::nullopt;
    }
    const std::size_t size = std::size_t(st.st_size);
    void* map = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
    ::close(fd);
    if (map == MAP_FAILED)
        return std::nullopt;
    std::optional<FlatScene> out;
    try {
        out = readPlainGlb(static_cast<const std::uint8_t*>(map), size);
    } catch (...) {
        ::munmap(map, size);
        throw;
    }
    ::munmap(map, size);
    return out;
}

bool isGlbPath(const std::string& path)
{
    return lowerExtension(path) == ".glb";
}

} // namespace takt::render
