#pragma once

#include "render/scene_view.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <vector>

class QAction;
class QDockWidget;
class QLabel;
class QMenu;

namespace takt::app {

class MainWindow;

/// View › Presentation (F11): the window goes full screen without menus and status bar, a side
/// panel shows large KPI tiles (throughput against takt, OEE, FPY, bottleneck) over the shift so
/// far, readable from across a room, labels in the view 1.35 times larger, and the camera tours the
/// session's saved camera views (or, without any, generated views: the overview and close-ups along
/// the line) with smooth interpolation. Esc or F11 leaves. GUI thread; owned by the window.
class PresentationMode : public QObject {
    Q_OBJECT
public:
    PresentationMode(MainWindow* window, QMenu* viewMenu);

    bool isActive() const { return m_active; }
    void setActive(bool active);

    /// Camera views of the tour for the current document: the views saved by name in the
    /// session (SessionNotes::cameraViews(), not the bookmarks' cameras), else generated ones.
    std::vector<twin::CameraView> tourViews() const;
    /// The views the running tour goes through (empty before the first presentation).
    const std::vector<twin::CameraView>& tour() const { return m_tour; }

    /// Camera between `a` and `b` at `t` (0..1) with an ease-in-out, so that moves start and
    /// stop gently.
    static twin::CameraView interpolate(const twin::CameraView& a, const twin::CameraView& b,
                                        double t);

private:
    void enter();
    void leave();
    void startTour();
    void updateKpis();
    void tourFrame();

    MainWindow* m_window;
    QAction* m_action;
    QDockWidget* m_dock = nullptr;
    std::vector<QLabel*> m_tiles;
    QTimer m_kpiTimer;
    QTimer m_tourTimer;
    QElapsedTimer m_tourClock;
    std::vector<twin::CameraView> m_tour;
    twin::CameraView m_before;
    bool m_active = false;
    bool m_wasMaximized = false;
    bool m_wasFullScreen = false;
};

} // namespace takt::app
