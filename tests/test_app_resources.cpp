// What Takt ships beside its binary (issue 11, items 5 and 6): the data folder found relative to
// the executable (no build machine path compiled in), the window icon from the Qt resources, and
// the MIME type that makes a double-clicked .takt session open in Takt.
#include "app/app_resources.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QIcon>
#include <QMimeDatabase>
#include <QTemporaryDir>
#include <QTest>

using namespace takt::app;

namespace {

const QString kStaged = QStringLiteral(TAKT_BINARY_DIR "/share/takt");
const QString kResources = QStringLiteral(TAKT_SOURCE_DIR "/resources");

bool touch(const QString& path)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write("x") == 1;
}

} // namespace

class TestAppResources : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_xdg;

private slots:
    void initTestCase()
    {
        QVERIFY(m_xdg.isValid());
        // The MIME type as installed (share/mime/packages/takt.xml), ahead of the system's.
        QVERIFY(QDir().mkpath(m_xdg.filePath(QStringLiteral("mime/packages"))));
        QVERIFY(QFile::copy(kResources + QStringLiteral("/takt-mime.xml"),
                            m_xdg.filePath(QStringLiteral("mime/packages/takt.xml"))));
        qputenv("XDG_DATA_DIRS",
                (m_xdg.path() + QStringLiteral(":/usr/local/share:/usr/share")).toUtf8());
        qunsetenv("TAKT_DATA_DIR");
        qunsetenv("TAKT_SAMPLE_SHIFT");
        qunsetenv("TAKT_SAMPLE_DIR");
    }

    void cleanup()
    {
        qunsetenv("TAKT_DATA_DIR");
        qunsetenv("TAKT_SAMPLE_SHIFT");
    }

    // This test runs from BUILD/tests, as takt runs from BUILD/app: both find BUILD/share/takt,
    // the folder the build stages like an installed PREFIX/share/takt.
    void dataIsFoundBesideTheExecutable()
    {
        const QStringList dirs = dataDirectories();
        QCOMPARE(dirs, QStringList{QDir::cleanPath(QCoreApplication::applicationDirPath() +
                                                   QStringLiteral("/../share/takt"))});
        QCOMPARE(QFileInfo(dirs.constFirst()).canonicalFilePath(),
                 QFileInfo(kStaged).canonicalFilePath());
        QCOMPARE(findDataFile(QStringLiteral("sample/plant.json")),
                 dirs.constFirst() + QStringLiteral("/sample/plant.json"));
        QVERIFY(findDataFile(QStringLiteral("sample/no-such-file")).isEmpty());
    }

    void noArgumentsOpensTheSampleShift()
    {
        const QString path = defaultDocumentPath();
        QCOMPARE(path,
                 dataDirectories().constFirst() + QStringLiteral("/sample/sample-shift.takt"));
        QVERIFY2(QFileInfo(path).isFile(), qPrintable(path));
    }

    void dataDirFromTheEnvironmentComesFirst()
    {
        QTemporaryDir data;
        QVERIFY(touch(data.filePath(QStringLiteral("sample/sample-shift.takt"))));
        qputenv("TAKT_DATA_DIR", data.path().toUtf8());
        QCOMPARE(dataDirectories().size(), 2);
        QCOMPARE(dataDirectories().constFirst(), QDir::cleanPath(data.path()));
        QCOMPARE(defaultDocumentPath(), data.filePath(QStringLiteral("sample/sample-shift.takt")));
        // What it lacks is still found beside the executable.
        QCOMPARE(findDataFile(QStringLiteral("sample/layout.glb")),
                 dataDirectories().constLast() + QStringLiteral("/sample/layout.glb"));
    }

    void sampleShiftFromTheEnvironmentWins()
    {
        QTemporaryDir data;
        const QString shift = data.filePath(QStringLiteral("other.takt"));
        QVERIFY(touch(shift));
        qputenv("TAKT_SAMPLE_SHIFT", shift.toUtf8());
        QCOMPARE(defaultDocumentPath(), shift);
        qputenv("TAKT_SAMPLE_SHIFT", data.filePath(QStringLiteral("missing.takt")).toUtf8());
        QCOMPARE(defaultDocumentPath(),
                 dataDirectories().constFirst() + QStringLiteral("/sample/sample-shift.takt"));
    }

    void windowIconComesFromTheResources()
    {
        const QIcon icon = applicationIcon();
        QVERIFY(!icon.isNull());
        const QList<QSize> sizes = icon.availableSizes();
        for (int s : {16, 24, 32, 48, 64, 128, 256})
            QVERIFY2(sizes.contains(QSize(s, s)), qPrintable(QString::number(s)));
        const QImage image = icon.pixmap(QSize(64, 64)).toImage();
        QCOMPARE(image.size(), QSize(64, 64));
        // The corner is transparent, the middle is the dark tile.
        QCOMPARE(qAlpha(image.pixel(0, 0)), 0);
        QCOMPARE(qAlpha(image.pixel(32, 32)), 255);
    }

    void sessionsHaveTheirOwnMimeType()
    {
        const QString shift = defaultDocumentPath();
        QMimeDatabase db;
        const QMimeType session = db.mimeTypeForFile(shift);
        QCOMPARE(session.name(), QStringLiteral("application/x-takt-session"));
        QVERIFY(session.inherits(QStringLiteral("application/vnd.sqlite3")));
        QCOMPARE(db.mimeTypeForFile(shift, QMimeDatabase::MatchExtension).name(), session.name());

        // The same bytes under another name are a plain SQLite database: the content alone does
        // not claim every SQLite file for Takt.
        QTemporaryDir tmp;
        const QString plain = tmp.filePath(QStringLiteral("plain"));
        QVERIFY(QFile::copy(shift, plain));
        QCOMPARE(db.mimeTypeForFile(plain, QMimeDatabase::MatchContent).name(),
                 QStringLiteral("application/vnd.sqlite3"));
    }

    void desktopEntryOpensSessions()
    {
        QFile desktop(kResources + QStringLiteral("/takt.desktop"));
        QVERIFY(desktop.open(QIODevice::ReadOnly | QIODevice::Text));
        const QString text = QString::fromUtf8(desktop.readAll());
        QVERIFY(text.contains(QStringLiteral("\nMimeType=application/x-takt-session;")));
        QVERIFY(text.contains(QStringLiteral("\nExec=takt %f\n")));
        QVERIFY(text.contains(QStringLiteral("\nIcon=takt\n")));
        QFile metainfo(kResources + QStringLiteral("/org.takt.Takt.metainfo.xml"));
        QVERIFY(metainfo.open(QIODevice::ReadOnly | QIODevice::Text));
        const QString meta = QString::fromUtf8(metainfo.readAll());
        QVERIFY(meta.contains(
            QStringLiteral("<launchable type=\"desktop-id\">takt.desktop</launchable>")));
        QVERIFY(meta.contains(QStringLiteral("<mediatype>application/x-takt-session</mediatype>")));
    }
};

QTEST_MAIN(TestAppResources)
#include "test_app_resources.moc"
