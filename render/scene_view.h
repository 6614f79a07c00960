#pragma once

#include "render/flat_scene.h"
#include "render/station_binding.h"

#include <QColor>
#include <QImage>
#include <QWidget>

#include <memory>

namespace takt::render {

/// Figures about what the view draws.
struct SceneStats {
    std::size_t nodes = 0;
    std::size_t meshes = 0;    ///< Meshes in the imported file.
    std::size_t triangles = 0;
    std::size_t drawCalls = 0; ///< Merged batches actually drawn (per station and material).
};

/// The 3D view of a plant layout: merged geometry per station and material, an orbit camera
/// (left drag orbits, right drag pans, wheel zooms) and lighting that shows shape. The 3D
/// backend (Qt 3D today) stays behind this class. GUI thread only.
class SceneView : public QWidget {
    Q_OBJECT
public:
    explicit SceneView(QWidget* parent = nullptr);
    ~SceneView() override;

    /// Shows a scene; `binding` (may be null) groups its meshes by station so that each
    /// station can be coloured on its own.
    void setScene(std::shared_ptr<const FlatScene> scene, const StationBinding* binding);
    void clearScene();
    SceneStats stats() const;

    /// Points the camera so that the whole layout fills the view.
    void fitAll();

    /// Tints every batch of one station (overlays build on this). An invalid colour restores
    /// the imported materials.
    void setStationColor(int station, const QColor& color);

    /// Asks for the next rendered frame; frameCaptured() follows. Request only once the
    /// scene is shown: a capture asked for before the first frame comes back empty.
    void requestCapture();

signals:
    void frameCaptured(const QImage& image);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace takt::render
