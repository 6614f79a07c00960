#include "render/scene_view.h"

#include "render/scene_batches.h"
#include "twin/log.h"

#include <Qt3DCore/QAttribute>
#include <Qt3DCore/QBuffer>
#include <Qt3DCore/QEntity>
#include <Qt3DCore/QGeometry>
#include <Qt3DCore/QTransform>
#include <Qt3DExtras/QForwardRenderer>
#include <Qt3DExtras/QOrbitCameraController>
#include <Qt3DExtras/QPhongMaterial>
#include <Qt3DExtras/Qt3DWindow>
#include <Qt3DRender/QCamera>
#include <Qt3DRender/QDirectionalLight>
#include <Qt3DRender/QGeometryRenderer>
#include <Qt3DRender/QCullFace>
#include <Qt3DRender/QRenderCapture>
#include <Qt3DRender/QRenderStateSet>

#include <QElapsedTimer>
#include <QVBoxLayout>
#include <QVector3D>
#include <QtMath>

#include <algorithm>
#include <cmath>
#include <cstring>

namespace takt::render {
namespace {

constexpr float kFovDeg = 40.0f;

Qt3DRender::QGeometryRenderer* makeRenderer(const Batch& batch, Qt3DCore::QEntity* owner)
{
    auto* geometry = new Qt3DCore::QGeometry(owner);
    // Interleaved position + normal, 24 bytes a vertex.
    QByteArray vertexBytes(static_cast<qsizetype>(batch.vertices.size() * sizeof(float)),
                           Qt::Uninitialized);
    std::memcpy(vertexBytes.data(), batch.vertices.data(), static_cast<size_t>(vertexBytes.size()));
    auto* vbuf = new Qt3DCore::QBuffer(geometry);
    vbuf->setData(vertexBytes);
    QByteArray indexBytes(static_cast<qsizetype>(batch.indices.size() * sizeof(std::uint32_t)),
                          Qt::Uninitialized);
    std::memcpy(indexBytes.data(), batch.indices.data(), static_cast<size_t>(indexBytes.size()));
    auto* ibuf = new Qt3DCore::QBuffer(geometry);
    ibuf->setData(indexBytes);

    const auto vertexCount = static_cast<uint>(batch.vertices.size() / 6);
    auto* pos = new Qt3DCore::QAttribute(geometry);
    pos->setName(Qt3DCore::QAttribute::defaultPositionAttributeName());
    pos->setVertexBaseType(Qt3DCore::QAttribute::Float);
    pos->setVertexSize(3);
    pos->setAttributeType(Qt3DCore::QAttribute::VertexAttribute);
    pos->setBuffer(vbuf);
    pos->setByteStride(6 * sizeof(float));
    pos->setByteOffset(0);
    pos->setCount(vertexCount);
    geometry->addAttribute(pos);

    auto* nrm = new Qt3DCore::QAttribute(geometry);
    nrm->setName(Qt3DCore::QAttribute::defaultNormalAttributeName());
    nrm->setVertexBaseType(Qt3DCore::QAttribute::Float);
    nrm->setVertexSize(3);
    nrm->setAttributeType(Qt3DCore::QAttribute::VertexAttribute);
    nrm->setBuffer(vbuf);
    nrm->setByteStride(6 * sizeof(float));
    nrm->setByteOffset(3 * sizeof(float));
    nrm->setCount(vertexCount);
    geometry->addAttribute(nrm);

    auto* idx = new Qt3DCore::QAttribute(geometry);
    idx->setAttributeType(Qt3DCore::QAttribute::IndexAttribute);
    idx->setVertexBaseType(Qt3DCore::QAttribute::UnsignedInt);
    idx->setBuffer(ibuf);
    idx->setCount(static_cast<uint>(batch.indices.size()));
    geometry->addAttribute(idx);

    auto* renderer = new Qt3DRender::QGeometryRenderer(owner);
    renderer->setGeometry(geometry);
    renderer->setPrimitiveType(Qt3DRender::QGeometryRenderer::Triangles);
    return renderer;
}

QColor toQColor(const std::array<float, 4>& c)
{
    return QColor::fromRgbF(std::clamp(c[0], 0.f, 1.f), std::clamp(c[1], 0.f, 1.f),
                            std::clamp(c[2], 0.f, 1.f));
}

} // namespace

struct SceneView::Private {
    Qt3DExtras::Qt3DWindow* window = nullptr;
    Qt3DCore::QEntity* root = nullptr;
    Qt3DCore::QEntity* sceneRoot = nullptr;
    Qt3DRender::QRenderCapture* capture = nullptr;
    Qt3DExtras::QOrbitCameraController* controller = nullptr;
    std::shared_ptr<const FlatScene> scene;
    SceneStats stats;
    struct Drawn {
        int station;
        QColor base;
        Qt3DExtras::QPhongMaterial* material;
    };
    std::vector<Drawn> drawn;
    std::array<std::array<float, 3>, 2> bounds{};
};

SceneView::SceneView(QWidget* parent) : QWidget(parent), d(new Private)
{
    d->window = new Qt3DExtras::Qt3DWindow();
    auto* forward = d->window->defaultFrameGraph();
    forward->setClearColor(QColor(0x2b, 0x30, 0x38));
    // A render-capture node above the default forward renderer, so that frames can be read
    // back for screenshots and render tests.
    d->capture = new Qt3DRender::QRenderCapture();
    // CAD exports often mix face windings: draw both sides rather than lose faces.
    auto* states = new Qt3DRender::QRenderStateSet(d->capture);
    auto* cull = new Qt3DRender::QCullFace(states);
    cull->setMode(Qt3DRender::QCullFace::NoCulling);
    states->addRenderState(cull);
    forward->setParent(states);
    d->window->setActiveFrameGraph(d->capture);

    d->root = new Qt3DCore::QEntity();
    auto* camera = d->window->camera();
    camera->lens()->setPerspectiveProjection(kFovDeg, 16.0f / 9.0f, 0.1f, 1000.0f);
    camera->setUpVector(QVector3D(0, 1, 0));

    // Key light from above and one side, fill from the other: faces of boxes read differently.
    auto addLight = [this](QVector3D dir, float intensity, QColor colour) {
        auto* e = new Qt3DCore::QEntity(d->root);
        auto* light = new Qt3DRender::QDirectionalLight(e);
        light->setWorldDirection(dir.normalized());
        light->setIntensity(intensity);
        light->setColor(colour);
        e->addComponent(light);
    };
    addLight(QVector3D(-0.45f, -1.0f, -0.3f), 0.85f, QColor(255, 250, 240));
    addLight(QVector3D(0.6f, -0.5f, 0.8f), 0.35f, QColor(210, 220, 255));

    d->controller = new Qt3DExtras::QOrbitCameraController(d->root);
    d->controller->setCamera(camera);
    d->window->setRootEntity(d->root);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* container = QWidget::createWindowContainer(d->window, this);
    container->setFocusPolicy(Qt::StrongFocus);
    container->setMinimumSize(320, 240);
    layout->addWidget(container);
}

SceneView::~SceneView() = default;

void SceneView::clearScene()
{
    if (d->sceneRoot) {
        d->sceneRoot->setParent(static_cast<Qt3DCore::QNode*>(nullptr));
        d->sceneRoot->deleteLater();
        d->sceneRoot = nullptr;
    }
    d->drawn.clear();
    d->scene.reset();
    d->stats = {};
}

void SceneView::setScene(std::shared_ptr<const FlatScene> scene, const StationBinding* binding)
{
    clearScene();
    if (!scene)
        return;
    d->scene = std::move(scene);
    QElapsedTimer clock;
    clock.start();
    d->sceneRoot = new Qt3DCore::QEntity(d->root);
    const std::vector<Batch> batches = buildBatches(*d->scene, binding);
    const auto batchMs = clock.elapsed();
    for (const auto& batch : batches) {
        auto* e = new Qt3DCore::QEntity(d->sceneRoot);
        e->addComponent(makeRenderer(batch, e));
        auto* material = new Qt3DExtras::QPhongMaterial(e);
        const QColor base = toQColor(d->scene->materials[static_cast<std::size_t>(batch.material)].color);
        material->setDiffuse(base);
        material->setAmbient(base.darker(320));
        material->setSpecular(QColor(40, 40, 40));
        material->setShininess(24.0f);
        e->addComponent(material);
        d->drawn.push_back({batch.station, base, material});
    }
    d->stats.nodes = d->scene->nodes.size();
    d->stats.meshes = d->scene->meshes.size();
    d->stats.triangles = d->scene->triangleCount();
    d->stats.drawCalls = batches.size();
    d->bounds = d->scene->bounds();
    fitAll();
    twin::logger("render")->info("scene: {} meshes merged into {} batches in {} ms, entities in {} ms",
                                 d->stats.meshes, batches.size(), batchMs, clock.elapsed() - batchMs);
}

SceneStats SceneView::stats() const { return d->stats; }

void SceneView::fitAll()
{
    const auto& [lo, hi] = d->bounds;
    const QVector3D min(lo[0], lo[1], lo[2]), max(hi[0], hi[1], hi[2]);
    const QVector3D centre = (min + max) * 0.5f;
    const float radius = std::max(0.5f * (max - min).length(), 0.01f);
    auto* camera = d->window->camera();
    const float aspect = std::max(0.1f, float(width()) / float(std::max(1, height())));
    camera->lens()->setPerspectiveProjection(kFovDeg, aspect, radius * 0.01f, radius * 20.0f);
    // A three-quarter view from above, the way a layout is usually shown.
    const QVector3D direction = QVector3D(-0.55f, 0.85f, 0.95f).normalized();
    const float halfFov = qDegreesToRadians(kFovDeg) * 0.5f;
    const float fit = std::min(halfFov, std::atan(std::tan(halfFov) * aspect));
    const float distance = radius / std::sin(fit) * 0.92f;
    camera->setUpVector(QVector3D(0, 1, 0));
    camera->setViewCenter(centre);
    camera->setPosition(centre + direction * distance);
    d->controller->setLinearSpeed(radius * 1.5f);
    d->controller->setLookSpeed(180.0f);
}

void SceneView::setStationColor(int station, const QColor& color)
{
    for (auto& drawn : d->drawn)
        if (drawn.station == station && station >= 0) {
            const QColor c = color.isValid() ? color : drawn.base;
            drawn.material->setDiffuse(c);
            drawn.material->setAmbient(c.darker(320));
        }
}

void SceneView::requestCapture()
{
    auto* reply = d->capture->requestCapture();
    connect(reply, &Qt3DRender::QRenderCaptureReply::completed, this, [this, reply] {
        const QImage image = reply->image();
        reply->deleteLater();
        emit frameCaptured(image);
    });
}

} // namespace takt::render
