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

} // namespace takt::render
