#include "render/scene_view.h"

#include "render/cad_camera_controller.h"
#include "render/scene_view_private.h"
#include "render/heatmap.h"
#include "render/lit_material.h"
#include "render/scene_graphics.h"
#include "render/scene_batches.h"
#include "render/scene_cells.h"
#include "render/scene_overlays.h"
#include "render/scene_ray_caster.h"
#include "twin/log.h"
#include "twin/plant.h"

#include <Qt3DCore/QAttribute>
#include <Qt3DCore/QBoundingVolume>
#include <Qt3DCore/QBuffer>
#include <Qt3DCore/QEntity>
#include <Qt3DCore/QGeometry>
#include <Qt3DExtras/QForwardRenderer>
#include <Qt3DExtras/Qt3DWindow>
#include <Qt3DRender/QCamera>
#include <Qt3DRender/QCameraLens>
#include <Qt3DRender/QGeometryRenderer>
#include <Qt3DRender/QLayer>
#include <Qt3DRender/QParameter>
#include <Qt3DRender/QPickingSettings>
#include <Qt3DRender/QRenderCapture>
#include <Qt3DRender/QRenderSettings>

#include <QElapsedTimer>
#include <QSurfaceFormat>
#include <QTimer>
#include <QVBoxLayout>
#include <QVector4D>
#include <QtMath>

#include <algorithm>
#include <cmath>
#include <cstring>

namespace takt::render {
namespace {

constexpr float kFovDeg = 40.0f;
/// Cells across the layout's larger plan side (frustum culling and levels of detail).
constexpr int kCellsAcross = 8;

std::vector<StationPlacement> placements(const FlatScene& scene, const twin::Plant& plant,
                                         const StationBinding& binding)
{
    std::vector<StationPlacement> out(plant.stations.size());
    for (std::size_t s = 0; s < out.size(); ++s) {
        out[s].id = QString::fromStdString(plant.stations[s].id);
        out[s].holdsParts = plant.stations[s].kind == twin::StationKind::Buffer ||
                            plant.stations[s].kind == twin::StationKind::Conveyor;
    }
    for (std::size_t m = 0; m < scene.meshes.size(); ++m) {
        const int s = binding.stationOfMesh(scene, m);
        if (s < 0 || std::size_t(s) >= out.size())
            continue;
        auto& p = out[std::size_t(s)];
        const auto& pos = scene.meshes[m].positions;
        for (std::size_t i = 0; i + 2 < pos.size(); i += 3) {
            const QVector3D v(pos[i], pos[i + 1], pos[i + 2]);
            if (!p.valid) {
                p.min = p.max = v;
                p.valid = true;
            }
            p.min = QVector3D(std::min(p.min.x(), v.x()), std::min(p.min.y(), v.y()),
                              std::min(p.min.z(), v.z()));
            p.max = QVector3D(std::max(p.max.x(), v.x()), std::max(p.max.y(), v.y()),
                              std::max(p.max.z(), v.z()));
        }
    }
    return out;
}

} // namespace

QString SceneView::openGlRenderer()
{
    return openGlInfo().renderer;
}
bool SceneView::softwareRenderer()
{
    return openGlInfo().software;
}
int SceneView::samples() const
{
    return d->window->format().samples();
}

SceneView::SceneView(QWidget* parent, Purpose purpose) : QWidget(parent), d(new Private)
{
    d->window = new Qt3DExtras::Qt3DWindow();
    {
        // Qt3DWindow asks for 4 samples. On a software rasteriser that multiplies the cost of
        // every pixel; interactive views there go without (see Purpose).
        const bool cheap = purpose == Purpose::Interactive && softwareRenderer();
        int samples = cheap ? 0 : 4;
        if (qEnvironmentVariableIsSet("TAKT_SAMPLES"))
            samples = std::clamp(qEnvironmentVariableIntValue("TAKT_SAMPLES"), 0, 16);
        QSurfaceFormat format = d->window->format();
        format.setSamples(samples);
        d->window->setFormat(format);
        // Qt 3D creates its context from the default format, which Qt3DWindow has just set.
        QSurfaceFormat::setDefaultFormat(format);
        // A pulsing beacon redraws the scene 15 times a second for as long as it is shown.
        d->animated = !cheap;
    }
    d->root = new Qt3DCore::QEntity();
    d->labelLayer = new Qt3DRender::QLayer(d->root);
    d->translucentLayer = new Qt3DRender::QLayer(d->root);
    const SceneFrameGraph graph =
        buildSceneFrameGraph(d->window, d->labelLayer, d->translucentLayer);
    d->capture = graph.capture;
    d->window->setActiveFrameGraph(graph.root);
    // Draw only when something changed: a software renderer must not spin at full speed.
    d->window->renderSettings()->setRenderPolicy(Qt3DRender::QRenderSettings::OnDemand);
    // Stations are merged batches, so their bounding volumes are what a click should hit.
    d->window->renderSettings()->pickingSettings()->setPickMethod(
        Qt3DRender::QPickingSettings::BoundingVolumePicking);
    d->window->renderSettings()->pickingSettings()->setPickResultMode(
        Qt3DRender::QPickingSettings::NearestPick);

    auto* camera = d->window->camera();
    camera->lens()->setPerspectiveProjection(kFovDeg, 16.0f / 9.0f, 0.1f, 1000.0f);
    camera->setUpVector(QVector3D(0, 1, 0));
    connect(camera, &Qt3DRender::QCamera::viewMatrixChanged, this, [this] {
        d->fitClipPlanes();
        d->faceLabels();
        d->cameraMoved();
        emit cameraChanged();
    });
    // The aspect ratio follows the window: where labels fall on screen changes with it.
    connect(camera, &Qt3DRender::QCamera::projectionMatrixChanged, this, [this] {
        d->faceLabels();
        d->cameraMoved();
        emit cameraChanged();
    });
    d->stillTimer.setSingleShot(true);
    d->stillTimer.setInterval(kStillDelayMs);
    connect(&d->stillTimer, &QTimer::timeout, this, [this] {
        d->detail.moving = false;
        d->updateDetail();
        twin::logger("render")->debug("camera still: {} triangles a frame",
                                      d->cells ? d->cells->selection().triangles : 0);
    });

    // The layout's materials light themselves (StationMaterial: keyLight() and fillLight()).
    d->stationEffect = StationMaterial::makeEffect(d->root);
    d->sectionParameter = new Qt3DRender::QParameter(QStringLiteral("sectionPlane"),
                                                     QVector4D(0, 0, 0, 1), d->stationEffect);
    d->stationEffect->addParameter(d->sectionParameter);

    CadCameraController::Hooks hooks;
    hooks.pose = [this] { return d->pose(); };
    hooks.setPose = [this](const CameraPose& p) { d->setPose(p); };
    hooks.viewport = [this] { return QSizeF(d->window->size()); };
    hooks.pick = [this](QPointF pixel) { return d->pick(pixel); };
    hooks.bounds = [this] { return d->box(); };
    d->controller = new CadCameraController(std::move(hooks), this);
    d->controller->attach(d->window);
    connect(d->controller, &CadCameraController::clicked, this, [this](QPointF at) {
        if (!d->measuring)
            return;
        const auto hit = d->pick(at);
        if (!hit)
            return;
        if (!d->measureFrom) {
            d->measureFrom = *hit;
            d->drawMeasure(*hit, std::nullopt);
            emit measureStarted(*hit);
            return;
        }
        const QVector3D from = *d->measureFrom;
        d->measureFrom.reset();
        d->drawMeasure(from, *hit);
        emit distanceMeasured(from, *hit, double((*hit - from).length()));
    });
    d->window->setRootEntity(d->root);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* container = QWidget::createWindowContainer(d->window, this);
    container->setFocusPolicy(Qt::StrongFocus);
    container->setMinimumSize(320, 240);
    layout->addWidget(container);
    // The plan view's width follows the window's shape, as a perspective lens's aspect does.
    const auto resized = [this] {
        if (const CameraPose p = d->pose(); p.orthoHeight > 0.0f)
            d->setPose(p);
        d->faceLabels();
    };
    connect(d->window, &QWindow::heightChanged, this, resized);
    connect(d->window, &QWindow::widthChanged, this, resized);

    d->pulseTimer.setInterval(66);
    d->pulseClock.start();
    connect(&d->pulseTimer, &QTimer::timeout, this, [this] {
        if (d->overlays)
            d->overlays->pulse(float(d->pulseClock.elapsed() % 1500) / 1500.0f);
    });
}

SceneView::~SceneView() = default;

void SceneView::clearScene()
{
    d->overlays.reset();
    if (d->sceneRoot) {
        d->sceneRoot->setParent(static_cast<Qt3DCore::QNode*>(nullptr));
        d->sceneRoot->deleteLater();
        d->sceneRoot = nullptr;
    }
    d->cells.reset();
    d->stillTimer.stop();
    d->rayCaster.reset();
    d->measureFrom.reset();
    if (d->measureEntity) {
        d->measureEntity->setParent(static_cast<Qt3DCore::QNode*>(nullptr));
        d->measureEntity->deleteLater();
        d->measureEntity = nullptr;
    }
    d->placements.clear();
    d->scene.reset();
    d->stats = {};
    d->selected = -1;
    d->pulseTimer.stop();
}

void SceneView::setScene(std::shared_ptr<const FlatScene> scene, const twin::Plant* plant,
                         const StationBinding* binding)
{
    clearScene();
    if (!scene)
        return;
    QElapsedTimer clock;
    clock.start();
    d->scene = std::move(scene);
    d->sceneRoot = new Qt3DCore::QEntity(d->root);
    if (!plant)
        binding = nullptr;
    // Cells serve culling and levels of detail alone: with both off the layout is merged into
    // batches per station as it was before cells (a few large draws).
    const bool cellsWanted = d->detail.levelOfDetail || d->detail.culling;
    const std::vector<Batch> batches =
        buildBatches(*d->scene, binding, cellsWanted ? cellSizeFor(*d->scene, kCellsAcross) : 0.0f);
    const auto batchMs = clock.elapsed();
    d->cells = std::make_unique<SceneCells>(batches, d->sceneRoot, d->stationEffect);
    connect(d->cells.get(), &SceneCells::stationClicked, this, [this](int station, bool left) {
        // The end of an orbit over a station is no click on it.
        if (!left || d->controller->lastPressDragged() || d->measuring)
            return;
        setSelectedStation(station);
        emit stationPicked(station);
    });
    connect(d->cells.get(), &SceneCells::levelsReady, this, &SceneView::detailLevelsReady);
    // Levels of detail are built once the first frame is drawn, so that it comes no later.
    d->buildLevelsAfterFirstFrame(d->cells.get(), 0);
    d->stats.nodes = d->scene->nodes.size();
    d->stats.meshes = d->scene->meshes.size();
    d->stats.triangles = d->scene->triangleCount();
    d->stats.lines = d->scene->lineCount();
    d->stats.points = d->scene->pointCount();
    d->stats.drawCalls = batches.size();
    d->updateDetail();
    d->bounds = d->scene->bounds();
    if (plant && binding) {
        d->placements = placements(*d->scene, *plant, *binding);
        std::vector<std::pair<int, int>> flow;
        for (const auto& e : plant->flow)
            flow.emplace_back(plant->stationIndex(e.from), plant->stationIndex(e.to));
        // The floor's top is where stations stand, not the bottom of the floor slab.
        float floorY = d->bounds[1][1];
        for (const auto& p : d->placements)
            if (p.valid)
                floorY = std::min(floorY, p.min.y());
        if (floorY == d->bounds[1][1])
            floorY = d->bounds[0][1];
        d->overlays = std::make_unique<SceneOverlays>(
            d->sceneRoot, d->labelLayer, d->translucentLayer, d->placements, flow, floorY);
        d->overlays->setSettings(d->settings);
        d->overlays->setFrame(d->frame);
    }
    fitAll();
    d->applyStationColors();
    d->sceneClock.start();
    twin::logger("render")->info(
        "scene: {} meshes merged into {} batches in {} ms, entities in {} ms", d->stats.meshes,
        batches.size(), batchMs, clock.elapsed() - batchMs);
}

SceneStats SceneView::stats() const
{
    return d->stats;
}

void SceneView::setDetail(bool levelOfDetail, bool culling)
{
    d->detail.levelOfDetail = levelOfDetail;
    d->detail.culling = culling;
    if (auto* forward = qobject_cast<Qt3DExtras::QForwardRenderer*>(d->window->defaultFrameGraph()))
        forward->setFrustumCullingEnabled(culling);
    if (levelOfDetail && d->cells)
        d->cells->buildLevels();
    d->updateDetail();
}

DetailStats SceneView::detailStats() const
{
    DetailStats out;
    out.levelOfDetail = d->detail.levelOfDetail;
    out.culling = d->detail.culling;
    if (!d->cells)
        return out;
    const DetailSelection& s = d->cells->selection();
    out.cells = d->cells->cellCount();
    out.cellsDrawn = s.cellsDrawn;
    out.triangles = s.triangles;
    out.points = s.points;
    out.levelsReady = d->cells->hasLevels();
    out.fullDetail = s.maxPixelError <= kFullDetailPixelError && !s.mergedColours;
    out.everyTriangle = std::all_of(s.level.begin(), s.level.end(), [](int l) { return l <= 0; });
    return out;
}

void SceneView::setStillPixelError(float pixels)
{
    d->detail.stillPixelError = std::max(0.0f, pixels);
    d->updateDetail();
}

void SceneView::setForcedDetailLevel(std::optional<int> level)
{
    if (d->cells)
        d->cells->setForcedLevel(level);
}

void SceneView::fitAll()
{
    // A three-quarter view from above, the way a layout is usually shown.
    const float aspect = std::max(0.1f, float(width()) / float(std::max(1, height())));
    d->setPose(
        fitPose(d->box(), QVector3D(-0.3f, 1.0f, 0.95f), QVector3D(0, 1, 0), aspect, kFovDeg));
    d->window->camera()->setAspectRatio(aspect);
    d->fitClipPlanes();
    d->fittedPose = d->pose();
}

void SceneView::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    // A camera still where fitAll() put it is fitted again: the window's docks may settle after
    // the scene is loaded, and a fit for the old shape would cut the layout or leave it small.
    if (d->fittedPose && d->isAt(*d->fittedPose))
        fitAll();
}

void SceneView::setStandardView(StandardView view)
{
    const float aspect = std::max(0.1f, float(width()) / float(std::max(1, height())));
    d->setPose(standardViewPose(view, d->box(), aspect, kFovDeg));
    d->window->camera()->setAspectRatio(aspect);
    d->fitClipPlanes();
}

std::optional<QVector3D> SceneView::surfacePoint(QPoint pixel) const
{
    return d->pick(QPointF(pixel));
}

void SceneView::setPlanView(bool plan)
{
    if (!plan) {
        fitAll();
        return;
    }
    d->setPose(planPose(d->box(), d->aspect()));
    d->fitClipPlanes();
}

bool SceneView::planView() const
{
    return d->pose().orthoHeight > 0.0f;
}

double SceneView::metresPerPixel() const
{
    const CameraPose p = d->pose();
    return render::metresPerPixel(p, QSizeF(d->window->size()), p.distance());
}

void SceneView::setSection(std::optional<SectionPlane> section)
{
    d->section = section;
    QVector4D plane(0, 0, 0, 1); // everything kept
    if (section && section->axis >= 0 && section->axis <= 2) {
        plane = QVector4D(0, 0, 0, section->at);
        plane[section->axis] = -1.0f; // at - coordinate >= 0 is kept
    }
    d->sectionParameter->setValue(plane);
}

std::optional<SectionPlane> SceneView::section() const
{
    return d->section;
}

void SceneView::setMeasuring(bool measuring)
{
    d->measuring = measuring;
    d->measureFrom.reset();
    if (!measuring && d->measureEntity) {
        d->measureEntity->setParent(static_cast<Qt3DCore::QNode*>(nullptr));
        d->measureEntity->deleteLater();
        d->measureEntity = nullptr;
    }
}

bool SceneView::measuring() const
{
    return d->measuring;
}

void SceneView::fitSelection()
{
    if (d->selected < 0 || std::size_t(d->selected) >= d->placements.size() ||
        !d->placements[std::size_t(d->selected)].valid) {
        fitAll();
        return;
    }
    const auto& p = d->placements[std::size_t(d->selected)];
    auto* camera = d->window->camera();
    const float radius = std::max(2.0f, (p.max - p.min).length() * 0.5f);
    const QVector3D dir = (camera->position() - camera->viewCenter()).normalized();
    const float distance = radius / std::sin(qDegreesToRadians(kFovDeg) * 0.5f) * 1.4f;
    camera->setViewCenter(p.centre());
    camera->setPosition(p.centre() + dir * distance);
}

twin::CameraView SceneView::cameraView() const
{
    const auto* c = d->window->camera();
    return {toArray(c->position()), toArray(c->viewCenter()), toArray(c->upVector()),
            c->fieldOfView()};
}

void SceneView::setCameraView(const twin::CameraView& view)
{
    auto* c = d->window->camera();
    if (c->projectionType() != Qt3DRender::QCameraLens::PerspectiveProjection)
        c->lens()->setPerspectiveProjection(float(view.fieldOfView), d->aspect(), c->nearPlane(),
                                            c->farPlane());
    c->setFieldOfView(float(view.fieldOfView));
    c->setUpVector(toQVector3D(view.up));
    c->setViewCenter(toQVector3D(view.viewCenter));
    c->setPosition(toQVector3D(view.position));
    d->fitClipPlanes();
}

void SceneView::setOverlayFrame(const OverlayFrame& frame)
{
    d->frame = frame;
    d->applyFrame();
}

void SceneView::setOverlaySettings(const OverlaySettings& settings)
{
    d->settings = settings;
    if (d->overlays)
        d->overlays->setSettings(settings);
    d->applyFrame();
    d->faceLabels(); // label size may have changed
}

OverlaySettings SceneView::overlaySettings() const
{
    return d->settings;
}

void SceneView::setAnimated(bool animated)
{
    d->animated = animated;
    d->applyFrame();
}

bool SceneView::animated() const
{
    return d->animated;
}

void SceneView::setHeatmapValues(const std::vector<double>& perStation, double maxValue,
                                 HeatmapPalette palette)
{
    if (!d->overlays)
        return;
    if (perStation.empty()) {
        d->overlays->setFloorImage({}, 0, 0, 0, 0);
        return;
    }
    std::vector<HeatPoint> points;
    for (std::size_t i = 0; i < perStation.size() && i < d->placements.size(); ++i)
        if (d->placements[i].valid) {
            const QVector3D c = d->placements[i].centre();
            const double v = perStation[i];
            points.push_back(
                {c.x(), c.z(), palette == HeatmapPalette::Diverging ? v : std::max(0.0, v)});
        }
    HeatmapOptions o;
    o.minX = d->bounds[0][0];
    o.maxX = d->bounds[1][0];
    o.minZ = d->bounds[0][2];
    o.maxZ = d->bounds[1][2];
    o.metresPerPixel = std::max(0.1, std::max(o.maxX - o.minX, o.maxZ - o.minZ) / 512.0);
    // Differences are drawn wider and stronger: station geometry covers its own centre, and a
    // difference must read in the aisles around it.
    const bool diverging = palette == HeatmapPalette::Diverging;
    o.radius = diverging ? 10.0 : 7.0;
    o.maxValue = maxValue > 0 ? std::optional<double>(maxValue) : std::nullopt;
    o.maxAlpha = diverging ? 0.85 : 0.75;
    o.palette = palette;
    try {
        d->overlays->setFloorImage(makeFloorHeatmap(points, o), float(o.minX), float(o.maxX),
                                   float(o.minZ), float(o.maxZ));
    } catch (const std::exception& e) {
        twin::logger("render")->warn("heatmap: {}", e.what());
    }
}

void SceneView::setSelectedStation(int station)
{
    d->selected = station;
    if (d->overlays)
        d->overlays->setSelected(station);
    d->applyStationColors();
}

int SceneView::selectedStation() const
{
    return d->selected;
}

std::optional<QPoint> SceneView::stationScreenPosition(int station) const
{
    if (station < 0 || std::size_t(station) >= d->placements.size() ||
        !d->placements[std::size_t(station)].valid)
        return std::nullopt;
    const auto* camera = d->window->camera();
    const QVector4D clip = camera->projectionMatrix() * camera->viewMatrix() *
                           QVector4D(d->placements[std::size_t(station)].centre(), 1.0f);
    if (clip.w() <= 0.0f)
        return std::nullopt;
    const float x = clip.x() / clip.w(), y = clip.y() / clip.w();
    return QPoint(int((x * 0.5f + 0.5f) * d->window->width()),
                  int((0.5f - y * 0.5f) * d->window->height()));
}

QWindow* SceneView::renderWindow() const
{
    return d->window;
}

std::vector<LabelPlacement> SceneView::labelPlacements() const
{
    return d->overlays ? d->overlays->labelPlacements() : std::vector<LabelPlacement>{};
}

void SceneView::requestCapture(const QRect& region)
{
    auto* reply =
        region.isEmpty() ? d->capture->requestCapture() : d->capture->requestCapture(region);
    connect(reply, &Qt3DRender::QRenderCaptureReply::completed, this, [this, reply] {
        QImage image = reply->image();
        reply->deleteLater();
        // The RHI renderer hands OpenGL frames back bottom-up.
        if (qgetenv("QT3D_RENDERER") != "opengl")
            image = image.mirrored(false, true);
        emit frameCaptured(image);
    });
}

} // namespace takt::render
