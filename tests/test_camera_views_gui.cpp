// Saved camera views (issue 4, item 5), driven through the real main window on a copy of the
// sample shift: View › Save Camera View… (Ctrl+Shift+V, the name typed into the real dialog),
// the Camera Views menu goes back to it, bookmarks' cameras stay out of the list and out of the
// presentation tour, saving, replacing and deleting are undoable, the views come back when the
// session is reopened, and a plain plant manifest says in the status bar why nothing was saved.
#include "app/camera_views_menu.h"
#include "app/main_window.h"
#include "app/presentation_mode.h"
#include "app/session_notes.h"
#include "render/isolated_importer.h"
#include "render/scene_view.h"
#include "twin/session_store.h"

#include "main_window_support.h"

#include <QtTest>

#include <QApplication>
#include <QInputDialog>
#include <QMenu>
#include <QScreen>
#include <QSettings>
#include <QStatusBar>
#include <QUndoStack>

#include <memory>

using namespace takt::app;
using takt::render::toArray;
using takt::render::toQVector3D;
using takt::twin::CameraView;

namespace {

const QString kOut = QStringLiteral(TAKT_BINARY_DIR "/tests/screenshots");

/// The same camera: position, centre, field of view, and the same roll (Qt 3D re-makes the up
/// vector orthogonal to the view direction after a change, so compare it that way).
bool closeTo(const CameraView& a, const CameraView& b)
{
    const QVector3D forward = (toQVector3D(a.viewCenter) - toQVector3D(a.position)).normalized();
    const auto roll = [&](const std::array<double, 3>& v) {
        const QVector3D up = toQVector3D(v);
        return (up - forward * QVector3D::dotProduct(up, forward)).normalized();
    };
    return (toQVector3D(a.position) - toQVector3D(b.position)).length() < 1e-3f &&
           (toQVector3D(a.viewCenter) - toQVector3D(b.viewCenter)).length() < 1e-3f &&
           (roll(a.up) - roll(b.up)).length() < 1e-3f &&
           std::abs(a.fieldOfView - b.fieldOfView) < 1e-3f;
}

/// Answers the next input dialog with `text` (or cancels it when `text` is null) once it is
/// open; sets `*seen` to the name the dialog proposed.
void answerNextDialog(const QString& text, QString* seen)
{
    auto* poll = new QTimer;
    poll->setInterval(20);
    QObject::connect(poll, &QTimer::timeout, [poll, text, seen] {
        auto* dialog = qobject_cast<QInputDialog*>(QApplication::activeModalWidget());
        if (!dialog)
            return;
        poll->stop();
        poll->deleteLater();
        if (seen)
            *seen = dialog->textValue();
        if (text.isNull()) {
            dialog->reject();
            return;
        }
        dialog->setTextValue(text);
        dialog->accept();
    });
    poll->start();
}

/// The names the Camera Views menu lists (its entries that go to a view).
QStringList listedViews(CameraViewsMenu* menu)
{
    QStringList names;
    for (auto* a : menu->viewsMenu()->actions())
        if (a->data().isValid())
            names << a->data().toString();
    return names;
}

QAction* listedAction(QMenu* menu, const QString& name)
{
    for (auto* a : menu->actions())
        if (a->data().toString() == name)
            return a;
    return nullptr;
}

} // namespace

class TestCameraViewsGui : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_tmp;
    QString m_session;

    /// Makes `w` the active window for shortcuts. Activating the native window is not enough:
    /// when keyboard focus sits in the 3D view's own window (after popup menus closed over it),
    /// QApplication has no active window and window shortcuts do not fire.
    static void activate(MainWindow* w)
    {
        w->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(w));
        if (QApplication::activeWindow() != w) {
            w->setFocus(Qt::ActiveWindowFocusReason);
            QApplication::setActiveWindow(w);
        }
        QTRY_COMPARE(QApplication::activeWindow(), w);
    }

    /// Presses Ctrl+Shift+V in the window and names the view in the dialog it opens.
    static void saveWithShortcut(MainWindow* w, const QString& name, QString* proposed = nullptr)
    {
        activate(w);
        answerNextDialog(name, proposed);
        QTest::keyClick(w, Qt::Key_V, Qt::ControlModifier | Qt::ShiftModifier);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_tmp.filePath("settings"));
        m_session = m_tmp.filePath("shift.takt");
        QVERIFY2(QFile::copy(QStringLiteral(TAKT_SAMPLE_SHIFT), m_session),
                 "the sample shift is missing: build the sample_shift target");
        QFile(m_session).setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    }

    void saveGoToUndoReopen()
    {
        auto w = takt::testing::openMainWindow(m_session);
        QVERIFY2(w, "the sample session did not open");
        auto* menu = w->findChild<CameraViewsMenu*>();
        QVERIFY(menu);
        auto* notes = w->notes();
        auto* view = w->sceneView();
        QVERIFY(notes->cameraViews().empty());
        QVERIFY(listedViews(menu).isEmpty());

        // A camera of our own, saved with the shortcut and a name typed into the dialog.
        CameraView overview = view->cameraView();
        overview.position = toArray(toQVector3D(overview.position) + QVector3D(4.0f, 6.0f, -3.0f));
        overview.fieldOfView = 31.0f;
        view->setCameraView(overview);
        QString proposed;
        saveWithShortcut(w.get(), QStringLiteral("  Paint shop & body  "), &proposed);
        QCOMPARE(proposed, QStringLiteral("View 1"));
        QCOMPARE(notes->cameraViews().size(), std::size_t(1));
        QCOMPARE(notes->cameraViews().front().name, std::string("Paint shop & body"));
        QCOMPARE(listedViews(menu), QStringList{QStringLiteral("Paint shop & body")});
        // '&' is shown, not taken for a mnemonic.
        QCOMPARE(listedAction(menu->viewsMenu(), QStringLiteral("Paint shop & body"))->text(),
                 QStringLiteral("Paint shop && body"));

        // Cancelling the dialog saves nothing.
        saveWithShortcut(w.get(), QString());
        QCOMPARE(notes->cameraViews().size(), std::size_t(1));
        QCOMPARE(notes->undoStack()->count(), 1);

        // Somewhere else, then back through the menu.
        view->fitAll();
        QVERIFY(!closeTo(view->cameraView(), overview));
        listedAction(menu->viewsMenu(), QStringLiteral("Paint shop & body"))->trigger();
        QVERIFY(closeTo(view->cameraView(), overview));

        // A bookmark keeps its camera as a view "bookmark:<id>" in the same table; it is not
        // a camera view of the menu, nor of the presentation tour.
        CameraView close = overview;
        const QVector3D centre = toQVector3D(overview.viewCenter);
        close.position = toArray(centre + (toQVector3D(overview.position) - centre) * 0.3f);
        view->setCameraView(close);
        activate(w.get());
        QTest::keyClick(w.get(), Qt::Key_B, Qt::ControlModifier);
        QCOMPARE(notes->bookmarks().size(), std::size_t(1));
        QCOMPARE(listedViews(menu), QStringList{QStringLiteral("Paint shop & body")});
        auto* presentation = w->findChild<PresentationMode*>();
        QVERIFY(presentation);
        auto tour = presentation->tourViews();
        QCOMPARE(tour.size(), std::size_t(1));
        QVERIFY(closeTo(tour.front(), overview));

        // A second view: listed by name, and in the tour straight away.
        saveWithShortcut(w.get(), QStringLiteral("Close-up"), &proposed);
        QCOMPARE(proposed, QStringLiteral("View 2"));
        QCOMPARE(listedViews(menu),
                 (QStringList{QStringLiteral("Close-up"), QStringLiteral("Paint shop & body")}));
        tour = presentation->tourViews();
        QCOMPARE(tour.size(), std::size_t(2));
        QVERIFY(closeTo(tour.front(), close));

        // A picture of the menus for people (build tree, tests/screenshots).
        QVERIFY(QDir().mkpath(kOut));
        QMenu* viewMenu = qobject_cast<QMenu*>(menu->parent());
        QVERIFY(viewMenu);
        viewMenu->popup(w->mapToGlobal(QPoint(60, 30)));
        QTest::qWait(150);
        viewMenu->setActiveAction(menu->viewsMenu()->menuAction());
        menu->viewsMenu()->popup(viewMenu->geometry().topRight() + QPoint(0, 60));
        QTest::qWait(150);
        menu->deleteMenu()->popup(menu->viewsMenu()->geometry().topRight() + QPoint(0, 40));
        QTest::qWait(300);
        QVERIFY(w->screen()->grabWindow(0).save(kOut + "/camera_views_menu.png"));
        for (auto* m : {menu->deleteMenu(), menu->viewsMenu(), viewMenu})
            m->hide();

        // Saving under a name that exists replaces the view; undo puts the old one back.
        CameraView closer = close;
        closer.fieldOfView = 25.0f;
        view->setCameraView(closer);
        saveWithShortcut(w.get(), QStringLiteral("Close-up"));
        QCOMPARE(notes->cameraViews().size(), std::size_t(2));
        QVERIFY(closeTo(notes->cameraView("Close-up")->camera, closer));
        QCOMPARE(notes->undoStack()->undoText(), QStringLiteral("Replace Camera View “Close-up”"));
        activate(w.get());
        QTest::keyClick(w.get(), Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(notes->undoStack()->redoText(), QStringLiteral("Replace Camera View “Close-up”"));
        QVERIFY(closeTo(notes->cameraView("Close-up")->camera, close));

        // Delete through the menu; undo brings it back, redo deletes it again.
        auto* remove = listedAction(menu->deleteMenu(), QStringLiteral("Close-up"));
        QVERIFY(remove);
        remove->trigger();
        QCOMPARE(listedViews(menu), QStringList{QStringLiteral("Paint shop & body")});
        notes->undoStack()->undo();
        QCOMPARE(listedViews(menu).size(), 2);
        notes->undoStack()->redo();
        QCOMPARE(listedViews(menu).size(), 1);

        // A reserved or empty name is refused with a line in the status bar, no undo step.
        const int steps = notes->undoStack()->count();
        saveWithShortcut(w.get(), QStringLiteral("bookmark:99"));
        QCOMPARE(notes->undoStack()->count(), steps);
        QVERIFY(w->statusBar()->currentMessage().contains(QStringLiteral("bookmark:99")));
        saveWithShortcut(w.get(), QStringLiteral("   "));
        QCOMPARE(notes->undoStack()->count(), steps);
        QCOMPARE(notes->cameraViews().size(), std::size_t(1));

        w->close();
        w.reset();

        // In the file: the user's view under its name, the bookmark's under bookmark:<id>.
        {
            const auto store = takt::twin::SessionStore::open(m_session.toStdString());
            QStringList names;
            for (const auto& v : store.cameraViews())
                names << QString::fromStdString(v.name);
            QCOMPARE(names.size(), 2);
            QVERIFY(names.contains(QStringLiteral("Paint shop & body")));
            QVERIFY(names.filter(QStringLiteral("bookmark:")).size() == 1);
        }

        // Reopened: the view is listed and still goes to the same camera.
        auto again = takt::testing::openMainWindow(m_session);
        QVERIFY(again);
        auto* menuAgain = again->findChild<CameraViewsMenu*>();
        QCOMPARE(listedViews(menuAgain), QStringList{QStringLiteral("Paint shop & body")});
        again->sceneView()->fitAll();
        listedAction(menuAgain->viewsMenu(), QStringLiteral("Paint shop & body"))->trigger();
        QVERIFY(closeTo(again->sceneView()->cameraView(), overview));
        QCOMPARE(again->notes()->bookmarks().size(), std::size_t(1));
        QVERIFY(again->notes()->bookmarks().front().camera);
    }

    void bookmarkCameraNames()
    {
        QVERIFY(isBookmarkCameraName("bookmark:12"));
        QVERIFY(!isBookmarkCameraName("Bookmark overview"));
    }

    void plainManifestSaysWhy()
    {
        auto w = takt::testing::openMainWindow(
            QStringLiteral(TAKT_SOURCE_DIR "/assets/sample/plant.json"));
        QVERIFY2(w, "the sample manifest did not open");
        QVERIFY(!w->document()->isSession());
        auto* menu = w->findChild<CameraViewsMenu*>();
        QVERIFY(menu);
        // The submenu says why it is empty.
        const auto entries = menu->viewsMenu()->actions();
        QCOMPARE(entries.size(), 1);
        QVERIFY(!entries.front()->isEnabled());
        QVERIFY(entries.front()->text().contains(QStringLiteral("session")));
        // Ctrl+Shift+V asks nothing and says in the status bar that there is no session.
        w->statusBar()->clearMessage();
        activate(w.get());
        QTest::keyClick(w.get(), Qt::Key_V, Qt::ControlModifier | Qt::ShiftModifier);
        QVERIFY(!QApplication::activeModalWidget());
        QVERIFY2(w->statusBar()->currentMessage().contains(QStringLiteral(".takt")),
                 qPrintable(w->statusBar()->currentMessage()));
        QVERIFY(QDir().mkpath(kOut));
        QVERIFY(w->grab().save(kOut + "/camera_views_no_session.png"));
        QVERIFY(w->notes()->cameraViews().empty());
    }
};

int main(int argc, char** argv)
{
    return takt::testing::runWindowTest<TestCameraViewsGui>(argc, argv, "test_camera_views_gui",
                                                            QStringLiteral(TAKT_EXECUTABLE));
}

#include "test_camera_views_gui.moc"
