#pragma once

#include "render/scene_batches.h"
#include "render/scene_lod.h"

#include <QByteArray>
#include <QObject>

#include <atomic>
#include <memory>
#include <optional>
#include <thread>
#include <vector>

namespace Qt3DCore {
class QAttribute;
class QBuffer;
class QEntity;
} // namespace Qt3DCore
namespace Qt3DRender {
class QEffect;
class QGeometryRenderer;
} // namespace Qt3DRender

namespace takt::render {

class StationMaterial;

/// What makeBatchRenderer() made: the renderer (its geometry a child of it) and the parts that
/// levels of detail change later.
struct BatchGeometry {
    Qt3DRender::QGeometryRenderer* renderer = nullptr;
    Qt3DCore::QBuffer* indexBuffer = nullptr;
    Qt3DCore::QAttribute* indexAttribute = nullptr;
    QByteArray vertices, indices; ///< The buffers' data (implicitly shared).
};
/// A Qt 3D geometry renderer for `batch` (interleaved position, normal and packed colour), its
/// nodes owned by `owner`. GUI thread.
BatchGeometry makeBatchRenderer(const Batch& batch, Qt3DCore::QEntity* owner);

/// The layout's geometry as Qt 3D entities: one entity per cell (Batch from buildBatches() with
/// a cell size), each with its bounding volume, so that Qt 3D's frustum culling leaves cells
/// outside the view out of a frame, and with its levels of detail (built by buildLodLevels() on
/// a worker thread once the first frame is drawn) in one index buffer, so that a level is chosen
/// by drawing another run of it. The cells of one station share one material (state colours do
/// not depend on cells or levels); picking goes through one entity per station batch with the
/// volume of the whole batch and no geometry, so that what a click hits does not depend on
/// cells or levels either. GUI thread, except the worker it owns.
class SceneCells : public QObject {
    Q_OBJECT
public:
    /// Makes the entities under `parent`. `effect`: StationMaterial::makeEffect().
    SceneCells(const std::vector<Batch>& batches, Qt3DCore::QEntity* parent,
               Qt3DRender::QEffect* effect);
    ~SceneCells() override;

    /// Each station's material (station -1: the scenery), one per station.
    struct Material {
        int station;
        StationMaterial* material;
    };
    const std::vector<Material>& materials() const { return m_materials; }
    std::size_t cellCount() const { return m_cells.size(); }

    /// Starts building the levels of detail on a worker thread; levelsReady() follows.
    void buildLevels();
    bool hasLevels() const { return m_levelsReady; }

    /// Culls and chooses levels for `camera` under `policy`, and draws what it chose.
    void update(const DetailCamera& camera, const DetailPolicy& policy);
    /// What the last update() chose (triangles drawn per frame).
    const DetailSelection& selection() const { return m_selection; }
    /// Tests: draws level `level` (clamped to what each cell has) everywhere; nullopt: by policy.
    void setForcedLevel(std::optional<int> level);

signals:
    void levelsReady();
    /// A station batch's volume was clicked (left button or not).
    void stationClicked(int station, bool leftButton);

private:
    struct Cell {
        Primitive primitive;
        Qt3DRender::QGeometryRenderer* renderer;
        Qt3DCore::QBuffer* indexBuffer;
        Qt3DCore::QAttribute* indexAttribute;
        QByteArray vertices; ///< Shared with the vertex buffer (implicitly shared, no copy).
        QByteArray indices;  ///< Level 0, shared with the index buffer until levels come.
        std::vector<LodLevel> levels;
        int drawn = 0; ///< Level drawn now.
    };
    void draw(Cell& cell, int level);
    void applyLevels(std::vector<LodIndices> built);

    std::vector<Cell> m_cells;
    std::vector<CellBounds> m_bounds;
    std::vector<Material> m_materials;
    DetailSelection m_selection;
    std::optional<int> m_forced;
    DetailCamera m_camera;
    DetailPolicy m_policy;
    bool m_hasCamera = false;
    bool m_levelsReady = false;
    std::shared_ptr<std::atomic<bool>> m_cancel = std::make_shared<std::atomic<bool>>(false);
    std::thread m_worker;
};

} // namespace takt::render
