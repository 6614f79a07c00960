#include "render/flat_scene.h"

#include "twin/error.h"

#include <algorithm>
#include <cstring>
#include <istream>
#include <limits>
#include <ostream>

namespace takt::render {
namespace {

constexpr char kMagic[8] = {'T', 'A', 'K', 'T', 'S', 'C', 'N', '2'};
// Caps well above any real layout, so a corrupt count cannot make us allocate wildly.
constexpr std::uint64_t kMaxItems = 1ull << 31;

class Writer {
public:
    explicit Writer(std::ostream& out) : m_out(out) {}
    void u32(std::uint32_t v) { raw(&v, sizeof v); }
    void u64(std::uint64_t v) { raw(&v, sizeof v); }
    void i32(std::int32_t v) { raw(&v, sizeof v); }
    void str(const std::string& s)
    {
        u32(static_cast<std::uint32_t>(s.size()));
        raw(s.data(), s.size());
    }
    template <typename T> void vec(const std::vector<T>& v)
    {
        u64(v.size());
        raw(v.data(), v.size() * sizeof(T));
    }
    void raw(const void* p, std::size_t n)
    {
        m_out.write(static_cast<const char*>(p), static_cast<std::streamsize>(n));
        if (!m_out)
            throw twin::Error("cannot write scene data");
    }

private:
    std::ostream& m_out;
};

class Reader {
public:
    explicit Reader(std::istream& in) : m_in(in) {}
    std::uint32_t u32() { return pod<std::uint32_t>(); }
    std::uint64_t u64() { return pod<std::uint64_t>(); }
    std::int32_t i32() { return pod<std::int32_t>(); }
    std::string str()
    {
        const auto n = u32();
        if (n > (1u << 20))
            throw twin::Error("corrupt scene data: string of " + std::to_string(n) + " bytes");
        std::string s(n, '\0');
        raw(s.data(), n);
        return s;
    }
    template <typename T> std::vector<T> vec()
    {
        const auto n = u64();
        if (n > kMaxItems)
            throw twin::Error("corrupt scene data: array of " + std::to_string(n) + " items");
        std::vector<T> v;
        // Grow in chunks so that a lying count on a short stream fails before allocating it all.
        constexpr std::uint64_t kChunk = 1u << 20;
        for (std::uint64_t done = 0; done < n;) {
            const auto take = std::min(kChunk, n - done);
            v.resize(static_cast<std::size_t>(done + take));
            raw(v.data() + done, static_cast<std::size_t>(take) * sizeof(T));
            done += take;
        }
        return v;
    }
    void raw(void* p, std::size_t n)
    {
        m_in.read(static_cast<char*>(p), static_cast<std::streamsize>(n));
        if (m_in.gcount() != static_cast<std::streamsize>(n))
            throw twin::Error("scene data is truncated");
    }

private:
    template <typename T> T pod()
    {
        T v{};
        raw(&v, sizeof v);
        return v;
    }
    std::istream& m_in;
};

} // namespace

std::size_t FlatScene::triangleCount() const
{
    std::size_t n = 0;
    for (const auto& m : meshes)
        n += m.triangleCount();
    return n;
}

std::size_t FlatScene::lineCount() const
{
    std::size_t n = 0;
    for (const auto& m : meshes)
        n += m.primitive == Primitive::Lines ? m.primitiveCount() : 0;
    return n;
}

std::size_t FlatScene::pointCount() const
{
    std::size_t n = 0;
    for (const auto& m : meshes)
        n += m.primitive == Primitive::Points ? m.primitiveCount() : 0;
    return n;
}

std::array<std::array<float, 3>, 2> FlatScene::bounds() const
{
    constexpr float inf = std::numeric_limits<float>::infinity();
    std::array<float, 3> lo{inf, inf, inf}, hi{-inf, -inf, -inf};
    bool any = false;
    for (const auto& m : meshes) {
        for (std::size_t i = 0; i + 2 < m.positions.size(); i += 3) {
            for (int a = 0; a < 3; ++a) {
                lo[a] = std::min(lo[a], m.positions[i + a]);
                hi[a] = std::max(hi[a], m.positions[i + a]);
            }
            any = true;
        }
    }
    if (!any)
        return {};
    return {lo, hi};
}

bool FlatScene::isDescendant(int index, int ancestor) const
{
    // Bounded walk: a corrupt parent chain cannot loop forever.
    for (std::size_t steps = 0; index >= 0 && steps <= nodes.size(); ++steps) {
        if (index == ancestor)
            return true;
        index = nodes[static_cast<std::size_t>(index)].parent;
    }
    return false;
}

void writeFlatScene(std::ostream& out, const FlatScene& scene)
{
    Writer w(out);
    w.raw(kMagic, sizeof kMagic);
    w.str(scene.sourceFormat);
    w.u64(scene.materials.size());
    for (const auto& m : scene.materials) {
        w.str(m.name);
        w.raw(m.color.data(), sizeof(float) * 4);
    }
    w.u64(scene.nodes.size());
    for (const auto& n : scene.nodes) {
        w.str(n.name);
        w.i32(n.parent);
    }
    w.u64(scene.meshes.size());
    for (const auto& m : scene.meshes) {
        w.i32(m.node);
        w.i32(m.material);
        w.vec(m.positions);
        w.vec(m.normals);
        w.vec(m.indices);
        w.u32(static_cast<std::uint32_t>(m.primitive));
        w.vec(m.colors);
    }
    out.flush();
}

FlatScene readFlatScene(std::istream& in)
{
    Reader r(in);
    char magic[sizeof kMagic];
    r.raw(magic, sizeof magic);
    if (std::memcmp(magic, kMagic, sizeof kMagic) != 0)
        throw twin::Error("not Takt scene data");
    FlatScene s;
    s.sourceFormat = r.str();
    const auto nMat = r.u64();
    if (nMat > kMaxItems)
        throw twin::Error("corrupt scene data: too many materials");
    for (std::uint64_t i = 0; i < nMat; ++i) {
        FlatMaterial m;
        m.name = r.str();
        r.raw(m.color.data(), sizeof(float) * 4);
        s.materials.push_back(std::move(m));
    }
    const auto nNodes = r.u64();
    if (nNodes > kMaxItems)
        throw twin::Error("corrupt scene data: too many nodes");
    for (std::uint64_t i = 0; i < nNodes; ++i) {
        FlatNode n;
        n.name = r.str();
        n.parent = r.i32();
        if (n.parent < -1 || n.parent >= static_cast<std::int64_t>(i))
            throw twin::Error("corrupt scene data: node " + std::to_string(i) +
                              " has an invalid parent");
        s.nodes.push_back(std::move(n));
    }
    const auto nMesh = r.u64();
    if (nMesh > kMaxItems)
        throw twin::Error("corrupt scene data: too many meshes");
    for (std::uint64_t i = 0; i < nMesh; ++i) {
        FlatMesh m;
        m.node = r.i32();
        m.material = r.i32();
        m.positions = r.vec<float>();
        m.normals = r.vec<float>();
        m.indices = r.vec<std::uint32_t>();
        const auto primitive = r.u32();
        if (primitive < 1 || primitive > 3)
            throw twin::Error("corrupt scene data: mesh " + std::to_string(i) +
                              " has an unknown primitive");
        m.primitive = static_cast<Primitive>(primitive);
        m.colors = r.vec<float>();
        const auto nv = m.positions.size() / 3;
        if (m.node < 0 || static_cast<std::size_t>(m.node) >= s.nodes.size() || m.material < 0 ||
            static_cast<std::size_t>(m.material) >= s.materials.size() ||
            m.positions.size() % 3 != 0 || m.normals.size() != m.positions.size() ||
            m.indices.size() % primitive != 0 ||
            (!m.colors.empty() && m.colors.size() != m.positions.size()))
            throw twin::Error("corrupt scene data: mesh " + std::to_string(i));
        for (auto idx : m.indices)
            if (idx >= nv)
                throw twin::Error("corrupt scene data: mesh " + std::to_string(i) +
                                  " has an index out of range");
        s.meshes.push_back(std::move(m));
    }
    return s;
}

} // namespace takt::render
