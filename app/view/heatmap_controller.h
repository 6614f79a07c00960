#pragma once

#include "app/document.h"
#include "app/overlay_legend.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <memory>

namespace takt::render {
class SceneView;
}

namespace takt::app {

class ReplayController;

/// Keeps the floor heatmap in step with the replay: per station utilisation, downtime share or
/// failed checks over [recording start, now], recomputed at most twice a second while playing.
class HeatmapController : public QObject {
    Q_OBJECT
public:
    HeatmapController(ReplayController* replay, render::SceneView* view, QObject* parent = nullptr);

    void setDocument(std::shared_ptr<const Document> doc);
    void setMetric(HeatmapMetric metric);

    /// Values per station for a metric over [from, to), and the value shown at full colour.
    static std::vector<double> values(const Document& doc, HeatmapMetric metric, twin::TimeMs from,
                                      twin::TimeMs to, double* fullScale);

private:
    void update();
    ReplayController* m_replay;
    render::SceneView* m_view;
    std::shared_ptr<const Document> m_doc;
    HeatmapMetric m_metric = HeatmapMetric::Off;
    QTimer m_throttle;
    bool m_dirty = false;
};

} // namespace takt::app
