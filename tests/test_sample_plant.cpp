// The committed sample plant (assets/sample/plant.json) has the shape DESIGN.md promises and the
// simulator relies on: takt 60 s, 1,280 configurations, 369 control points, 26 checkpoints and a
// single serial line.
#include "twin/manifest.h"

#include <QtTest>

#include <set>
#include <string>

using takt::twin::Plant;

class TestSamplePlant : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void taktAndConfigurations();
    void counts();
    void serialLine();
    void stationsBindToNodes();
    void controlPointLimits();
    void checkpointsAtGates();

private:
    Plant m_plant;
};

void TestSamplePlant::initTestCase()
{
    try {
        m_plant = takt::twin::loadPlantManifest(TAKT_SOURCE_DIR "/assets/sample/plant.json");
    } catch (const std::exception& e) {
        QFAIL(e.what());
    }
}

void TestSamplePlant::taktAndConfigurations()
{
    QCOMPARE(m_plant.taktS, 60.0);
    QCOMPARE(m_plant.configurationCount(), std::uint64_t(1280));
    QVERIFY(!m_plant.layoutPath.empty());
}

void TestSamplePlant::counts()
{
    QCOMPARE(m_plant.controlPoints.size(), std::size_t(369));
    QCOMPARE(m_plant.checkpoints.size(), std::size_t(26));
    QVERIFY2(m_plant.stations.size() >= 40 && m_plant.stations.size() <= 60,
             qPrintable(QString::number(m_plant.stations.size())));
}

void TestSamplePlant::serialLine()
{
    const int n = static_cast<int>(m_plant.stations.size());
    QCOMPARE(m_plant.flow.size(), std::size_t(n - 1));
    int first = -1;
    for (int i = 0; i < n; ++i) {
        const auto preds = m_plant.predecessors(i);
        const auto succs = m_plant.successors(i);
        QVERIFY2(preds.size() <= 1 && succs.size() <= 1, m_plant.stations[i].id.c_str());
        if (preds.empty()) {
            QVERIFY2(first < 0, "more than one station without a predecessor");
            first = i;
        }
    }
    QVERIFY(first >= 0);
    std::set<int> seen;
    for (int at = first;;) {
        QVERIFY2(seen.insert(at).second, "the flow graph has a cycle");
        const auto succs = m_plant.successors(at);
        if (succs.empty())
            break;
        at = succs.front();
    }
    QCOMPARE(static_cast<int>(seen.size()), n);
}

void TestSamplePlant::stationsBindToNodes()
{
    for (const auto& s : m_plant.stations) {
        QVERIFY2(!s.nodes.empty(), s.id.c_str());
        QVERIFY2(!s.nodes.front().empty(), s.id.c_str());
    }
}

void TestSamplePlant::controlPointLimits()
{
    for (const auto& c : m_plant.controlPoints) {
        QVERIFY2(c.lsl < c.target && c.target < c.usl, c.id.c_str());
        QVERIFY2(c.noiseSd > 0.0, c.id.c_str());
        QVERIFY2(m_plant.findStation(c.station) != nullptr, c.id.c_str());
    }
}

void TestSamplePlant::checkpointsAtGates()
{
    using takt::twin::StationKind;
    for (const auto& q : m_plant.checkpoints) {
        const auto* s = m_plant.findStation(q.station);
        QVERIFY2(s, q.id.c_str());
        QVERIFY2(s->kind == StationKind::QualityGate || s->kind == StationKind::Test, q.id.c_str());
        QVERIFY2(q.defectRate >= 0.001 && q.defectRate <= 0.02, q.id.c_str());
        QVERIFY2(!q.defectCodes.empty(), q.id.c_str());
    }
}

QTEST_APPLESS_MAIN(TestSamplePlant)
#include "test_sample_plant.moc"
