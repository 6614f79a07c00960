#pragma once

#include "render/chart_pareto.h"
#include "render/chart_spc.h"
#include "render/chart_state_timeline.h"
#include "render/chart_throughput.h"
#include "twin/kpi.h"
#include "twin/vehicle_losses.h"

#include <QString>
#include <QStringList>

#include <vector>

namespace takt::app {

struct Document;

/// One table of the report's "top losses" page.
struct LossTable {
    QString title;
    QStringList header;
    std::vector<QStringList> rows;
};

/// A moment of the shift worth a snapshot of the 3D layout.
struct WorstMoment {
    QString title;  ///< "Longest stoppage"
    QString detail; ///< "ST-042 down for 23 min from 03:12"
    twin::TimeMs t = 0;
    int station = -1; ///< The station to highlight, -1 for none.
};

/// Everything a shift report shows, computed from a session's recording: the KPIs, the data
/// of its charts, its loss tables and the moments to show on the 3D layout.
struct ShiftReportData {
    QString plant;
    QString recording;
    QString file;
    twin::TimeMs from = 0, to = 0;
    twin::KpiReport kpi;
    QString averageBottleneck; ///< Station id and name; empty without state data.
    render::StateTimelineData timeline;
    render::ThroughputData throughput;
    render::ParetoData defectsByCode;
    render::ParetoData defectsByConfig;
    std::vector<render::SpcData> spc; ///< Control points with the most violations first.
    twin::VehicleLossReport vehicles; ///< What each loss cost in vehicles, reconciled.
    /// Vehicles and reconciliation first, then stations that stopped the line, checkpoints by
    /// FPY, stations by downtime and by processing time (the PDF shows the first four).
    std::vector<LossTable> losses;
    std::vector<WorstMoment> moments;
};

/// Computes a report over the whole recording of `doc` (a session). Any thread; throws
/// twin::Error when the document holds no recording.
ShiftReportData buildShiftReport(const Document& doc);

} // namespace takt::app
