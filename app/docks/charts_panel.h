#pragma once

#include "app/document.h"

#include <QTimer>
#include <QWidget>

#include <array>
#include <memory>

class QTabWidget;

namespace takt::render {
class VtkView;
}

namespace takt::app {

class KpiCache;
class ReplayController;

/// The charts, one tab each, drawn with VTK from render's chart-data builders (chart_data.h, the
/// same as the shift report's): station states over the shift, throughput per
/// render::kThroughputBinMs (half an hour) against the takt rate, the SPC chart of the selected
/// control point, and the defect Pareto by code and by configuration over the KPI panel's window
/// (the shift so far, or the whole shift), named in their titles. The charts over time show the
/// replay's current time as a vertical line that follows the clock (at most every kCursorIntervalMs
/// while playing; the charts are not rebuilt for it). While the scrubber is dragged, the line moves
/// at most every kScrubCursorIntervalMs and the Paretos follow at most every
/// kScrubParetoIntervalMs; both land on the exact time when the button is released. GUI thread.
class ChartsPanel : public QWidget {
    Q_OBJECT
public:
    enum Tab { StatesTab, ThroughputTab, SpcTab, ParetoCodeTab, ParetoConfigTab };
    /// Height of one station's lane in the state timeline; the tab scrolls when they overflow.
    static constexpr int kLaneHeightPx = 14;
    /// While the replay plays, the time cursor moves at most this often.
    static constexpr int kCursorIntervalMs = 100;
    static constexpr int kScrubCursorIntervalMs = 300; ///< While the scrubber is dragged.
    static constexpr int kScrubParetoIntervalMs = 600; ///< While the scrubber is dragged.

    ChartsPanel(ReplayController* replay, KpiCache* kpis, QWidget* parent = nullptr);
    ~ChartsPanel() override;

    void setDocument(std::shared_ptr<const Document> doc);
    /// Shows the SPC chart of a control point (-1: none).
    void setControlPoint(int controlPoint);
    int controlPoint() const { return m_controlPoint; }
    void showTab(Tab tab);
    /// The Paretos over the whole recording (true) or the shift so far (false), as the KPI
    /// panel's "Whole shift" box.
    void setWholeShift(bool whole);
    bool wholeShift() const { return m_wholeShift; }
    render::VtkView* view(Tab tab) const;
    QTabWidget* tabs() const { return m_tabs; }

private:
    /// Rebuilds the Paretos if their window or counts changed; while the scrubber is dragged,
    /// at most every kScrubParetoIntervalMs.
    void updatePareto();
    void rebuildPareto();
    void onPosition();
    void moveTimeCursor();

    ReplayController* m_replay;
    KpiCache* m_kpis;
    std::shared_ptr<const Document> m_doc;
    int m_controlPoint = -1;
    QString m_paretoKey; ///< What the Paretos show now (window and counts).
    bool m_wholeShift = false;
    QTimer m_cursorTimer;
    QTimer m_paretoTimer;
    QTabWidget* m_tabs;
    std::array<render::VtkView*, 5> m_views{};
};

} // namespace takt::app
