// Takt's reader for plain glTF binary (render/import/glb_reader.h) against Assimp's glTF2
// importer on the same files: the same scene to the last float, or a fall-back to Assimp.
#include "glb_builder.h"
#include "render/assimp_loader.h"
#include "render/glb_reader.h"
#include "twin/error.h"

#include <QtTest>

#include <cstring>
#include <random>

using namespace takt;

namespace {

void appendBytes(QByteArray& bin, const void* data, std::size_t n)
{
    bin.append(static_cast<const char*>(data), qsizetype(n));
    while (bin.size() % 4)
        bin.append('\0');
}

/// A small layout in the form CAD exporters write, using every part of the plain form: two
/// roots (Assimp names a root above them), nested nodes with a matrix, translation, rotation
/// and scale, an unnamed node, a mesh of two primitives, a primitive with no material, 8-, 16-
/// and 32-bit indices, interleaved positions and normals (byteStride) and separate ones, points
/// and lines with colours per vertex.
tests::GltfParts plainLayout()
{
    tests::GltfParts p;
    QJsonArray views, accessors;
    const auto view = [&](const QByteArray& data, int stride = 0) {
        QJsonObject v{{"buffer", 0}, {"byteOffset", p.bin.size()}, {"byteLength", data.size()}};
        if (stride)
            v["byteStride"] = stride;
        views.append(v);
        appendBytes(p.bin, data.constData(), std::size_t(data.size()));
        return views.size() - 1;
    };
    const auto accessor = [&](int bufferView, int componentType, int count, const char* type,
                              int byteOffset = 0) {
        QJsonObject a{{"bufferView", bufferView},
                      {"componentType", componentType},
                      {"count", count},
                      {"type", type}};
        if (byteOffset)
            a["byteOffset"] = byteOffset;
        accessors.append(a);
        return accessors.size() - 1;
    };
    const auto bytes = [](const auto& values) {
        return QByteArray(reinterpret_cast<const char*>(values.data()),
                          qsizetype(values.size() * sizeof(values[0])));
    };
    // A box's corners (8 vertices, 12 triangles), normals pointing outwards and not unit.
    std::vector<float> corners, normals;
    for (int i = 0; i < 8; ++i) {
        const float x = i & 1 ? 1.0f : -1.0f, y = i & 2 ? 0.5f : -0.5f, z = i & 4 ? 2.0f : -2.0f;
        corners.insert(corners.end(), {x, y, z});
        normals.insert(normals.end(), {2 * x, 3 * y, z});
    }
    const std::vector<int> box{0, 2, 1, 1, 2, 3, 4, 5, 6, 5, 7, 6, 0, 1, 4, 1, 5, 4,
                               2, 6, 3, 3, 6, 7, 0, 4, 2, 2, 4, 6, 1, 3, 5, 3, 7, 5};
    std::vector<std::uint8_t> i8(box.begin(), box.end());
    std::vector<std::uint16_t> i16(box.begin(), box.end());
    std::vector<std::uint32_t> i32(box.begin(), box.end());
    // Interleaved position and normal, 24 bytes a vertex.
    std::vector<float> interleaved;
    for (int v = 0; v < 8; ++v) {
        interleaved.insert(interleaved.end(), corners.begin() + 3 * v, corners.begin() + 3 * v + 3);
        interleaved.insert(interleaved.end(), normals.begin() + 3 * v, normals.begin() + 3 * v + 3);
    }
    const int pos = accessor(view(bytes(corners)), 5126, 8, "VEC3");
    const int nrm = accessor(view(bytes(normals)), 5126, 8, "VEC3");
    const int mixed = view(bytes(interleaved), 24);
    const int ipos = accessor(mixed, 5126, 8, "VEC3");
    const int inrm = accessor(mixed, 5126, 8, "VEC3", 12);
    const int idx8 = accessor(view(bytes(i8)), 5121, 36, "SCALAR");
    const int idx16 = accessor(view(bytes(i16)), 5123, 36, "SCALAR");
    const int idx32 = accessor(view(bytes(i32)), 5125, 36, "SCALAR");
    const auto primitive = [](int position, int normal, int indices, int material) {
        QJsonObject prim{{"attributes", QJsonObject{{"POSITION", position}, {"NORMAL", normal}}},
                         {"indices", indices}};
        if (material >= 0)
            prim["material"] = material;
        return prim;
    };
    // A scanned patch and a conveyor's centre line: points without indices coloured by
    // normalised bytes (4 bytes a colour), lines with 16-bit indices and float RGBA colours.
    std::vector<std::uint8_t> byteColours;
    std::vector<float> floatColours;
    for (int v = 0; v < 8; ++v) {
        byteColours.insert(byteColours.end(), {std::uint8_t(30 * v), std::uint8_t(255 - 20 * v),
                                               std::uint8_t(7 * v * v), 0});
        floatColours.insert(floatColours.end(), {0.1f * float(v), 0.5f, 1.0f - 0.1f * float(v), 1});
    }
    const int byteRgb = accessor(view(bytes(byteColours), 4), 5121, 8, "VEC3");
    const int floatRgba = accessor(view(bytes(floatColours)), 5126, 8, "VEC4");
    const std::vector<std::uint16_t> path{0, 1, 1, 3, 3, 2, 2, 6};
    const int pathIdx = accessor(view(bytes(path)), 5123, 8, "SCALAR");
    const QJsonObject points{{"attributes", QJsonObject{{"POSITION", pos}, {"COLOR_0", byteRgb}}},
                             {"mode", 0}};
    const QJsonObject lines{{"attributes", QJsonObject{{"POSITION", ipos}, {"COLOR_0", floatRgba}}},
                            {"indices", pathIdx},
                            {"mode", 1},
                            {"material", 0}};
    const QJsonArray meshes{
        QJsonObject{{"primitives", QJsonArray{primitive(pos, nrm, idx16, 0)}}},
        QJsonObject{{"primitives",
                     QJsonArray{primitive(ipos, inrm, idx8, 1), primitive(pos, nrm, idx32, -1)}}},
        QJsonObject{{"primitives", QJsonArray{primitive(ipos, inrm, idx32, 2)}}},
        QJsonObject{{"primitives", QJsonArray{points, lines}}},
    };
    const QJsonArray materials{
        QJsonObject{{"name", "orange"},
                    {"pbrMetallicRoughness",
                     QJsonObject{{"baseColorFactor", QJsonArray{0.95, 0.55, 0.1, 1.0}}}}},
        QJsonObject{{"pbrMetallicRoughness", QJsonObject{{"metallicFactor", 0.2}}}},
        QJsonObject{{"name", "glass"},
                    {"pbrMetallicRoughness",
                     QJsonObject{{"baseColorFactor", QJsonArray{0.3, 0.45, 0.6, 0.4}}}}},
    };
    const QJsonArray nodes{
        QJsonObject{{"name", "ST10"},
                    {"children", QJsonArray{1, 2}},
                    {"translation", QJsonArray{12.5, 0, -3}}},
        QJsonObject{{"name", "ST10_robot"},
                    {"mesh", 1},
                    {"rotation", QJsonArray{0, 0.3826834, 0, 0.9238795}},
                    {"scale", QJsonArray{1, 2, 0.5}}},
        QJsonObject{{"mesh", 0}, {"children", QJsonArray{3}}}, // unnamed
        QJsonObject{{"name", "ST10_fixture"},
                    {"mesh", 2},
                    {"matrix", QJsonArray{0, 0, -1, 0, 0, 1, 0, 0, 1, 0, 0, 0, 4, 5, 6, 1}}},
        QJsonObject{{"name", "ST20"},
                    {"mesh", 0},
                    {"translation", QJsonArray{30, 0, 0}},
                    {"children", QJsonArray{5}}},
        QJsonObject{{"name", "ST20_scan"}, {"mesh", 3}, {"scale", QJsonArray{2, 2, 2}}},
    };
    p.json = QJsonObject{
        {"asset", QJsonObject{{"version", "2.0"}}},
        {"scene", 0},
        {"scenes", QJsonArray{QJsonObject{{"nodes", QJsonArray{0, 4}}}}},
        {"nodes", nodes},
        {"meshes", meshes},
        {"materials", materials},
        {"accessors", accessors},
        {"bufferViews", views},
        {"buffers", QJsonArray{QJsonObject{{"byteLength", p.bin.size()}}}},
    };
    return p;
}

using tests::edited;

std::optional<render::FlatScene> readBytes(const QByteArray& bytes)
{
    return render::readPlainGlb(reinterpret_cast<const std::uint8_t*>(bytes.constData()),
                                std::size_t(bytes.size()));
}

} // namespace

class TestGlbReader : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;

    QString write(const QString& name, const QByteArray& bytes)
    {
        return tests::writeFile(m_tmp, name, bytes);
    }

private slots:
    void sameSceneAsAssimp()
    {
        const QByteArray glb = tests::toGlb(plainLayout());
        const QString path = write("plain.glb", glb);
        const auto mine = render::readPlainGlbFile(path.toStdString());
        QVERIFY2(mine, "the plain layout is read without Assimp");
        const render::FlatScene assimp = render::loadWithAssimp(path.toStdString());

        QCOMPARE(mine->nodes.size(), assimp.nodes.size());
        for (std::size_t i = 0; i < assimp.nodes.size(); ++i) {
            QCOMPARE(mine->nodes[i].name, assimp.nodes[i].name);
            QCOMPARE(mine->nodes[i].parent, assimp.nodes[i].parent);
        }
        QCOMPARE(mine->materials.size(), assimp.materials.size());
        for (std::size_t i = 0; i < assimp.materials.size(); ++i) {
            QCOMPARE(mine->materials[i].name, assimp.materials[i].name);
            QVERIFY(mine->materials[i].color == assimp.materials[i].color);
        }
        QCOMPARE(mine->meshes.size(), assimp.meshes.size());
        QCOMPARE(mine->meshes.size(), std::size_t(7));
        QCOMPARE(mine->pointCount(), std::size_t(8));
        QCOMPARE(mine->lineCount(), std::size_t(4));
        for (std::size_t i = 0; i < assimp.meshes.size(); ++i) {
            const render::FlatMesh &a = mine->meshes[i], &b = assimp.meshes[i];
            QCOMPARE(a.node, b.node);
            QCOMPARE(a.material, b.material);
            QCOMPARE(a.primitive, b.primitive);
            QVERIFY(a.indices == b.indices);
            // The same arithmetic on the same floats: equal bit for bit.
            QVERIFY(a.positions == b.positions);
            QVERIFY(a.normals == b.normals);
            QVERIFY(a.colors == b.colors);
        }
        // Station names bind as with Assimp: the named nodes are there, the unnamed one has
        // the name Assimp gives it.
        QCOMPARE(mine->nodes[0].name, std::string("ROOT"));
        QCOMPARE(mine->nodes[1].name, std::string("ST10"));
    }

    void leavesOtherFormsToAssimp_data()
    {
        QTest::addColumn<QByteArray>("glb");
        const tests::GltfParts good = plainLayout();
        tests::GltfParts p = good;
        QTest::newRow("no normals (Assimp makes them)") << tests::toGlb(tests::triangleScene());
        QJsonObject json = good.json;
        json["extensionsRequired"] = QJsonArray{"KHR_draco_mesh_compression"};
        p.json = json;
        QTest::newRow("an extension required") << tests::toGlb(p);
        p.json = edited(good.json, "accessors", 0, "sparse", QJsonObject{{"count", 1}});
        QTest::newRow("sparse accessor") << tests::toGlb(p);
        p.json = edited(good.json, "nodes", 4, "skin", 0);
        QTest::newRow("skinned node") << tests::toGlb(p);
        QJsonArray meshes = good.json["meshes"].toArray();
        QJsonObject mesh = meshes[0].toObject();
        QJsonArray prims = mesh["primitives"].toArray();
        QJsonObject prim = prims[0].toObject();
        prim["mode"] = 2; // LINE_LOOP
        prims[0] = prim;
        mesh["primitives"] = prims;
        meshes[0] = mesh;
        json = good.json;
        json["meshes"] = meshes;
        p.json = json;
        QTest::newRow("line loop") << tests::toGlb(p);
        json = good.json;
        json["buffers"] = QJsonArray{QJsonObject{{"byteLength", 16}, {"uri", "outside.bin"}}};
        p.json = json;
        QTest::newRow("buffer in another file") << tests::toGlb(p);
        // An index past the vertices: Assimp drops the face, and says so.
        tests::GltfParts bad = good;
        const int offset = good.json["bufferViews"].toArray()[3].toObject()["byteOffset"].toInt();
        bad.bin[offset] = char(200);
        QTest::newRow("index out of range") << tests::toGlb(bad);
    }
    void leavesOtherFormsToAssimp()
    {
        QFETCH(QByteArray, glb);
        QVERIFY(!readBytes(glb));
    }

    void hostileBytesNeverReadOutside()
    {
        // Cut and flipped bytes of a good file: an answer or nullopt, never a read outside the
        // bytes given (the asan preset runs this suite) or an exception other than Error.
        const QByteArray glb = tests::toGlb(plainLayout());
        std::mt19937 rng(16);
        int read = 0, refused = 0;
        const auto attempt = [&](const QByteArray& bytes) {
            // A copy of exactly the bytes: no slack past the end for a read to land in.
            std::vector<std::uint8_t> exact(bytes.begin(), bytes.end());
            try {
                const auto s = render::readPlainGlb(exact.data(), exact.size());
                (s ? read : refused)++;
                if (s)
                    for (const auto& m : s->meshes)
                        for (const auto i : m.indices)
                            QVERIFY(i < m.vertexCount());
            } catch (const twin::Error&) {
                ++refused;
            }
        };
        for (int cut = 0; cut < glb.size(); cut += 7)
            attempt(glb.left(cut));
        for (int i = 0; i < 3000; ++i) {
            QByteArray bytes = glb;
            for (int k = 0; k < 4; ++k)
                bytes[int(rng() % std::uint32_t(bytes.size()))] = char(rng());
            attempt(bytes);
        }
        QVERIFY(read > 0 && refused > 0);
        qInfo("%d read, %d refused", read, refused);
    }

    void nodeUnderTwoParentsGoesToAssimp()
    {
        // Against glTF's rule that nodes form trees; Assimp copies such a node per parent, and
        // a few levels of it multiply: not the plain form.
        tests::GltfParts p = plainLayout();
        p.json = edited(p.json, "nodes", 4, "children", QJsonArray{5, 3});
        QVERIFY(!readBytes(tests::toGlb(p)));
    }

    void deepHierarchyIsAnError()
    {
        tests::GltfParts p = plainLayout();
        p.json = edited(p.json, "nodes", 3, "children", QJsonArray{0}); // 0 → 2 → 3 → 0 ...
        try {
            readBytes(tests::toGlb(p));
            QFAIL("a node its own descendant must be an error");
        } catch (const twin::Error& e) {
            QVERIFY2(QString(e.what()).contains("deeper than 256"), e.what());
        }
    }
};

QTEST_GUILESS_MAIN(TestGlbReader)
#include "test_glb_reader.moc"
