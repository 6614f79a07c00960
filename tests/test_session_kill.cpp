// A recording process killed with SIGKILL must leave a session that opens, passes
// PRAGMA integrity_check and holds every event up to its last committed batch, losing at most
// the flush interval (250 ms) of events.
#include "sanitized.h"
#include "twin/session_store.h"

#include <QtTest>

using namespace takt::twin;

using takt::testing::kAddressSanitizer;

class TestSessionKill : public QObject {
    Q_OBJECT
private slots:
    void survivesSigkill()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath("killed.takt");
        QProcess child;
        child.setProgram(QStringLiteral(TAKT_WRITER_CHILD));
        child.setArguments({file});
        child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        child.start();
        QVERIFY(child.waitForStarted(5000));

        // Wait for a few commits, remembering the last marker and when each came.
        std::uint64_t committed = 0;
        qint64 lastValueTime = 0;
        int markers = 0;
        qint64 longestGapMs = 0;
        QElapsedTimer sinceMarker;
        QByteArray buffer;
        const auto readMarkers = [&] {
            buffer += child.readAllStandardOutput();
            int nl;
            while ((nl = buffer.indexOf('\n')) >= 0) {
                const auto words = buffer.left(nl).split(' ');
                buffer.remove(0, nl + 1);
                if (words.size() == 3 && words[0] == "committed") {
                    committed = words[1].toULongLong();
                    lastValueTime = words[2].toLongLong();
                    if (markers > 0)
                        longestGapMs = std::max(longestGapMs, sinceMarker.elapsed());
                    sinceMarker.restart();
                    ++markers;
                }
            }
        };
        QElapsedTimer total;
        total.start();
        while (markers < 6 && total.elapsed() < 20000) {
            child.waitForReadyRead(500);
            readMarkers();
        }
        QVERIFY2(markers >= 6, "the child did not report commits");

        // Kill in the middle of writing; QProcess::kill() sends SIGKILL on Unix.
        QTest::qWait(120);
        const qint64 killedAt = QDateTime::currentMSecsSinceEpoch();
        child.kill();
        QVERIFY(child.waitForFinished(5000));
        QCOMPARE(child.exitStatus(), QProcess::CrashExit);
        readMarkers(); // markers printed before death count too

        // Commits must come at least every flush interval (250 ms); the machine is shared
        // with other builds, so allow scheduling slack (more in the asan preset, which runs
        // several times slower: 795 ms was seen there on a loaded machine).
        constexpr qint64 kSlackMs = kAddressSanitizer ? 1750 : 250;
        QVERIFY2(longestGapMs <= 250 + kSlackMs, QByteArray::number(longestGapMs));

        const auto store = SessionStore::open(file.toStdString());
        QCOMPARE(store.integrityCheck(), std::string("ok"));
        const auto rec = store.recordings().at(0).id;
        std::vector<double> values;
        TimeMs lastT = 0;
        store.forEachEvent(rec, [&](const Event& e) {
            values.push_back(e.value);
            lastT = std::max(lastT, e.t);
        });
        QVERIFY2(values.size() >= committed,
                 qPrintable(QString("%1 stored, %2 committed").arg(values.size()).arg(committed)));
        for (std::size_t i = 0; i < values.size(); ++i)
            QCOMPARE(values[i], double(i)); // no hole, nothing out of order
        QVERIFY(lastT >= lastValueTime);
        // At most the flush interval of events is lost (plus scheduling slack on a busy box;
        // more in the asan preset: 1,107 ms was seen there on a loaded machine).
        QVERIFY2(killedAt - lastT <= 250 + (kAddressSanitizer ? kSlackMs : 500),
                 qPrintable(QString("lost %1 ms of events").arg(killedAt - lastT)));
    }
};

QTEST_APPLESS_MAIN(TestSessionKill)
#include "test_session_kill.moc"
