#pragma once

#include "render/cad_camera.h"
#include "render/flat_scene.h"
#include "render/full_detail.h"
#include "render/heatmap.h"
#include "render/overlay_types.h"
#include "render/station_binding.h"
#include "twin/camera_view.h"

#include <QColor>
#include <QImage>
#include <QVector3D>
#include <QPoint>
#include <QWidget>

class QWindow;

#include <array>
#include <memory>
#include <optional>

namespace takt::twin {
struct Plant;
}

namespace takt::render {

/// A camera-view vector (twin::CameraView, metres) as Qt's, and back.
inline QVector3D toQVector3D(const std::array<double, 3>& v)
{
    return QVector3D(float(v[0]), float(v[1]), float(v[2]));
}
inline std::array<double, 3> toArray(const QVector3D& v)
{
    return {v.x(), v.y(), v.z()};
}

/// A section through the layout: what lies beyond `at` metres along one axis is cut away, so
/// that the inside of a cell shows (axis 1 at a height: the roof and upper floors go).
struct SectionPlane {
    int axis = 1;    ///< 0: x, 1: y (height), 2: z.
    float at = 0.0f; ///< Metres; geometry with a larger coordinate is not drawn.
};

/// Figures about what the view draws.
struct SceneStats {
    std::size_t nodes = 0;
    std::size_t meshes = 0; ///< Meshes in the imported file.
    std::size_t triangles = 0;
    std::size_t lines = 0;     ///< Line segments drawn as lines.
    std::size_t points = 0;    ///< Points drawn as points.
    std::size_t drawCalls = 0; ///< Merged batches actually drawn (per station and material).
};

/// What the view draws now for level of detail and frustum culling.
struct DetailStats {
    bool levelOfDetail = true; ///< Levels of detail are chosen (else level 0 everywhere).
    bool culling = true;       ///< Cells outside the view are left out of frames.
    bool levelsReady = false;  ///< The simplified levels are built (a worker builds them).
    /// Full detail on screen: no cell drawn lies more than kFullDetailPixelError pixels off
    /// its original surface (what the view draws once the camera is still).
    bool fullDetail = true;
    bool everyTriangle = true; ///< Every cell drawn is drawn at level 0 (the original).
    std::size_t cells = 0;     ///< Cells the layout is split into.
    std::size_t cellsDrawn = 0;
    std::size_t triangles = 0; ///< Triangles drawn a frame.
    std::size_t points = 0;    ///< Points drawn a frame.
};

/// The 3D view of a plant layout: merged geometry per station and material, a CAD viewer's
/// camera (CadCameraController: left drag orbits about the point under the cursor, middle or
/// Shift+left drag pans, right or Ctrl+left drag and the wheel zoom towards the cursor) and
/// lighting that shows shape. The 3D backend (Qt 3D today) stays behind this class. GUI
/// thread only.
class SceneView : public QWidget {
    Q_OBJECT
public:
    /// What the view is for. An interactive view on a software OpenGL renderer (Mesa llvmpipe:
    /// a workstation or remote desktop without a GPU) draws without multisampling and without
    /// the pulsing bottleneck beacon, so that scrubbing stays fluid and an idle window costs no
    /// CPU; with a GPU it keeps both. A view that makes images (takt render, report, video)
    /// always multisamples. TAKT_SAMPLES=N in the environment sets the samples for any view.
    enum class Purpose { Interactive, Images };

    explicit SceneView(QWidget* parent = nullptr, Purpose purpose = Purpose::Interactive);
    ~SceneView() override;

    /// Shows a scene. With a plant and its binding (both may be null), meshes are grouped by
    /// station so that each station can be coloured, picked and marked by the overlays.
    void setScene(std::shared_ptr<const FlatScene> scene, const twin::Plant* plant,
                  const StationBinding* binding);
    void clearScene();
    SceneStats stats() const;

    /// The camera must stay still this long (ms) before cells are drawn at full detail again.
    static constexpr int kStillDelayMs = 250;
    /// Levels of detail (simplified with meshoptimizer: coarser levels for all cells while the
    /// camera moves, full detail on screen kStillDelayMs after it stops: each cell at the
    /// coarsest level that lies within half a pixel of the original, so far cells of a large
    /// layout stay simplified where that makes no visible difference) and frustum culling of
    /// the layout's cells. Both on by default. With both off when a scene is set, its geometry
    /// is not split into cells at all (merged per station, a few large draws).
    void setDetail(bool levelOfDetail, bool culling);
    DetailStats detailStats() const;
    /// Screen error allowed once the camera is still, pixels (kFullDetailPixelError by
    /// default; 0: every triangle, as a benchmark's reference).
    void setStillPixelError(float pixels);
    /// Tests: draws every cell at `level` (as far as it has one), still culled; nullopt: by
    /// the rule above.
    void setForcedDetailLevel(std::optional<int> level);

    /// Points the camera so that the whole layout fills the view.
    void fitAll();
    /// Looks from the front (+Z), the right (+X), the top (north up) or isometrically, fitted
    /// to the layout.
    void setStandardView(StandardView view);
    /// The surface point of the layout under a pixel of renderWindow(), if any (world, metres).
    std::optional<QVector3D> surfacePoint(QPoint pixel) const;
    /// A top-down orthographic plan of the layout, north (−Z) up, fitted (true); the fitted
    /// perspective view (false). Orbiting, panning and zooming work in the plan as anywhere.
    void setPlanView(bool plan);
    bool planView() const;
    /// Metres one pixel spans at the point looked at (everywhere, in the plan view).
    double metresPerPixel() const;
    /// Cuts the layout (nullopt: whole). Overlays are not cut.
    void setSection(std::optional<SectionPlane> section);
    std::optional<SectionPlane> section() const;
    /// While on, each click (not a drag) takes the surface point under the cursor, and every
    /// second one gives distanceMeasured(), with a line drawn between the two; clicks select
    /// no station.
    void setMeasuring(bool measuring);
    bool measuring() const;
    /// Points the camera at the selected station (fitAll() when none).
    void fitSelection();
    twin::CameraView cameraView() const;
    void setCameraView(const twin::CameraView& view);

    /// Overlays: what they show now, and which are drawn.
    void setOverlayFrame(const OverlayFrame& frame);
    void setOverlaySettings(const OverlaySettings& settings);
    OverlaySettings overlaySettings() const;
    /// Pulsing of the bottleneck beacon; off for reproducible images.
    void setAnimated(bool animated);
    bool animated() const;

    /// The floor heatmap: one non-negative value per station (utilisation, downtime, defects),
    /// spread over the floor around each station with VTK filters and drawn translucent on the
    /// floor. `maxValue` is the value shown at full colour. Shown while
    /// OverlaySettings::heatmap is on; an empty vector clears it. With the diverging palette the
    /// values are signed differences and `maxValue` the magnitude at full colour.
    void setHeatmapValues(const std::vector<double>& perStation, double maxValue,
                          HeatmapPalette palette = HeatmapPalette::Sequential);

    /// Highlights one station (-1: none). Does not emit stationPicked().
    void setSelectedStation(int station);
    int selectedStation() const;

    /// Where a station's centre appears in the view (pixels of renderWindow()); nullopt when
    /// the station is not drawn or lies behind the camera.
    std::optional<QPoint> stationScreenPosition(int station) const;
    /// The labels of the overlays as last laid out, in pixels of renderWindow(): wanted ones
    /// only, `shown` false where a label gave way to a more important one it would overlap.
    /// Labels are drawn over the scene (no geometry hides them) and never over each other.
    std::vector<LabelPlacement> labelPlacements() const;
    /// The native window the 3D view draws into (for input synthesis in tests).
    QWindow* renderWindow() const;

    /// Asks for the next rendered frame (or the `region` of it, in pixels of the render
    /// window; empty: all of it); frameCaptured() follows. Request only once the scene is
    /// shown: a capture asked for before the first frame comes back empty.
    void requestCapture(const QRect& region = {});

    /// The OpenGL renderer's name (GL_RENDERER), and whether it rasterises in software.
    static QString openGlRenderer();
    static bool softwareRenderer();
    /// Samples per pixel this view asked for (0: no multisampling).
    int samples() const;

signals:
    void frameCaptured(const QImage& image);
    /// The levels of detail of the scene shown are built (after its first frame).
    void detailLevelsReady();
    /// The user clicked a station in the 3D view (-1: clicked empty space).
    void stationPicked(int station);
    /// The camera moved or its projection changed (the plan's scale bar follows it).
    void cameraChanged();
    /// Measuring: the first point of a distance was taken.
    void measureStarted(const QVector3D& from);
    /// Measuring: the distance between two picked surface points, metres.
    void distanceMeasured(const QVector3D& from, const QVector3D& to, double metres);

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace takt::render
