// Cells, frustum culling and level-of-detail selection (issue 16, item 2): the rules alone,
// without a window.
#include "detail_scenes.h"
#include "render/scene_batches.h"
#include "render/scene_lod.h"
#include "render/station_binding.h"
#include "twin/manifest.h"

#include <QtTest>

#include <set>

using namespace takt;
using render::LodLevel;
using render::Primitive;

namespace {

/// A camera at (0, 0, 10) looking down −Z, 40° vertical field of view, 800 pixels high.
render::DetailCamera frontCamera()
{
    render::DetailCamera c;
    QMatrix4x4 projection, view;
    projection.perspective(40.0f, 1.0f, 0.1f, 1000.0f);
    view.lookAt(QVector3D(0, 0, 10), QVector3D(0, 0, 0), QVector3D(0, 1, 0));
    c.viewProjection = projection * view;
    c.position = QVector3D(0, 0, 10);
    c.viewportHeight = 800;
    c.fieldOfViewDeg = 40;
    return c;
}

std::vector<LodLevel> fourLevels()
{
    return {{0, 3000, 0.0f}, {3000, 750, 0.01f}, {3750, 180, 0.1f}, {3930, 45, 1.0f}};
}

} // namespace

class TestSceneLod : public QObject {
    Q_OBJECT
private slots:
    void levelsHalveAndErrorsGrow()
    {
        const render::FlatScene scene = test::denseStationScene(64, 96);
        const render::FlatMesh& sphere = scene.meshes[0];
        const render::LodIndices lod =
            render::buildLodLevels(sphere.positions.data(), sphere.vertexCount(), 3 * sizeof(float),
                                   sphere.indices, Primitive::Triangles);
        QVERIFY2(lod.levels.size() >= 3, "a dense sphere simplifies at least twice");
        QCOMPARE(lod.levels[0].firstIndex, 0u);
        QCOMPARE(std::size_t(lod.levels[0].indexCount), sphere.indices.size());
        QCOMPARE(lod.levels[0].error, 0.0f);
        QVERIFY(std::equal(sphere.indices.begin(), sphere.indices.end(), lod.indices.begin()));
        for (std::size_t i = 1; i < lod.levels.size(); ++i) {
            const LodLevel& l = lod.levels[i];
            QVERIFY(l.indexCount * 2 <= lod.levels[i - 1].indexCount);
            QVERIFY(l.indexCount % 3 == 0);
            QVERIFY(l.error >= lod.levels[i - 1].error);
            QVERIFY(l.error < 2.0f); // metres, on a sphere of radius 2
            QVERIFY(std::size_t(l.firstIndex) + l.indexCount <= lod.indices.size());
        }
        for (const auto index : lod.indices)
            QVERIFY(index < sphere.vertexCount());
    }

    void copiesOfAPartSimplifyAsOne()
    {
        // A part exported twice in the same place (its own vertices each time, its triangles
        // listed from another corner): level 0 keeps both, the coarser levels are those of one
        // copy, where meshoptimizer would otherwise keep every vertex of the shared edges.
        const render::FlatScene scene = test::denseStationScene(64, 96);
        const render::FlatMesh& sphere = scene.meshes[0];
        const std::size_t n = sphere.vertexCount();
        std::vector<float> positions = sphere.positions;
        positions.insert(positions.end(), sphere.positions.begin(), sphere.positions.end());
        std::vector<std::uint32_t> twice = sphere.indices;
        for (std::size_t t = 0; t + 2 < sphere.indices.size(); t += 3)
            twice.insert(twice.end(), {sphere.indices[t + 1] + std::uint32_t(n),
                                       sphere.indices[t + 2] + std::uint32_t(n),
                                       sphere.indices[t] + std::uint32_t(n)});
        const render::LodIndices one = render::buildLodLevels(
            sphere.positions.data(), n, 3 * sizeof(float), sphere.indices, Primitive::Triangles);
        const render::LodIndices two = render::buildLodLevels(
            positions.data(), 2 * n, 3 * sizeof(float), twice, Primitive::Triangles);
        QCOMPARE(std::size_t(two.levels[0].indexCount), twice.size());
        QCOMPARE(two.levels.size(), one.levels.size());
        for (std::size_t i = 1; i < one.levels.size(); ++i) {
            QCOMPARE(two.levels[i].indexCount, one.levels[i].indexCount);
            QCOMPARE(two.levels[i].error, one.levels[i].error);
        }

        // The same corners with other normals are another surface to shade: both stay.
        std::vector<float> withNormals(2 * n * 6);
        for (std::size_t v = 0; v < 2 * n; ++v) {
            std::copy_n(&positions[3 * v], 3, &withNormals[6 * v]);
            withNormals[6 * v + 3 + (v < n ? 1 : 2)] = 1.0f; // +Y for one copy, +Z the other
        }
        const render::LodIndices shaded =
            render::buildLodLevels(withNormals.data(), 2 * n, 6 * sizeof(float), twice,
                                   Primitive::Triangles, nullptr, withNormals.data() + 3);
        // Kept both, the shared edges hold meshopt_simplify back: its level of a quarter, within
        // 6 mm, is missing, and the finest level left is the sloppy one of 1/16.
        QVERIFY(shaded.levels.size() >= 2);
        QCOMPARE(shaded.levels.size(), one.levels.size() - 1);
        QCOMPARE(shaded.levels[1].indexCount, one.levels[2].indexCount);
        // The same normals: one copy again.
        for (std::size_t v = 0; v < 2 * n; ++v)
            std::fill_n(&withNormals[6 * v + 3], 3, 0.5f);
        const render::LodIndices same =
            render::buildLodLevels(withNormals.data(), 2 * n, 6 * sizeof(float), twice,
                                   Primitive::Triangles, nullptr, withNormals.data() + 3);
        QCOMPARE(same.levels.size(), one.levels.size());
        QCOMPARE(same.levels[1].indexCount, one.levels[1].indexCount);
    }

    void pointCloudsThinOut()
    {
        // A scanned floor of 100 x 100 points: 1/4, 1/16 and 1/64 of them, each level inside
        // the one before, its error the spacing its points leave (0.1 m apart in the original).
        std::vector<float> positions;
        std::vector<std::uint32_t> indices;
        for (int i = 0; i < 100; ++i)
            for (int j = 0; j < 100; ++j) {
                indices.push_back(std::uint32_t(positions.size() / 3));
                positions.insert(positions.end(), {0.1f * float(i), 0.0f, 0.1f * float(j)});
            }
        const render::LodIndices lod = render::buildLodLevels(
            positions.data(), indices.size(), 3 * sizeof(float), indices, Primitive::Points);
        QCOMPARE(lod.levels.size(), std::size_t(4));
        for (std::size_t l = 1; l < lod.levels.size(); ++l) {
            const LodLevel& level = lod.levels[l];
            const double expected = 10000.0 / std::pow(4.0, double(l));
            QVERIFY2(std::abs(level.indexCount - expected) < 0.2 * expected,
                     qPrintable(QString::number(level.indexCount)));
            QVERIFY(level.error > lod.levels[l - 1].error);
            QVERIFY(!level.mergesColours);
            // About sqrt(area / count): 0.2 m at a quarter of 9.9 m x 9.9 m.
            if (l == 1)
                QVERIFY(level.error > 0.15f && level.error < 0.25f);
            const std::set<std::uint32_t> finer(lod.indices.begin() + lod.levels[l - 1].firstIndex,
                                                lod.indices.begin() + lod.levels[l - 1].firstIndex +
                                                    lod.levels[l - 1].indexCount);
            for (std::uint32_t k = 0; k < level.indexCount; ++k)
                QVERIFY(finer.count(lod.indices[level.firstIndex + k]) == 1);
        }
    }

    void linesAndSmallCellsKeepOneLevel()
    {
        const std::vector<float> positions{0, 0, 0, 1, 0, 0, 1, 1, 0};
        const std::vector<std::uint32_t> line{0, 1, 1, 2};
        QCOMPARE(
            render::buildLodLevels(positions.data(), 3, 12, line, Primitive::Lines).levels.size(),
            std::size_t(1));
        const std::vector<std::uint32_t> triangle{0, 1, 2};
        QCOMPARE(render::buildLodLevels(positions.data(), 3, 12, triangle, Primitive::Triangles)
                     .levels.size(),
                 std::size_t(1));
    }

    void chooseLevelByScreenError_data()
    {
        QTest::addColumn<float>("pixelsPerMetre");
        QTest::addColumn<float>("maxPixelError");
        QTest::addColumn<int>("level");
        QTest::newRow("full detail asked") << 100.0f << 0.0f << 0;
        QTest::newRow("near: 1 px of 0.01 m") << 100.0f << 2.0f << 1;
        QTest::newRow("farther: 0.1 m is 1 px") << 10.0f << 2.0f << 2;
        QTest::newRow("far: 1 m is 1 px") << 1.0f << 2.0f << 3;
        QTest::newRow("very near: nothing fits") << 1000.0f << 2.0f << 0;
    }
    void chooseLevelByScreenError()
    {
        QFETCH(float, pixelsPerMetre);
        QFETCH(float, maxPixelError);
        QFETCH(int, level);
        QCOMPARE(render::chooseLevel(fourLevels(), pixelsPerMetre, maxPixelError), level);
    }

    void pixelsPerMetreFollowsDistance()
    {
        const render::DetailCamera c = frontCamera();
        const float near = render::pixelsPerMetre(c, 10.0f), far = render::pixelsPerMetre(c, 20.0f);
        QVERIFY(qFuzzyCompare(near, 2.0f * far));
        // 800 px span 2 · tan(20°) · 10 m = 7.28 m at 10 m.
        QVERIFY(std::abs(near - 800.0f / (2.0f * std::tan(qDegreesToRadians(20.0f)) * 10.0f)) <
                1e-3f);
        render::DetailCamera plan = c;
        plan.orthoHeight = 40.0f;
        QCOMPARE(render::pixelsPerMetre(plan, 5.0f), 20.0f);
    }

    void frustumTest_data()
    {
        QTest::addColumn<QVector3D>("centre");
        QTest::addColumn<float>("radius");
        QTest::addColumn<bool>("inside");
        QTest::newRow("ahead") << QVector3D(0, 0, 0) << 1.0f << true;
        QTest::newRow("behind the camera") << QVector3D(0, 0, 20) << 1.0f << false;
        QTest::newRow("far to the left") << QVector3D(-50, 0, 0) << 1.0f << false;
        QTest::newRow("straddles the left plane") << QVector3D(-4.5f, 0, 0) << 2.0f << true;
        QTest::newRow("beyond the far plane") << QVector3D(0, 0, -2000) << 1.0f << false;
        QTest::newRow("above") << QVector3D(0, 30, 0) << 1.0f << false;
    }
    void frustumTest()
    {
        QFETCH(QVector3D, centre);
        QFETCH(float, radius);
        QFETCH(bool, inside);
        QCOMPARE(render::sphereInFrustum(frontCamera().viewProjection, centre, radius), inside);
    }

    void selectionCullsAndChooses()
    {
        const std::vector<render::CellBounds> cells{{QVector3D(0, 0, 0), 1.0f},
                                                    {QVector3D(0, 0, -800), 1.0f},
                                                    {QVector3D(-50, 0, 0), 1.0f}};
        const std::vector<std::vector<LodLevel>> levels(3, fourLevels());
        const std::vector<Primitive> primitives(3, Primitive::Triangles);
        render::DetailPolicy policy;
        // Once still, by default: no cell more than half a pixel off its original surface.
        QCOMPARE(policy.stillPixelError, render::kFullDetailPixelError);
        policy.movingTriangleBudget = 1'000'000;
        // Still: full detail on screen wherever drawn, nothing outside the frustum. The near
        // cell (122 pixels a metre) keeps every triangle; the far one (1.4 pixels a metre) takes
        // the coarsest level within half a pixel of the original (0.1 m: 0.14 pixel).
        auto s = render::selectDetail(cells, levels, primitives, frontCamera(), policy);
        QCOMPARE(s.level, (std::vector<int>{0, 2, -1}));
        QCOMPARE(s.cellsDrawn, std::size_t(2));
        QCOMPARE(s.triangles, std::size_t(1060));
        QVERIFY(s.maxPixelError <= render::kFullDetailPixelError);
        QVERIFY(s.maxPixelError > 0.1f);
        // Still with no error allowed: every triangle.
        policy.stillPixelError = 0.0f;
        s = render::selectDetail(cells, levels, primitives, frontCamera(), policy);
        QCOMPARE(s.level, (std::vector<int>{0, 0, -1}));
        QCOMPARE(s.triangles, std::size_t(2000));
        QCOMPARE(s.maxPixelError, 0.0f);
        policy.stillPixelError = render::kFullDetailPixelError;
        // Moving: the far cell coarser than the near one.
        policy.moving = true;
        s = render::selectDetail(cells, levels, primitives, frontCamera(), policy);
        QCOMPARE(s.level[2], -1);
        QVERIFY(s.level[1] > s.level[0]);
        QCOMPARE(s.level[1], 3);
        // A budget coarsens the near cell too.
        policy.movingTriangleBudget = 50;
        s = render::selectDetail(cells, levels, primitives, frontCamera(), policy);
        QCOMPARE(s.level[0], 3);
        QCOMPARE(s.triangles, std::size_t(30));
        // Off: every cell, full detail.
        policy.culling = false;
        policy.levelOfDetail = false;
        s = render::selectDetail(cells, levels, primitives, frontCamera(), policy);
        QCOMPARE(s.level, (std::vector<int>{0, 0, 0}));
        QCOMPARE(s.triangles, std::size_t(3000));
    }

    void cellsKeepStationsApart()
    {
        const render::FlatScene scene = test::denseStationScene(8, 8);
        const auto plant = twin::loadPlantManifest(TAKT_SOURCE_DIR "/tests/data/small_plant.json");
        const render::StationBinding binding = render::bindStations(plant, scene);
        const auto whole = render::buildBatches(scene, &binding);
        // 20 m between stations, cells of 1.5 m: each station and the floor alone in cells.
        const auto cells = render::buildBatches(scene, &binding, 1.5f);
        QVERIFY(cells.size() >= whole.size());
        std::size_t indicesWhole = 0, indicesCells = 0;
        for (const auto& b : whole)
            indicesWhole += b.indices().size();
        std::set<std::pair<int, std::int64_t>> seen;
        for (const auto& b : cells) {
            indicesCells += b.indices().size();
            QVERIFY(seen.insert({b.station, b.cell}).second);
            QVERIFY(b.cell > 0);
            for (std::size_t v = 0; v < b.vertices().size(); v += render::kBatchVertexFloats)
                for (int a = 0; a < 3; ++a) {
                    QVERIFY(b.vertices()[v + std::size_t(a)] >= b.min[std::size_t(a)]);
                    QVERIFY(b.vertices()[v + std::size_t(a)] <= b.max[std::size_t(a)]);
                }
        }
        QCOMPARE(indicesCells, indicesWhole);
        // Each station still owns its batches: four stations, and the scenery.
        std::set<int> stations;
        for (const auto& b : cells)
            stations.insert(b.station);
        QCOMPARE(stations, (std::set<int>{-1, 0, 1, 2, 3}));
        QCOMPARE(render::cellSizeFor(scene, 8), 68.0f / 8.0f);
    }
};

QTEST_APPLESS_MAIN(TestSceneLod)
#include "test_scene_lod.moc"
