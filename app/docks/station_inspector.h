#pragma once

#include "app/document.h"
#include "twin/events.h"

#include <QWidget>

#include <memory>
#include <optional>

class QFormLayout;
class QLabel;
class QTableWidget;

namespace takt::app {

class KpiCache;
class ReplayController;

/// Everything about one station at the current replay time: its state (a coloured chip) and
/// since when, the reason, the part inside and its configuration, parts in and out; processing
/// time, interdeparture time and state shares over [start, now) from the shared KPI cache; its
/// control points' last values against their limits (out of spec in red) and its checkpoints'
/// first-pass yield; the vehicles its stoppages, setups and failures cost the line so far. Clicking
/// a control point row emits controlPointSelected(). GUI thread.
class StationInspector : public QWidget {
    Q_OBJECT
public:
    StationInspector(ReplayController* replay, KpiCache* kpis, QWidget* parent = nullptr);
    ~StationInspector() override;

    void setDocument(std::shared_ptr<const Document> doc);
    void setStation(int station);
    int station() const { return m_station; }

    /// What is shown, for tests: the state (none: no station or no recording), the
    /// text of a field by name ("state", "since", "reason", "part", "config", "parts",
    /// "processing", "interdeparture", "shares", "vehicles"), and the control point / checkpoint
    /// tables.
    std::optional<twin::StationState> shownState() const { return m_shownState; }
    QString fieldText(const QString& name) const;
    QTableWidget* controlPointTable() const { return m_controlPoints; }
    QTableWidget* checkpointTable() const { return m_checkpoints; }

signals:
    void controlPointSelected(int controlPoint);

private:
    void updateNow();
    void updateKpis();
    void rebuildTables();

    ReplayController* m_replay;
    KpiCache* m_kpis;
    std::shared_ptr<const Document> m_doc;
    int m_station = -1;
    std::optional<twin::StationState> m_shownState;
    std::vector<int> m_cpRows; ///< Plant control point index per table row.
    std::vector<int> m_qcRows; ///< Plant checkpoint index per table row.
    QLabel* m_title;
    QLabel* m_chip;
    QFormLayout* m_form;
    QTableWidget* m_controlPoints;
    QTableWidget* m_checkpoints;
};

} // namespace takt::app
