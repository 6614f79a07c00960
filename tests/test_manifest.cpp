// Plant manifest parsing and validation: a good manifest loads into the plant model, and every
// kind of mistake is reported with the file, the JSON path and the problem, never a crash.
#include "twin/manifest.h"

#include <nlohmann/json.hpp>

#include <QtTest>

#include <fstream>
#include <sstream>

using namespace takt::twin;
using nlohmann::json;

namespace {
const std::filesystem::path kData = std::filesystem::path(TAKT_SOURCE_DIR) / "tests/data";

json smallPlant()
{
    std::ifstream in(kData / "small_plant.json");
    return json::parse(in);
}

/// Parses `doc` as if it were the file tests/data/edited.json and returns the error.
std::optional<ManifestError> parseError(const json& doc)
{
    try {
        parsePlantManifest(doc.dump(), "edited.json", kData);
    } catch (const ManifestError& e) {
        return e;
    }
    return std::nullopt;
}
} // namespace

class TestManifest : public QObject {
    Q_OBJECT
private slots:
    void loadsGoodManifest()
    {
        const Plant p = loadPlantManifest(kData / "small_plant.json");
        QCOMPARE(p.id, std::string("small"));
        QCOMPARE(p.taktS, 60.0);
        QCOMPARE(p.stations.size(), std::size_t(4));
        QVERIFY(p.stations[0].kind == StationKind::RobotCell);
        QVERIFY(p.stations[0].cycleTime.kind == Distribution::Kind::Normal);
        QCOMPARE(p.stations[0].cycleTime.sdS, 2.0);
        QCOMPARE(p.stations[0].mtbfS.value(), 7200.0);
        QCOMPARE(p.stations[1].capacity, 4);
        QCOMPARE(p.stations[1].cycleTime.meanS, 5.0); // shorthand number form
        QVERIFY(p.stations[2].cycleTime.kind == Distribution::Kind::Exponential);
        QCOMPARE(p.configurationCount(), std::uint64_t(6));
        QCOMPARE(p.configurationName(5), std::string("performance/black"));
        QCOMPARE(p.checkpoints.at(0).defectCodes.size(), std::size_t(2));
        QCOMPARE(p.controlPoints.at(0).usl, 11.0);
        QVERIFY(std::filesystem::path(p.layoutPath).is_absolute());
        QCOMPARE(p.successors(p.stationIndex("BUF1")), std::vector<int>{2});
        QCOMPARE(p.predecessors(p.stationIndex("BUF1")), std::vector<int>{0});
    }

    void roundTripsThroughWriter()
    {
        const Plant p = loadPlantManifest(kData / "small_plant.json");
        const Plant q =
            parsePlantManifest(writePlantManifest(p, "small_layout.obj"), "written", kData);
        QCOMPARE(writePlantManifest(q, "x"), writePlantManifest(p, "x"));
    }

    void rejectsBadManifest_data()
    {
        QTest::addColumn<QString>("pointer"); // what to change, as a JSON pointer
        QTest::addColumn<QString>("value");   // new value as JSON; empty removes the field
        QTest::addColumn<QString>("path");    // expected path in the error
        QTest::addColumn<QString>("message"); // expected fragment of the problem

        QTest::newRow("unknown station in flow") << "/flow/1/to"
                                                 << "\"ST99\""
                                                 << "/flow/1/to"
                                                 << "unknown station \"ST99\" in flow graph";
        QTest::newRow("duplicate station id") << "/stations/1/id"
                                              << "\"ST10\""
                                              << "/stations/1/id"
                                              << "duplicate station id";
        QTest::newRow("spec limits reversed") << "/control_points/0/lsl"
                                              << "12"
                                              << "/control_points/0"
                                              << "spec limits reversed";
        QTest::newRow("target outside limits") << "/control_points/0/target"
                                               << "20"
                                               << "/control_points/0/target"
                                               << "outside the spec";
        QTest::newRow("negative cycle time") << "/stations/0/cycle_time/mean_s"
                                             << "-5"
                                             << "/stations/0/cycle_time/mean_s"
                                             << "greater than zero";
        QTest::newRow("zero shorthand cycle time") << "/stations/1/cycle_time"
                                                   << "0"
                                                   << "/stations/1/cycle_time"
                                                   << "greater than zero";
        QTest::newRow("missing layout file") << "/layout"
                                             << "\"nowhere.glb\""
                                             << "/layout"
                                             << "layout file not found";
        QTest::newRow("missing id") << "/id"
                                    << ""
                                    << ""
                                    << "missing required field \"id\"";
        QTest::newRow("wrong type") << "/takt_s"
                                    << "\"sixty\""
                                    << "/takt_s"
                                    << "expected a number";
        QTest::newRow("negative takt") << "/takt_s"
                                       << "-60"
                                       << "/takt_s"
                                       << "greater than zero";
        QTest::newRow("unknown kind") << "/stations/2/kind"
                                      << "\"robot\""
                                      << "/stations/2/kind"
                                      << "unknown station kind";
        QTest::newRow("unknown distribution") << "/stations/0/cycle_time/dist"
                                              << "\"weibull\""
                                              << "/stations/0/cycle_time/dist"
                                              << "unknown distribution";
        QTest::newRow("capacity zero") << "/stations/1/capacity"
                                       << "0"
                                       << "/stations/1/capacity"
                                       << "at least 1";
        QTest::newRow("initial parts above capacity") << "/stations/0/initial_parts"
                                                      << "2"
                                                      << "/stations/0/initial_parts"
                                                      << "from 0 to the capacity";
        QTest::newRow("mtbf without mttr") << "/stations/0/mttr_s"
                                           << ""
                                           << "/stations/0"
                                           << "given together";
        QTest::newRow("defect rate above one") << "/quality_checkpoints/0/defect_rate"
                                               << "1.5"
                                               << "/quality_checkpoints/0/defect_rate"
                                               << "between 0 and 1";
        QTest::newRow("checkpoint at unknown station") << "/quality_checkpoints/0/station"
                                                       << "\"NOPE\""
                                                       << "/quality_checkpoints/0/station"
                                                       << "unknown station";
        QTest::newRow("unknown segment") << "/stations/3/segment"
                                         << "\"paint\""
                                         << "/stations/3/segment"
                                         << "unknown segment";
        QTest::newRow("stations not an array") << "/stations"
                                               << "{}"
                                               << "/stations"
                                               << "expected an array";
        QTest::newRow("newer version") << "/version"
                                       << "2"
                                       << "/version"
                                       << "unsupported";
        QTest::newRow("self loop") << "/flow/0/to"
                                   << "\"ST10\""
                                   << "/flow/0"
                                   << "flows into itself";
        QTest::newRow("empty option list") << "/configuration/dimensions/0/options"
                                           << "[]"
                                           << "/configuration/dimensions/0/options"
                                           << "at least one option";
    }

    void rejectsBadManifest()
    {
        QFETCH(QString, pointer);
        QFETCH(QString, value);
        QFETCH(QString, path);
        QFETCH(QString, message);
        json doc = smallPlant();
        const json::json_pointer ptr(pointer.toStdString());
        if (value.isEmpty())
            doc[ptr.parent_pointer()].erase(ptr.back());
        else
            doc[ptr] = json::parse(value.toStdString());
        const auto error = parseError(doc);
        QVERIFY2(error.has_value(), "the edited manifest was accepted");
        QCOMPARE(error->file(), std::string("edited.json"));
        bool found = false;
        for (const auto& p : error->problems())
            found |= p.path == path.toStdString() &&
                     p.message.find(message.toStdString()) != std::string::npos;
        QVERIFY2(found, error->what());
        QVERIFY(std::string(error->what()).rfind("edited.json: ", 0) == 0);
    }

    void reportsEveryProblemAtOnce()
    {
        json doc = smallPlant();
        doc["stations"][0]["cycle_time"]["mean_s"] = -1;
        doc["flow"][0]["from"] = "GHOST";
        const auto error = parseError(doc);
        QVERIFY(error.has_value());
        QCOMPARE(error->problems().size(), std::size_t(2));
        QVERIFY(std::string(error->what()).find("(and 1 more)") != std::string::npos);
    }

    void reportsSyntaxErrorWithLine()
    {
        try {
            parsePlantManifest("{\n  \"id\": \"x\",\n  oops\n}", "broken.json", kData);
            QFAIL("broken JSON was accepted");
        } catch (const ManifestError& e) {
            QVERIFY2(std::string(e.what()).find("line 3") != std::string::npos, e.what());
        }
    }

    void refusesNumberTooLarge()
    {
        // nlohmann throws out_of_range (error 406), not parse_error, for a number no double
        // holds; the fuzzer found it escaping the parser (CI, 2026-11).
        try {
            parsePlantManifest("{\"takt_s\": 1e999}", "huge.json", kData);
            QFAIL("a number too large to represent was accepted");
        } catch (const ManifestError& e) {
            QVERIFY2(std::string(e.what()).find("too large") != std::string::npos, e.what());
            QVERIFY(std::string(e.what()).rfind("huge.json: ", 0) == 0);
        }
    }

    void reportsMissingFile()
    {
        try {
            loadPlantManifest(kData / "does_not_exist.json");
            QFAIL("a missing file was accepted");
        } catch (const ManifestError& e) {
            QVERIFY2(std::string(e.what()).find("no such file") != std::string::npos, e.what());
        }
    }

    void matchesNodePatterns_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("match");
        QTest::newRow("exact") << "BIW010"
                               << "BIW010" << true;
        QTest::newRow("exact differs") << "BIW010"
                                       << "BIW011" << false;
        QTest::newRow("star suffix") << "ST2*"
                                     << "ST20_body" << true;
        QTest::newRow("star middle") << "GA*_frame"
                                     << "GA-TR030_frame" << true;
        QTest::newRow("question") << "ST?0"
                                  << "ST20" << true;
        QTest::newRow("question too short") << "ST?0"
                                            << "ST0" << false;
        QTest::newRow("star only") << "*"
                                   << "anything" << true;
        QTest::newRow("backtrack") << "*a*b"
                                   << "xaxxab" << true;
    }

    void matchesNodePatterns()
    {
        QFETCH(QString, pattern);
        QFETCH(QString, name);
        QFETCH(bool, match);
        QCOMPARE(matchesNodePattern(pattern.toStdString(), name.toStdString()), match);
    }
};

QTEST_APPLESS_MAIN(TestManifest)
#include "test_manifest.moc"
