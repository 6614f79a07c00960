#include "render/lit_material.h"

#include <Qt3DRender/QEffect>
#include <Qt3DRender/QFilterKey>
#include <Qt3DRender/QGraphicsApiFilter>
#include <Qt3DRender/QParameter>
#include <Qt3DRender/QRenderPass>
#include <Qt3DRender/QShaderProgram>
#include <Qt3DRender/QTechnique>

namespace takt::render {
namespace {

// The lighting model, shared by both GLSL dialects below. Normals face the camera (both sides of
// a CAD face are lit alike); ambient + two Lambert terms + a Blinn-Phong highlight.
constexpr char kLighting[] = R"(
uniform mat4 modelMatrix;
uniform mat3 modelNormalMatrix;
uniform mat4 modelViewProjection;
uniform vec3 eyePosition;
uniform vec4 ka;
uniform vec4 kd;
uniform vec4 ks;
uniform float shininess;
uniform vec3 light0Direction;
uniform vec3 light0Colour;
uniform vec3 light1Direction;
uniform vec3 light1Colour;

vec3 directional(vec3 n, vec3 v, vec3 towardsLight, vec3 colour)
{
    float lambert = max(dot(n, towardsLight), 0.0);
    vec3 h = normalize(towardsLight + v);
    float highlight = lambert > 0.0 ? pow(max(dot(n, h), 0.0), shininess) : 0.0;
    return colour * (kd.rgb * lambert + ks.rgb * highlight);
}

vec3 shade(vec3 position, vec3 normal)
{
    vec3 p = vec3(modelMatrix * vec4(position, 1.0));
    vec3 n = normalize(modelNormalMatrix * normal);
    vec3 v = normalize(eyePosition - p);
    if (dot(n, v) < 0.0)
        n = -n;
    return ka.rgb + directional(n, v, -light0Direction, light0Colour)
                  + directional(n, v, -light1Direction, light1Colour);
}
)";

QByteArray vertexShader(bool core)
{
    QByteArray s = core ? "#version 150 core\nin vec3 vertexPosition;\nin vec3 vertexNormal;\n"
                          "out vec3 colour;\n"
                        : "#version 110\nattribute vec3 vertexPosition;\n"
                          "attribute vec3 vertexNormal;\nvarying vec3 colour;\n";
    s += kLighting;
    s += "void main()\n{\n    colour = shade(vertexPosition, vertexNormal);\n"
         "    gl_Position = modelViewProjection * vec4(vertexPosition, 1.0);\n}\n";
    return s;
}

QByteArray fragmentShader(bool core)
{
    return core ? "#version 150 core\nin vec3 colour;\nout vec4 fragColor;\n"
                  "void main() { fragColor = vec4(colour, 1.0); }\n"
                : "#version 110\nvarying vec3 colour;\n"
                  "void main() { gl_FragColor = vec4(colour, 1.0); }\n";
}

Qt3DRender::QTechnique* technique(Qt3DRender::QEffect* effect, bool core)
{
    auto* t = new Qt3DRender::QTechnique(effect);
    auto* api = t->graphicsApiFilter();
    api->setApi(Qt3DRender::QGraphicsApiFilter::OpenGL);
    api->setProfile(core ? Qt3DRender::QGraphicsApiFilter::CoreProfile
                         : Qt3DRender::QGraphicsApiFilter::NoProfile);
    api->setMajorVersion(core ? 3 : 2);
    api->setMinorVersion(core ? 2 : 0);
    // QForwardRenderer draws the techniques marked for forward rendering.
    auto* key = new Qt3DRender::QFilterKey(t);
    key->setName(QStringLiteral("renderingStyle"));
    key->setValue(QStringLiteral("forward"));
    t->addFilterKey(key);
    auto* program = new Qt3DRender::QShaderProgram(t);
    program->setVertexShaderCode(vertexShader(core));
    program->setFragmentShaderCode(fragmentShader(core));
    auto* pass = new Qt3DRender::QRenderPass(t);
    pass->setShaderProgram(program);
    t->addRenderPass(pass);
    return t;
}

QVector3D lightColour(const SceneLight& l)
{
    return QVector3D(float(l.colour.redF()), float(l.colour.greenF()), float(l.colour.blueF())) *
           l.intensity;
}

} // namespace

const SceneLight& keyLight()
{
    static const SceneLight light{QVector3D(-0.45f, -1.0f, -0.3f).normalized(), 0.85f,
                                  QColor(255, 250, 240)};
    return light;
}

const SceneLight& fillLight()
{
    static const SceneLight light{QVector3D(0.6f, -0.5f, 0.8f).normalized(), 0.35f,
                                  QColor(210, 220, 255)};
    return light;
}

Qt3DRender::QEffect* LitMaterial::makeEffect(Qt3DCore::QNode* parent)
{
    auto* effect = new Qt3DRender::QEffect(parent);
    effect->addTechnique(technique(effect, true));
    effect->addTechnique(technique(effect, false));
    const auto add = [effect](const char* name, const QVariant& value) {
        effect->addParameter(new Qt3DRender::QParameter(QString::fromLatin1(name), value, effect));
    };
    add("light0Direction", keyLight().direction);
    add("light0Colour", lightColour(keyLight()));
    add("light1Direction", fillLight().direction);
    add("light1Colour", lightColour(fillLight()));
    return effect;
}

LitMaterial::LitMaterial(Qt3DRender::QEffect* effect, Qt3DCore::QNode* parent)
    : Qt3DRender::QMaterial(parent),
      m_ambient(new Qt3DRender::QParameter(QStringLiteral("ka"), QColor(40, 40, 40), this)),
      m_diffuse(new Qt3DRender::QParameter(QStringLiteral("kd"), QColor(200, 200, 200), this)),
      m_specular(new Qt3DRender::QParameter(QStringLiteral("ks"), QColor(40, 40, 40), this)),
      m_shininess(new Qt3DRender::QParameter(QStringLiteral("shininess"), 24.0f, this)),
      m_diffuseColour(200, 200, 200)
{
    setEffect(effect);
    addParameter(m_ambient);
    addParameter(m_diffuse);
    addParameter(m_specular);
    addParameter(m_shininess);
}

void LitMaterial::setDiffuse(const QColor& c)
{
    m_diffuseColour = c;
    m_diffuse->setValue(c);
}

void LitMaterial::setAmbient(const QColor& c) { m_ambient->setValue(c); }
void LitMaterial::setSpecular(const QColor& c) { m_specular->setValue(c); }
void LitMaterial::setShininess(float s) { m_shininess->setValue(s); }

} // namespace takt::render
