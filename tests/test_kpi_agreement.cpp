// The GUI, the PDF report and `takt kpi` show the same KPIs, to the digit, for the same window
// (issue 12, item 5): the whole sample shift in the KPI panel (its "Whole shift" box), on the
// report's first page and in the `takt kpi` table and JSON, all from the real programs.
#include "app/kpi_panel.h"
#include "app/main_window.h"
#include "app/workstation_docks.h"
#include "render/isolated_importer.h"

#include <nlohmann/json.hpp>

#include <QtTest>

#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>

using namespace takt;

namespace {

QString run(const QStringList& args, int timeoutMs = 120'000)
{
    QProcess p;
    p.start(QStringLiteral(TAKT_EXECUTABLE), args);
    if (!p.waitForFinished(timeoutMs) || p.exitCode() != 0)
        return QStringLiteral("FAILED: ") + QString::fromUtf8(p.readAllStandardError());
    return QString::fromUtf8(p.readAllStandardOutput());
}

QString percent(double share)
{
    return QString::number(100.0 * share, 'f', 1);
}

/// The first capture of `pattern` in `text`, or "(missing: pattern)".
QString find(const QString& text, const QString& pattern)
{
    const auto m = QRegularExpression(pattern).match(text);
    return m.hasMatch() ? m.captured(1) : QStringLiteral("(missing: %1)").arg(pattern);
}

} // namespace

class TestKpiAgreement : public QObject {
    Q_OBJECT
private slots:
    void guiReportAndCliAgree()
    {
        QVERIFY2(qEnvironmentVariableIsSet("DISPLAY"), "needs an X display: run under xvfb-run");
        const QString session = QStringLiteral(TAKT_SAMPLE_SHIFT);
        QVERIFY2(QFileInfo::exists(session), "build the sample_shift target");

        // `takt kpi`: the JSON gives the reference figures, the table the printed digits.
        const QString jsonText = run({QStringLiteral("kpi"), session, QStringLiteral("--json")});
        QVERIFY2(!jsonText.startsWith(QLatin1String("FAILED")), qPrintable(jsonText));
        const auto j = nlohmann::json::parse(jsonText.toStdString());
        const QString table = run({QStringLiteral("kpi"), session});
        QVERIFY2(!table.startsWith(QLatin1String("FAILED")), qPrintable(table));
        const double oee = j["oee"]["oee"], availability = j["oee"]["availability"];
        const double performance = j["oee"]["performance"], quality = j["oee"]["quality"];
        const double perHour = j["throughput"]["per_hour"], fpy = j["first_pass_yield"]["overall"];
        const auto units = j["throughput"]["units"].get<long long>();
        QVERIFY(oee > 0.0 && oee <= 1.0);
        QVERIFY(availability < 1.0); // 17 stations go down in the shift: the line stops
        QCOMPARE(find(table, QStringLiteral("OEE\\s+([0-9.]+) %")), percent(oee));
        QCOMPARE(find(table, QStringLiteral("availability ([0-9.]+) %")), percent(availability));
        QCOMPARE(find(table, QStringLiteral("performance ([0-9.]+) %")), percent(performance));
        QCOMPARE(find(table, QStringLiteral("quality ([0-9.]+) %")), percent(quality));
        QCOMPARE(find(table, QStringLiteral("Throughput\\s+([0-9.]+) units/h")),
                 QString::number(perHour, 'f', 1));

        // The GUI: the KPI panel over the whole shift.
        app::MainWindow window;
        window.resize(1400, 900);
        window.show();
        render::IsolatedImporter::setHelperCommand(QStringLiteral(TAKT_EXECUTABLE),
                                                   {QStringLiteral("__import-helper")});
        QSignalSpy shown(&window, &app::MainWindow::documentShown);
        QSignalSpy failed(&window, &app::MainWindow::openFailed);
        window.openFile(session);
        QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty() || !failed.isEmpty(), 180'000);
        QVERIFY(failed.isEmpty());
        auto* docks = window.findChild<app::WorkstationDocks*>();
        QVERIFY(docks);
        auto* panel = docks->kpiPanel();
        panel->setWholeShift(true);
        QTRY_COMPARE_WITH_TIMEOUT(panel->shownReport().units, units, 30'000);
        QCOMPARE(panel->tileValue(QStringLiteral("oee")), percent(oee) + QStringLiteral(" %"));
        QCOMPARE(panel->tileValue(QStringLiteral("availability")),
                 percent(availability) + QStringLiteral(" %"));
        QCOMPARE(panel->tileValue(QStringLiteral("performance")),
                 percent(performance) + QStringLiteral(" %"));
        QCOMPARE(panel->tileValue(QStringLiteral("quality")),
                 percent(quality) + QStringLiteral(" %"));
        QCOMPARE(panel->tileValue(QStringLiteral("fpy")), percent(fpy) + QStringLiteral(" %"));
        QCOMPARE(panel->tileValue(QStringLiteral("throughput")),
                 QString::number(perHour, 'f', 1) + QStringLiteral(" /h"));

        // The report: page 1's tiles, read back from the PDF.
        const QString pdftotext = QStandardPaths::findExecutable(QStringLiteral("pdftotext"));
        QVERIFY2(!pdftotext.isEmpty(), "pdftotext (poppler-utils) is missing");
        QTemporaryDir dir;
        const QString pdf = dir.filePath(QStringLiteral("report.pdf"));
        const QString out =
            run({QStringLiteral("report"), session, QStringLiteral("--out"), pdf}, 400'000);
        QVERIFY2(!out.startsWith(QLatin1String("FAILED")), qPrintable(out));
        QProcess p;
        p.start(pdftotext, {QStringLiteral("-l"), QStringLiteral("1"), pdf, QStringLiteral("-")});
        QVERIFY(p.waitForFinished(60'000));
        const QString text = QString::fromUtf8(p.readAllStandardOutput());
        // The tiles' values come out in tile order: throughput, OEE, first-pass yield.
        const auto tiles =
            QRegularExpression(QStringLiteral("\\n([0-9.]+) /h\\s+([0-9.]+) %\\s+([0-9.]+) %"))
                .match(text);
        QVERIFY2(tiles.hasMatch(), qPrintable(text.left(1200)));
        QCOMPARE(tiles.captured(1), QString::number(perHour, 'f', 1));
        QCOMPARE(tiles.captured(2), percent(oee));
        QCOMPARE(tiles.captured(3), percent(fpy));
        QCOMPARE(find(text, QStringLiteral("availability ([0-9.]+) %")), percent(availability));
        QCOMPARE(find(text, QStringLiteral("performance ([0-9.]+) %")), percent(performance));
        QCOMPARE(find(text, QStringLiteral("quality ([0-9.]+) %")), percent(quality));
    }
};

QTEST_MAIN(TestKpiAgreement)
#include "test_kpi_agreement.moc"
