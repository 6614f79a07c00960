#pragma once

#include "render/overlay_types.h"

#include <QWidget>

class QComboBox;

namespace takt::app {

/// What the floor heatmap shows.
enum class HeatmapMetric { Off, Utilisation, Downtime, Defects };

/// The strip under the 3D view: the state colour legend, the bottleneck and yield keys, and
/// switches for each overlay and the heatmap.
class OverlayLegend : public QWidget {
    Q_OBJECT
public:
    explicit OverlayLegend(QWidget* parent = nullptr);

    render::OverlaySettings settings() const { return m_settings; }
    HeatmapMetric heatmapMetric() const;
    void setHeatmapMetric(HeatmapMetric metric);

signals:
    void settingsChanged(const takt::render::OverlaySettings& settings);
    void heatmapMetricChanged(takt::app::HeatmapMetric metric);

private:
    render::OverlaySettings m_settings;
    QComboBox* m_heatmap;
};

} // namespace takt::app
