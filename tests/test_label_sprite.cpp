// LabelSprite paints its plate only when it can be seen: a label hidden by decluttering takes
// new text at every scrub step without a paint, keeps its size up to date for decluttering,
// and paints once, with the latest text, when shown again.
#include "render/label_sprite.h"

#include <QtTest>

#include <Qt3DCore/QEntity>

using namespace takt::render;

class TestLabelSprite : public QObject {
    Q_OBJECT
private slots:
    void paintsOnlyWhatIsShown()
    {
        Qt3DCore::QEntity root;
        LabelSprite label(&root, nullptr, QStringLiteral("0/4"), Qt::black, Qt::white);
        QCOMPARE(label.paints(), 1);
        const float shortAspect = label.aspect();

        label.setSuppressed(true);
        QVERIFY(!label.isShown());
        for (int wip = 0; wip < 20; ++wip)
            label.setText(QStringLiteral("%1/12").arg(wip));
        label.setColors(Qt::darkRed, Qt::white);
        QCOMPARE(label.paints(), 1);
        QCOMPARE(label.text(), QStringLiteral("19/12"));
        QVERIFY(label.aspect() > shortAspect); // decluttering sees the new width already

        label.setSuppressed(false);
        QCOMPARE(label.paints(), 2); // once, with the latest text and colours
        label.setSuppressed(false);
        QCOMPARE(label.paints(), 2);

        // Shown: every change paints, once (a new width used to paint twice).
        label.setText(QStringLiteral("BOTTLENECK  GA-FN010"));
        QCOMPARE(label.paints(), 3);
        label.setText(QStringLiteral("BOTTLENECK  GA-FN010"));
        QCOMPARE(label.paints(), 3);
        label.setColors(Qt::darkGreen, Qt::white);
        QCOMPARE(label.paints(), 4);

        // Not wanted at all (settings, distance): the same.
        label.setEnabled(false);
        label.setText(QStringLiteral("x"));
        QCOMPARE(label.paints(), 4);
        label.setEnabled(true);
        QCOMPARE(label.paints(), 5);
    }
};

int main(int argc, char** argv)
{
    // Painting text needs a GUI application, not a display.
    if (qEnvironmentVariableIsEmpty("DISPLAY"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    TestLabelSprite test;
    return QTest::qExec(&test, argc, argv);
}

#include "test_label_sprite.moc"
