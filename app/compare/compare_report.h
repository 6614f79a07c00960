#pragma once

#include "twin/compare.h"

#include <QImage>
#include <QString>

namespace takt::app {

/// Writes the comparison report: one A4 landscape page with the two recordings and their
/// window, the line KPIs as A, B and B − A, the bottleneck rankings side by side, `view` (the 3D
/// layout with the diverging heatmap of `heatState`'s share differences, full colour at
/// `heatScale`) with its key, and the stations whose share of `heatState` changed most.
/// GUI thread (QPainter on a QPdfWriter). Throws twin::Error when the file cannot be written.
void writeComparisonPdf(const twin::Comparison& c, const QImage& view, twin::StationState heatState,
                        double heatScale, const QString& path);

} // namespace takt::app
