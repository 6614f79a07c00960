// placeholder replaced below
#include <QtTest>
class TestManifest : public QObject { Q_OBJECT };
QTEST_APPLESS_MAIN(TestManifest)
#include "test_manifest.moc"
