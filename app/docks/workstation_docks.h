#pragma once

#include "app/document.h"

#include <QList>
#include <QObject>

#include <memory>

class QDockWidget;
class QMainWindow;

namespace takt::render {
class SceneView;
}

namespace takt::app {

class ChartsPanel;
class IssuesPanel;
class KpiCache;
class KpiPanel;
class PlantTree;
class ReplayController;
class StationInspector;

/// Creates the docks around the 3D view (plant tree, station inspector, KPI panel, charts,
/// issues), adds them to the window and keeps their selection in step: a station chosen in any
/// dock is shown in all of them and in the 3D view; a control point chosen in the tree, the
/// inspector or the issues list opens its SPC chart. GUI thread.
class WorkstationDocks : public QObject {
    Q_OBJECT
public:
    WorkstationDocks(QMainWindow* window, ReplayController* replay, render::SceneView* scene);
    ~WorkstationDocks() override;

    void setDocument(std::shared_ptr<const Document> doc);
    /// The docks, for the View menu (their toggleViewAction()) and saved layouts.
    QList<QDockWidget*> docks() const { return m_docks; }
    int selectedStation() const { return m_station; }

    PlantTree* plantTree() const { return m_tree; }
    StationInspector* inspector() const { return m_inspector; }
    KpiPanel* kpiPanel() const { return m_kpiPanel; }
    ChartsPanel* charts() const { return m_charts; }
    IssuesPanel* issues() const { return m_issues; }
    KpiCache* kpis() const { return m_kpis; }

public slots:
    /// Shows a station in every dock and the 3D view (-1: none). Does not emit stationSelected().
    void selectStation(int station);
    /// Opens the SPC chart of a control point and selects its station.
    void selectControlPoint(int controlPoint);

signals:
    /// The user chose a station in one of the docks.
    void stationSelected(int station);

private:
    QDockWidget* addDock(const QString& title, const QString& name, QWidget* content,
                         Qt::DockWidgetArea area);
    void chooseStation(int station);

    QMainWindow* m_window;
    render::SceneView* m_scene;
    std::shared_ptr<const Document> m_doc;
    int m_station = -1;
    KpiCache* m_kpis;
    PlantTree* m_tree;
    StationInspector* m_inspector;
    KpiPanel* m_kpiPanel;
    ChartsPanel* m_charts;
    IssuesPanel* m_issues;
    QList<QDockWidget*> m_docks;
};

} // namespace takt::app
