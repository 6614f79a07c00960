#pragma once

#include "render/flat_scene.h"

#include <assimp/types.h> // the matrices and vectors with their operators

namespace takt::render {

/// Puts a mesh's vertices into world space the one way every glTF, OBJ, ... reader does
/// (loadWithAssimp(), readPlainGlb()), so that both give the same floats for the same file:
/// positions by the node's world matrix, normals by the inverse transpose of its 3 × 3 part,
/// then normalised.
class WorldTransform {
public:
    explicit WorldTransform(const aiMatrix4x4& world) : m_world(world), m_normals(world)
    {
        m_normals.Inverse().Transpose();
    }
    /// Appends one vertex to `m`. `normal`: the file's, or nullptr for none (+Y); `surface`
    /// false (points, lines): a zero normal, which the shader draws unlit.
    void append(FlatMesh& m, const aiVector3D& position, const aiVector3D* normal,
                bool surface = true) const
    {
        const aiVector3D p = m_world * position;
        aiVector3D n = !surface ? aiVector3D(0, 0, 0)
                       : normal ? m_normals * *normal
                                : aiVector3D(0, 1, 0);
        n.NormalizeSafe();
        m.positions.insert(m.positions.end(), {p.x, p.y, p.z});
        m.normals.insert(m.normals.end(), {n.x, n.y, n.z});
    }

private:
    aiMatrix4x4 m_world;
    aiMatrix3x3 m_normals;
};

} // namespace takt::render
