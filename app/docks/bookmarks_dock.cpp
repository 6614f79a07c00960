#include "app/bookmarks_dock.h"

#include "app/flow_layout.h"
#include "app/replay_controller.h"
#include "app/session_notes.h"
#include "app/time_format.h"
#include "app/timeline_bar.h"
#include "render/scene_view.h"
#include "twin/kpi.h"
#include "twin/story_events.h"
#include "twin/vehicle_losses.h"

#include <QAction>
#include <QHeaderView>
#include <QApplication>
#include <QInputDialog>
#include <QMainWindow>
#include <QMenu>
#include <QStatusBar>
#include <QToolButton>
#include <QTreeWidget>
#include <QUndoStack>
#include <QVBoxLayout>

namespace takt::app {
namespace {
enum Role { kKeyRole = Qt::UserRole, kKindRole, kTimeRole };
enum Kind { kBookmark, kAnnotation };
} // namespace

BookmarksDock::BookmarksDock(SessionNotes* notes, ReplayController* replay, render::SceneView* view,
                             TimelineBar* timeline, QWidget* parent)
    : QDockWidget(tr("Bookmarks"), parent), m_notes(notes), m_replay(replay), m_view(view),
      m_timeline(timeline), m_list(new QTreeWidget(this))
{
    setObjectName(QStringLiteral("BookmarksDock"));
    m_addBookmark = new QAction(tr("Add &Bookmark"), this);
    m_addBookmark->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_B));
    m_addBookmark->setShortcutContext(Qt::ApplicationShortcut);
    m_addAnnotation = new QAction(tr("Add &Annotation…"), this);
    m_addAnnotation->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_B));
    m_addAnnotation->setShortcutContext(Qt::ApplicationShortcut);
    m_edit = new QAction(tr("&Rename / Edit…"), this);
    m_edit->setShortcut(QKeySequence(Qt::Key_F2));
    m_remove = new QAction(tr("Re&move"), this);
    m_remove->setShortcut(QKeySequence::Delete);
    m_moveUp = new QAction(tr("Move Earlier in Story"), this);
    m_moveUp->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Up));
    m_moveDown = new QAction(tr("Move Later in Story"), this);
    m_moveDown->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Down));
    m_addEvents = new QAction(tr("Add &Event Moments"), this);
    m_addEvents->setToolTip(
        tr("Add the three longest stoppages and the worst checkpoint hour to the story, each at "
           "its station with a caption in vehicles"));
    m_addBookmark->setIconText(tr("Bookmark"));
    m_addAnnotation->setIconText(tr("Note…"));
    m_addEvents->setIconText(tr("Events"));
    m_edit->setIconText(tr("Caption"));
    m_moveUp->setIconText(tr("▲"));
    m_moveDown->setIconText(tr("▼"));
    for (auto* a : {m_edit, m_remove, m_moveUp, m_moveDown})
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_addBookmark, &QAction::triggered, this, &BookmarksDock::addBookmarkHere);
    connect(m_addAnnotation, &QAction::triggered, this, &BookmarksDock::addAnnotationHere);
    connect(m_edit, &QAction::triggered, this, &BookmarksDock::editSelected);
    connect(m_remove, &QAction::triggered, this, &BookmarksDock::removeSelected);
    connect(m_moveUp, &QAction::triggered, this, [this] { moveSelected(-1); });
    connect(m_moveDown, &QAction::triggered, this, [this] { moveSelected(1); });
    connect(m_addEvents, &QAction::triggered, this, &BookmarksDock::addEventMoments);

    auto* body = new QWidget(this);
    auto* layout = new QVBoxLayout(body);
    layout->setContentsMargins(0, 0, 0, 0);
    // The buttons wrap onto a second row in a narrow dock rather than hide behind a chevron.
    auto* bar = new QWidget(body);
    auto* flow = new FlowLayout(bar, 2);
    flow->setContentsMargins(2, 2, 2, 2);
    for (auto* a :
         {m_addBookmark, m_addAnnotation, m_addEvents, m_edit, m_remove, m_moveUp, m_moveDown}) {
        auto* button = new QToolButton(bar);
        button->setDefaultAction(a);
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        button->setAutoRaise(true);
        flow->addWidget(button);
    }
    layout->addWidget(bar);
    layout->addWidget(m_list);
    setWidget(body);
    addActions({m_edit, m_remove, m_moveUp, m_moveDown});

    m_list->setHeaderLabels({tr("Time"), tr("Station"), tr("Caption")});
    m_list->headerItem()->setToolTip(
        2, tr("The moments in story order (Play Story, takt story): ▲ ▼ or Alt+Up/Down move one; "
              "F2 edits a caption"));
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers); // F2 is the Caption action
    m_list->setRootIsDecorated(false);
    m_list->setAlternatingRowColors(true);
    m_list->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_list->header()->setStretchLastSection(true);
    m_list->setToolTip(tr("Double-click: go to this moment (and a bookmark's camera view)"));
    connect(m_list, &QTreeWidget::itemActivated, this, &BookmarksDock::activate);
    connect(m_list, &QTreeWidget::itemChanged, this, &BookmarksDock::captionEdited);
    connect(m_notes, &SessionNotes::changed, this, &BookmarksDock::refresh);
    refresh();
}

void BookmarksDock::fillEditMenu(QMenu* menu)
{
    auto* undo = m_notes->undoStack()->createUndoAction(menu, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    auto* redo = m_notes->undoStack()->createRedoAction(menu, tr("&Redo"));
    redo->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z));
    menu->addActions({undo, redo});
    menu->addSeparator();
    menu->addActions({m_addBookmark, m_addAnnotation, m_edit, m_remove});
    menu->addSeparator();
    menu->addActions({m_moveUp, m_moveDown, m_addEvents});
}

void BookmarksDock::refresh()
{
    const qint64 start = m_replay->hasRecording() ? m_replay->startMs() : 0;
    const QVariant current =
        m_list->currentItem() ? m_list->currentItem()->data(0, kKeyRole) : QVariant();
    m_refreshing = true;
    m_list->clear();
    std::vector<TimelineFlag> flags;
    auto add = [&](int kind, int key, qint64 t, const QString& station, const QString& text) {
        auto* item = new QTreeWidgetItem(m_list, {formatOffsetHms(t - start), station, text});
        item->setFlags(item->flags() | Qt::ItemIsEditable);
        item->setData(0, kKeyRole, key);
        item->setData(0, kKindRole, kind);
        item->setData(0, kTimeRole, t);
        item->setToolTip(2, text);
        if (current.isValid() && current.toInt() == key)
            m_list->setCurrentItem(item);
        flags.push_back(
            {kind == kBookmark ? TimelineFlag::Kind::Bookmark : TimelineFlag::Kind::Annotation, t,
             (station.isEmpty() ? text : station + QStringLiteral(": ") + text)});
    };
    // In story order, not sorted: the order is the user's.
    for (const int key : m_notes->storyOrder()) {
        if (const auto* b = m_notes->bookmark(key))
            add(kBookmark, key, b->bookmark.t, QString(),
                QString::fromStdString(b->bookmark.label));
        else if (const auto* a = m_notes->annotation(key))
            add(kAnnotation, key, a->annotation.t, QString::fromStdString(a->annotation.station),
                QString::fromStdString(a->annotation.text));
    }
    m_refreshing = false;
    std::stable_sort(flags.begin(), flags.end(),
                     [](const TimelineFlag& a, const TimelineFlag& b) { return a.t < b.t; });
    m_timeline->setFlags(std::move(flags));
    const bool on = m_notes->hasSession();
    for (auto* a :
         {m_addBookmark, m_addAnnotation, m_addEvents, m_edit, m_remove, m_moveUp, m_moveDown})
        a->setEnabled(on);
}

void BookmarksDock::addBookmarkHere()
{
    if (!m_replay->hasRecording())
        return;
    const qint64 t = m_replay->position();
    m_notes->addBookmark(t, tr("Bookmark %1").arg(formatOffsetHms(t - m_replay->startMs())),
                         m_view->cameraView());
}

void BookmarksDock::addAnnotationHere()
{
    const auto doc = m_replay->document();
    if (!doc || !doc->plant)
        return;
    QStringList stations{tr("(whole line)")};
    for (const auto& s : doc->plant->stations)
        stations << QString::fromStdString(s.id);
    bool ok = false;
    const qint64 t = m_replay->position();
    const QString station =
        QInputDialog::getItem(this, tr("Add annotation"), tr("Station:"), stations, 0, false, &ok);
    if (!ok)
        return;
    const QString text =
        QInputDialog::getMultiLineText(this, tr("Add annotation"), tr("Note:"), QString(), &ok);
    if (ok && !text.trimmed().isEmpty())
        m_notes->addAnnotation(t, station == stations.front() ? QString() : station,
                               text.trimmed());
}

void BookmarksDock::editSelected()
{
    auto* item = m_list->currentItem();
    if (!item)
        return;
    if (item->data(0, kKindRole).toInt() == kAnnotation && item->text(2).contains('\n')) {
        // A note of several lines is edited whole, not in a one-line editor.
        bool ok = false;
        const QString text = QInputDialog::getMultiLineText(this, tr("Edit annotation"),
                                                            tr("Note:"), item->text(2), &ok);
        if (ok && !text.trimmed().isEmpty())
            m_notes->editAnnotation(item->data(0, kKeyRole).toInt(), text.trimmed());
        return;
    }
    m_list->editItem(item, 2);
}

void BookmarksDock::captionEdited(QTreeWidgetItem* item, int column)
{
    if (m_refreshing || column != 2 || !item)
        return;
    const int key = item->data(0, kKeyRole).toInt();
    const bool bookmark = item->data(0, kKindRole).toInt() == kBookmark;
    const QString text = item->text(2).trimmed();
    // Later: the edit rebuilds the list, which must not happen inside the item's own signal.
    QMetaObject::invokeMethod(
        this,
        [this, key, bookmark, text] {
            // An empty caption is refused: the refresh brings the old one back.
            if (!text.isEmpty() && bookmark)
                m_notes->renameBookmark(key, text);
            else if (!text.isEmpty())
                m_notes->editAnnotation(key, text);
            refresh(); // also when nothing changed
        },
        Qt::QueuedConnection);
}

void BookmarksDock::removeSelected()
{
    auto* item = m_list->currentItem();
    if (!item)
        return;
    const int key = item->data(0, kKeyRole).toInt();
    if (item->data(0, kKindRole).toInt() == kBookmark)
        m_notes->removeBookmark(key);
    else
        m_notes->removeAnnotation(key);
}

void BookmarksDock::moveSelected(int delta)
{
    if (auto* item = m_list->currentItem())
        m_notes->moveInStory(item->data(0, kKeyRole).toInt(), delta);
}

void BookmarksDock::addEventMoments()
{
    const auto doc = m_replay->document();
    if (!doc || !doc->replay || !m_notes->hasSession())
        return;
    QApplication::setOverrideCursor(Qt::WaitCursor);
    const auto& data = doc->replay->data();
    const auto losses =
        twin::computeVehicleLosses(data, twin::computeKpis(data, data.startMs(), data.endMs()));
    const int added =
        m_notes->addEventMoments(twin::findEventMoments(data, losses, twin::kStoryEventStoppages));
    QApplication::restoreOverrideCursor();
    if (auto* main = qobject_cast<QMainWindow*>(window()))
        main->statusBar()->showMessage(
            added > 0 ? tr("Added %n event moment(s) to the story", nullptr, added)
                      : tr("The story already holds the longest stoppages and the worst "
                           "checkpoint hour"),
            6000);
}

void BookmarksDock::activate(QTreeWidgetItem* item)
{
    if (!item)
        return;
    m_replay->seek(item->data(0, kTimeRole).toLongLong());
    if (item->data(0, kKindRole).toInt() == kBookmark)
        if (const auto* b = m_notes->bookmark(item->data(0, kKeyRole).toInt()); b && b->camera)
            m_view->setCameraView(*b->camera);
}

} // namespace takt::app
