#pragma once

// SceneView's private part (render/scene_view.h): the Qt 3D window and its entities, the camera
// pose with its clip planes and levels of detail, the overlays' frame and the measuring tool.
// Shared by scene_view.cpp (the widget's interface) and scene_view_private.cpp; GUI thread.

#include "render/cad_camera_controller.h"
#include "render/scene_cells.h"
#include "render/scene_overlays.h"
#include "render/scene_ray_caster.h"
#include "render/scene_view.h"

#include <QElapsedTimer>
#include <QTimer>

#include <array>
#include <memory>
#include <optional>
#include <vector>

namespace Qt3DCore {
class QEntity;
}
namespace Qt3DExtras {
class Qt3DWindow;
}
namespace Qt3DRender {
class QEffect;
class QLayer;
class QParameter;
class QRenderCapture;
} // namespace Qt3DRender

namespace takt::render {

struct SceneView::Private {
    Qt3DExtras::Qt3DWindow* window = nullptr;
    Qt3DCore::QEntity* root = nullptr;
    Qt3DCore::QEntity* sceneRoot = nullptr;
    Qt3DRender::QRenderCapture* capture = nullptr;
    Qt3DRender::QLayer* labelLayer = nullptr;
    Qt3DRender::QLayer* translucentLayer = nullptr; ///< Drawn after the opaque scene.
    CadCameraController* controller = nullptr;
    /// The surface under the cursor; made by the first pick().
    mutable std::unique_ptr<SceneRayCaster> rayCaster;
    Qt3DRender::QParameter* sectionParameter = nullptr; ///< vec4 plane; kept where >= 0.
    std::optional<SectionPlane> section;
    bool measuring = false;
    std::optional<QVector3D> measureFrom;
    Qt3DCore::QEntity* measureEntity = nullptr;   ///< The measured line and its ends.
    Qt3DRender::QEffect* stationEffect = nullptr; ///< Shared by the materials of the layout.
    std::shared_ptr<const FlatScene> scene;
    std::unique_ptr<SceneOverlays> overlays;
    SceneStats stats;
    std::unique_ptr<SceneCells> cells; ///< The layout's geometry, culled and by level.
    DetailPolicy detail;               ///< How cells are culled and their levels chosen.
    QTimer stillTimer;                 ///< The camera has stopped: full detail again.
    QElapsedTimer sceneClock;          ///< Since the entities of the scene were made.
    std::vector<StationPlacement> placements;
    std::array<std::array<float, 3>, 2> bounds{};
    OverlaySettings settings;
    OverlayFrame frame;
    int selected = -1;
    QTimer pulseTimer;
    QElapsedTimer pulseClock;
    bool animated = true;

    void applyStationColors();
    /// Draws `frame`, the one copy of what the overlays show, with the current settings.
    void applyFrame();
    SceneBox box() const;
    std::optional<CameraPose> fittedPose; ///< Where fitAll() last put the camera.
    bool isAt(const CameraPose& p) const;
    CameraPose pose() const;
    float aspect() const;
    void setPose(const CameraPose& p);
    /// Culls cells and chooses their levels for the camera as it is now.
    void updateDetail();
    /// Starts building levels of detail once a frame shows the scene (something other than
    /// the clear colour at its centre), or after many tries.
    void buildLevelsAfterFirstFrame(SceneCells* forCells, int tries);
    /// The camera moved: coarse levels until it stops for kStillDelayMs.
    void cameraMoved();
    /// Near and far planes follow the camera so that nothing of the scene is cut away.
    void fitClipPlanes();
    std::optional<QVector3D> pick(QPointF pixel) const;
    /// Draws the measured segment (or its first end alone) over the layout.
    void drawMeasure(const QVector3D& from, const std::optional<QVector3D>& to);
    void faceLabels();
};

} // namespace takt::render
