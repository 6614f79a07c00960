// Comparing two recordings (issue 13, item 4): twin/compare.h on synthetic recordings whose
// differences are known by construction, the plant check, `A.takt:ID` references, and
// `takt compare`'s function (table, JSON, errors) on two seeds of a simulated line, where each
// side must equal `takt kpi` of that recording over the same window.
#include "test_plants.h"
#include "twin/commands.h"
#include "twin/compare.h"
#include "twin/compare_command.h"
#include "twin/compare_format.h"
#include "twin/session_store.h"
#include "twin/simulator.h"

#include <nlohmann/json.hpp>

#include <QtTest>

#include <algorithm>
#include <sstream>

using namespace takt::twin;

namespace {

constexpr TimeMs kS = 1000;

Plant twoStationLine()
{
    return testing::serialLine({{"S1", StationKind::Process, testing::det(50)},
                                {"S2", StationKind::Process, testing::det(50)}});
}

RecordingData recording(const Plant& plant, TimeMs start, std::initializer_list<Event> events)
{
    RecordingData d(plant, start, start + 1000 * kS);
    for (Event e : events) {
        e.t += start;
        d.append(e);
    }
    return d;
}

/// A: S1 works 600 s then starves; S2 works throughout; 9 units leave S2 (at 100..900 s).
/// B (another day): S1 works 750 s then is down; S2 works 500 s then starves; 5 units leave.
/// So: units -4; S1 working +15 pp, starved -40 pp, down +25 pp; S2 working -50 pp, starved
/// +50 pp; the average bottleneck moves from S2 (A: mean active 1000 s vs 600 s) to S1 (B:
/// working and down are one active period of 1000 s vs 500 s).
std::pair<RecordingData, RecordingData> knownPair(const Plant& plant)
{
    using S = StationState;
    RecordingData a =
        recording(plant, 0,
                  {Event::stateChange(0, 0, S::Working), Event::stateChange(0, 1, S::Working),
                   Event::stateChange(600 * kS, 0, S::Starved)});
    for (int i = 1; i <= 9; ++i)
        a.append(Event::partLeave(TimeMs(i) * 100 * kS, 1, i, 0));
    const TimeMs day = 86'400 * kS;
    RecordingData b = recording(
        plant, day,
        {Event::stateChange(0, 0, S::Working), Event::stateChange(0, 1, S::Working),
         Event::stateChange(500 * kS, 1, S::Starved), Event::stateChange(750 * kS, 0, S::Down)});
    for (int i = 1; i <= 5; ++i)
        b.append(Event::partLeave(day + TimeMs(i) * 100 * kS, 1, i, 0));
    return {std::move(a), std::move(b)};
}

RecordingInfo info(std::int64_t id, TimeMs start)
{
    RecordingInfo r;
    r.id = id;
    r.name = "shift " + std::to_string(id);
    r.startMs = start;
    r.endMs = start + 1000 * kS;
    return r;
}

double share(const StationComparison& s, StationState st, bool b)
{
    return b ? s.share[std::size_t(st)].b : s.share[std::size_t(st)].a;
}

} // namespace

class TestCompare : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    std::string m_seedA, m_seedB;

    CommandStatus run(const CompareOptions& o, std::string& out, std::string& err)
    {
        std::ostringstream os, es;
        const CommandStatus rc = runCompareCommand(o, os, es);
        out = os.str();
        err = es.str();
        return rc;
    }

    nlohmann::json kpiJson(const std::string& session, const char* from, const char* to)
    {
        KpiOptions o;
        o.sessionPath = session;
        o.from = parseTimeArgument(from);
        o.to = parseTimeArgument(to);
        o.json = true;
        std::ostringstream os, es;
        if (runKpiCommand(o, os, es) != CommandStatus::Ok)
            return {};
        return nlohmann::json::parse(os.str());
    }

private slots:
    void initTestCase()
    {
        m_seedA = m_dir.filePath("seed5.takt").toStdString();
        m_seedB = m_dir.filePath("seed6.takt").toStdString();
        simulate(testing::smallPlant(), 2, 5, m_seedA);
        simulate(testing::smallPlant(), 2, 6, m_seedB);
    }

    void knownDifferences()
    {
        const Plant plant = twoStationLine();
        const auto [a, b] = knownPair(plant);
        const Comparison c =
            compareRecordings(a, info(1, a.startMs()), b, info(2, b.startMs()), 0, 1000 * kS);
        QCOMPARE(c.units.a, 9.0);
        QCOMPARE(c.units.b, 5.0);
        QCOMPARE(c.units.delta(), -4.0);
        QCOMPARE(c.throughputPerHour.a, 9 * 3.6);
        QCOMPARE(c.throughputPerHour.b, 5 * 3.6);
        QCOMPARE(c.stations.size(), std::size_t(2));
        const StationComparison& s1 = c.stations[0];
        const StationComparison& s2 = c.stations[1];
        QCOMPARE(s1.id, std::string("S1"));
        QCOMPARE(share(s1, StationState::Working, false), 0.6);
        QCOMPARE(share(s1, StationState::Working, true), 0.75);
        QCOMPARE(s1.share[std::size_t(StationState::Working)].delta(), 0.75 - 0.6);
        QCOMPARE(s1.share[std::size_t(StationState::Starved)].delta(), -0.4);
        QCOMPARE(s1.share[std::size_t(StationState::Down)].delta(), 0.25);
        QCOMPARE(s2.share[std::size_t(StationState::Working)].delta(), -0.5);
        QCOMPARE(s2.share[std::size_t(StationState::Starved)].delta(), 0.5);
        // The average bottleneck moves from S2 to S1.
        QCOMPARE(s1.rankA, 2);
        QCOMPARE(s2.rankA, 1);
        QCOMPARE(s1.rankB, 1);
        QCOMPARE(s2.rankB, 2);
        QCOMPARE(s1.meanActiveS.b, 1000.0);
        QCOMPARE(c.ranking(false).front()->id, std::string("S2"));
        QCOMPARE(c.ranking(true).front()->id, std::string("S1"));
        QVERIFY(c.warnings.empty());

        const auto j = comparisonToJson(c);
        QCOMPARE(j["format"].get<std::string>(), std::string("takt-compare"));
        QCOMPARE(j["version"].get<int>(), 1);
        QCOMPARE(j["window"]["to_offset"].get<std::string>(), std::string("00:16:40"));
        QCOMPARE(j["line"]["units"]["delta"].get<double>(), -4.0);
        QCOMPARE(j["bottleneck"]["average"]["a"].get<std::string>(), std::string("S2"));
        QCOMPARE(j["bottleneck"]["average"]["b"].get<std::string>(), std::string("S1"));
        QCOMPARE(j["stations"][0]["state_shares"]["down"]["delta"].get<double>(), 0.25);
        QCOMPARE(j["stations"][1]["bottleneck_rank"]["a"].get<int>(), 1);
        std::ostringstream table;
        printComparisonTable(table, c);
        QVERIFY2(table.str().find("-4") != std::string::npos, table.str().c_str());
        QVERIFY2(table.str().find("+25.0 (0.0)") != std::string::npos, table.str().c_str());
    }

    void windowByShiftOffset()
    {
        // The second half only: S1 in A is starved 400 of 500 s, in B down 250 of 500 s.
        const Plant plant = twoStationLine();
        const auto [a, b] = knownPair(plant);
        const Comparison c = compareRecordings(a, info(1, a.startMs()), b, info(2, b.startMs()),
                                               500 * kS, 1000 * kS);
        QCOMPARE(share(c.stations[0], StationState::Starved, false), 0.8);
        QCOMPARE(share(c.stations[0], StationState::Down, true), 0.5);
        QCOMPARE(c.a.kpi.from, a.startMs() + 500 * kS);
        QCOMPARE(c.b.kpi.from, b.startMs() + 500 * kS);
        QVERIFY_THROWS_EXCEPTION(Error, compareRecordings(a, info(1, a.startMs()), b,
                                                          info(2, b.startMs()), 0, 1001 * kS));
        QVERIFY_THROWS_EXCEPTION(
            Error, compareRecordings(a, info(1, a.startMs()), b, info(2, b.startMs()), 10, 10));
    }

    void differentPlantsAreRefused()
    {
        const Plant plant = twoStationLine();
        Plant other = plant;
        other.id = "other-line";
        auto why = plantMismatch(plant, other, "a.takt", "b.takt");
        QVERIFY(why);
        QVERIFY2(why->find("\"test-line\"") != std::string::npos, why->c_str());
        QVERIFY2(why->find("\"other-line\"") != std::string::npos, why->c_str());
        QVERIFY2(why->find("different plants") != std::string::npos, why->c_str());

        Plant renamed = plant;
        renamed.stations[1].id = "S9";
        why = plantMismatch(plant, renamed, "a.takt", "b.takt");
        QVERIFY(why);
        QVERIFY2(why->find("only in a.takt: S2") != std::string::npos, why->c_str());
        QVERIFY2(why->find("only in b.takt: S9") != std::string::npos, why->c_str());
        QVERIFY(!plantMismatch(plant, plant, "a", "b"));

        const auto [a, b] = knownPair(plant);
        const RecordingData c(renamed, 0, 1000 * kS);
        QVERIFY_THROWS_EXCEPTION(Error, compareRecordings(a, info(1, 0), c, info(2, 0), 0, kS));
    }

    void recordingReferences_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("path");
        QTest::addColumn<qlonglong>("id");
        QTest::newRow("plain") << "a.takt"
                               << "a.takt" << 0LL;
        QTest::newRow("with id") << "a.takt:3"
                                 << "a.takt" << 3LL;
        QTest::newRow("folder with colon") << "x:y/a.takt:12"
                                           << "x:y/a.takt" << 12LL;
        QTest::newRow("not a number") << "a.takt:b"
                                      << "a.takt:b" << 0LL;
        QTest::newRow("zero") << "a.takt:0"
                              << "a.takt:0" << 0LL;
        QTest::newRow("trailing colon") << "a.takt:"
                                        << "a.takt:" << 0LL;
    }
    void recordingReferences()
    {
        QFETCH(QString, text);
        QFETCH(QString, path);
        QFETCH(qlonglong, id);
        const RecordingRef r = parseRecordingRef(text.toStdString());
        QCOMPARE(QString::fromStdString(r.path), path);
        QCOMPARE(qlonglong(r.recordingId.value_or(0)), id);
    }

    void twoSeedsAgreeWithKpi()
    {
        CompareOptions o;
        o.a = m_seedA;
        o.b = m_seedB + ":1";
        o.from = parseTimeArgument("00:30:00");
        o.to = parseTimeArgument("02:00:00");
        o.json = true;
        std::string out, err;
        QCOMPARE(run(o, out, err), CommandStatus::Ok);
        QVERIFY2(err.empty(), err.c_str());
        const auto j = nlohmann::json::parse(out);
        const auto ka = kpiJson(m_seedA, "00:30:00", "02:00:00");
        const auto kb = kpiJson(m_seedB, "00:30:00", "02:00:00");
        QVERIFY(!ka.is_null() && !kb.is_null());
        QCOMPARE(j["window"]["hours"].get<double>(), 1.5);
        QCOMPARE(j["a"]["from"], ka["window"]["from"]);
        QCOMPARE(j["line"]["units"]["a"].get<double>(), ka["throughput"]["units"].get<double>());
        QCOMPARE(j["line"]["units"]["b"].get<double>(), kb["throughput"]["units"].get<double>());
        QCOMPARE(j["line"]["oee"]["a"].get<double>(), ka["oee"]["oee"].get<double>());
        QCOMPARE(j["line"]["oee"]["b"].get<double>(), kb["oee"]["oee"].get<double>());
        QCOMPARE(j["line"]["fpy_overall"]["b"].get<double>(),
                 kb["first_pass_yield"]["overall"].get<double>());
        QCOMPARE(j["bottleneck"]["average"]["a"], ka["bottleneck"]["average"]);
        QCOMPARE(j["bottleneck"]["average"]["b"], kb["bottleneck"]["average"]);
        bool anyDifference = false;
        for (std::size_t i = 0; i < j["stations"].size(); ++i) {
            const auto& s = j["stations"][i];
            QCOMPARE(s["id"], ka["stations"][i]["id"]);
            for (const char* st : {"working", "starved", "blocked", "down"}) {
                const double a = s["state_shares"][st]["a"], b = s["state_shares"][st]["b"];
                QCOMPARE(a, ka["stations"][i]["state_shares"][st].get<double>());
                QCOMPARE(b, kb["stations"][i]["state_shares"][st].get<double>());
                QCOMPARE(s["state_shares"][st]["delta"].get<double>(), b - a);
                anyDifference = anyDifference || a != b;
            }
        }
        QVERIFY2(anyDifference, "two seeds should differ somewhere");

        o.json = false;
        QCOMPARE(run(o, out, err), CommandStatus::Ok);
        for (const char* word : {"Throughput", "OEE", "availability", "FPY overall",
                                 "Bottleneck ranking", "B - A", "S2", "rank A"})
            QVERIFY2(out.find(word) != std::string::npos, word);
    }

    void errors_data()
    {
        QTest::addColumn<QString>("b");
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("to");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("errContains");
        const int bad = int(CommandStatus::BadArguments), failed = int(CommandStatus::Failed);
        QTest::newRow("other plant") << "OTHER"
                                     << ""
                                     << "" << failed << "different plants";
        QTest::newRow("no such recording") << "SEEDB:7"
                                           << ""
                                           << "" << failed << "no recording 7";
        QTest::newRow("missing file") << "nope.takt"
                                      << ""
                                      << "" << failed << "nope.takt";
        QTest::newRow("after the end") << "SEEDB"
                                       << ""
                                       << "03:00:00" << bad << "--to 03:00:00 lies outside";
        QTest::newRow("empty window") << "SEEDB"
                                      << "01:00:00"
                                      << "00:10:00" << bad << "empty";
    }
    void errors()
    {
        QFETCH(QString, b);
        QFETCH(QString, from);
        QFETCH(QString, to);
        QFETCH(int, status);
        QFETCH(QString, errContains);
        std::string other = m_dir.filePath("other.takt").toStdString();
        if (!QFileInfo::exists(QString::fromStdString(other))) {
            Plant p = testing::smallPlant();
            p.id = "another-plant";
            simulate(p, 0.5, 1, other);
        }
        CompareOptions o;
        o.a = m_seedA;
        o.b = b == "OTHER" ? other
                           : b.replace("SEEDB", QString::fromStdString(m_seedB)).toStdString();
        if (!from.isEmpty())
            o.from = parseTimeArgument(from.toStdString());
        if (!to.isEmpty())
            o.to = parseTimeArgument(to.toStdString());
        std::string out, err;
        QCOMPARE(int(run(o, out, err)), status);
        QVERIFY(out.empty());
        QVERIFY2(QString::fromStdString(err).contains(errContains), err.c_str());
        QCOMPARE(std::count(err.begin(), err.end(), '\n'), 1);
    }
};

QTEST_GUILESS_MAIN(TestCompare)
#include "test_compare.moc"
