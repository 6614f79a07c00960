#include "app/bookmarks_dock.h"

#include "app/replay_controller.h"
#include "app/session_notes.h"
#include "app/time_format.h"
#include "app/timeline_bar.h"
#include "render/scene_view.h"

#include <QAction>
#include <QHeaderView>
#include <QInputDialog>
#include <QMenu>
#include <QToolBar>
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
    m_addBookmark->setIconText(tr("Bookmark"));
    m_addAnnotation->setIconText(tr("Note…"));
    m_edit->setIconText(tr("Edit…"));
    for (auto* a : {m_edit, m_remove})
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_addBookmark, &QAction::triggered, this, &BookmarksDock::addBookmarkHere);
    connect(m_addAnnotation, &QAction::triggered, this, &BookmarksDock::addAnnotationHere);
    connect(m_edit, &QAction::triggered, this, &BookmarksDock::editSelected);
    connect(m_remove, &QAction::triggered, this, &BookmarksDock::removeSelected);

    auto* body = new QWidget(this);
    auto* layout = new QVBoxLayout(body);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* bar = new QToolBar(body);
    bar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    bar->addActions({m_addBookmark, m_addAnnotation, m_edit, m_remove});
    layout->addWidget(bar);
    layout->addWidget(m_list);
    setWidget(body);
    addActions({m_edit, m_remove});

    m_list->setHeaderLabels({tr("Time"), tr("Station"), tr("Name / text")});
    m_list->setRootIsDecorated(false);
    m_list->setAlternatingRowColors(true);
    m_list->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_list->header()->setStretchLastSection(true);
    m_list->setToolTip(tr("Double-click: go to this moment (and a bookmark's camera view)"));
    connect(m_list, &QTreeWidget::itemActivated, this, &BookmarksDock::activate);
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
}

void BookmarksDock::refresh()
{
    const qint64 start = m_replay->hasRecording() ? m_replay->startMs() : 0;
    m_list->clear();
    std::vector<TimelineFlag> flags;
    auto add = [&](int kind, int key, qint64 t, const QString& station, const QString& text) {
        auto* item = new QTreeWidgetItem(m_list, {formatOffsetHms(t - start), station, text});
        item->setData(0, kKeyRole, key);
        item->setData(0, kKindRole, kind);
        item->setData(0, kTimeRole, t);
        item->setToolTip(2, text);
        flags.push_back(
            {kind == kBookmark ? TimelineFlag::Kind::Bookmark : TimelineFlag::Kind::Annotation, t,
             (station.isEmpty() ? text : station + QStringLiteral(": ") + text)});
    };
    for (const auto& b : m_notes->bookmarks())
        add(kBookmark, b.key, b.bookmark.t, QString(), QString::fromStdString(b.bookmark.label));
    for (const auto& a : m_notes->annotations())
        add(kAnnotation, a.key, a.annotation.t, QString::fromStdString(a.annotation.station),
            QString::fromStdString(a.annotation.text));
    m_list->sortItems(0, Qt::AscendingOrder);
    m_timeline->setFlags(std::move(flags));
    const bool on = m_notes->hasSession();
    for (auto* a : {m_addBookmark, m_addAnnotation, m_edit, m_remove})
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
    const int key = item->data(0, kKeyRole).toInt();
    bool ok = false;
    if (item->data(0, kKindRole).toInt() == kBookmark) {
        const QString name = QInputDialog::getText(this, tr("Rename bookmark"), tr("Name:"),
                                                   QLineEdit::Normal, item->text(2), &ok);
        if (ok && !name.trimmed().isEmpty())
            m_notes->renameBookmark(key, name.trimmed());
    } else {
        const QString text = QInputDialog::getMultiLineText(this, tr("Edit annotation"),
                                                            tr("Note:"), item->text(2), &ok);
        if (ok && !text.trimmed().isEmpty())
            m_notes->editAnnotation(key, text.trimmed());
    }
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
