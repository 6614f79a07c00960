#pragma once

#include "twin/compare.h"

#include <QDockWidget>

class QComboBox;
class QLabel;
class QTableWidget;

namespace takt::app {

/// The Compare dock of compare mode: which two recordings over which window, the line KPIs as
/// A, B and B − A, the bottleneck ranking side by side, each station's state-share differences,
/// and the key of the diverging floor heatmap with a choice of the state it shows. GUI thread.
class CompareDock : public QDockWidget {
    Q_OBJECT
public:
    explicit CompareDock(QWidget* parent = nullptr);

    /// Shows a comparison (A and B named by `nameA`, `nameB`); the heatmap key's scale is
    /// `heatScale`, the share difference shown at full colour.
    void setComparison(const twin::Comparison& c, const QString& nameA, const QString& nameB);
    void setHeatScale(double heatScale);
    /// The state whose share differences the floor heatmap shows.
    twin::StationState heatState() const;
    void setHeatState(twin::StationState state);

    QTableWidget* lineTable() const { return m_line; }
    QTableWidget* stationTable() const { return m_stations; }
    /// The text of a line KPI's cell: column 1 = A, 2 = B, 3 = B − A ("" when absent).
    QString lineCell(const QString& key, int column) const;

signals:
    void heatStateChanged(takt::twin::StationState state);

private:
    QLabel* m_title;
    QComboBox* m_state;
    class HeatKey* m_key;
    QTableWidget* m_line;
    QTableWidget* m_ranking;
    QTableWidget* m_stations;
};

/// A value of a compared KPI as the dock and the report show it: shares in %, their
/// differences in percentage points.
QString comparedValue(double v, twin::KpiUnit unit, bool delta);

} // namespace takt::app
