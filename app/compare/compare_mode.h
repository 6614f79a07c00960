#pragma once

#include "app/document.h"
#include "render/overlay_types.h"
#include "twin/compare.h"

#include <QObject>

#include <memory>
#include <optional>

class QAction;
class QLabel;
class QMenu;
class QWidget;

namespace takt::app {

class CompareDock;
class MainWindow;
class ReplayController;
class TimelineBar;

/// Compare mode (issue 13, item 4): the open recording (A) beside a second recording of the
/// same plant (B). B's timeline sits under A's and both stay at the same shift offset whichever
/// is played or scrubbed; the Compare dock gives the KPIs as A, B and B − A over the common
/// shift; the floor shows each station's difference in one state's share (B − A) as a diverging
/// heatmap, blue where B spent less of the shift in that state, red where more. Opened by
/// File › Compare With… or `takt A.takt --compare B.takt[:ID]`; B is read on a worker thread.
/// Another document, or File › Close Comparison, ends it. GUI thread.
class CompareMode : public QObject {
    Q_OBJECT
public:
    /// Adds Compare With…, Export Comparison Report… and Close Comparison to `fileMenu`.
    CompareMode(MainWindow* window, QMenu* fileMenu);
    ~CompareMode() override;

    /// Compares the window's recording with `reference` (`B.takt[:ID]`); compared() or
    /// failed() follows.
    void open(const QString& reference);
    void close();
    bool isActive() const { return m_comparison.has_value(); }
    const twin::Comparison* comparison() const { return m_comparison ? &*m_comparison : nullptr; }
    CompareDock* dock() const { return m_dock; }
    ReplayController* replayB() const { return m_replayB; }
    TimelineBar* timelineB() const { return m_timelineB; }
    /// The per-station values the floor shows now (B − A of the dock's state, A's order).
    const std::vector<double>& heatValues() const { return m_heat; }

    /// Writes the comparison report (one A4 page: the tables and the 3D view with the diverging
    /// heatmap) to `path`; false with `error` set when it cannot.
    bool exportReport(const QString& path, QString* error);

    /// What the worker thread that reads B hands back.
    struct Loaded;

signals:
    void compared();
    /// `reason` is one line (also shown in the status bar and a message box).
    void failed(const QString& reason);

private:
    void chooseFile();
    void chooseReport();
    void show(std::shared_ptr<Loaded> loaded);
    void fail(const QString& reason);
    void applyHeatmap();
    render::OverlaySettings overlaySettings() const;
    void follow(ReplayController* from, ReplayController* to, qint64 t);

    MainWindow* m_window;
    CompareDock* m_dock;
    ReplayController* m_replayB;
    TimelineBar* m_timelineB;
    QWidget* m_strip; ///< "A …" and "B …" captions with B's timeline.
    QLabel* m_labelA;
    QLabel* m_labelB;
    QAction* m_export;
    QAction* m_close;
    std::shared_ptr<const Document> m_docB;
    std::optional<twin::Comparison> m_comparison;
    std::vector<double> m_heat;
    double m_heatScale = 0.0;
    bool m_following = false;
    int m_generation = 0;
};

} // namespace takt::app
