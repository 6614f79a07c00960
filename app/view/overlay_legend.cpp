#include "app/overlay_legend.h"

#include "app/flow_layout.h"

#include <QAction>
#include <QMenu>
#include <QToolButton>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLinearGradient>
#include <QPainter>

namespace takt::app {
namespace {

/// A small coloured square followed by a name.
QWidget* chip(const QColor& colour, const QString& text, QWidget* parent)
{
    auto* w = new QWidget(parent);
    auto* l = new QHBoxLayout(w);
    l->setContentsMargins(0, 0, 6, 0);
    l->setSpacing(4);
    auto* swatch = new QLabel(w);
    QPixmap pm(12, 12);
    pm.fill(colour);
    swatch->setPixmap(pm);
    l->addWidget(swatch);
    l->addWidget(new QLabel(text, w));
    return w;
}

/// The first-pass-yield colour scale, 90 % to 99 %.
QWidget* yieldScale(QWidget* parent)
{
    auto* label = new QLabel(parent);
    QPixmap pm(90, 12);
    QPainter p(&pm);
    for (int x = 0; x < pm.width(); ++x) {
        p.setPen(render::yieldColor(0.90 + 0.09 * x / (pm.width() - 1)));
        p.drawLine(x, 0, x, pm.height());
    }
    p.end();
    label->setPixmap(pm);
    label->setToolTip(QObject::tr("Checkpoint first-pass yield: 90 % (red) to 99 % (green)"));
    return label;
}

} // namespace

OverlayLegend::OverlayLegend(QWidget* parent) : QWidget(parent), m_heatmap(new QComboBox(this))
{
    // A flow, not a row: on a narrow window the legend wraps instead of widening the window.
    auto* layout = new FlowLayout(this);
    layout->setContentsMargins(6, 2, 6, 2);
    for (const twin::StationState s : twin::kStationStates)
        layout->addWidget(chip(render::stateColor(s), render::stateName(s), this));
    layout->addWidget(chip(render::bottleneckColor(), tr("Bottleneck"), this));
    layout->addWidget(new QLabel(tr("FPY 90 %"), this));
    layout->addWidget(yieldScale(this));
    layout->addWidget(new QLabel(tr("99 %"), this));

    // The overlay switches sit in a drop-down so that the strip stays narrow beside the docks.
    auto* overlays = new QToolButton(this);
    overlays->setText(tr("Overlays"));
    overlays->setPopupMode(QToolButton::InstantPopup);
    auto* menu = new QMenu(overlays);
    auto toggle = [this, menu](const QString& text, bool render::OverlaySettings::*field) {
        auto* action = menu->addAction(text);
        action->setCheckable(true);
        action->setChecked(m_settings.*field);
        connect(action, &QAction::toggled, this, [this, field](bool on) {
            m_settings.*field = on;
            emit settingsChanged(m_settings);
        });
    };
    toggle(tr("Station states"), &render::OverlaySettings::stateColors);
    toggle(tr("Bottleneck"), &render::OverlaySettings::bottleneck);
    toggle(tr("Quality checkpoints"), &render::OverlaySettings::checkpoints);
    toggle(tr("WIP on buffers"), &render::OverlaySettings::wip);
    toggle(tr("Flow arrows"), &render::OverlaySettings::flow);
    toggle(tr("Labels"), &render::OverlaySettings::labels);
    overlays->setMenu(menu);
    layout->addWidget(overlays);

    layout->addWidget(new QLabel(tr("Heatmap:"), this));
    m_heatmap->addItem(tr("Off"), int(HeatmapMetric::Off));
    m_heatmap->addItem(tr("Utilisation"), int(HeatmapMetric::Utilisation));
    m_heatmap->addItem(tr("Downtime"), int(HeatmapMetric::Downtime));
    m_heatmap->addItem(tr("Defects"), int(HeatmapMetric::Defects));
    m_heatmap->setToolTip(tr("Colour the floor by each station's utilisation, downtime or "
                             "defects over the shift so far"));
    layout->addWidget(m_heatmap);
    connect(m_heatmap, &QComboBox::currentIndexChanged, this, [this] {
        m_settings.heatmap = heatmapMetric() != HeatmapMetric::Off;
        emit settingsChanged(m_settings);
        emit heatmapMetricChanged(heatmapMetric());
    });
}

HeatmapMetric OverlayLegend::heatmapMetric() const
{
    return static_cast<HeatmapMetric>(m_heatmap->currentData().toInt());
}

void OverlayLegend::setHeatmapMetric(HeatmapMetric metric)
{
    m_heatmap->setCurrentIndex(m_heatmap->findData(int(metric)));
}

} // namespace takt::app
