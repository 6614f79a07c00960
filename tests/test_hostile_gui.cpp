// Hostile files handed to the GUI's document loader (issue 14, items 3, 4 and 7): a named pipe
// once left the window at "Reading…" for ever (and the program running after Ctrl+Q), a session
// with a time at INT64_MAX killed it with std::bad_alloc. Each must fail at once with one line
// that says what is wrong.
#include "app/display_text.h"
#include "app/document_loader.h"
#include "app/issues_panel.h"
#include "app/replay_controller.h"
#include "test_plants.h"
#include "twin/session_store.h"

#include <QtTest>
#include <QTreeWidget>

#include <sys/stat.h>
#include <unistd.h>

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
