#include "render/lit_material.h"

#include <Qt3DRender/QEffect>
#include <Qt3DRender/QFilterKey>
#include <Qt3DRender/QGraphicsApiFilter>
#include <Qt3DRender/QParameter>
#include <Qt3DRender/QRenderPass>
#include <Qt3DRender/QShaderProgram>
#include <Qt3DRender/QTechnique>

#include <algorithm>

namespace takt::render {
namespace {

// The lighting model, shared by both GLSL dialects and both colourings below. Normals face the
// camera (both sides of a CAD face are lit alike); ambient + two Lambert terms + a Blinn-Phong
// highlight.
constexpr char kLighting[] = R"(
uniform mat4 modelMatrix;
uniform mat3 modelNormalMatrix;
uniform mat4 modelViewProjection;
uniform vec3 eyePosition;
uniform vec4 ks;
uniform float shininess;
uniform vec3 light0Direction;
uniform vec3 light0Colour;
uniform vec3 light1Direction;
uniform vec3 light1Colour;

vec3 directional(vec3 n, vec3 v, vec3 towardsLight, vec3 colour, vec3 diffuse)
{
    float lambert = max(dot(n, towardsLight), 0.0);
    vec3 h = normalize(towardsLight + v);
    float highlight = lambert > 0.0 ? pow(max(dot(n, h), 0.0), shininess) : 0.0;
    return colour * (diffuse * lambert + ks.rgb * highlight);
}

vec3 shade(vec3 position, vec3 normal, vec3 ambient, vec3 diffuse)
{
    vec3 p = vec3(modelMatrix * vec4(position, 1.0));
    vec3 n = normalize(modelNormalMatrix * normal);
    vec3 v = normalize(eyePosition - p);
    if (dot(n, v) < 0.0)
        n = -n;
    return ambient + directional(n, v, -light0Direction, light0Colour, diffuse)
                   + directional(n, v, -light1Direction, light1Colour, diffuse);
}
)";

// One colour for the whole draw (LitMaterial).
constexpr char kUniformColour[] = R"(
uniform vec4 ka;
uniform vec4 kd;
void main()
{
    colour = shade(vertexPosition, vertexNormal, ka.rgb, kd.rgb);
    gl_Position = modelViewProjection * vec4(vertexPosition, 1.0);
}
)";

// The colour of each vertex, packed as red + 256 green + 65536 blue (see scene_batches.h),
// mixed towards a tint (StationMaterial). The arithmetic is exact for integers below 2^24.
constexpr char kVertexColour[] = R"(
uniform vec4 tint;
uniform float diffuseScale;
uniform float ambientScale;
vec3 unpackColour(float code)
{
    float blue = floor(code / 65536.0);
    float rest = code - blue * 65536.0;
    float green = floor(rest / 256.0);
    return vec3(rest - green * 256.0, green, blue) / 255.0;
}
void main()
{
    vec3 base = mix(unpackColour(vertexColor), tint.rgb, tint.a);
    colour = shade(vertexPosition, vertexNormal, base * ambientScale,
                   min(base * diffuseScale, vec3(1.0)));
    gl_Position = modelViewProjection * vec4(vertexPosition, 1.0);
}
)";

QByteArray vertexShader(bool core, bool vertexColours)
{
    QByteArray s = core ? "#version 150 core\nin vec3 vertexPosition;\nin vec3 vertexNormal;\n"
                          "out vec3 colour;\n"
                        : "#version 110\nattribute vec3 vertexPosition;\n"
                          "attribute vec3 vertexNormal;\nvarying vec3 colour;\n";
    if (vertexColours)
        s += core ? "in float vertexColor;\n" : "attribute float vertexColor;\n";
    s += kLighting;
    s += vertexColours ? kVertexColour : kUniformColour;
    return s;
}

QByteArray fragmentShader(bool core)
{
    return core ? "#version 150 core\nin vec3 colour;\nout vec4 fragColor;\n"
                  "void main() { fragColor = vec4(colour, 1.0); }\n"
                : "#version 110\nvarying vec3 colour;\n"
                  "void main() { gl_FragColor = vec4(colour, 1.0); }\n";
}

Qt3DRender::QTechnique* technique(Qt3DRender::QEffect* effect, bool core, bool vertexColours)
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
    program->setVertexShaderCode(vertexShader(core, vertexColours));
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

static Qt3DRender::QEffect* makeLitEffect(Qt3DCore::QNode* parent, bool vertexColours)
{
    auto* effect = new Qt3DRender::QEffect(parent);
    effect->addTechnique(technique(effect, true, vertexColours));
    effect->addTechnique(technique(effect, false, vertexColours));
    const auto add = [effect](const char* name, const QVariant& value) {
        effect->addParameter(new Qt3DRender::QParameter(QString::fromLatin1(name), value, effect));
    };
    add("light0Direction", keyLight().direction);
    add("light0Colour", lightColour(keyLight()));
    add("light1Direction", fillLight().direction);
    add("light1Colour", lightColour(fillLight()));
    return effect;
}

Qt3DRender::QEffect* LitMaterial::makeEffect(Qt3DCore::QNode* parent)
{
    return makeLitEffect(parent, false);
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

Qt3DRender::QEffect* StationMaterial::makeEffect(Qt3DCore::QNode* parent)
{
    auto* effect = makeLitEffect(parent, true);
    // The layout's surfaces share a soft highlight.
    effect->addParameter(new Qt3DRender::QParameter(QStringLiteral("ks"), QColor(40, 40, 40), effect));
    effect->addParameter(new Qt3DRender::QParameter(QStringLiteral("shininess"), 24.0f, effect));
    return effect;
}

StationMaterial::StationMaterial(Qt3DRender::QEffect* effect, Qt3DCore::QNode* parent)
    : Qt3DRender::QMaterial(parent),
      m_tint(new Qt3DRender::QParameter(QStringLiteral("tint"), QColor(0, 0, 0, 0), this)),
      m_diffuseScale(new Qt3DRender::QParameter(QStringLiteral("diffuseScale"), 1.0f, this)),
      m_ambientScale(new Qt3DRender::QParameter(QStringLiteral("ambientScale"), kAmbient, this))
{
    setEffect(effect);
    addParameter(m_tint);
    addParameter(m_diffuseScale);
    addParameter(m_ambientScale);
}

void StationMaterial::setTint(const QColor& colour, float amount)
{
    QColor c = colour;
    c.setAlphaF(amount > 0.0f && colour.isValid() ? std::clamp(amount, 0.0f, 1.0f) : 0.0f);
    if (c == m_tintColour)
        return;
    m_tintColour = c;
    m_tint->setValue(c);
}

void StationMaterial::setSelected(bool selected)
{
    if (selected == m_selected)
        return;
    m_selected = selected;
    m_diffuseScale->setValue(selected ? kSelectedDiffuse : 1.0f);
    m_ambientScale->setValue(selected ? kSelectedAmbient : kAmbient);
}

} // namespace takt::render
