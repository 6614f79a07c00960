// Tests of `takt kpi` (twin/commands.h): table and JSON output of a simulated session, time
// windows, usage and runtime errors with their exit codes.
#include "test_plants.h"
#include "twin/commands.h"
#include "twin/simulator.h"

#include <nlohmann/json.hpp>

#include <QtTest>

#include <fstream>
#include <sstream>

using namespace takt::twin;

class TestKpiCommand : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    std::string m_session;

    int run(std::vector<std::string> args, std::string& out, std::string& err)
    {
        std::ostringstream o, e;
        const int rc = runKpiCommand(args, o, e);
        out = o.str();
        err = e.str();
        return rc;
    }

private slots:
    void initTestCase()
    {
        m_session = m_dir.filePath("shift.takt").toStdString();
        simulate(testing::smallPlant(), 2, 5, m_session);
    }

    void tableByDefault()
    {
        std::string out, err;
        QCOMPARE(run({m_session}, out, err), kExitOk);
        QVERIFY2(err.empty(), err.c_str());
        for (const char* word : {"Throughput", "OEE", "Bottleneck", "S2", "QC1", "B1"})
            QVERIFY2(out.find(word) != std::string::npos, word);
    }

    void jsonFollowsTheDocumentedFormat()
    {
        std::string out, err;
        QCOMPARE(run({m_session, "--json"}, out, err), kExitOk);
        const auto j = nlohmann::json::parse(out);
        QCOMPARE(j["format"].get<std::string>(), std::string("takt-kpi"));
        QCOMPARE(j["window"]["hours"].get<double>(), 2.0);
        QCOMPARE(j["stations"].size(), std::size_t(5));
        QVERIFY(j["throughput"]["units"].get<int>() > 100);
        QVERIFY(j["bottleneck"]["average"].is_string());
        const double oee = j["oee"]["oee"].get<double>();
        QVERIFY(oee > 0.0 && oee < 1.2);
        QCOMPARE(j["buffers"][0]["id"].get<std::string>(), std::string("B1"));
    }

    void windows_data()
    {
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("to");
        QTest::addColumn<double>("hours");
        QTest::newRow("offsets") << "00:30:00"
                                 << "01:00:00" << 0.5;
        QTest::newRow("iso") << "2026-01-05T06:15:00Z"
                             << "2026-01-05T07:15:00Z" << 1.0;
        QTest::newRow("mixed") << "01:30:00"
                               << "2026-01-05T08:00:00Z" << 0.5;
        QTest::newRow("fractional") << "00:00:00.500"
                                    << "00:00:01" << 0.5 / 3600;
    }
    void windows()
    {
        QFETCH(QString, from);
        QFETCH(QString, to);
        QFETCH(double, hours);
        std::string out, err;
        QCOMPARE(run({m_session, "--from", from.toStdString(), "--to", to.toStdString(), "--json"},
                     out, err),
                 kExitOk);
        QCOMPARE(nlohmann::json::parse(out)["window"]["hours"].get<double>(), hours);
    }

    void errors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("errContains");
        QTest::newRow("no session") << QStringList{} << 2 << "missing SESSION";
        QTest::newRow("bad time") << QStringList{"SESSION", "--from", "noon"} << 2 << "noon";
        QTest::newRow("empty window")
            << QStringList{"SESSION", "--from", "01:00:00", "--to", "00:30:00"} << 2 << "empty";
        QTest::newRow("unknown option") << QStringList{"SESSION", "--csv"} << 2 << "--csv";
        QTest::newRow("bad recording")
            << QStringList{"SESSION", "--recording", "x"} << 2 << "--recording";
        QTest::newRow("no such recording")
            << QStringList{"SESSION", "--recording", "9"} << 1 << "no recording 9";
        QTest::newRow("missing file") << QStringList{"nope.takt"} << 1 << "nope.takt";
        QTest::newRow("not a session") << QStringList{"PLAIN"} << 1 << "not a Takt session";
    }
    void errors()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QString, errContains);
        const auto plain = m_dir.filePath("plain.txt");
        std::ofstream(plain.toStdString()) << "hello\n";
        std::vector<std::string> argv;
        for (auto a : args)
            argv.push_back(a.replace("SESSION", QString::fromStdString(m_session))
                               .replace("PLAIN", plain)
                               .toStdString());
        std::string out, err;
        QCOMPARE(run(argv, out, err), exitCode);
        QVERIFY2(err.find(errContains.toStdString()) != std::string::npos, err.c_str());
        QVERIFY(out.empty());
    }
};

QTEST_APPLESS_MAIN(TestKpiCommand)
#include "test_kpi_command.moc"
