// Hostile inputs, part two (issue 14, item 4): deterministically mutated layouts (GLB, glTF, OBJ,
// STL, PLY) through `takt import-check` and the isolated importer, mutated session files through
// `takt kpi`, hostile command lines, a FIFO handed to import-check, and a sparse layout whose
// size claims gigabytes. Every case runs the real program and asserts: one line naming the file,
// an exit code from the documented set (README, Command line), the input unchanged, no file left
// behind (in the input's folder or in TMPDIR) and a bounded time.
#include "file_bytes.h"
#include "glb_builder.h"
#include "test_plants.h"
#include "twin/session_store.h"

#include <QtTest>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>

#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdint>

using namespace takt;

namespace {

constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;

/// A tiny deterministic generator (the same bytes on every platform, unlike std::uniform_*).
struct Lcg {
    std::uint64_t state;
    std::uint32_t next()
    {
        state = state * 6364136223846793005ull + 1442695040888963407ull;
        return std::uint32_t(state >> 33);
    }
    int below(int n) { return n <= 0 ? 0 : int(next() % std::uint32_t(n)); }
};

/// The mutations applied to every seed file, by name.
const QStringList kMutations = {"truncate-half", "truncate-16", "flip-bits",       "ff-run",
                                "huge-numbers",  "zero-tail",   "duplicate-middle"};

QByteArray mutate(const QByteArray& in, const QString& how, std::uint64_t seed)
{
    Lcg rng{seed};
    QByteArray b = in;
    if (how == "truncate-half")
        return b.left(b.size() / 2);
    if (how == "truncate-16")
        return b.left(16);
    if (how == "flip-bits") {
        for (int i = 0; i < 12; ++i)
            b[rng.below(int(b.size()))] ^= char(1 << rng.below(8));
        return b;
    }
    if (how == "ff-run") {
        const int at = rng.below(int(b.size()) - 16);
        for (int i = 0; i < 16; ++i)
            b[at + i] = char(0xff);
        return b;
    }
    if (how == "huge-numbers") {
        // Text: every number becomes 4294967295; binary: every 4th little-endian word becomes
        // 0x7fffffff (counts, lengths and offsets all claim gigabytes).
        if (b.startsWith("glTF") || b.startsWith("solid binary") || (b.size() > 80 && b[0] == 0)) {
            for (int i = 8; i + 4 <= b.size(); i += 16) {
                const std::uint32_t v = 0x7fffffff;
                std::memcpy(b.data() + i, &v, 4);
            }
            return b;
        }
        return QString::fromLatin1(b)
            .replace(QRegularExpression("[0-9]+"), "4294967295")
            .toLatin1();
    }
    if (how == "zero-tail") {
        const int at = b.size() / 3;
        for (int i = at; i < b.size(); ++i)
            b[i] = 0;
        return b;
    }
    if (how == "duplicate-middle")
        return b.left(b.size() / 2) + b.mid(b.size() / 4);
    return b;
}

/// Seed layouts: small and valid, one per format the importer is asked about most.
QByteArray seedLayout(const QString& ext)
{
    if (ext == "glb")
        return tests::toGlb(tests::triangleScene());
    if (ext == "gltf") {
        auto p = tests::triangleScene();
        QJsonArray buffers{QJsonObject{
            {"byteLength", 44},
            {"uri", QString("data:application/octet-stream;base64,") + p.bin.toBase64()}}};
        p.json["buffers"] = buffers;
        return QJsonDocument(p.json).toJson();
    }
    if (ext == "obj")
        return QByteArray::fromStdString(
            testing::readAll(std::string(TAKT_SOURCE_DIR) + "/tests/data/small_layout.obj"));
    if (ext == "stl")
        return "solid ST10\n facet normal 0 0 1\n  outer loop\n   vertex 0 0 0\n"
               "   vertex 1 0 0\n   vertex 0 1 0\n  endloop\n endfacet\n"
               " facet normal 0 0 1\n  outer loop\n   vertex 1 0 0\n   vertex 1 1 0\n"
               "   vertex 0 1 0\n  endloop\n endfacet\nendsolid ST10\n";
    if (ext == "binary.stl") {
        QByteArray b(80, '\0');
        b.replace(0, 12, "solid binary");
        const std::uint32_t n = 2;
        b.append(reinterpret_cast<const char*>(&n), 4);
        const float tri[2][12] = {{0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0},
                                  {0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 0}};
        for (const auto& t : tri) {
            b.append(reinterpret_cast<const char*>(t), sizeof t);
            b.append(2, '\0');
        }
        return b;
    }
    if (ext == "ply")
        return "ply\nformat ascii 1.0\ncomment ST10\nelement vertex 4\nproperty float x\n"
               "property float y\nproperty float z\nelement face 2\n"
               "property list uchar int vertex_indices\nend_header\n0 0 0\n1 0 0\n1 1 0\n0 1 0\n"
               "3 0 1 2\n3 0 2 3\n";
    return {};
}

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
    qint64 ms = 0;
    bool timedOut = false;
};

/// Runs the real takt with TMPDIR pointing at `tmpDir` (so what the importer leaves is seen).
Run runTakt(const QStringList& args, const QString& tmpDir, int timeoutMs = 150'000)
{
    QProcess p;
    auto env = QProcessEnvironment::systemEnvironment();
    env.insert("TMPDIR", tmpDir);
    p.setProcessEnvironment(env);
    QElapsedTimer t;
    t.start();
    p.start(QStringLiteral(TAKT_EXECUTABLE), args);
    Run r;
    if (!p.waitForStarted(10000))
        return r;
    if (!p.waitForFinished(timeoutMs)) {
        r.timedOut = true;
        p.kill();
        p.waitForFinished(5000);
    }
    r.ms = t.elapsed();
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

QStringList entries(const QString& folder)
{
    return QDir(folder).entryList(QDir::AllEntries | QDir::Hidden | QDir::System |
                                  QDir::NoDotAndDotDot);
}

QString fileExt(const QString& ext)
{
    return ext == "binary.stl" ? QStringLiteral("stl") : ext;
}

/// Peak resident memory of all children waited for so far, MiB.
double childrenPeakMiB()
{
    rusage u{};
    getrusage(RUSAGE_CHILDREN, &u);
    return double(u.ru_maxrss) / 1024.0;
}

} // namespace

class TestHostileInputs : public QObject {
    Q_OBJECT
private slots:
    // Runs first, so that the peak memory of children is this import's alone.
    void sparseLayoutClaimingGigabytesBounded_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<qint64>("size");
        QTest::addColumn<QString>("expected");
        // Refused by its size before the helper reads a byte.
        QTest::newRow("2 GiB sparse glb") << "big.glb" << (qint64(2) << 30) << "at most";
        // Under the size limit: the header's claim is checked against the file before Assimp
        // allocates for it (the helper's address space is also capped: 2 GiB plus 16 times
        // the file).
        QTest::newRow("64 MiB sparse ply claiming 2^31 vertices")
            << "claims.ply" << (qint64(64) << 20) << "shorter than its header declares";
    }
    void sparseLayoutClaimingGigabytesBounded()
    {
        QFETCH(QString, name);
        QFETCH(qint64, size);
        QFETCH(QString, expected);
        QTemporaryDir dir, tmp;
        const QString path = dir.filePath(name);
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            if (name.endsWith(".glb")) {
                // A GLB header whose total length claims 2 GiB.
                QByteArray h("glTF");
                const std::uint32_t v[2] = {2, std::uint32_t(size)};
                h.append(reinterpret_cast<const char*>(v), 8);
                f.write(h);
            } else {
                f.write("ply\nformat binary_little_endian 1.0\nelement vertex 2147483647\n"
                        "property float x\nproperty float y\nproperty float z\nend_header\n");
            }
            QVERIFY(f.resize(size)); // sparse: no blocks written
        }
        const auto r = runTakt({"import-check", path}, tmp.path(), 120'000);
        QVERIFY2(!r.timedOut, "import-check did not finish");
        QCOMPARE(r.exitCode, kExitFailure);
        QCOMPARE(r.err.trimmed().count('\n'), 0);
        QVERIFY2(r.err.startsWith("takt import-check: " + path + ": "), qPrintable(r.err));
        if (!expected.isEmpty())
            QVERIFY2(r.err.contains(expected), qPrintable(r.err));
        QVERIFY2(r.ms < 60'000, qPrintable(QString::number(r.ms)));
        qInfo("%s: %.1f s, children's peak %.0f MiB: %s", qPrintable(name), r.ms / 1000.0,
              childrenPeakMiB(), qPrintable(r.err.trimmed()));
        // The helper reaches 2 GiB + 16 x 64 MiB of address space at the most; resident memory
        // stays well below it (it once reached 6.7 GB on such a file).
        QVERIFY2(childrenPeakMiB() < 3100, qPrintable(QString::number(childrenPeakMiB())));
        QCOMPARE(entries(dir.path()), QStringList{name});
        QCOMPARE(entries(tmp.path()), QStringList{});
    }

    void importCheckRefusesFifoAtOnce()
    {
        QTemporaryDir dir, tmp;
        const QString path = dir.filePath("pipe.glb");
        QCOMPARE(::mkfifo(QFile::encodeName(path).constData(), 0644), 0);
        const auto r = runTakt({"import-check", path}, tmp.path(), 20'000);
        QVERIFY2(!r.timedOut, "import-check hung on a FIFO");
        QCOMPARE(r.exitCode, kExitFailure);
        QCOMPARE(r.err.trimmed(),
                 "takt import-check: " + path + ": is a named pipe (FIFO), not a file");
        QVERIFY(r.ms < 10'000);
        QCOMPARE(entries(tmp.path()), QStringList{});
    }

    void mutatedLayouts_data()
    {
        QTest::addColumn<QString>("ext");
        QTest::addColumn<QString>("mutation");
        for (const char* ext : {"glb", "gltf", "obj", "stl", "binary.stl", "ply"})
            for (const auto& m : kMutations)
                QTest::newRow(qPrintable(QString("%1 %2").arg(ext, m))) << QString(ext) << m;
    }
    void mutatedLayouts()
    {
        QFETCH(QString, ext);
        QFETCH(QString, mutation);
        const QByteArray seed = seedLayout(ext);
        QVERIFY(!seed.isEmpty());
        const QByteArray bytes =
            mutate(seed, mutation, qHash(QString(QTest::currentDataTag())) + 1);
        QTemporaryDir dir, tmp;
        const QString name = "layout." + fileExt(ext);
        const QString path = dir.filePath(name);
        testing::writeAll(path.toStdString(), bytes.toStdString());
        const auto r = runTakt({"import-check", path}, tmp.path());
        QVERIFY2(!r.timedOut, "import-check hung");
        QVERIFY2(r.exitCode == kExitOk || r.exitCode == kExitFailure, qPrintable(r.err));
        if (r.exitCode == kExitOk) {
            QCOMPARE(r.out.trimmed().count('\n'), 0);
            QVERIFY2(r.out.startsWith(path + ": "), qPrintable(r.out));
        } else {
            QCOMPARE(r.err.trimmed().count('\n'), 0);
            QVERIFY2(r.err.startsWith("takt import-check: " + path + ": "), qPrintable(r.err));
        }
        QVERIFY2(r.ms < 60'000, qPrintable(QString::number(r.ms)));
        QCOMPARE(QByteArray::fromStdString(testing::readAll(path.toStdString())), bytes);
        QCOMPARE(entries(dir.path()), QStringList{name});
        QCOMPARE(entries(tmp.path()), QStringList{});
    }

    void mutatedSessions_data()
    {
        QTest::addColumn<QString>("mutation");
        QTest::addColumn<int>("offset"); // where the mutation starts; -1: anywhere
        for (const auto& m : kMutations)
            QTest::newRow(qPrintable(m)) << m << -1;
        // The SQLite header (page size, counts, schema cookie) and the application_id word.
        QTest::newRow("header page size") << "ff-run" << 16;
        QTest::newRow("header schema") << "ff-run" << 40;
        QTest::newRow("application id") << "ff-run" << 68;
        QTest::newRow("second page") << "ff-run" << 4096 + 8;
    }
    void mutatedSessions()
    {
        QFETCH(QString, mutation);
        QFETCH(int, offset);
        QTemporaryDir dir, tmp;
        const QString path = dir.filePath("s.takt");
        {
            auto store =
                twin::SessionStore::create(path.toStdString(), twin::testing::smallPlant());
            const auto rec = store.beginRecording(twin::RecordingKind::Simulated, "r", 1'000'000);
            std::vector<twin::Event> events;
            for (int i = 0; i < 200; ++i) {
                events.push_back(twin::Event::partEnter(1'000'000 + i * 1000, 0, i, 0));
                events.push_back(twin::Event::partLeave(1'000'500 + i * 1000, 0, i, 0));
            }
            store.writeEvents(rec, events);
            store.addBookmark(rec, 1'050'000, "half");
            store.endRecording(rec, 1'300'000);
        }
        QByteArray bytes = QByteArray::fromStdString(testing::readAll(path.toStdString()));
        if (offset >= 0) {
            for (int i = 0; i < 16 && offset + i < bytes.size(); ++i)
                bytes[offset + i] = char(0xff);
        } else {
            bytes = mutate(bytes, mutation, qHash(QString(QTest::currentDataTag())) + 7);
        }
        testing::writeAll(path.toStdString(), bytes.toStdString());
        const auto r = runTakt({"kpi", path}, tmp.path(), 60'000);
        QVERIFY2(!r.timedOut, "kpi hung");
        QVERIFY2(r.exitCode == kExitOk || r.exitCode == kExitFailure, qPrintable(r.err));
        if (r.exitCode == kExitFailure) {
            QCOMPARE(r.err.trimmed().count('\n'), 0);
            QVERIFY2(r.err.contains(path), qPrintable(r.err));
        }
        QVERIFY2(r.ms < 30'000, qPrintable(QString::number(r.ms)));
        QCOMPARE(QByteArray::fromStdString(testing::readAll(path.toStdString())), bytes);
        QCOMPARE(entries(dir.path()), QStringList{"s.takt"});
    }

    void hostileCommandLines_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("expected"); // a word the one line must hold
        const QString sample = TAKT_SAMPLE_SHIFT;
        const QString plant = QString(TAKT_SOURCE_DIR) + "/tests/data/small_plant.json";
        QTest::newRow("unknown verb") << QStringList{"frobnicate"} << kExitUsage << "frobnicate";
        QTest::newRow("kpi from nan")
            << QStringList{"kpi", sample, "--from", "nan"} << kExitUsage << "nan";
        QTest::newRow("kpi recording huge")
            << QStringList{"kpi", sample, "--recording", "18446744073709551615"} << kExitUsage
            << "18446744073709551615";
        QTest::newRow("kpi recording negative")
            << QStringList{"kpi", sample, "--recording", "-1"} << kExitUsage << "-1";
        QTest::newRow("kpi from after end")
            << QStringList{"kpi", sample, "--from", "50:00:00", "--to", "99:00:00"} << kExitUsage
            << "50:00:00";
        QTest::newRow("kpi 64 KiB argument")
            << QStringList{"kpi", QString(65536, 'x') + ".takt"} << kExitFailure << "too long";
        QTest::newRow("kpi invalid utf-8")
            << QStringList{"kpi", QString::fromLatin1("\xff\xfe.takt")} << kExitFailure
            << "no such file";
        QTest::newRow("simulate hours inf")
            << QStringList{"simulate", plant, "--hours", "inf", "--out", "OUT"} << kExitUsage
            << "inf";
        QTest::newRow("simulate hours 1e308")
            << QStringList{"simulate", plant, "--hours", "1e308", "--out", "OUT"} << kExitUsage
            << "1e308";
        QTest::newRow("simulate seed text")
            << QStringList{"simulate", plant, "--seed", "0x", "--out", "OUT"} << kExitUsage << "0x";
        QTest::newRow("simulate option twice")
            << QStringList{"simulate", plant, "--hours", "1", "--hours", "2", "--out", "OUT"}
            << kExitUsage << "hours";
        QTest::newRow("video speed nan")
            << QStringList{"video",    sample,    "--from", "00:00:00", "--to",
                           "00:01:00", "--speed", "nan",    "--out",    "OUT.mp4"}
            << kExitUsage << "nan";
        QTest::newRow("render size huge")
            << QStringList{"render", sample, "--size", "100000x100000", "--out", "OUT.png"}
            << kExitUsage << "100000x100000";
        QTest::newRow("import-check no file")
            << QStringList{"import-check"} << kExitUsage << "LAYOUT";
    }
    void hostileCommandLines()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QString, expected);
        QTemporaryDir dir, tmp;
        for (auto& a : args)
            if (a.startsWith("OUT"))
                a = dir.filePath(a);
        auto env = QProcessEnvironment::systemEnvironment();
        // Without a display: usage errors must come before anything needs one.
        env.remove("DISPLAY");
        env.remove("WAYLAND_DISPLAY");
        env.insert("TMPDIR", tmp.path());
        QProcess p;
        p.setProcessEnvironment(env);
        QElapsedTimer t;
        t.start();
        p.start(QStringLiteral(TAKT_EXECUTABLE), args);
        QVERIFY(p.waitForStarted(10000));
        QVERIFY2(p.waitForFinished(30'000), "takt did not finish");
        const QString err = QString::fromUtf8(p.readAllStandardError()).trimmed();
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QVERIFY2(p.exitCode() == exitCode,
                 qPrintable(QString("exit %1: %2").arg(p.exitCode()).arg(err.left(300))));
        QVERIFY2(!err.isEmpty() && err.count('\n') <= 1, qPrintable(err.left(500)));
        QVERIFY2(err.contains(expected), qPrintable(err.left(500)));
        QVERIFY(t.elapsed() < 30'000);
        QCOMPARE(entries(dir.path()), QStringList{});
        QCOMPARE(entries(tmp.path()), QStringList{});
    }
};

QTEST_GUILESS_MAIN(TestHostileInputs)
#include "test_hostile_inputs.moc"
