// Tests of `takt kpi`'s function (twin/commands.h): table and JSON output of a simulated
// session, time windows, and the errors found once the file is read. The command line itself
// (options, usage errors) is tested in test_command_line.
#include "test_plants.h"
#include "twin/commands.h"
#include "twin/simulator.h"

#include <nlohmann/json.hpp>

#include <QtTest>

#include <fstream>
#include <limits>
#include <sstream>

using namespace takt::twin;

class TestKpiCommand : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    std::string m_session;

    static KpiOptions options(const std::string& session, const QString& from = {},
                              const QString& to = {})
    {
        KpiOptions o;
        o.sessionPath = session;
        if (!from.isEmpty())
            o.from = parseTimeArgument(from.toStdString());
        if (!to.isEmpty())
            o.to = parseTimeArgument(to.toStdString());
        return o;
    }

    CommandStatus run(const KpiOptions& options, std::string& out, std::string& err)
    {
        std::ostringstream o, e;
        const CommandStatus rc = runKpiCommand(options, o, e);
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
        QCOMPARE(run(options(m_session), out, err), CommandStatus::Ok);
        QVERIFY2(err.empty(), err.c_str());
        for (const char* word : {"Throughput", "OEE", "Bottleneck", "S2", "QC1", "B1"})
            QVERIFY2(out.find(word) != std::string::npos, word);
    }

    void jsonFollowsTheDocumentedFormat()
    {
        std::string out, err;
        auto o = options(m_session);
        o.json = true;
        QCOMPARE(run(o, out, err), CommandStatus::Ok);
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
        auto o = options(m_session, from, to);
        QVERIFY(o.from && o.to);
        o.json = true;
        QCOMPARE(run(o, out, err), CommandStatus::Ok);
        QCOMPARE(nlohmann::json::parse(out)["window"]["hours"].get<double>(), hours);
    }

    void errors_data()
    {
        QTest::addColumn<QString>("session");
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("to");
        QTest::addColumn<qlonglong>("recording");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("errContains");
        const int bad = int(CommandStatus::BadArguments), failed = int(CommandStatus::Failed);
        QTest::newRow("empty window") << "SESSION"
                                      << "01:00:00"
                                      << "00:30:00" << 0LL << bad << "empty";
        // Issue 14 item 5: a window after the recording's end used to invent 49 hours of KPIs.
        QTest::newRow("window after the recording")
            << "SESSION"
            << "50:00:00"
            << "99:00:00" << 0LL << bad << "--from 50:00:00 lies outside the recording";
        QTest::newRow("--to after the end")
            << "SESSION"
            << ""
            << "03:00:00" << 0LL << bad << "--to 03:00:00 lies outside";
        QTest::newRow("--from before the start") << "SESSION"
                                                 << "2026-01-05T05:00:00Z"
                                                 << "" << 0LL << bad << "outside the recording";
        QTest::newRow("no such recording") << "SESSION"
                                           << ""
                                           << "" << 9LL << failed << "no recording 9";
        QTest::newRow("largest recording id")
            << "SESSION"
            << ""
            << "" << qlonglong(std::numeric_limits<std::int64_t>::max()) << failed
            << "no recording 9223372036854775807";
        QTest::newRow("missing file") << "nope.takt"
                                      << ""
                                      << "" << 0LL << failed << "nope.takt";
        QTest::newRow("not a session") << "PLAIN"
                                       << ""
                                       << "" << 0LL << failed << "not a Takt session";
    }
    void errors()
    {
        QFETCH(QString, session);
        QFETCH(QString, from);
        QFETCH(QString, to);
        QFETCH(qlonglong, recording);
        QFETCH(int, status);
        QFETCH(QString, errContains);
        const auto plain = m_dir.filePath("plain.txt");
        std::ofstream(plain.toStdString()) << "hello\n";
        auto o = options(session.replace("SESSION", QString::fromStdString(m_session))
                             .replace("PLAIN", plain)
                             .toStdString(),
                         from, to);
        if (recording)
            o.recordingId = recording;
        std::string out, err;
        QCOMPARE(int(run(o, out, err)), status);
        QVERIFY2(err.find(errContains.toStdString()) != std::string::npos, err.c_str());
        QCOMPARE(std::count(err.begin(), err.end(), '\n'), 1L); // one line
        QVERIFY(out.empty());
    }
};

QTEST_APPLESS_MAIN(TestKpiCommand)
#include "test_kpi_command.moc"
