// The render tests' image comparison (issue 11, habits): a failing comparison leaves the actual
// image and a diff image beside it; TAKT_UPDATE_BASELINES rewrites a baseline and passes, so
// that the test goes on to its other assertions instead of skipping them.
#include "image_compare.h"

#include <QtTest>

#include <QTemporaryDir>

using namespace takt;

namespace {
QImage flat(QColor c, QSize size = QSize(64, 48))
{
    QImage image(size, QImage::Format_RGB32);
    image.fill(c);
    return image;
}
} // namespace

class TestImageCompare : public QObject {
    Q_OBJECT

private slots:
    void init() { qunsetenv("TAKT_UPDATE_BASELINES"); }
    void cleanup() { qunsetenv("TAKT_UPDATE_BASELINES"); }

    void matchingImagePassesAndWritesNothing()
    {
        QTemporaryDir dir;
        QVERIFY(flat(Qt::white).save(dir.filePath("same.png")));
        QFile::remove(QStringLiteral(TAKT_BINARY_DIR "/tests/actual/same-diff.png"));
        const auto check = testing::checkBaselineIn(dir.path(), flat(Qt::white), "same", 1.0, 0.01);
        QVERIFY2(check.ok, qPrintable(check.message));
        QVERIFY(!check.written);
        QVERIFY(!QFile::exists(QStringLiteral(TAKT_BINARY_DIR "/tests/actual/same-diff.png")));
    }

    void mismatchWritesActualAndDiffImages()
    {
        QTemporaryDir dir;
        QVERIFY(flat(Qt::white).save(dir.filePath("moved.png")));
        QImage actual = flat(Qt::white);
        for (int y = 10; y < 20; ++y)
            for (int x = 30; x < 50; ++x)
                actual.setPixel(x, y, qRgb(0, 0, 0));
        const QString diffPath = QStringLiteral(TAKT_BINARY_DIR "/tests/actual/moved-diff.png");
        QFile::remove(diffPath);
        const auto check = testing::checkBaselineIn(dir.path(), actual, "moved", 1.0, 0.01);
        QVERIFY(!check.ok);
        QVERIFY2(check.message.contains(diffPath), qPrintable(check.message));
        QVERIFY(QFile::exists(QStringLiteral(TAKT_BINARY_DIR "/tests/actual/moved.png")));
        const QImage diff(diffPath);
        QCOMPARE(diff.size(), actual.size());
        // Exactly the changed 20×10 block is marked; the rest is the faded actual image.
        QCOMPARE(testing::countColour(diff, QColor(255, 0, 255), 0), 200);
        QVERIFY(QColor(diff.pixel(5, 5)) != QColor(255, 0, 255));
        QCOMPARE(QColor(diff.pixel(35, 15)), QColor(255, 0, 255));
    }

    void sizeMismatchSaysBothSizes()
    {
        QTemporaryDir dir;
        QVERIFY(flat(Qt::white).save(dir.filePath("resized.png")));
        const auto check = testing::checkBaselineIn(dir.path(), flat(Qt::white, QSize(32, 48)),
                                                    "resized", 1.0, 0.01);
        QVERIFY(!check.ok);
        QVERIFY2(check.message.contains("size 32x48 against 64x48"), qPrintable(check.message));
    }

    void updateRewritesTheBaselineAndPasses()
    {
        QTemporaryDir dir;
        QVERIFY(flat(Qt::white).save(dir.filePath("updated.png")));
        qputenv("TAKT_UPDATE_BASELINES", "1");
        const auto check =
            testing::checkBaselineIn(dir.path(), flat(Qt::red), "updated", 1.0, 0.01);
        // ok: the caller's QVERIFY passes and its later assertions still run.
        QVERIFY2(check.ok, qPrintable(check.message));
        QVERIFY(check.written);
        QCOMPARE(QColor(QImage(dir.filePath("updated.png")).pixel(0, 0)), QColor(Qt::red));
        qunsetenv("TAKT_UPDATE_BASELINES");
        QVERIFY(testing::checkBaselineIn(dir.path(), flat(Qt::red), "updated", 1.0, 0.01).ok);
    }
};

QTEST_GUILESS_MAIN(TestImageCompare)
#include "test_image_compare.moc"
