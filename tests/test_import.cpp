// The isolated importer: real layouts come back as flat scenes bound to stations, and malformed
// files give a clear reason while the calling process carries on.
#include "glb_builder.h"
#include "render/isolated_importer.h"
#include "render/scene_batches.h"
#include "render/station_binding.h"
#include "twin/manifest.h"

#include <QtTest>

#include <random>

using namespace takt;
using tests::GltfParts;

namespace {
const QString kData = QStringLiteral(TAKT_SOURCE_DIR "/tests/data");

using tests::edited;
} // namespace

class TestImport : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;

    QString write(const QString& name, const QByteArray& bytes)
    {
        return tests::writeFile(m_tmp, name, bytes);
    }

private slots:
    void initTestCase()
    {
        render::IsolatedImporter::setHelperCommand(QStringLiteral(TAKT_EXECUTABLE),
                                                   {QStringLiteral("__import-helper")});
        QVERIFY(m_tmp.isValid());
    }

    void importsAndBindsLayout()
    {
        const auto plant = twin::loadPlantManifest((kData + "/small_plant.json").toStdString());
        const auto o =
            render::IsolatedImporter::importBlocking(QString::fromStdString(plant.layoutPath));
        QVERIFY2(o.ok, qPrintable(o.error));
        QCOMPARE(o.scene->meshes.size(), std::size_t(5));
        QCOMPARE(o.scene->triangleCount(), std::size_t(2 + 12 + 2 + 2 + 2));
        const auto binding = render::bindStations(plant, *o.scene);
        QVERIFY(binding.unboundStations.empty());
        // ST20 binds by the pattern "ST2*" to the node "ST20_body".
        QCOMPARE(binding.nodesOfStation[2].size(), std::size_t(1));
        QCOMPARE(o.scene->nodes[std::size_t(binding.nodesOfStation[2][0])].name,
                 std::string("ST20_body"));
        QCOMPARE(binding.unboundNodes, std::vector<std::string>{"Floor"});
        // One batch for the floor, one per station: draw calls follow stations, not meshes.
        QCOMPARE(render::buildBatches(*o.scene, &binding).size(), std::size_t(5));
    }

    void bindsEveryStationOfTheSample()
    {
        const auto plant = twin::loadPlantManifest(TAKT_SOURCE_DIR "/assets/sample/plant.json");
        const auto o =
            render::IsolatedImporter::importBlocking(QString::fromStdString(plant.layoutPath));
        QVERIFY2(o.ok, qPrintable(o.error));
        const auto binding = render::bindStations(plant, *o.scene);
        QVERIFY2(binding.unboundStations.empty(),
                 binding.unboundStations.empty() ? "" : binding.unboundStations.front().c_str());
        for (std::size_t s = 0; s < plant.stations.size(); ++s) {
            QVERIFY(!binding.nodesOfStation[s].empty());
            // Every station owns drawable geometry, not only an empty node.
            bool hasMesh = false;
            for (std::size_t m = 0; m < o.scene->meshes.size() && !hasMesh; ++m)
                hasMesh = binding.stationOfMesh(*o.scene, m) == int(s);
            QVERIFY2(hasMesh, plant.stations[s].id.c_str());
        }
        // Scenery is listed, and nothing that looks like a station is left unclaimed.
        for (const auto& name : binding.unboundNodes)
            QVERIFY2(plant.findStation(name) == nullptr, name.c_str());
        // One draw call per station and one for the scenery, whatever the materials.
        QCOMPARE(render::buildBatches(*o.scene, &binding).size(), plant.stations.size() + 1);
    }

    void reportsUnboundStations()
    {
        auto plant = twin::loadPlantManifest((kData + "/small_plant.json").toStdString());
        plant.stations[3].nodes = {"QG_TYPO"};
        const auto o =
            render::IsolatedImporter::importBlocking(QString::fromStdString(plant.layoutPath));
        QVERIFY(o.ok);
        const auto binding = render::bindStations(plant, *o.scene);
        QCOMPARE(binding.unboundStations, std::vector<std::string>{"QG30"});
        QVERIFY(std::find(binding.unboundNodes.begin(), binding.unboundNodes.end(), "QG30") !=
                binding.unboundNodes.end());
    }

    void importsHandMadeGlb()
    {
        const auto o = render::IsolatedImporter::importBlocking(
            write("good.glb", tests::toGlb(tests::triangleScene())));
        QVERIFY2(o.ok, qPrintable(o.error));
        QCOMPARE(o.scene->triangleCount(), std::size_t(1));
        bool named = false;
        for (const auto& n : o.scene->nodes)
            named |= n.name == "ST10";
        QVERIFY(named);
    }

    void rejectsMalformed_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("suffix");
        const GltfParts good = tests::triangleScene();
        const QByteArray glb = tests::toGlb(good);

        QTest::newRow("zero bytes") << QByteArray() << ".glb";
        std::mt19937 rng(42);
        QByteArray noise(4096, '\0');
        for (auto& c : noise)
            c = static_cast<char>(rng());
        QTest::newRow("random bytes") << noise << ".glb";
        QTest::newRow("random bytes with GLB magic") << QByteArray("glTF") + noise << ".glb";
        QTest::newRow("truncated GLB") << glb.left(glb.size() / 2) << ".glb";
        QTest::newRow("header only") << glb.left(12) << ".glb";
        QTest::newRow("BIN chunk longer than file") << tests::toGlb(good, 1 << 20) << ".glb";
        GltfParts p = good;
        p.json = edited(p.json, "bufferViews", 0, "byteLength", 4000);
        QTest::newRow("buffer view past buffer") << tests::toGlb(p) << ".glb";
        p = good;
        p.json = edited(p.json, "accessors", 0, "count", 2000000000);
        QTest::newRow("absurd accessor count") << tests::toGlb(p) << ".glb";
        p = good;
        p.json = edited(p.json, "nodes", 0, "children", QJsonArray{0});
        QTest::newRow("node is its own child") << tests::toGlb(p) << ".glb";
        p = good;
        p.json = edited(p.json, "nodes", 0, "mesh", 7);
        QTest::newRow("node refers to missing mesh") << tests::toGlb(p) << ".glb";
        QTest::newRow("unsupported extension") << QByteArray("hello") << ".xyz";
        QTest::newRow("OBJ with faces out of range")
            << QByteArray("v 0 0 0\nv 1 0 0\nf 1 2 9\n") << ".obj";
    }

    void rejectsMalformed()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, suffix);
        const QString path =
            write(QStringLiteral("bad") + QString::number(qHash(bytes)) + suffix, bytes);
        render::ImportOptions options;
        options.timeoutMs = 20'000;
        options.memoryLimitMb = 2'048;
        const auto o = render::IsolatedImporter::importBlocking(path, options);
        // Some broken files still contain a usable triangle (Assimp repairs them); what must never
        // happen is a hang or crash of this process, or a success with nothing in it.
        if (o.ok) {
            QVERIFY2(o.scene->triangleCount() + o.scene->lineCount() + o.scene->pointCount() > 0,
                     "import succeeded with an empty scene");
        } else {
            QVERIFY(!o.error.isEmpty());
            QVERIFY2(!o.error.contains('\n'), qPrintable(o.error));
        }
        qInfo("%s -> %s", QTest::currentDataTag(), o.ok ? "imported" : qPrintable(o.error));
    }

    void reportsTimeout()
    {
        // A helper that never answers stands in for Assimp hanging on a file.
        const QString hang = write("hang.sh", "#!/bin/sh\nexec sleep 30\n");
        QFile::setPermissions(hang, QFile::ReadOwner | QFile::ExeOwner);
        render::IsolatedImporter::setHelperCommand(hang, {QStringLiteral("__import-helper")});
        render::ImportOptions options;
        options.timeoutMs = 300;
        const auto o =
            render::IsolatedImporter::importBlocking(kData + "/small_layout.obj", options);
        render::IsolatedImporter::setHelperCommand(QStringLiteral(TAKT_EXECUTABLE),
                                                   {QStringLiteral("__import-helper")});
        QVERIFY(!o.ok);
        QVERIFY2(o.error.startsWith("timed out"), qPrintable(o.error));
    }

    void asyncImportSignalsOnce()
    {
        render::IsolatedImporter importer;
        QSignalSpy spy(&importer, &render::IsolatedImporter::finished);
        importer.start(kData + "/small_layout.obj");
        QVERIFY(spy.wait(20'000));
        QCOMPARE(spy.count(), 1);
        const auto o = spy.at(0).at(0).value<render::ImportOutcome>();
        QVERIFY(o.ok);
        QVERIFY(!importer.isRunning());
    }
};

QTEST_GUILESS_MAIN(TestImport)
#include "test_import.moc"
