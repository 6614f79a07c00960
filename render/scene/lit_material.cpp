#include "render/lit_material.h"

#include "twin/error.h"

#include <Qt3DRender/QClipPlane>
#include <Qt3DRender/QEffect>
#include <Qt3DRender/QFilterKey>
#include <Qt3DRender/QGraphicsApiFilter>
#include <Qt3DRender/QParameter>
#include <Qt3DRender/QPointSize>
#include <Qt3DRender/QRenderPass>
#include <Qt3DRender/QShaderProgram>
#include <Qt3DRender/QTechnique>

#include <QFile>

#include <algorithm>

// The resources of a static library are only linked in when something names them.
static void initShaderResources()
{
    Q_INIT_RESOURCE(shaders);
}

namespace takt::render {
namespace {

// The GLSL lives in resources/shaders/, compiled into this library through shaders.qrc. One
// source serves both dialects: what differs between GLSL 1.50 core and 1.10 is put in front.
QByteArray shaderSource(const QString& name)
{
    static const bool initialised = (initShaderResources(), true);
    Q_UNUSED(initialised);
    QFile file(QStringLiteral(":/shaders/") + name);
    if (!file.open(QIODevice::ReadOnly))
        throw twin::Error("render: the shader :/shaders/" + name.toStdString() +
                          " is missing from the program's resources");
    return file.readAll();
}

QByteArray vertexShader(bool core, bool vertexColours)
{
    static const QByteArray source = shaderSource(QStringLiteral("lit.vert"));
    QByteArray s = core ? "#version 150 core\n#define IN in\n#define OUT out\n"
                        : "#version 110\n#define IN attribute\n#define OUT varying\n";
    if (vertexColours)
        s += "#define VERTEX_COLOURS\n";
    return s + source;
}

QByteArray fragmentShader(bool core)
{
    static const QByteArray source = shaderSource(QStringLiteral("lit.frag"));
    return (core ? QByteArray("#version 150 core\n#define IN in\nout vec4 fragColor;\n"
                              "#define FRAG_COLOUR fragColor\n")
                 : QByteArray(
                       "#version 110\n#define IN varying\n#define FRAG_COLOUR gl_FragColor\n")) +
           source;
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
    if (vertexColours) {
        // Point clouds: the vertex shader sets each point's size in pixels (pointSize).
        auto* points = new Qt3DRender::QPointSize(pass);
        points->setSizeMode(Qt3DRender::QPointSize::Programmable);
        pass->addRenderState(points);
        // The section plane (lit.vert's sectionPlane) clips through gl_ClipDistance[0], which
        // GLSL 1.10 lacks: the old dialect draws uncut.
        if (core) {
            auto* clip = new Qt3DRender::QClipPlane(pass);
            clip->setPlaneIndex(0);
            pass->addRenderState(clip);
        }
    }
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

void LitMaterial::setAmbient(const QColor& c)
{
    m_ambient->setValue(c);
}
void LitMaterial::setSpecular(const QColor& c)
{
    m_specular->setValue(c);
}
void LitMaterial::setShininess(float s)
{
    m_shininess->setValue(s);
}

Qt3DRender::QEffect* StationMaterial::makeEffect(Qt3DCore::QNode* parent)
{
    auto* effect = makeLitEffect(parent, true);
    // The layout's surfaces share a soft highlight.
    effect->addParameter(
        new Qt3DRender::QParameter(QStringLiteral("ks"), QColor(40, 40, 40), effect));
    effect->addParameter(new Qt3DRender::QParameter(QStringLiteral("shininess"), 24.0f, effect));
    effect->addParameter(new Qt3DRender::QParameter(QStringLiteral("pointSize"),
                                                    StationMaterial::kPointSizePixels, effect));
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
