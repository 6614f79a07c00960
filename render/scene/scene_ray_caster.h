#pragma once

#include "render/flat_scene.h"

#include <QVector3D>

#include <cstddef>
#include <memory>
#include <optional>
#include <vector>

namespace takt::render {

/// Where a ray first meets a scene's triangles.
struct RayHit {
    float distance = 0;   ///< Along the ray, metres.
    QVector3D point;      ///< World space.
    std::size_t mesh = 0; ///< Index into FlatScene::meshes.
};

/// Finds the surface under the cursor on the CPU (the camera's pivot, the point to zoom to),
/// with no round trip through the renderer: the scene's triangle meshes are cut into pieces of
/// a few thousand triangles, each with its box, and only the pieces a ray enters are tested,
/// nearest first. Building is one pass over the vertices. Construct on any thread; cast() is
/// const and may run on any thread.
class SceneRayCaster {
public:
    explicit SceneRayCaster(std::shared_ptr<const FlatScene> scene);

    /// The nearest triangle hit by the ray from `origin` along `direction` (need not be unit).
    std::optional<RayHit> cast(QVector3D origin, QVector3D direction) const;

private:
    struct Piece {
        std::size_t mesh, firstIndex, endIndex;
        QVector3D min, max;
    };
    std::shared_ptr<const FlatScene> m_scene;
    std::vector<Piece> m_pieces;
};

} // namespace takt::render
