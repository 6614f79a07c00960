#include "render/scene_view_private.h"

#include "render/lit_material.h"
#include "render/scene_batches.h"
#include "twin/log.h"

#include <Qt3DCore/QEntity>
#include <Qt3DExtras/QForwardRenderer>
#include <Qt3DExtras/Qt3DWindow>
#include <Qt3DRender/QCamera>
#include <Qt3DRender/QCameraLens>
#include <Qt3DRender/QGeometryRenderer>
#include <Qt3DRender/QRenderCapture>

#include <QImage>

#include <algorithm>

namespace takt::render {

void SceneView::Private::applyStationColors()
{
    if (!cells)
        return;
    for (const auto& d : cells->materials()) {
        if (settings.stateColors && d.station >= 0 &&
            std::size_t(d.station) < frame.stations.size())
            d.material->setTint(stateColor(frame.stations[std::size_t(d.station)].state), 0.55f);
        else
            d.material->setTint({}, 0.0f);
        // The selected station is lifted so that it reads as selected whatever its state.
        d.material->setSelected(d.station >= 0 && d.station == selected);
    }
}

void SceneView::Private::applyFrame()
{
    if (overlays) {
        overlays->setFrame(frame);
        faceLabels();
    }
    applyStationColors();
    const bool pulse = animated && settings.bottleneck && frame.bottleneck >= 0;
    if (pulse && !pulseTimer.isActive())
        pulseTimer.start();
    else if (!pulse)
        pulseTimer.stop();
}

SceneBox SceneView::Private::box() const
{
    if (!scene)
        return {};
    return {QVector3D(bounds[0][0], bounds[0][1], bounds[0][2]),
            QVector3D(bounds[1][0], bounds[1][1], bounds[1][2])};
}

bool SceneView::Private::isAt(const CameraPose& p) const
{
    const CameraPose now = pose();
    return now.position == p.position && now.center == p.center && now.up == p.up &&
           now.orthoHeight == p.orthoHeight;
}

CameraPose SceneView::Private::pose() const
{
    const auto* c = window->camera();
    CameraPose p{c->position(), c->viewCenter(), c->upVector(), c->fieldOfView()};
    if (c->projectionType() == Qt3DRender::QCameraLens::OrthographicProjection)
        p.orthoHeight = c->top() - c->bottom();
    return p;
}

float SceneView::Private::aspect() const
{
    return std::max(0.1f, float(window->width()) / float(std::max(1, window->height())));
}

void SceneView::Private::setPose(const CameraPose& p)
{
    auto* c = window->camera();
    if (p.orthoHeight > 0.0f) {
        const float h = p.orthoHeight * 0.5f, w = h * aspect();
        c->lens()->setOrthographicProjection(-w, w, -h, h, c->nearPlane(), c->farPlane());
    } else if (c->projectionType() != Qt3DRender::QCameraLens::PerspectiveProjection) {
        c->lens()->setPerspectiveProjection(p.fovDeg, aspect(), c->nearPlane(), c->farPlane());
    }
    c->setFieldOfView(p.fovDeg);
    c->setUpVector(p.up);
    c->setPosition(p.position);
    c->setViewCenter(p.center);
}

void SceneView::Private::updateDetail()
{
    if (!cells)
        return;
    const auto* c = window->camera();
    DetailCamera camera;
    camera.viewProjection = c->projectionMatrix() * c->viewMatrix();
    camera.position = c->position();
    camera.viewportHeight = float(std::max(1, window->height()));
    camera.fieldOfViewDeg = c->fieldOfView();
    if (c->projectionType() == Qt3DRender::QCameraLens::OrthographicProjection)
        camera.orthoHeight = c->top() - c->bottom();
    cells->update(camera, detail);
}

void SceneView::Private::buildLevelsAfterFirstFrame(SceneCells* forCells, int tries)
{
    const QSize size = window->size();
    const QRect centre(size.width() / 2 - 16, size.height() / 2 - 16, 32, 32);
    auto* reply = capture->requestCapture(centre);
    QObject::connect(
        reply, &Qt3DRender::QRenderCaptureReply::completed, reply, [this, reply, forCells, tries] {
            reply->deleteLater();
            if (cells.get() != forCells)
                return;
            const QImage image = reply->image();
            const auto* forward =
                qobject_cast<Qt3DExtras::QForwardRenderer*>(window->defaultFrameGraph());
            const QRgb clear = forward ? forward->clearColor().rgb() : 0;
            bool drawn = false;
            for (int y = 0; y < image.height() && !drawn; ++y)
                for (int x = 0; x < image.width() && !drawn; ++x)
                    drawn = (image.pixel(x, y) | 0xFF000000) != clear;
            if (drawn || tries >= 200) {
                twin::logger("render")->info("scene: first frame drawn {} ms after its entities",
                                             sceneClock.elapsed());
                if (detail.levelOfDetail)
                    forCells->buildLevels();
            } else
                QTimer::singleShot(50, forCells, [this, forCells, tries] {
                    if (cells.get() == forCells)
                        buildLevelsAfterFirstFrame(forCells, tries + 1);
                });
        });
}

void SceneView::Private::cameraMoved()
{
    if (!cells)
        return;
    detail.moving = true;
    stillTimer.start();
    updateDetail();
}

void SceneView::Private::fitClipPlanes()
{
    if (!scene)
        return;
    const auto [nearPlane, farPlane] = clipPlanes(pose(), box());
    auto* c = window->camera();
    c->setNearPlane(nearPlane);
    c->setFarPlane(farPlane);
}

std::optional<QVector3D> SceneView::Private::pick(QPointF pixel) const
{
    if (!rayCaster && scene) // made at the first pick: not on the way to the first frame
        rayCaster = std::make_unique<SceneRayCaster>(scene);
    if (!rayCaster)
        return std::nullopt;
    const CameraPose p = pose();
    const QSizeF viewport(window->size());
    const auto hit = rayCaster->cast(rayOrigin(p, viewport, pixel), viewRay(p, viewport, pixel));
    return hit ? std::optional<QVector3D>(hit->point) : std::nullopt;
}

void SceneView::Private::drawMeasure(const QVector3D& from, const std::optional<QVector3D>& to)
{
    if (measureEntity) {
        measureEntity->setParent(static_cast<Qt3DCore::QNode*>(nullptr));
        measureEntity->deleteLater();
        measureEntity = nullptr;
    }
    if (!scene)
        return;
    measureEntity = new Qt3DCore::QEntity(root);
    constexpr float kYellow = 255.0f + 256.0f * 210.0f; // packed as in scene_batches.h
    Batch ends, line;
    ends.primitive = Primitive::Points;
    line.primitive = Primitive::Lines;
    // Lifted a little towards the camera, so that a distance measured on a floor is not
    // hidden in the floor.
    const QVector3D lift = -pose().forward() * box().radius() * 0.003f;
    for (std::optional<QVector3D> v : {std::optional<QVector3D>(from), to}) {
        if (!v)
            continue;
        *v += lift;
        for (Batch* b : {&ends, &line}) {
            const auto index = std::uint32_t(b->vertexCount());
            const float vertex[kBatchVertexFloats] = {v->x(), v->y(), v->z(), 0, 0, 0, kYellow};
            b->indexBytes.append(reinterpret_cast<const char*>(&index), sizeof index);
            b->vertexBytes.append(reinterpret_cast<const char*>(vertex), sizeof vertex);
        }
    }
    for (Batch* b : {&ends, &line}) {
        if (b->primitive == Primitive::Lines && b->indices().size() < 2)
            continue;
        auto* e = new Qt3DCore::QEntity(measureEntity);
        e->addComponent(makeBatchRenderer(*b, e).renderer);
        e->addComponent(new StationMaterial(stationEffect, e));
    }
}

void SceneView::Private::faceLabels()
{
    if (overlays)
        overlays->faceCamera(*window->camera(), QSizeF(window->width(), window->height()));
}

} // namespace takt::render
