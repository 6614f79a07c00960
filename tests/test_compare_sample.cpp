// `takt compare` as a process on two seeds of the sample shift (issue 13, item 4): the table and
// the JSON of the real program, each side equal to `takt kpi --json` of that recording, the
// figures the README quotes, and the refusal of a session of another plant (exit 1, one line).
#include "test_plants.h"
#include "twin/simulator.h"

#include <nlohmann/json.hpp>

#include <QtTest>

#include <QProcess>
#include <QTemporaryDir>

namespace {

struct Run {
    int exitCode = -1;
    QString out, err;
};

Run runTakt(const QStringList& args)
{
    QProcess p;
    p.start(QStringLiteral(TAKT_EXECUTABLE), args);
    Run r;
    if (!p.waitForFinished(120'000))
        return r;
    r.exitCode = p.exitCode();
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

nlohmann::json json(const Run& r)
{
    return r.exitCode == 0 ? nlohmann::json::parse(r.out.toStdString()) : nlohmann::json();
}

} // namespace

class TestCompareSample : public QObject {
    Q_OBJECT
    const QString m_a = QStringLiteral(TAKT_SAMPLE_SHIFT);
    const QString m_b = QStringLiteral(TAKT_SAMPLE_SHIFT_B);

private slots:
    void initTestCase()
    {
        QVERIFY2(QFileInfo::exists(m_a), "build sample_shift");
        QVERIFY2(QFileInfo::exists(m_b), "build sample_shift_seed7");
    }

    void twoSeedsOfTheSampleShift()
    {
        const auto c =
            json(runTakt({QStringLiteral("compare"), m_a, m_b, QStringLiteral("--json")}));
        const auto ka = json(runTakt({QStringLiteral("kpi"), m_a, QStringLiteral("--json")}));
        const auto kb = json(runTakt({QStringLiteral("kpi"), m_b, QStringLiteral("--json")}));
        QVERIFY(!c.is_null() && !ka.is_null() && !kb.is_null());
        QCOMPARE(c["plant"].get<std::string>(), std::string("takt-ev-line1"));
        QCOMPARE(c["window"]["hours"].get<double>(), 8.0);
        QCOMPARE(c["a"]["recording"]["name"], ka["recording"]["name"]);
        QCOMPARE(c["b"]["recording"]["name"], kb["recording"]["name"]);
        QCOMPARE(c["line"]["units"]["a"].get<double>(), ka["throughput"]["units"].get<double>());
        QCOMPARE(c["line"]["units"]["b"].get<double>(), kb["throughput"]["units"].get<double>());
        QCOMPARE(c["line"]["throughput_per_hour"]["b"].get<double>(),
                 kb["throughput"]["per_hour"].get<double>());
        for (const char* f : {"oee", "availability", "performance", "quality"}) {
            QCOMPARE(c["line"][f]["a"].get<double>(), ka["oee"][f].get<double>());
            QCOMPARE(c["line"][f]["b"].get<double>(), kb["oee"][f].get<double>());
        }
        QCOMPARE(c["line"]["fpy_overall"]["a"].get<double>(),
                 ka["first_pass_yield"]["overall"].get<double>());
        QCOMPARE(c["bottleneck"]["average"]["a"], ka["bottleneck"]["average"]);
        QCOMPARE(c["bottleneck"]["average"]["b"], kb["bottleneck"]["average"]);
        QCOMPARE(c["stations"].size(), ka["stations"].size());
        // The README's figures (two seeds of the same plant really differ).
        QCOMPARE(c["line"]["units"]["a"].get<double>(), 489.0);
        QCOMPARE(c["line"]["units"]["b"].get<double>(), 511.0);
        QCOMPARE(c["bottleneck"]["average"]["a"].get<std::string>(), std::string("BIW040"));
        std::printf("units %g -> %g, OEE %.3f -> %.3f, throughput %.2f -> %.2f /h\n",
                    c["line"]["units"]["a"].get<double>(), c["line"]["units"]["b"].get<double>(),
                    c["line"]["oee"]["a"].get<double>(), c["line"]["oee"]["b"].get<double>(),
                    c["line"]["throughput_per_hour"]["a"].get<double>(),
                    c["line"]["throughput_per_hour"]["b"].get<double>());

        const Run table = runTakt({QStringLiteral("compare"), m_a, m_b + QStringLiteral(":1"),
                                   QStringLiteral("--from"), QStringLiteral("01:00:00")});
        QCOMPARE(table.exitCode, 0);
        QVERIFY2(table.out.contains(QStringLiteral("01:00:00 .. 08:00:00 (7.00 h)")),
                 qPrintable(table.out));
        QVERIFY(table.out.contains(QStringLiteral("Bottleneck ranking")));
    }

    void anotherPlantIsRefused()
    {
        QTemporaryDir dir;
        const QString other = dir.filePath(QStringLiteral("other.takt"));
        takt::twin::simulate(takt::twin::testing::smallPlant(), 0.2, 1, other.toStdString());
        const Run r = runTakt({QStringLiteral("compare"), m_a, other});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.out.isEmpty());
        QCOMPARE(r.err.count(QLatin1Char('\n')), 1);
        QVERIFY2(r.err.contains(QStringLiteral("plant \"takt-ev-line1\"")) &&
                     r.err.contains(QStringLiteral("plant \"test-line\"")) &&
                     r.err.contains(QStringLiteral("different plants")),
                 qPrintable(r.err));
        const Run late = runTakt({QStringLiteral("compare"), m_a, m_b, QStringLiteral("--to"),
                                  QStringLiteral("09:00:00")});
        QCOMPARE(late.exitCode, 2);
        QVERIFY2(late.err.contains(QStringLiteral("outside")), qPrintable(late.err));
    }
};

QTEST_GUILESS_MAIN(TestCompareSample)
#include "test_compare_sample.moc"
