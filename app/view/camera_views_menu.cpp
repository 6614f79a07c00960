#include "app/camera_views_menu.h"

#include "app/session_notes.h"
#include "render/scene_view.h"

#include <QAction>
#include <QApplication>
#include <QInputDialog>
#include <QKeySequence>
#include <QMenu>

namespace takt::app {

CameraViewsMenu::CameraViewsMenu(SessionNotes* notes, render::SceneView* view, QMenu* viewMenu)
    : QObject(viewMenu), m_notes(notes), m_view(view)
{
    m_save = viewMenu->addAction(tr("&Save Camera View…"), this, &CameraViewsMenu::saveCurrentView);
    m_save->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_V));
    m_save->setStatusTip(tr("Save the current camera under a name in the session"));
    m_views = viewMenu->addMenu(tr("&Camera Views"));
    m_views->setObjectName(QStringLiteral("cameraViewsMenu"));
    m_delete = new QMenu(tr("&Delete Camera View"), m_views);
    m_delete->setObjectName(QStringLiteral("deleteCameraViewMenu"));
    connect(m_notes, &SessionNotes::changed, this, &CameraViewsMenu::rebuild);
    rebuild();
}

void CameraViewsMenu::rebuild()
{
    m_views->clear();
    m_delete->clear();
    const auto& views = m_notes->cameraViews();
    if (!m_notes->hasSession()) {
        m_views->addAction(tr("(camera views are kept in session files)"))->setEnabled(false);
        return;
    }
    if (views.empty())
        m_views->addAction(tr("(none saved: View › Save Camera View…)"))->setEnabled(false);
    for (const auto& v : views) {
        const QString name = QString::fromStdString(v.name);
        // Names are the user's: an '&' must not turn into a mnemonic.
        QString label = name;
        label.replace(QLatin1Char('&'), QStringLiteral("&&"));
        m_views->addAction(label, this, [this, name] { goTo(name); })->setData(name);
        m_delete
            ->addAction(label, this,
                        [this, name] { m_notes->removeCameraView(name.toStdString()); })
            ->setData(name);
    }
    m_views->addSeparator();
    m_views->addMenu(m_delete);
    m_delete->setEnabled(!views.empty());
}

void CameraViewsMenu::saveCurrentView()
{
    if (!m_notes->hasSession()) {
        emit statusMessage(tr("Camera views are kept in a session file (.takt); open a session "
                              "(or make one with takt simulate) to save this view"));
        return;
    }
    bool ok = false;
    const QString proposed = tr("View %1").arg(qsizetype(m_notes->cameraViews().size()) + 1);
    const QString name = QInputDialog::getText(m_view->window(), tr("Save camera view"),
                                               tr("Name:"), QLineEdit::Normal, proposed, &ok);
    if (ok)
        m_notes->saveCameraView(name, m_view->cameraView());
}

bool CameraViewsMenu::goTo(const QString& name)
{
    const auto* v = m_notes->cameraView(name.toStdString());
    if (!v)
        return false;
    m_view->setCameraView(v->camera);
    return true;
}

} // namespace takt::app
