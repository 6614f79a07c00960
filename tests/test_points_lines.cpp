// Files that hold points or lines open (issue 16, item 4): a PLY point cloud with colours per
// vertex, OBJ polylines and points, glTF primitives of mode POINTS, LINES and LINE_STRIP, and a
// glTF mixing triangles and points. Each comes back through the isolated importer with its
// primitives counted, and merges into batches of one primitive each.
#include "glb_builder.h"
#include "render/isolated_importer.h"
#include "render/scene_batches.h"

#include <QtTest>

#include <sstream>

using namespace takt;

class TestPointsLines : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;

    QString write(const QString& name, const QByteArray& bytes)
    {
        return tests::writeFile(m_tmp, name, bytes);
    }

    static render::ImportOutcome import(const QString& path)
    {
        return render::IsolatedImporter::importBlocking(path);
    }

    /// The one-triangle glTF turned into another primitive `mode` over `indices`.
    static QByteArray gltfWithMode(int mode, int indexCount)
    {
        tests::GltfParts p = tests::triangleScene(QStringLiteral("CONVEYOR_CL"));
        QJsonArray meshes = p.json["meshes"].toArray();
        QJsonObject mesh = meshes[0].toObject();
        QJsonArray prims = mesh["primitives"].toArray();
        QJsonObject prim = prims[0].toObject();
        prim["mode"] = mode;
        prims[0] = prim;
        mesh["primitives"] = prims;
        meshes[0] = mesh;
        p.json["meshes"] = meshes;
        QJsonArray accessors = p.json["accessors"].toArray();
        QJsonObject idx = accessors[1].toObject();
        idx["count"] = indexCount; // the buffer holds 0, 1, 2, 0
        accessors[1] = idx;
        p.json["accessors"] = accessors;
        QJsonArray views = p.json["bufferViews"].toArray();
        QJsonObject view = views[1].toObject();
        view["byteLength"] = 8;
        views[1] = view;
        p.json["bufferViews"] = views;
        return tests::toGlb(p);
    }

private slots:
    void initTestCase()
    {
        render::IsolatedImporter::setHelperCommand(QStringLiteral(TAKT_EXECUTABLE),
                                                   {QStringLiteral("__import-helper")});
        QVERIFY(m_tmp.isValid());
    }

    void plyPointCloudWithColours()
    {
        // A scanned hall in miniature: 40 × 25 points on the floor, red to green along x.
        QByteArray ply = "ply\nformat ascii 1.0\nelement vertex 1000\nproperty float x\n"
                         "property float y\nproperty float z\nproperty uchar red\n"
                         "property uchar green\nproperty uchar blue\nend_header\n";
        for (int i = 0; i < 40; ++i)
            for (int j = 0; j < 25; ++j)
                ply += QByteArray::number(i * 0.5) + ' ' + QByteArray::number(0.01 * j) + ' ' +
                       QByteArray::number(j * 0.5) + ' ' + QByteArray::number(255 - i * 6) + ' ' +
                       QByteArray::number(i * 6) + " 0\n";
        const auto o = import(write("hall.ply", ply));
        QVERIFY2(o.ok, qPrintable(o.error));
        QCOMPARE(o.scene->pointCount(), std::size_t(1000));
        QCOMPARE(o.scene->triangleCount(), std::size_t(0));
        QCOMPARE(o.scene->meshes.size(), std::size_t(1));
        const render::FlatMesh& cloud = o.scene->meshes[0];
        QCOMPARE(cloud.primitive, render::Primitive::Points);
        QCOMPARE(cloud.colors.size(), cloud.positions.size());
        // The colour of each point reaches the batch that draws it.
        const auto batches = render::buildBatches(*o.scene, nullptr);
        QCOMPARE(batches.size(), std::size_t(1));
        QCOMPARE(batches[0].primitive, render::Primitive::Points);
        const std::size_t first = cloud.indices[0];
        const auto rgb = render::batchVertexColour(batches[0], first);
        const float x = cloud.positions[3 * first];
        const int i = int(std::lround(x / 0.5));
        QCOMPARE(int(rgb[0]), 255 - i * 6);
        QCOMPARE(int(rgb[1]), i * 6);
        QCOMPARE(int(rgb[2]), 0);
    }

    void objPolylinesAndPoints()
    {
        // A conveyor's centre line as one polyline of five vertices, and two marker points.
        const QByteArray obj = "o CONVEYOR_CL\nv 0 0 0\nv 4 0 0\nv 8 0 1\nv 12 0 3\nv 16 0 6\n"
                               "l 1 2 3 4 5\no MARKERS\nv 0 1 0\nv 16 1 6\np 6 7\n";
        const auto o = import(write("centre-line.obj", obj));
        QVERIFY2(o.ok, qPrintable(o.error));
        QCOMPARE(o.scene->lineCount(), std::size_t(4)); // five vertices: four segments
        QCOMPARE(o.scene->pointCount(), std::size_t(2));
        QCOMPARE(o.scene->triangleCount(), std::size_t(0));
        bool named = false;
        for (const auto& n : o.scene->nodes)
            named |= n.name == "CONVEYOR_CL";
        QVERIFY(named);
        const auto batches = render::buildBatches(*o.scene, nullptr);
        QCOMPARE(batches.size(), std::size_t(2)); // one for the lines, one for the points
    }

    void gltfPointAndLinePrimitives_data()
    {
        QTest::addColumn<int>("mode");
        QTest::addColumn<int>("indices");
        QTest::addColumn<int>("points");
        QTest::addColumn<int>("lines");
        QTest::newRow("POINTS") << 0 << 3 << 3 << 0;
        QTest::newRow("LINES") << 1 << 4 << 0 << 2;
        QTest::newRow("LINE_STRIP") << 3 << 3 << 0 << 2;
        QTest::newRow("LINE_LOOP") << 2 << 3 << 0 << 3;
    }
    void gltfPointAndLinePrimitives()
    {
        QFETCH(int, mode);
        QFETCH(int, indices);
        QFETCH(int, points);
        QFETCH(int, lines);
        const auto o =
            import(write(QStringLiteral("mode%1.glb").arg(mode), gltfWithMode(mode, indices)));
        QVERIFY2(o.ok, qPrintable(o.error));
        QCOMPARE(o.scene->pointCount(), std::size_t(points));
        QCOMPARE(o.scene->lineCount(), std::size_t(lines));
        QCOMPARE(o.scene->triangleCount(), std::size_t(0));
    }

    void sceneFormatKeepsPrimitivesAndColours()
    {
        // What crosses from the import helper: the primitive and the colours per vertex.
        render::FlatScene scene;
        scene.nodes.push_back({"root", -1});
        scene.materials.push_back({});
        render::FlatMesh line;
        line.primitive = render::Primitive::Lines;
        line.positions = {0, 0, 0, 1, 0, 0, 2, 0, 1};
        line.normals = std::vector<float>(9, 0.0f);
        line.colors = {1, 0, 0, 0, 1, 0, 0, 0, 1};
        line.indices = {0, 1, 1, 2};
        scene.meshes.push_back(line);
        std::stringstream bytes;
        render::writeFlatScene(bytes, scene);
        const std::string written = bytes.str();
        std::istringstream in(written);
        const render::FlatScene back = render::readFlatScene(in);
        QCOMPARE(back.meshes.size(), std::size_t(1));
        QCOMPARE(back.meshes[0].primitive, render::Primitive::Lines);
        QCOMPARE(back.meshes[0].colors, line.colors);
        QCOMPARE(back.lineCount(), std::size_t(2));
        // An unknown primitive, or an index count that does not fit the primitive, is refused.
        const std::size_t at =
            written.size() - sizeof(std::uint64_t) - 9 * sizeof(float) - sizeof(std::uint32_t);
        std::string bad = written;
        bad[at] = 7;
        std::istringstream badIn(bad);
        QVERIFY_THROWS_EXCEPTION(std::exception, render::readFlatScene(badIn));
        std::string odd = written;
        odd[at] = 3; // triangles from four indices
        std::istringstream oddIn(odd);
        QVERIFY_THROWS_EXCEPTION(std::exception, render::readFlatScene(oddIn));
    }

    void gltfMixingTrianglesAndPoints()
    {
        // One mesh with a triangle primitive and a point primitive over the same vertices.
        tests::GltfParts p = tests::triangleScene();
        QJsonArray meshes = p.json["meshes"].toArray();
        QJsonObject mesh = meshes[0].toObject();
        QJsonArray prims = mesh["primitives"].toArray();
        prims.append(QJsonObject{{"attributes", QJsonObject{{"POSITION", 0}}}, {"mode", 0}});
        mesh["primitives"] = prims;
        meshes[0] = mesh;
        p.json["meshes"] = meshes;
        const auto o = import(write("mixed.glb", tests::toGlb(p)));
        QVERIFY2(o.ok, qPrintable(o.error));
        QCOMPARE(o.scene->triangleCount(), std::size_t(1));
        QCOMPARE(o.scene->pointCount(), std::size_t(3));
        const auto batches = render::buildBatches(*o.scene, nullptr);
        QCOMPARE(batches.size(), std::size_t(2));
    }
};

QTEST_GUILESS_MAIN(TestPointsLines)
#include "test_points_lines.moc"
