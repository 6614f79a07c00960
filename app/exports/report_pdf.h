#pragma once

#include <QImage>
#include <QString>

#include <functional>
#include <vector>

namespace takt::app {

struct ShiftReportData;

/// Writes a shift report as a PDF (A4 landscape): a title page with the headline KPIs as tiles,
/// the state timeline, throughput against target with the defect Paretos, SPC charts, the top
/// losses and snapshots of the 3D layout at the worst moments (`snapshots`, one per
/// `report.moments`, rendered by the caller). Charts are drawn offscreen with VTK, so it needs
/// an X display. GUI thread. `progress` hears one line per step. Throws twin::Error when a chart
/// cannot be drawn or the file cannot be written.
void writeShiftReportPdf(const ShiftReportData& report, const std::vector<QImage>& snapshots,
                         const QString& path, const std::function<void(const QString&)>& progress);

/// Pages writeShiftReportPdf() writes.
constexpr int kShiftReportPages = 6;

} // namespace takt::app
