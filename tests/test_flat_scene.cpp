// The flat scene format that crosses the process boundary: it round-trips, and truncated or
// corrupt data gives an error instead of a crash or a wild allocation.
#include "render/flat_scene.h"
#include "render/scene_batches.h"
#include "twin/error.h"

#include <QtTest>

#include <sstream>

using namespace takt::render;

namespace {
FlatScene sampleScene()
{
    FlatScene s;
    s.sourceFormat = "test";
    s.materials = {{"steel", {0.5f, 0.5f, 0.6f, 1.f}}, {"robot", {1.f, 0.5f, 0.f, 1.f}}};
    s.nodes = {{"root", -1}, {"ST10", 0}, {"arm", 1}};
    FlatMesh m;
    m.node = 2;
    m.material = 1;
    m.positions = {0, 0, 0, 1, 0, 0, 0, 2, 0};
    m.normals = {0, 0, 1, 0, 0, 1, 0, 0, 1};
    m.indices = {0, 1, 2};
    s.meshes.push_back(m);
    return s;
}

std::string serialised(const FlatScene& s)
{
    std::ostringstream out;
    writeFlatScene(out, s);
    return out.str();
}
} // namespace

class TestFlatScene : public QObject {
    Q_OBJECT
private slots:
    void roundTrips()
    {
        std::istringstream in(serialised(sampleScene()));
        const FlatScene s = readFlatScene(in);
        QCOMPARE(s.nodes.size(), std::size_t(3));
        QCOMPARE(s.nodes[2].name, std::string("arm"));
        QCOMPARE(s.materials[1].color[1], 0.5f);
        QCOMPARE(s.meshes[0].positions[7], 2.f);
        QCOMPARE(s.triangleCount(), std::size_t(1));
        QVERIFY(s.isDescendant(2, 1));
        QVERIFY(!s.isDescendant(1, 2));
        const auto b = s.bounds();
        QCOMPARE(b[1][1], 2.f);
    }

    void batchesKeepEachMaterialsColour()
    {
        // Two materials in one batch (no binding: all scenery): one draw call, and every
        // vertex carries its own material's colour as bytes, extremes included.
        FlatScene s = sampleScene();
        s.materials.push_back({"white", {1.f, 1.f, 1.f, 1.f}});
        FlatMesh second = s.meshes[0];
        second.material = 2;
        s.meshes.push_back(second);
        s.materials[0].color = {0.f, 0.f, 0.f, 1.f};
        FlatMesh third = s.meshes[0];
        third.material = 0;
        s.meshes.push_back(third);
        const auto batches = buildBatches(s, nullptr);
        QCOMPARE(batches.size(), std::size_t(1));
        const Batch& b = batches[0];
        QCOMPARE(b.vertices().size(), 9 * kBatchVertexFloats);
        QCOMPARE(std::vector<std::uint32_t>(b.indices().begin(), b.indices().end()),
                 (std::vector<std::uint32_t>{0, 1, 2, 3, 4, 5, 6, 7, 8}));
        using Rgb = std::array<std::uint8_t, 3>;
        QCOMPARE(batchVertexColour(b, 0), (Rgb{255, 128, 0})); // robot: 1, 0.5, 0
        QCOMPARE(batchVertexColour(b, 5), (Rgb{255, 255, 255}));
        QCOMPARE(batchVertexColour(b, 8), (Rgb{0, 0, 0}));
        QCOMPARE(b.vertices()[kBatchVertexFloats * 2 + 1], 2.f); // positions and normals intact
        QCOMPARE(b.vertices()[kBatchVertexFloats * 2 + 5], 1.f);
        QCOMPARE(b.max[1], 2.f);
    }

    void rejectsEveryTruncation()
    {
        const std::string full = serialised(sampleScene());
        for (std::size_t n = 0; n < full.size(); ++n) {
            std::istringstream in(full.substr(0, n));
            QVERIFY_THROWS_EXCEPTION(takt::twin::Error, readFlatScene(in));
        }
    }

    void rejectsBadIndex()
    {
        FlatScene s = sampleScene();
        s.meshes[0].indices[2] = 3;
        std::istringstream in(serialised(s));
        QVERIFY_THROWS_EXCEPTION(takt::twin::Error, readFlatScene(in));
    }

    void rejectsForwardParent()
    {
        FlatScene s = sampleScene();
        s.nodes[1].parent = 2; // a parent must come before its child: no cycles possible
        std::istringstream in(serialised(s));
        QVERIFY_THROWS_EXCEPTION(takt::twin::Error, readFlatScene(in));
    }

    void rejectsAbsurdCountWithoutAllocating()
    {
        std::string bytes = serialised(sampleScene());
        // The positions count of the first mesh sits after magic, format, materials and nodes;
        // find it by its known value (9) and replace it with a huge number.
        const std::uint64_t nine = 9, huge = 1ull << 30;
        const auto at = bytes.find(std::string(reinterpret_cast<const char*>(&nine), 8));
        QVERIFY(at != std::string::npos);
        bytes.replace(at, 8, std::string(reinterpret_cast<const char*>(&huge), 8));
        std::istringstream in(bytes);
        QVERIFY_THROWS_EXCEPTION(takt::twin::Error, readFlatScene(in));
    }
};

QTEST_APPLESS_MAIN(TestFlatScene)
#include "test_flat_scene.moc"
