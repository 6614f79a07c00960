// Exports (issue 5, items 5 and 6): the real `takt render` against a baseline image, its exit
// codes, `takt report` writing a PDF of the expected pages, and `takt video` writing a clip of
// the expected frame count (and a PNG sequence without ffmpeg). Needs an X display (Xvfb).
#include "image_compare.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace takt;

namespace {

struct Run {
    int exitCode = -1;
    QString err;
};

Run runTakt(const QStringList& args,
            const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment(),
            int timeoutMs = 240'000)
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(TAKT_EXECUTABLE), args);
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        return {-1, QStringLiteral("timed out")};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
            QString::fromLocal8Bit(p.readAllStandardError())};
}

QString samplePlantName()
{
    QFile f(QStringLiteral(TAKT_SOURCE_DIR "/assets/sample/plant.json"));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object().value(QStringLiteral("name")).toString();
}

} // namespace

class TestExports : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QVERIFY2(
            qEnvironmentVariableIsSet("DISPLAY"),
            "these tests draw the 3D view: run them under xvfb-run -s \"-screen 0 1920x1080x24\"");
        QVERIFY2(QFile::exists(QStringLiteral(TAKT_SAMPLE_SHIFT)), TAKT_SAMPLE_SHIFT " is missing");
        QVERIFY(m_dir.isValid());
    }

    void renderMatchesBaseline()
    {
        const QString name = QStringLiteral("render_sample_0310_800x500");
        const QString out = m_dir.filePath(name + ".png");
        const Run r = runTakt(
            {"render", TAKT_SAMPLE_SHIFT, "--at", "03:10:00", "--size", "800x500", "--out", out});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QImage actual(out);
        QCOMPARE(actual.size(), QSize(800, 500));
        QVERIFY2(testing::dominantShare(actual) < 0.9, "the rendered view is nearly empty");
        // Looser than the charts: llvmpipe versions rasterise thin 3D edges differently.
        const auto check = testing::checkBaseline(actual, name, 3.0, 0.02);
        QVERIFY2(check.ok, qPrintable(check.message));
    }

    void renderShowsAnotherMomentDifferently()
    {
        // The overlays follow the replay: two moments of the shift give two different images.
        const QString a = m_dir.filePath("a.png"), b = m_dir.filePath("b.png");
        QCOMPARE(runTakt({"render", TAKT_SAMPLE_SHIFT, "--at", "00:00:00", "--size", "640x400",
                          "--out", a})
                     .exitCode,
                 0);
        QCOMPARE(runTakt({"render", TAKT_SAMPLE_SHIFT, "--at", "03:58:00", "--size", "640x400",
                          "--out", b})
                     .exitCode,
                 0);
        const testing::ImageDiff diff = testing::compareImages(QImage(a), QImage(b), 24);
        QVERIFY(diff.sameSize);
        QVERIFY2(diff.differingShare > 0.001, "the start and 03:58 look the same");
    }

    void renderErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        const QString s = QStringLiteral(TAKT_SAMPLE_SHIFT);
        const QString out = m_dir.filePath("err.png");
        QTest::newRow("no file") << QStringList{"render", "--out", out} << 2 << "FILE is required";
        QTest::newRow("no --out") << QStringList{"render", s} << 2 << "--out";
        QTest::newRow("bad size") << QStringList{"render", s, "--size", "big", "--out", out} << 2
                                  << "--size";
        QTest::newRow("tiny size")
            << QStringList{"render", s, "--size", "100x100", "--out", out} << 2 << "--size";
        QTest::newRow("bad time") << QStringList{"render", s, "--at", "noon", "--out", out} << 2
                                  << "02:15:00";
        QTest::newRow("unknown option")
            << QStringList{"render", s, "--zoom", "2", "--out", out} << 2 << "--zoom";
        QTest::newRow("missing file")
            << QStringList{"render", "/nonexistent/x.takt", "--out", out} << 1 << "x.takt";
        QTest::newRow("corrupt session")
            << QStringList{"render", m_dir.filePath("corrupt.takt"), "--out", out} << 1
            << "corrupt.takt";
        QTest::newRow("outside recording")
            << QStringList{"render", s, "--at", "23:00:00", "--out", out} << 2
            << "--at 23:00:00 lies outside the recording";
        QTest::newRow("unwritable")
            << QStringList{"render", s, "--out", "/nonexistent/dir/x.png"} << 1 << "cannot write";
    }

    void renderErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        QFile corrupt(m_dir.filePath("corrupt.takt"));
        QVERIFY(corrupt.open(QIODevice::WriteOnly));
        corrupt.write(QByteArray(4096, 'x'));
        corrupt.close();
        const Run r = runTakt(args);
        QVERIFY2(r.exitCode == exitCode,
                 qPrintable(QStringLiteral("exit %1: %2").arg(r.exitCode).arg(r.err)));
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QVERIFY(!QFile::exists(m_dir.filePath("err.png")));
    }

    void renderWithoutDisplayFailsClearly()
    {
        auto env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("DISPLAY"));
        env.remove(QStringLiteral("WAYLAND_DISPLAY"));
        env.remove(QStringLiteral("QT_QPA_PLATFORM"));
        const Run r =
            runTakt({"render", TAKT_SAMPLE_SHIFT, "--out", m_dir.filePath("nd.png")}, env);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("DISPLAY"), qPrintable(r.err));
    }

    void reportWritesPdf()
    {
        const QString out = m_dir.filePath("report.pdf");
        const Run r = runTakt({"report", TAKT_SAMPLE_SHIFT, "--out", out});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.err.contains("snapshot 1/"), qPrintable(r.err)); // progress on stderr
        QFile f(out);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray pdf = f.readAll();
        QVERIFY(pdf.startsWith("%PDF"));
        qsizetype n = 0;
        auto it = QRegularExpression(QStringLiteral("/Type\\s*/Page(?!s)"))
                      .globalMatch(QString::fromLatin1(pdf));
        while (it.hasNext()) {
            it.next();
            ++n;
        }
        QCOMPARE(n, qsizetype(6));
        // The text is compressed inside the PDF: read it back with poppler's pdftotext.
        const QString pdftotext = QStandardPaths::findExecutable(QStringLiteral("pdftotext"));
        QVERIFY2(!pdftotext.isEmpty(),
                 "pdftotext (poppler-utils) is missing: tools/bootstrap.sh installs it");
        QProcess p;
        p.start(pdftotext, {out, QStringLiteral("-")});
        QVERIFY(p.waitForFinished(60'000));
        const QString text = QString::fromUtf8(p.readAllStandardOutput());
        const QString plant = samplePlantName();
        QVERIFY(!plant.isEmpty());
        QVERIFY2(text.contains(plant),
                 qPrintable("no plant name in the report: " + text.left(400)));
        for (const char* heading : {"Throughput", "OEE", "First-pass yield", "Average bottleneck",
                                    "Top losses", "Longest stoppage"})
            QVERIFY2(text.contains(QLatin1String(heading)), heading);
    }

    void reportRejectsNonSession()
    {
        const Run r =
            runTakt({"report", QStringLiteral(TAKT_SOURCE_DIR "/tests/data/small_layout.obj"),
                     "--out", m_dir.filePath("r.pdf")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("not a session"), qPrintable(r.err));
        QCOMPARE(runTakt({"report", TAKT_SAMPLE_SHIFT}).exitCode, 2);
    }

    void videoHasTheExpectedFrames()
    {
        const QString ffprobe = QStandardPaths::findExecutable(QStringLiteral("ffprobe"));
        QVERIFY2(!ffprobe.isEmpty(), "ffprobe (ffmpeg) is missing: tools/bootstrap.sh installs it");
        const QString out = m_dir.filePath("clip.mp4");
        // 60 s of replay at 30× is 2 s of clip: 20 frames at 10 fps.
        const Run r = runTakt({"video", TAKT_SAMPLE_SHIFT, "--from", "02:00:00", "--to", "02:01:00",
                               "--fps", "10", "--speed", "30", "--size", "480x320", "--out", out});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(QFileInfo(out).size() > 1000);
        QProcess p;
        p.start(ffprobe, {"-v", "error", "-count_frames", "-select_streams", "v:0", "-show_entries",
                          "stream=nb_read_frames,width,height", "-of", "csv=p=0", out});
        QVERIFY(p.waitForFinished(60'000));
        QCOMPARE(QString::fromUtf8(p.readAllStandardOutput()).trimmed(),
                 QStringLiteral("480,320,20"));
    }

    void videoFallsBackToPngWithoutFfmpeg()
    {
        auto env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("TAKT_FFMPEG"), QStringLiteral("none"));
        const Run r =
            runTakt({"video", TAKT_SAMPLE_SHIFT, "--from", "01:00:00", "--to", "01:00:20", "--fps",
                     "5", "--speed", "10", "--size", "400x300", "--out", m_dir.filePath("seq.mp4")},
                    env);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.err.contains("ffmpeg not found"), qPrintable(r.err));
        const QDir frames(m_dir.filePath("seq-frames"));
        QCOMPARE(frames.entryList({"frame-*.png"}, QDir::Files).size(), 10);
        QCOMPARE(QImage(frames.filePath("frame-00000.png")).size(), QSize(400, 300));
    }

    void videoUsageErrors()
    {
        QCOMPARE(
            runTakt({"video", TAKT_SAMPLE_SHIFT, "--to", "01:00:00", "--out", "x.mp4"}).exitCode,
            2);
        QCOMPARE(runTakt({"video", TAKT_SAMPLE_SHIFT, "--from", "x", "--to", "01:00:00", "--out",
                          "x.mp4"})
                     .exitCode,
                 2);
        QCOMPARE(runTakt({"video", TAKT_SAMPLE_SHIFT, "--from", "01:00:00", "--to", "01:00:10",
                          "--fps", "0", "--out", "x.mp4"})
                     .exitCode,
                 2);
        // Issue 14 item 5: times outside the recording are refused as by kpi and render (they
        // were clamped), and --speed nan is refused (it wrote a one-frame clip).
        const Run after = runTakt({"video", TAKT_SAMPLE_SHIFT, "--from", "50:00:00", "--to",
                                   "99:00:00", "--out", m_dir.filePath("late.mp4")});
        QCOMPARE(after.exitCode, 2);
        QVERIFY2(after.err.contains("--from 50:00:00 lies outside the recording"),
                 qPrintable(after.err));
        QVERIFY(!QFile::exists(m_dir.filePath("late.mp4")));
        const Run nan = runTakt({"video", TAKT_SAMPLE_SHIFT, "--from", "01:00:00", "--to",
                                 "01:00:10", "--speed", "nan", "--out", m_dir.filePath("nan.mp4")});
        QCOMPARE(nan.exitCode, 2);
        QVERIFY2(nan.err.contains("--speed"), qPrintable(nan.err));
        QVERIFY(!QFile::exists(m_dir.filePath("nan.mp4")));
    }

private:
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestExports)
#include "test_exports.moc"
