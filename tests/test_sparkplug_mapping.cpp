// The Sparkplug mapping of the plant manifest (issue 10, item 1): the `sparkplug` section is
// parsed with every problem named by file and JSON pointer, survives the session's stored
// manifest, and the host decodes an edge node that names things its own way (payloads built by
// hand here, not through Takt's edge node) onto the right stations.
#include "sparkplug_payloads.h"
#include "test_plants.h"

#include "twin/live/sparkplug.h"
#include "twin/manifest.h"

#include <nlohmann/json.hpp>

#include <QtTest>

#include <fstream>

using namespace takt::twin;
using namespace takt::twin::live;
using namespace takt::twin::testing;
using nlohmann::json;

namespace {

const std::filesystem::path kData = std::filesystem::path(TAKT_SOURCE_DIR) / "tests/data";
const TimeMs kNow = 1'767'592'800'000; // 2026-01-05T06:00:00Z

json smallPlantJson()
{
    std::ifstream in(kData / "small_plant.json");
    return json::parse(in);
}

/// ST10 reports as device "Weld-10", ST20 as device "ST10" (another station's id: only the
/// mapping can put it right), the group is "Line1", states come as "Status" (ST20: "Mode"),
/// ST20 counts in "Counter/Out", CP1 is "Weld/Current", Q1 is "Audit/Result".
json mappingSection()
{
    return json::parse(R"({
        "group_id": "Line1",
        "state_metric": "Status",
        "stations": {
            "ST10": {"device_id": "Weld-10"},
            "ST20": {"device_id": "ST10", "state_metric": "Mode",
                     "parts_out_metric": "Counter/Out"}
        },
        "checkpoints": {"Q1": "Audit/Result"},
        "control_points": {"CP1": "Weld/Current"}
    })");
}

Plant mappedPlant()
{
    json doc = smallPlantJson();
    doc["sparkplug"] = mappingSection();
    return parsePlantManifest(doc.dump(), "mapped.json", kData);
}

RawMessage msg(std::string topic, std::string payload)
{
    RawMessage m;
    m.receivedMs = kNow + 1000;
    m.topic = std::move(topic);
    m.qos = 1;
    m.payload = std::move(payload);
    return m;
}

} // namespace

class TestSparkplugMapping : public QObject {
    Q_OBJECT
private slots:
    void defaultWhenAbsent()
    {
        const Plant plant = parsePlantManifest(smallPlantJson().dump(), "small.json", kData);
        QVERIFY(plant.sparkplug.isDefault());
        const auto r = resolveSparkplugMapping(plant);
        QCOMPARE(r.groupId, std::string("small"));
        QCOMPARE(r.deviceIds, (std::vector<std::string>{"ST10", "BUF1", "ST20", "QG30"}));
        QCOMPARE(r.stateMetrics.at(0), std::string("State"));
        QCOMPARE(r.partsOutMetrics.at(0), std::string("PartsOut"));
        QCOMPARE(r.checkMetrics, std::vector<std::string>{"Check/Q1"});
        QCOMPARE(r.controlPointMetrics, std::vector<std::string>{"CP1"});
        // The default plant writes no section.
        QVERIFY(!json::parse(writePlantManifest(plant, "")).contains("sparkplug"));
    }

    void overridesResolveAndRoundTrip()
    {
        const Plant plant = mappedPlant();
        const auto r = resolveSparkplugMapping(plant);
        QCOMPARE(r.groupId, std::string("Line1"));
        QCOMPARE(r.deviceIds, (std::vector<std::string>{"Weld-10", "BUF1", "ST10", "QG30"}));
        QCOMPARE(r.stateMetrics, (std::vector<std::string>{"Status", "Status", "Mode", "Status"}));
        QCOMPARE(r.partsOutMetrics,
                 (std::vector<std::string>{"PartsOut", "PartsOut", "Counter/Out", "PartsOut"}));
        QCOMPARE(r.checkMetrics, std::vector<std::string>{"Audit/Result"});
        QCOMPARE(r.controlPointMetrics, std::vector<std::string>{"Weld/Current"});
        // Written (as in a session's stored manifest) and read back: the same mapping.
        const std::string text = writePlantManifest(plant, "");
        QCOMPARE(json::parse(text).at("sparkplug"), mappingSection());
        const Plant again = parsePlantManifest(text, "again.json", {}, LayoutPolicy::Ignore);
        QVERIFY(again.sparkplug == plant.sparkplug);
        // Prefixes: every checkpoint and control point without its own name.
        json doc = smallPlantJson();
        doc["sparkplug"] = {{"check_prefix", "Quality/"}, {"control_point_prefix", "Process/"}};
        const auto p = resolveSparkplugMapping(parsePlantManifest(doc.dump(), "p.json", kData));
        QCOMPARE(p.checkMetrics, std::vector<std::string>{"Quality/Q1"});
        QCOMPARE(p.controlPointMetrics, std::vector<std::string>{"Process/CP1"});
    }

    void badSectionsAreNamed_data()
    {
        QTest::addColumn<QString>("section");
        QTest::addColumn<QString>("pointer");
        QTest::addColumn<QString>("message");
        QTest::newRow("not an object") << R"([1])"
                                       << "/sparkplug"
                                       << "expected an object";
        QTest::newRow("unknown field") << R"({"group": "x"})"
                                       << "/sparkplug/group"
                                       << R"(unknown field "group" (expected group_id)";
        QTest::newRow("wrong type") << R"({"group_id": 7})"
                                    << "/sparkplug/group_id"
                                    << "expected a string, found number";
        QTest::newRow("empty") << R"({"state_metric": ""})"
                               << "/sparkplug/state_metric"
                               << "must not be empty";
        QTest::newRow("topic level") << R"({"group_id": "a/b"})"
                                     << "/sparkplug/group_id"
                                     << "must not contain '/', '+' or '#'";
        QTest::newRow("wildcard device") << R"({"stations": {"ST10": {"device_id": "W+"}}})"
                                         << "/sparkplug/stations/ST10/device_id"
                                         << "must not contain '/', '+' or '#'";
        QTest::newRow("too long")
            << QString(R"({"control_points": {"CP1": "%1"}})").arg(QString(300, QChar('m')))
            << "/sparkplug/control_points/CP1"
            << "must be at most 256 bytes, found 300";
        QTest::newRow("control character") << R"({"state_metric": "St\tate"})"
                                           << "/sparkplug/state_metric"
                                           << "must not contain control characters";
        QTest::newRow("unknown station") << R"({"stations": {"ST99": {"device_id": "x"}}})"
                                         << "/sparkplug/stations/ST99"
                                         << R"(unknown station "ST99")";
        QTest::newRow("unknown station field") << R"({"stations": {"ST10": {"device": "x"}}})"
                                               << "/sparkplug/stations/ST10/device"
                                               << R"(unknown field "device")";
        QTest::newRow("unknown checkpoint") << R"({"checkpoints": {"Q9": "x"}})"
                                            << "/sparkplug/checkpoints/Q9"
                                            << R"(unknown quality checkpoint "Q9")";
        QTest::newRow("unknown control point") << R"({"control_points": {"CP9": "x"}})"
                                               << "/sparkplug/control_points/CP9"
                                               << R"(unknown control point "CP9")";
        QTest::newRow("two stations on one device")
            << R"({"stations": {"ST20": {"device_id": "ST10"}}})"
            << "/sparkplug/stations/ST20/device_id"
            << R"(device_id "ST10" of station "ST20" is already station "ST10"'s device)";
        QTest::newRow("one name, two meanings")
            << R"({"control_points": {"CP1": "State"}})"
            << "/sparkplug/control_points/CP1"
            << R"(metric "State" on device "ST10" would be both the state of station "ST10" and )"
               R"(control point "CP1")";
    }

    void badSectionsAreNamed()
    {
        QFETCH(QString, section);
        QFETCH(QString, pointer);
        QFETCH(QString, message);
        json doc = smallPlantJson();
        doc["sparkplug"] = json::parse(section.toStdString());
        try {
            parsePlantManifest(doc.dump(), "plant.json", kData);
            QFAIL("accepted");
        } catch (const ManifestError& e) {
            QCOMPARE(e.problems().size(), std::size_t(1));
            QCOMPARE(QString::fromStdString(e.problems()[0].path), pointer);
            const QString what = QString::fromStdString(e.what());
            QVERIFY2(what.startsWith("plant.json: " + pointer + ": "), qPrintable(what));
            QVERIFY2(what.contains(message), qPrintable(what));
        }
    }

    // The host, fed by an edge node that names its devices and metrics its own way.
    void decoderFollowsMapping()
    {
        namespace spb = takt::twin::testing::spb;
        const Plant plant = mappedPlant();
        const int st10 = plant.stationIndex("ST10"), st20 = plant.stationIndex("ST20");
        SparkplugDecoder d(plant);
        QCOMPARE(d.subscriptions(), std::vector<std::string>{"spBv1.0/Line1/#"});
        const std::string g = "spBv1.0/Line1/";
        auto r = d.decode(msg(g + "NBIRTH/gw", spb::nbirth(kNow, 4)));
        QVERIFY(!r.error);
        // Device "ST10" is station ST20: its state metric is "Mode", its counter "Counter/Out".
        r = d.decode(msg(g + "DBIRTH/gw/ST10", spb::payload(kNow, 1,
                                                            {{"Mode", 1, std::string("working")},
                                                             {"Counter/Out", 2, std::uint64_t(40)},
                                                             {"Status", 3, std::string("down")}})));
        QVERIFY2(!r.error, r.detail.c_str());
        // "Status" is not ST20's state metric: only Mode counts.
        QCOMPARE(r.events,
                 std::vector<Event>{Event::stateChange(kNow, st20, StationState::Working)});
        r = d.decode(msg(g + "DDATA/gw/ST10", spb::payload(kNow + 1, 2,
                                                           {{"", 1, std::string("blocked")},
                                                            {"", 2, std::uint64_t(42)}})));
        QVERIFY2(!r.error, r.detail.c_str());
        QCOMPARE(r.events, (std::vector<Event>{
                               Event::stateChange(kNow + 1, st20, StationState::Blocked),
                               Event::partLeave(kNow + 1, st20, 41, 0),
                               Event::partLeave(kNow + 1, st20, 42, 0),
                           }));
        // Device "Weld-10" is station ST10: "Status" is its state, "Weld/Current" is CP1.
        r = d.decode(
            msg(g + "DBIRTH/gw/Weld-10", spb::payload(kNow + 2, 3,
                                                      {{"Status", 10, std::string("setup")},
                                                       {"Weld/Current", 11, 10.25},
                                                       {"State", 12, std::string("down")},
                                                       {"CP1", 13, 99.0}})));
        QVERIFY2(!r.error, r.detail.c_str());
        // The default names (State, CP1) mean nothing here any more.
        QCOMPARE(r.events,
                 (std::vector<Event>{Event::stateChange(kNow + 2, st10, StationState::Setup),
                                     Event::measurement(kNow + 2, 0, 10.25)}));
        // Q1 (at QG30, device QG30): "Audit/Result"; "Check/Q1" is no longer its name.
        r = d.decode(msg(g + "DBIRTH/gw/QG30",
                         spb::payload(kNow + 3, 4, {{"Audit/Result", 20, std::string("fail")}})));
        QVERIFY2(!r.error, r.detail.c_str());
        QCOMPARE(r.events,
                 std::vector<Event>{Event::quality(kNow + 3, 0, 0, 0, QualityResult::Fail)});
        r = d.decode(msg(g + "DDATA/gw/QG30",
                         spb::payload(kNow + 4, 5, {{"Check/Q1", {}, std::string("pass")}})));
        QVERIFY(r.error);
        TAKT_COMPARE_ENUM(*r.error, DecodeError::UnknownStation);
        // A device named after a station the mapping moved away is no station; the plant id is
        // no longer the group.
        r = d.decode(msg(g + "DBIRTH/gw/ST20", spb::payload(kNow + 5, 6, {})));
        QVERIFY(r.error);
        TAKT_COMPARE_ENUM(*r.error, DecodeError::UnknownStation);
        r = d.decode(msg("spBv1.0/small/NBIRTH/gw", spb::nbirth(kNow, 5)));
        QVERIFY(r.error);
        TAKT_COMPARE_ENUM(*r.error, DecodeError::UnknownTopic);
        QCOMPARE(d.counters().gaps, std::uint64_t(0));
    }

    // Takt's own edge node speaks the plant's mapping, and the host reads it back.
    void edgeNodeSpeaksTheMapping()
    {
        const Plant plant = mappedPlant();
        const int st10 = plant.stationIndex("ST10"), st20 = plant.stationIndex("ST20");
        SparkplugEdge edge(plant, "gw", 1);
        SparkplugDecoder d(plant);
        const auto nb = edge.nbirth(kNow);
        QCOMPARE(nb.topic, std::string("spBv1.0/Line1/NBIRTH/gw"));
        QVERIFY(!d.decode(msg(nb.topic, nb.payload)).error);
        for (const int s : {st10, st20}) {
            const auto b = edge.dbirth(s, kNow);
            QVERIFY(!d.decode(msg(b.topic, b.payload)).error);
        }
        QCOMPARE(edge.dbirth(st20, kNow).topic, std::string("spBv1.0/Line1/DBIRTH/gw/ST10"));
        const std::vector<Event> events{
            Event::stateChange(kNow + 1, st20, StationState::Down),
            Event::stateChange(kNow + 2, st10, StationState::Idle),
            Event::measurement(kNow + 3, 0, 9.5),
            Event::partLeave(kNow + 4, st20, 7, 1),
        };
        std::vector<Event> decoded;
        for (const auto& e : events) {
            const auto m = edge.ddata(e);
            QVERIFY(m);
            const auto r = d.decode(msg(m->topic, m->payload));
            QVERIFY2(!r.error, r.detail.c_str());
            decoded.insert(decoded.end(), r.events.begin(), r.events.end());
        }
        QCOMPARE(decoded, sparkplugProjection(plant, events));
    }
};

QTEST_GUILESS_MAIN(TestSparkplugMapping)
#include "test_sparkplug_mapping.moc"
