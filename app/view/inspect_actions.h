#pragma once

#include <QObject>

class QAction;
class QMenu;
class QStatusBar;

namespace takt::render {
class SceneView;
}

namespace takt::app {

class ScaleBar;

/// The View menu's tools for inspecting a layout: the standard views (1 front, 3 right, 7 top,
/// 9 isometric), the plan view (P: top-down orthographic, with a scale bar in the status bar),
/// measuring a distance between two picked points (M; the result in the status bar) and a
/// section at a height (the layout above it cut away). GUI thread; owned by the menu's window.
class InspectActions : public QObject {
    Q_OBJECT
public:
    InspectActions(render::SceneView* view, QMenu* viewMenu, QStatusBar* statusBar);

    QAction* planAction() const { return m_plan; }
    QAction* measureAction() const { return m_measure; }
    QAction* sectionAction() const { return m_section; }
    ScaleBar* scaleBar() const { return m_scaleBar; }

private:
    void chooseSection(bool on);

    render::SceneView* m_view;
    QStatusBar* m_status;
    ScaleBar* m_scaleBar;
    QAction* m_plan;
    QAction* m_measure;
    QAction* m_section;
    double m_sectionHeight = 2.0;
};

} // namespace takt::app
