// takt-sample-gen reproduces the committed sample byte for byte: the manifest and the GLB
// layout in assets/sample/ are exactly what the generator in this tree writes.
#include <QtTest>

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

class TestSampleReproducible : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void sameFiles_data();
    void sameFiles();

private:
    QTemporaryDir m_dir;
};

void TestSampleReproducible::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QProcess gen;
    gen.setProcessChannelMode(QProcess::MergedChannels);
    gen.start(QStringLiteral(TAKT_SAMPLE_GEN), {QStringLiteral("--out"), m_dir.path()});
    QVERIFY2(gen.waitForFinished(240000), "takt-sample-gen did not finish in 4 minutes");
    QVERIFY2(gen.exitStatus() == QProcess::NormalExit && gen.exitCode() == 0,
             gen.readAll().constData());
}

void TestSampleReproducible::sameFiles_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("manifest") << QStringLiteral("plant.json");
    QTest::newRow("layout") << QStringLiteral("layout.glb");
}

void TestSampleReproducible::sameFiles()
{
    QFETCH(QString, name);
    QFile committed(QStringLiteral(TAKT_SOURCE_DIR "/assets/sample/") + name);
    QFile generated(m_dir.filePath(name));
    QVERIFY2(committed.open(QIODevice::ReadOnly), qPrintable(committed.fileName()));
    QVERIFY2(generated.open(QIODevice::ReadOnly), qPrintable(generated.fileName()));
    const QByteArray a = committed.readAll();
    const QByteArray b = generated.readAll();
    QCOMPARE(b.size(), a.size());
    QVERIFY2(a == b, qPrintable(name + QStringLiteral(" differs from the committed sample; "
                                                      "regenerate it with takt-sample-gen")));
}

QTEST_GUILESS_MAIN(TestSampleReproducible)
#include "test_sample_reproducible.moc"
