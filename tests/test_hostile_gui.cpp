// Hostile files handed to the GUI's document loader (issue 14, items 3, 4 and 7): a named pipe
// once left the window at "Reading…" for ever (and the program running after Ctrl+Q), a session
// with a time at INT64_MAX killed it with std::bad_alloc. Each must fail at once with one line
// that says what is wrong.
#include "app/damage_notice.h"
#include "app/display_text.h"
#include "app/document_loader.h"
#include "app/issues_panel.h"
#include "app/replay_controller.h"
#include "render/isolated_importer.h"
#include "test_plants.h"
#include "twin/session_store.h"
#include "twin/simulator.h"
#include "twin/sqlite_db.h"

#include <QtTest>
#include <QTreeWidget>

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <limits>

using namespace takt;

class TestHostileGui : public QObject {
    Q_OBJECT
private slots:
    void loaderRefusesAtOnce_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("expected");
        QTest::newRow("fifo session") << "fifo"
                                      << "f.takt"
                                      << "named pipe (FIFO)";
        QTest::newRow("fifo manifest") << "fifo"
                                       << "f.json"
                                       << "named pipe (FIFO)";
        QTest::newRow("fifo layout") << "fifo"
                                     << "f.glb"
                                     << "named pipe (FIFO)";
        QTest::newRow("folder session") << "folder"
                                        << "d.takt"
                                        << "is a folder";
        QTest::newRow("dev zero") << "device"
                                  << ""
                                  << "is a device";
        QTest::newRow("symlink loop") << "loop"
                                      << "l.takt"
                                      << "symbolic link loop";
        QTest::newRow("empty session") << "empty"
                                       << "e.takt"
                                       << "is an empty file";
        QTest::newRow("time at INT64_MAX") << "far"
                                           << "far.takt"
                                           << "366 days";
        QTest::newRow("end at INT64_MAX") << "farEnd"
                                          << "far.takt"
                                          << "366 days";
    }
    void loaderRefusesAtOnce()
    {
        QFETCH(QString, kind);
        QFETCH(QString, name);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        QString path = dir.filePath(name);
        const QByteArray p = QFile::encodeName(path);
        if (kind == "fifo") {
            QCOMPARE(::mkfifo(p.constData(), 0644), 0);
        } else if (kind == "folder") {
            QVERIFY(QDir(dir.path()).mkdir(name));
        } else if (kind == "device") {
            path = QStringLiteral("/dev/zero");
        } else if (kind == "loop") {
            QCOMPARE(::symlink(p.constData(), p.constData()), 0);
        } else if (kind == "empty") {
            std::ofstream(p.toStdString());
        } else if (kind == "far" || kind == "farEnd") {
            auto store = twin::SessionStore::create(p.toStdString(), twin::testing::smallPlant());
            const auto rec = store.beginRecording(twin::RecordingKind::Simulated, "r", 1'000'000);
            const auto far = std::numeric_limits<twin::TimeMs>::max();
            store.writeEvents(
                rec, std::vector<twin::Event>{
                         twin::Event::stateChange(1'001'000, 0, twin::StationState::Working),
                         twin::Event::stateChange(kind == "far" ? far : 1'002'000, 0,
                                                  twin::StationState::Blocked)});
            store.endRecording(rec, kind == "far" ? 2'000'000 : far);
        }
        app::DocumentLoader loader;
        QSignalSpy failed(&loader, &app::DocumentLoader::failed);
        QSignalSpy loaded(&loader, &app::DocumentLoader::loaded);
        QElapsedTimer t;
        t.start();
        loader.open(path);
        QVERIFY(failed.count() > 0 || failed.wait(5000));
        QVERIFY2(t.elapsed() < 5000, "the loader took too long");
        QCOMPARE(loaded.count(), 0);
        const QString reason = failed.at(0).at(1).toString();
        QVERIFY2(reason.contains(expected), qPrintable(reason));
        QVERIFY2(!reason.contains('\n'), qPrintable(reason));
        QVERIFY(!loader.isBusy());
    }

    // Issue 14, item 7: a right-to-left override (U+202E) in a station id reversed the rest of
    // its line in the Issues dock. Ids are shown with bidi and control characters escaped.
    void issuesDockEscapesBidiControls()
    {
        const QString rlo = QString(QChar(0x202E));
        const std::string id = "ST10" + rlo.toStdString() + "gnp.exe";
        auto doc = std::make_shared<app::Document>();
        auto plant = twin::testing::smallPlant();
        plant.stations[0].id = id;
        doc->plant = plant;
        doc->binding.unboundStations = {id};
        app::ReplayController replay;
        app::IssuesPanel panel(&replay);
        panel.setDocument(doc);
        QCOMPARE(panel.list()->topLevelItemCount(), 1);
        const QString shown = panel.list()->topLevelItem(0)->text(1);
        QVERIFY2(!shown.contains(rlo), qPrintable(shown));
        QVERIFY2(shown.contains(QStringLiteral("ST10⟨U+202E⟩gnp.exe")), qPrintable(shown));
        // Double-clicking still finds the station by its real id.
        QSignalSpy station(&panel, &app::IssuesPanel::stationRequested);
        panel.activate(0);
        QCOMPARE(station.count(), 1);
        QCOMPARE(station.at(0).at(0).toInt(), 0);
    }

    // A damaged page among a recording's samples (a file too large to check whole on opening)
    // was said only on stderr. The status bar and the Issues list now name the file and what it
    // affects, once a read has met the damage, and not before.
    void damagedSamplesAreShownInTheWindow()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("damaged.takt"));
        const std::string file = path.toStdString();
        auto plant = twin::testing::referenceLikePlant(5.0);
        // A layout to open (the window shows a session through its plant's layout).
        plant.layoutPath = TAKT_SOURCE_DIR "/tests/data/small_layout.obj";
        twin::simulate(plant, 10.0 / 60.0, 5, file);
        std::vector<std::int64_t> leaves;
        std::int64_t pageSize = 0;
        {
            twin::detail::SqliteDb db(file, twin::detail::SqliteDb::Mode::Inspect);
            pageSize = db.queryInt("PRAGMA page_size");
            twin::detail::SqliteStatement st(db, "SELECT pageno FROM dbstat WHERE name = "
                                                 "'measurements' AND pagetype = 'leaf' "
                                                 "ORDER BY pageno");
            while (st.step())
                leaves.push_back(st.int64(0));
        }
        QVERIFY(leaves.size() > 10);
        {
            // The middle third of the samples' pages: about minutes 3 to 7 of the 10.
            std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
            const std::string zeros(std::size_t(pageSize), '\0');
            for (auto i = leaves.size() / 3; i < leaves.size() * 2 / 3; ++i) {
                f.seekp((leaves[i] - 1) * pageSize);
                f.write(zeros.data(), std::streamsize(zeros.size()));
            }
        }
        // As for a recording of days: the bounded check on opening does not read the samples.
        struct Bounded {
            Bounded() { twin::detail::setFullCheckBytes(0); }
            ~Bounded() { twin::detail::setFullCheckBytes(twin::kFullCheckBytes); }
        } bounded;
        render::IsolatedImporter::setHelperCommand(QStringLiteral(TAKT_EXECUTABLE),
                                                   {QStringLiteral("__import-helper")});
        app::DocumentLoader loader;
        std::shared_ptr<app::Document> doc;
        connect(&loader, &app::DocumentLoader::loaded, this,
                [&](std::shared_ptr<app::Document> d) { doc = std::move(d); });
        QSignalSpy failed(&loader, &app::DocumentLoader::failed);
        loader.open(path);
        QTRY_VERIFY_WITH_TIMEOUT(doc || !failed.isEmpty(), 60'000);
        QVERIFY2(doc, qPrintable(failed.isEmpty() ? QString() : failed.at(0).at(1).toString()));

        app::ReplayController replay;
        app::IssuesPanel issues(&replay);
        app::DamageNotice notice(&replay);
        replay.setDocument(doc);
        issues.setDocument(doc);
        const auto damageRows = [&] {
            int n = 0;
            for (const auto& i : issues.issues())
                n += i.text.contains(QStringLiteral("damaged.takt is damaged")) ? 1 : 0;
            return n;
        };
        // The start reads well: nothing is said.
        QVERIFY(notice.isHidden());
        QCOMPARE(damageRows(), 0);

        replay.seek(replay.startMs() + 5 * 60'000);
        QVERIFY(doc->replay->data().fileDamage());
        QVERIFY(!notice.isHidden());
        QVERIFY2(notice.text().contains(QStringLiteral("damaged.takt is damaged: measurements")),
                 qPrintable(notice.text()));
        QVERIFY2(notice.toolTip().contains(path + QStringLiteral(": is damaged (")),
                 qPrintable(notice.toolTip()));
        QCOMPARE(damageRows(), 1);
        const auto& row = *std::find_if(
            issues.issues().begin(), issues.issues().end(), [](const app::IssuesPanel::Issue& i) {
                return i.text.contains(QStringLiteral("damaged.takt is damaged"));
            });
        QVERIFY(row.severity == app::IssuesPanel::Severity::Error);
        QVERIFY2(row.text.contains(QStringLiteral("control-point measurements can no longer be "
                                                  "read")),
                 qPrintable(row.text));
        QVERIFY2(row.text.contains(path + QStringLiteral(": is damaged (")), qPrintable(row.text));
        QVERIFY(!row.text.contains('\n'));
        // Said once, however often the damage is met again.
        replay.seek(replay.startMs() + 6 * 60'000);
        replay.seek(replay.startMs() + 4 * 60'000);
        QCOMPARE(damageRows(), 1);
        // Another document: the word goes with the damaged one.
        replay.setDocument(nullptr);
        issues.setDocument(nullptr);
        QTRY_VERIFY(notice.isHidden());
        QCOMPARE(damageRows(), 0);
    }

    void displayTextEscapesControls_data()
    {
        QTest::addColumn<QString>("in");
        QTest::addColumn<QString>("shown");
        QTest::newRow("plain") << "ST10 Weld"
                               << "ST10 Weld";
        QTest::newRow("rlo") << QString("a") + QChar(0x202E) + "b"
                             << "a⟨U+202E⟩b";
        QTest::newRow("isolate") << QString("a") + QChar(0x2067) + "b"
                                 << "a⟨U+2067⟩b";
        QTest::newRow("rlm") << QString("a") + QChar(0x200F) << "a⟨U+200F⟩";
        QTest::newRow("newline") << "a\nb"
                                 << "a⟨U+000A⟩b";
        QTest::newRow("arabic kept") << QString::fromUtf8("محطة") << QString::fromUtf8("محطة");
        QTest::newRow("umlaut kept")
            << QString::fromUtf8("Prüfung") << QString::fromUtf8("Prüfung");
    }
    void displayTextEscapesControls()
    {
        QFETCH(QString, in);
        QFETCH(QString, shown);
        QCOMPARE(app::displayText(in.toStdString()), shown);
    }
};

QTEST_MAIN(TestHostileGui)
#include "test_hostile_gui.moc"
