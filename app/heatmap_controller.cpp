#include "app/heatmap_controller.h"

#include "app/replay_controller.h"
#include "render/scene_view.h"
#include "twin/kpi.h"

namespace takt::app {

HeatmapController::HeatmapController(ReplayController* replay, render::SceneView* view,
                                     QObject* parent)
    : QObject(parent), m_replay(replay), m_view(view)
{
    m_throttle.setSingleShot(true);
    m_throttle.setInterval(500);
    connect(&m_throttle, &QTimer::timeout, this, [this] {
        if (m_dirty)
            update();
    });
    connect(replay, &ReplayController::positionChanged, this, [this] {
        if (m_metric == HeatmapMetric::Off)
            return;
        m_dirty = true;
        if (!m_throttle.isActive()) {
            update();
            m_throttle.start();
        }
    });
}

void HeatmapController::setDocument(std::shared_ptr<const Document> doc)
{
    m_doc = std::move(doc);
    update();
}

void HeatmapController::setMetric(HeatmapMetric metric)
{
    m_metric = metric;
    update();
}

std::vector<double> HeatmapController::values(const Document& doc, HeatmapMetric metric,
                                              twin::TimeMs from, twin::TimeMs to, double* fullScale)
{
    std::vector<double> v;
    if (!doc.replay || !doc.plant || to <= from || metric == HeatmapMetric::Off)
        return v;
    const auto& plant = *doc.plant;
    v.assign(plant.stations.size(), 0.0);
    const twin::KpiReport k = twin::computeKpis(doc.replay->data(), from, to);
    double scale = 1.0;
    switch (metric) {
    case HeatmapMetric::Utilisation:
        for (const auto& s : k.stations)
            if (s.station >= 0 && std::size_t(s.station) < v.size())
                v[std::size_t(s.station)] = s.utilisation;
        break;
    case HeatmapMetric::Downtime:
        for (const auto& s : k.stations)
            if (s.station >= 0 && std::size_t(s.station) < v.size())
                v[std::size_t(s.station)] = s.stateShare[std::size_t(twin::StationState::Down)];
        scale = 0.0; // the worst station so far is the full colour
        break;
    case HeatmapMetric::Defects:
        for (std::size_t c = 0; c < plant.checkpoints.size(); ++c) {
            const int s = plant.stationIndex(plant.checkpoints[c].station);
            const auto& col = doc.replay->data().quality(int(c));
            // Failed and reworked inspections up to `to`, from the running counts.
            const auto n = std::upper_bound(col.t.begin(), col.t.end(), to) - col.t.begin();
            if (s >= 0 && n > 0)
                v[std::size_t(s)] +=
                    double(col.fails[std::size_t(n - 1)] + col.reworks[std::size_t(n - 1)]);
        }
        scale = 0.0;
        break;
    case HeatmapMetric::Off:
        break;
    }
    if (fullScale)
        *fullScale = scale;
    return v;
}

void HeatmapController::update()
{
    m_dirty = false;
    if (!m_doc || !m_doc->replay || m_metric == HeatmapMetric::Off) {
        m_view->setHeatmapValues({}, 0);
        return;
    }
    double scale = 0;
    const auto v = values(*m_doc, m_metric, m_replay->startMs(), m_replay->position(), &scale);
    m_view->setHeatmapValues(v, scale);
}

} // namespace takt::app
