#include "app/workstation_docks.h"

#include "app/charts_panel.h"
#include "app/issues_panel.h"
#include "app/kpi_cache.h"
#include "app/kpi_panel.h"
#include "app/plant_tree.h"
#include "app/replay_controller.h"
#include "app/station_inspector.h"
#include "render/scene_view.h"

#include <QDockWidget>
#include <QMainWindow>
#include <QScrollArea>

namespace takt::app {

WorkstationDocks::WorkstationDocks(QMainWindow* window, ReplayController* replay,
                                   render::SceneView* scene)
    : QObject(window), m_window(window), m_scene(scene), m_kpis(new KpiCache(replay, this)),
      m_tree(new PlantTree), m_inspector(new StationInspector(replay, m_kpis)),
      m_kpiPanel(new KpiPanel(replay, m_kpis)), m_charts(new ChartsPanel(replay, m_kpis)),
      m_issues(new IssuesPanel(replay))
{
    window->setDockNestingEnabled(true);
    // The side docks run the full height: the inspector needs it more than the charts do.
    window->setCorner(Qt::BottomLeftCorner, Qt::LeftDockWidgetArea);
    window->setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea);
    addDock(tr("Plant"), QStringLiteral("plantTreeDock"), m_tree, Qt::LeftDockWidgetArea);
    auto* issuesDock =
        addDock(tr("Issues"), QStringLiteral("issuesDock"), m_issues, Qt::LeftDockWidgetArea);
    addDock(tr("KPIs"), QStringLiteral("kpiDock"), m_kpiPanel, Qt::RightDockWidgetArea);
    auto* scroll = new QScrollArea;
    scroll->setWidget(m_inspector);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    addDock(tr("Station"), QStringLiteral("inspectorDock"), scroll, Qt::RightDockWidgetArea);
    addDock(tr("Charts"), QStringLiteral("chartsDock"), m_charts, Qt::BottomDockWidgetArea);
    window->resizeDocks({m_docks[0], issuesDock}, {3, 1}, Qt::Vertical);
    window->resizeDocks({m_docks[2], m_docks[3]}, {2, 3}, Qt::Vertical);
    window->resizeDocks({m_docks[0], m_docks[2]}, {320, 440}, Qt::Horizontal);
    window->resizeDocks({m_docks[4]}, {280}, Qt::Vertical);

    // The Paretos count defects over the window the KPI tiles show.
    connect(m_kpiPanel, &KpiPanel::wholeShiftChanged, m_charts, &ChartsPanel::setWholeShift);
    connect(m_tree, &PlantTree::stationSelected, this, &WorkstationDocks::chooseStation);
    connect(m_tree, &PlantTree::controlPointSelected, this, &WorkstationDocks::selectControlPoint);
    connect(m_inspector, &StationInspector::controlPointSelected, this,
            &WorkstationDocks::selectControlPoint);
    connect(m_issues, &IssuesPanel::stationRequested, this, &WorkstationDocks::chooseStation);
    connect(m_issues, &IssuesPanel::controlPointRequested, this,
            &WorkstationDocks::selectControlPoint);
    connect(m_issues, &IssuesPanel::countChanged, issuesDock, [issuesDock](int n) {
        issuesDock->setWindowTitle(n ? tr("Issues (%1)").arg(n) : tr("Issues"));
    });
}

WorkstationDocks::~WorkstationDocks() = default;

QDockWidget* WorkstationDocks::addDock(const QString& title, const QString& name, QWidget* content,
                                       Qt::DockWidgetArea area)
{
    auto* dock = new QDockWidget(title, m_window);
    dock->setObjectName(name); // for saveState()
    dock->setWidget(content);
    m_window->addDockWidget(area, dock, Qt::Vertical);
    m_docks.push_back(dock);
    return dock;
}

void WorkstationDocks::setDocument(std::shared_ptr<const Document> doc)
{
    m_doc = std::move(doc);
    m_station = -1;
    m_kpis->setDocument(m_doc);
    m_tree->setDocument(m_doc);
    m_inspector->setDocument(m_doc);
    m_kpiPanel->setDocument(m_doc);
    m_charts->setDocument(m_doc);
    m_issues->setDocument(m_doc);
}

void WorkstationDocks::selectStation(int station)
{
    const int count = m_doc && m_doc->plant ? int(m_doc->plant->stations.size()) : 0;
    if (station < 0 || station >= count)
        station = -1;
    m_station = station;
    m_tree->selectStation(station);
    m_inspector->setStation(station);
    if (m_scene->selectedStation() != station)
        m_scene->setSelectedStation(station);
}

void WorkstationDocks::chooseStation(int station)
{
    if (station == m_station)
        return;
    selectStation(station);
    emit stationSelected(m_station);
}

void WorkstationDocks::selectControlPoint(int controlPoint)
{
    if (!m_doc || !m_doc->plant || controlPoint < 0 ||
        std::size_t(controlPoint) >= m_doc->plant->controlPoints.size())
        return;
    chooseStation(
        m_doc->plant->stationIndex(m_doc->plant->controlPoints[std::size_t(controlPoint)].station));
    m_charts->setControlPoint(controlPoint);
    m_charts->showTab(ChartsPanel::SpcTab);
    m_docks[4]->raise();
}

} // namespace takt::app
