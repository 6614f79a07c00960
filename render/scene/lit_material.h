#pragma once

#include <QColor>
#include <QVector3D>

#include <Qt3DRender/QMaterial>

namespace Qt3DRender {
class QEffect;
class QParameter;
} // namespace Qt3DRender

namespace takt::render {

/// A directional light of the layout's lighting (direction the light travels, world space).
struct SceneLight {
    QVector3D direction;
    float intensity;
    QColor colour;
};

/// The two lights every lit surface of the layout shares: a key light from above and one side,
/// a fill from the other, so that the faces of a box read differently.
const SceneLight& keyLight();
const SceneLight& fillLight();

/// The material of the layout's geometry: ambient, two diffuse directional lights and a soft
/// specular, evaluated per vertex and interpolated, lit from whichever side faces the camera
/// (CAD exports mix windings). Per-vertex lighting is what keeps a software renderer (Mesa
/// llvmpipe on a workstation without a GPU) at interactive frame rates: the fragment shader is
/// one interpolated colour, where Qt 3D's Phong material evaluates every light per pixel. For
/// directional lights on flat CAD faces the two give the same diffuse shading.
///
/// All materials made with the same effect() share one shader program; each keeps its own
/// colours. GUI thread only, like every Qt 3D node.
class LitMaterial : public Qt3DRender::QMaterial {
public:
    /// `effect` comes from makeEffect() and is shared by the scene's materials.
    LitMaterial(Qt3DRender::QEffect* effect, Qt3DCore::QNode* parent);

    /// The shared effect: shader program, techniques for OpenGL 3.2 core and 2.0, the lights.
    static Qt3DRender::QEffect* makeEffect(Qt3DCore::QNode* parent);

    void setDiffuse(const QColor& c);
    void setAmbient(const QColor& c);
    void setSpecular(const QColor& c);
    void setShininess(float s);
    QColor diffuse() const { return m_diffuseColour; }

private:
    Qt3DRender::QParameter* m_ambient;
    Qt3DRender::QParameter* m_diffuse;
    Qt3DRender::QParameter* m_specular;
    Qt3DRender::QParameter* m_shininess;
    QColor m_diffuseColour;
};

/// The material of a Batch of the layout (scene_batches.h): the same lighting as LitMaterial,
/// with each vertex's own colour (its CAD material's), so that one draw call covers a station
/// whatever its materials. The station's state tints it; the selected station is lifted.
/// Ambient is the colour at 1/3.2 (as QColor::darker(320)); selected, the diffuse is 1.35 times
/// the colour and the ambient 1/1.6. GUI thread only.
class StationMaterial : public Qt3DRender::QMaterial {
public:
    static constexpr float kAmbient = 1.0f / 3.2f;
    /// Points of a point cloud are drawn this many pixels wide.
    static constexpr float kPointSizePixels = 3.0f;
    static constexpr float kSelectedDiffuse = 1.35f;
    static constexpr float kSelectedAmbient = 1.0f / 1.6f;

    /// `effect` comes from makeEffect() and is shared by the layout's materials.
    StationMaterial(Qt3DRender::QEffect* effect, Qt3DCore::QNode* parent);

    /// The shared effect: the vertex-coloured program for OpenGL 3.2 core and 2.0, the lights.
    static Qt3DRender::QEffect* makeEffect(Qt3DCore::QNode* parent);

    /// Mixes each vertex's colour towards `colour` by `amount` (0: none, 1: all `colour`).
    void setTint(const QColor& colour, float amount);
    void setSelected(bool selected);
    /// The tint as set, its amount as alpha (alpha 0: no tint).
    QColor tint() const { return m_tintColour; }
    bool selected() const { return m_selected; }

private:
    Qt3DRender::QParameter* m_tint;
    Qt3DRender::QParameter* m_diffuseScale;
    Qt3DRender::QParameter* m_ambientScale;
    QColor m_tintColour{0, 0, 0, 0};
    bool m_selected = false;
};

} // namespace takt::render
