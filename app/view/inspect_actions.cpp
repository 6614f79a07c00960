#include "app/inspect_actions.h"

#include "app/scale_bar.h"
#include "render/scene_view.h"

#include <QAction>
#include <QInputDialog>
#include <QKeySequence>
#include <QLocale>
#include <QMenu>
#include <QStatusBar>

namespace takt::app {

InspectActions::InspectActions(render::SceneView* view, QMenu* viewMenu, QStatusBar* statusBar)
    : QObject(viewMenu), m_view(view), m_status(statusBar), m_scaleBar(new ScaleBar(statusBar))
{
    // Standard views, keyed as in F3D and CAD viewers (the number pad's 1, 3, 7, 9).
    const struct {
        QString text;
        render::StandardView view;
        Qt::Key key;
    } standard[] = {{tr("F&ront View"), render::StandardView::Front, Qt::Key_1},
                    {tr("&Right View"), render::StandardView::Right, Qt::Key_3},
                    {tr("&Top View"), render::StandardView::Top, Qt::Key_7},
                    {tr("&Isometric View"), render::StandardView::Iso, Qt::Key_9}};
    for (const auto& s : standard)
        viewMenu->addAction(s.text, this, [this, v = s.view] { m_view->setStandardView(v); })
            ->setShortcut(QKeySequence(s.key));

    m_plan = viewMenu->addAction(tr("&Plan View"));
    m_plan->setCheckable(true);
    m_plan->setShortcut(QKeySequence(Qt::Key_P));
    connect(m_plan, &QAction::toggled, m_view, &render::SceneView::setPlanView);
    // The bar is shown in the plan, where one scale holds for the whole view.
    statusBar->addPermanentWidget(m_scaleBar);
    m_scaleBar->hide();
    connect(m_view, &render::SceneView::cameraChanged, this, [this] {
        const bool plan = m_view->planView();
        if (plan != m_plan->isChecked()) {
            const QSignalBlocker block(m_plan);
            m_plan->setChecked(plan); // a standard view or a saved one leaves the plan
        }
        m_scaleBar->setVisible(plan);
        if (plan)
            m_scaleBar->setMetresPerPixel(m_view->metresPerPixel());
    });

    m_measure = viewMenu->addAction(tr("&Measure Distance"));
    m_measure->setCheckable(true);
    m_measure->setShortcut(QKeySequence(Qt::Key_M));
    connect(m_measure, &QAction::toggled, this, [this](bool on) {
        m_view->setMeasuring(on);
        if (on)
            m_status->showMessage(tr("Measure: click the first point"));
        else
            m_status->clearMessage();
    });
    connect(m_view, &render::SceneView::measureStarted, this,
            [this] { m_status->showMessage(tr("Measure: click the second point")); });
    connect(m_view, &render::SceneView::distanceMeasured, this,
            [this](const QVector3D& a, const QVector3D& b, double metres) {
                const QLocale c(QLocale::English);
                m_status->showMessage(tr("Distance %1 m (Δx %2, Δy %3, Δz %4 m)")
                                          .arg(c.toString(metres, 'f', 3),
                                               c.toString(double(b.x() - a.x()), 'f', 3),
                                               c.toString(double(b.y() - a.y()), 'f', 3),
                                               c.toString(double(b.z() - a.z()), 'f', 3)));
            });

    m_section = viewMenu->addAction(tr("S&ection at Height…"));
    m_section->setCheckable(true);
    m_section->setShortcut(QKeySequence(Qt::Key_H));
    connect(m_section, &QAction::toggled, this, &InspectActions::chooseSection);
}

void InspectActions::chooseSection(bool on)
{
    if (!on) {
        m_view->setSection(std::nullopt);
        return;
    }
    bool ok = false;
    const double height =
        QInputDialog::getDouble(m_view, tr("Section"), tr("Cut away what lies above (m):"),
                                m_sectionHeight, -1000, 1000, 2, &ok);
    if (!ok) {
        const QSignalBlocker block(m_section);
        m_section->setChecked(false);
        return;
    }
    m_sectionHeight = height;
    m_view->setSection(render::SectionPlane{1, float(height)});
    m_status->showMessage(tr("Section at %1 m").arg(height, 0, 'f', 2), 10000);
}

} // namespace takt::app
