#pragma once

#include "render/label_sprite.h"
#include "render/overlay_types.h"

#include <QImage>
#include <QSizeF>
#include <QVector3D>

#include <memory>
#include <vector>

namespace Qt3DCore {
class QEntity;
class QTransform;
} // namespace Qt3DCore
namespace Qt3DRender {
class QCamera;
class QEffect;
class QLayer;
} // namespace Qt3DRender

namespace takt::render {

class LitMaterial;

/// Where a station is in the layout (world space, metres).
struct StationPlacement {
    bool valid = false;
    QVector3D min, max;
    QString id;
    bool holdsParts = false; ///< Buffers and conveyors: show a WIP gauge.
    QVector3D centre() const { return (min + max) * 0.5f; }
};

/// The Qt 3D entities that draw the overlays over a layout: state pads under stations, the
/// bottleneck beacon, checkpoint markers, WIP gauges, flow arrows, labels and the selection
/// ring. The floor heatmap goes on `translucentLayer` (drawn after the opaque scene). Labels go
/// on `labelLayer` (drawn over the scene) and are decluttered on screen: where
/// two would overlap, the less important one is hidden (bottleneck, then checkpoints that need
/// attention, other checkpoints, WIP counts, station names; nearer first within a kind).
/// Internal to render/ (SceneView drives it). GUI thread.
class SceneOverlays {
public:
    SceneOverlays(Qt3DCore::QEntity* parent, Qt3DRender::QLayer* labelLayer,
                  Qt3DRender::QLayer* translucentLayer, std::vector<StationPlacement> stations,
                  const std::vector<std::pair<int, int>>& flow, float floorY);
    ~SceneOverlays();

    /// Shows `frame`; the overlays keep no copy of it (SceneView holds the one frame shown).
    void setFrame(const OverlayFrame& frame);
    /// Which overlays are drawn; what they show stays until the next setFrame().
    void setSettings(const OverlaySettings& settings);
    void setSelected(int station);
    /// Keeps labels facing the camera at a constant size and lays them out on a viewport of
    /// `viewportPx` pixels so that none overlaps another; call when the camera, the viewport
    /// or the frame changes.
    void faceCamera(const Qt3DRender::QCamera& camera, QSizeF viewportPx);
    /// The labels as last laid out (wanted ones only).
    std::vector<LabelPlacement> labelPlacements() const;
    /// Advances the bottleneck beacon's pulse; `phase` in 0..1.
    void pulse(float phase);
    /// Lays `image` (RGBA, row 0 at minZ) over the floor rectangle; a null image hides it.
    void setFloorImage(const QImage& image, float minX, float maxX, float minZ, float maxZ);
    float floorY() const { return m_floorY; }
    const std::vector<StationPlacement>& stations() const { return m_stations; }

private:
    struct Marker;
    void rebuildCheckpoints(const std::vector<CheckpointOverlay>& checkpoints);
    void applyVisibility();
    /// Hides the labels that would overlap a more important one.
    void declutter(const QMatrix4x4& viewProjection, const QVector3D& eye, QSizeF viewport);
    float pixelHeight(const LabelSprite* label) const;

    Qt3DCore::QEntity* m_root;
    Qt3DRender::QEffect* m_effect; ///< Shared by the overlays' materials (LitMaterial).
    Qt3DRender::QLayer* m_labelLayer;
    std::vector<StationPlacement> m_stations;
    float m_floorY;
    OverlaySettings m_settings;
    int m_selected = -1;
    int m_bottleneck = -1;

    std::vector<LitMaterial*> m_padMaterials;
    std::vector<Qt3DCore::QEntity*> m_pads;
    Qt3DCore::QEntity* m_flow = nullptr;
    Qt3DCore::QEntity* m_beacon = nullptr;
    Qt3DCore::QTransform* m_beaconTransform = nullptr;
    Qt3DCore::QTransform* m_ringTransform = nullptr;
    Qt3DCore::QEntity* m_selection = nullptr;
    Qt3DCore::QTransform* m_selectionTransform = nullptr;
    std::unique_ptr<LabelSprite> m_beaconLabel;
    std::vector<std::unique_ptr<LabelSprite>> m_stationLabels;
    struct Gauge {
        Qt3DCore::QEntity* entity;
        Qt3DCore::QTransform* transform;
        LitMaterial* material;
        std::unique_ptr<LabelSprite> label;
    };
    std::vector<std::unique_ptr<Gauge>> m_gauges; // per station; null where none
    struct CheckMarker {
        Qt3DCore::QEntity* entity;
        LitMaterial* material;
        std::unique_ptr<LabelSprite> label;
        bool needsAttention = false; ///< Yield below the attention threshold: always labelled.
    };
    std::vector<std::unique_ptr<CheckMarker>> m_checks;
    std::vector<LabelSprite*> m_allLabels;
    Qt3DCore::QEntity* m_heatmap = nullptr;
    Qt3DCore::QTransform* m_heatmapTransform = nullptr;
    class FloorTexture* m_heatmapTexture = nullptr;
    float m_planRadius = 1.0f;
    bool m_close = false; ///< The camera is close enough for every label.
    std::vector<LabelPlacement> m_placed;
};

} // namespace takt::render
