// Editing a shift story in the Bookmarks dock (issue 15, item 2), with the dock's own widgets:
// move a moment earlier (Alt+Up) and later (the ▼ button), edit a caption in place (F2, type,
// Enter), undo and redo through Edit › Undo/Redo (Ctrl+Z, Ctrl+Shift+Z), add the event-made
// moments with one click, and reopen the file: the dock, Play Story and `takt story` all tell
// the edited story.
#include "app/bookmarks_dock.h"
#include "app/presentation_mode.h"
#include "app/session_notes.h"
#include "app/shift_story.h"
#include "main_window_support.h"
#include "twin/session_store.h"

#include <QFile>
#include <QLineEdit>
#include <QToolButton>
#include <QTreeWidget>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

using namespace takt;

namespace {

const QStringList kCaptions = {QStringLiteral("Night shift starts"),
                               QStringLiteral("Final assembly loses its rhythm"),
                               QStringLiteral("End of line stops")};
const QString kEdited = QStringLiteral("Night shift starts warm: 58 vehicles in the first hour");

QStringList captionsInDock(app::BookmarksDock* dock)
{
    QStringList out;
    for (int i = 0; i < dock->list()->topLevelItemCount(); ++i)
        out << dock->list()->topLevelItem(i)->text(2);
    return out;
}

QStringList captionsOf(const app::ShiftStory& story)
{
    QStringList out;
    for (const auto& m : story.moments)
        out << m.caption;
    return out;
}

void clickButton(app::BookmarksDock* dock, QAction* action)
{
    QToolButton* button = nullptr;
    for (auto* b : dock->findChildren<QToolButton*>())
        if (b->defaultAction() == action)
            button = b;
    QVERIFY2(button && button->isVisible(), qPrintable(action->text()));
    QTest::mouseClick(button, Qt::LeftButton);
}

} // namespace

class TestStoryEditGui : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_session;

private slots:
    void initTestCase()
    {
        m_session = m_dir.filePath(QStringLiteral("edit.takt"));
        QVERIFY(QFile::copy(QStringLiteral(TAKT_SAMPLE_SHIFT), m_session));
        QFile::setPermissions(m_session, QFile::ReadOwner | QFile::WriteOwner);
        auto store = twin::SessionStore::open(m_session.toStdString(),
                                              twin::SessionStore::Access::ReadWrite);
        const auto rec = store.recordings().back();
        const twin::TimeMs minute = 60'000;
        store.addBookmark(rec.id, rec.startMs + (5 * 60 + 55) * minute, kCaptions[2].toStdString());
        store.addBookmark(rec.id, rec.startMs + 10 * minute, kCaptions[0].toStdString());
        store.addBookmark(rec.id, rec.startMs + (2 * 60 + 55) * minute, kCaptions[1].toStdString());
    }

    void editReorderUndoReopen()
    {
        auto w = testing::openMainWindow(m_session);
        QVERIFY(w);
        auto* dock = w->findChild<app::BookmarksDock*>();
        QVERIFY(dock);
        dock->show();
        dock->raise();
        auto* notes = w->notes();
        auto* list = dock->list();
        // Never reordered: time order.
        QCOMPARE(captionsInDock(dock), kCaptions);

        // The last moment one earlier with the keyboard (Alt+Up in the list).
        w->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(w.get()));
        list->setFocus();
        list->setCurrentItem(list->topLevelItem(2));
        QTest::keyClick(list, Qt::Key_Up, Qt::AltModifier);
        const QStringList moved{kCaptions[0], kCaptions[2], kCaptions[1]};
        QCOMPARE(captionsInDock(dock), moved);
        QCOMPARE(list->currentItem()->text(2), kCaptions[2]); // the selection follows it
        // The first moment one later with the ▼ button, and back with ▲: two more undo steps.
        list->setCurrentItem(list->topLevelItem(0));
        clickButton(dock, dock->moveDownAction());
        QCOMPARE(captionsInDock(dock), (QStringList{kCaptions[2], kCaptions[0], kCaptions[1]}));
        clickButton(dock, dock->moveUpAction());
        QCOMPARE(captionsInDock(dock), moved);
        // Already first: ▲ does nothing and pushes nothing.
        const int steps = notes->undoStack()->count();
        clickButton(dock, dock->moveUpAction());
        QCOMPARE(notes->undoStack()->count(), steps);

        // Edit the first caption in place: F2, type, Enter.
        list->setFocus();
        list->setCurrentItem(list->topLevelItem(0));
        QTest::keyClick(list, Qt::Key_F2);
        auto* editor = list->viewport()->findChild<QLineEdit*>();
        QVERIFY(editor);
        QCOMPARE(editor->text(), kCaptions[0]);
        editor->selectAll();
        QTest::keyClicks(editor, kEdited);
        QTest::keyClick(editor, Qt::Key_Return);
        // One undo step, and the bookmark itself renamed (the list is rebuilt from it).
        QTRY_COMPARE(notes->undoStack()->count(), steps + 1);
        const QStringList edited{kEdited, kCaptions[2], kCaptions[1]};
        QCOMPARE(captionsInDock(dock), edited);
        QCOMPARE(
            QString::fromStdString(notes->bookmark(notes->storyOrder().front())->bookmark.label),
            kEdited);

        // Undo (Ctrl+Z) takes back the caption, then the move; redo (Ctrl+Shift+Z) both.
        w->activateWindow();
        QTest::keyClick(w.get(), Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(captionsInDock(dock), moved);
        for (int i = 0; i < 3; ++i)
            QTest::keyClick(w.get(), Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(captionsInDock(dock), kCaptions);
        for (int i = 0; i < 4; ++i)
            QTest::keyClick(w.get(), Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(captionsInDock(dock), edited);

        // Play Story tells the edited story.
        auto* presentation = w->findChild<app::PresentationMode*>();
        QVERIFY(presentation && presentation->playStory());
        QCOMPARE(captionsOf(presentation->story()), edited);
        presentation->setActive(false);

        // One click adds the three longest stoppages and the worst checkpoint hour, each at its
        // station with a caption in vehicles; one undo takes all four back.
        clickButton(dock, dock->addEventsAction());
        QCOMPARE(notes->annotations().size(), std::size_t(4));
        QCOMPARE(list->topLevelItemCount(), 7);
        int stoppages = 0, hours = 0;
        for (const auto& a : notes->annotations()) {
            const QString text = QString::fromStdString(a.annotation.text);
            QVERIFY2(!a.annotation.station.empty(), qPrintable(text));
            QVERIFY2(text.startsWith(QString::fromStdString(a.annotation.station)) ||
                         text.contains(QStringLiteral("worst hour")),
                     qPrintable(text));
            QVERIFY2(text.contains(QStringLiteral(" vehicle")), qPrintable(text));
            stoppages += text.contains(QStringLiteral(" min at ")) ? 1 : 0;
            hours += text.contains(QStringLiteral("worst hour")) ? 1 : 0;
        }
        QCOMPARE(stoppages, 3);
        QCOMPARE(hours, 1);
        // The edited bookmarks keep their order; the events go where their times put them.
        QStringList bookmarksOnly;
        for (const auto& c : captionsInDock(dock))
            if (edited.contains(c))
                bookmarksOnly << c;
        QCOMPARE(bookmarksOnly, edited);
        // A second click adds nothing twice.
        clickButton(dock, dock->addEventsAction());
        QCOMPARE(notes->annotations().size(), std::size_t(4));
        QTest::keyClick(w.get(), Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(notes->annotations().size(), std::size_t(0));
        QCOMPARE(captionsInDock(dock), edited);
        QTest::keyClick(w.get(), Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(notes->annotations().size(), std::size_t(4));
        const QStringList withEvents = captionsInDock(dock);

        // An event moment is about its station: the story shows that station, in view.
        const auto story = app::buildShiftStory(*w->document(), 5 * 60'000);
        QCOMPARE(captionsOf(story), withEvents);
        int framed = 0;
        for (const auto& m : story.moments)
            if (m.frameStation) {
                ++framed;
                QVERIFY(m.station >= 0);
                QVERIFY(!m.camera);
            }
        QCOMPARE(framed, 4);
        w->close();
        w.reset();

        // Reopened, the dock and the story (as `takt story` builds it) are the edited ones.
        auto again = testing::openMainWindow(m_session);
        QVERIFY(again);
        auto* dock2 = again->findChild<app::BookmarksDock*>();
        QCOMPARE(captionsInDock(dock2), withEvents);
        QCOMPARE(captionsOf(app::buildShiftStory(*again->document(), 5 * 60'000)), withEvents);
        // `takt story --events` adds nothing the notes already tell.
        QCOMPARE(captionsOf(app::buildShiftStory(*again->document(), 5 * 60'000, true)),
                 withEvents);
    }
};

int main(int argc, char** argv)
{
    return testing::runWindowTest<TestStoryEditGui>(argc, argv, "test_story_edit_gui",
                                                    QStringLiteral(TAKT_EXECUTABLE));
}
#include "test_story_edit_gui.moc"
