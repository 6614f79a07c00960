#include "render/scene_overlays.h"

#include "render/lit_material.h"

#include <Qt3DCore/QEntity>
#include <Qt3DCore/QTransform>
#include <Qt3DExtras/QConeMesh>
#include <Qt3DExtras/QCuboidMesh>
#include <Qt3DExtras/QCylinderMesh>
#include <Qt3DExtras/QSphereMesh>
#include <Qt3DExtras/QTorusMesh>
#include <Qt3DExtras/QPlaneMesh>
#include <Qt3DExtras/QTextureMaterial>
#include <Qt3DRender/QCamera>
#include <Qt3DRender/QLayer>
#include <Qt3DRender/QPaintedTextureImage>
#include <Qt3DRender/QTexture>

#include <QMatrix4x4>
#include <QPainter>

#include <QtMath>

#include <algorithm>
#include <cmath>

namespace takt::render {

/// Paints a prepared image into a texture (the heatmap).
class FloorTexture : public Qt3DRender::QPaintedTextureImage {
public:
    void setImage(const QImage& image)
    {
        m_image = image;
        setSize(image.size().isEmpty() ? QSize(1, 1) : image.size());
        update();
    }

protected:
    void paint(QPainter* p) override
    {
        p->setCompositionMode(QPainter::CompositionMode_Source);
        p->fillRect(QRect(QPoint(0, 0), size()), Qt::transparent);
        if (!m_image.isNull())
            p->drawImage(QPoint(0, 0), m_image);
    }

private:
    QImage m_image;
};

namespace {

/// Checkpoints yielding less than this keep their label at any distance.
constexpr double kAttentionYield = 0.97;

LitMaterial* flatMaterial(Qt3DRender::QEffect* effect, Qt3DCore::QNode* parent, const QColor& c,
                          float glow)
{
    auto* m = new LitMaterial(effect, parent);
    m->setDiffuse(c);
    // A strong ambient term keeps markers readable whatever the light direction.
    m->setAmbient(QColor::fromRgbF(c.redF() * glow, c.greenF() * glow, c.blueF() * glow));
    m->setSpecular(QColor(20, 20, 20));
    return m;
}

Qt3DCore::QEntity* addPart(Qt3DCore::QEntity* parent, Qt3DCore::QComponent* mesh,
                           Qt3DCore::QComponent* material, Qt3DCore::QTransform* transform)
{
    auto* e = new Qt3DCore::QEntity(parent);
    e->addComponent(mesh);
    e->addComponent(material);
    e->addComponent(transform);
    return e;
}

} // namespace

SceneOverlays::SceneOverlays(Qt3DCore::QEntity* parent, Qt3DRender::QLayer* labelLayer,
                             Qt3DRender::QLayer* translucentLayer,
                             std::vector<StationPlacement> stations,
                             const std::vector<std::pair<int, int>>& flow, float floorY)
    : m_root(new Qt3DCore::QEntity(parent)), m_effect(LitMaterial::makeEffect(m_root)),
      m_labelLayer(labelLayer), m_stations(std::move(stations)), m_floorY(floorY)
{
    QVector3D lo(1e30f, 1e30f, 1e30f), hi(-1e30f, -1e30f, -1e30f);
    for (const auto& s : m_stations)
        if (s.valid) {
            lo = QVector3D(std::min(lo.x(), s.min.x()), 0, std::min(lo.z(), s.min.z()));
            hi = QVector3D(std::max(hi.x(), s.max.x()), 0, std::max(hi.z(), s.max.z()));
        }
    m_planRadius = std::max(1.0f, (hi - lo).length() * 0.5f);

    // State pads: a thin slab under each station's footprint, coloured by state.
    for (std::size_t i = 0; i < m_stations.size(); ++i) {
        const auto& s = m_stations[i];
        auto* mesh = new Qt3DExtras::QCuboidMesh(m_root);
        auto* t = new Qt3DCore::QTransform(m_root);
        const QVector3D size = s.max - s.min;
        mesh->setXExtent(size.x() + 0.8f);
        mesh->setYExtent(0.06f);
        mesh->setZExtent(size.z() + 0.8f);
        t->setTranslation(QVector3D(s.centre().x(), m_floorY + 0.04f, s.centre().z()));
        auto* mat = flatMaterial(m_effect, m_root, stateColor(twin::StationState::Unknown), 0.8f);
        auto* pad = addPart(m_root, mesh, mat, t);
        pad->setEnabled(s.valid);
        m_pads.push_back(pad);
        m_padMaterials.push_back(mat);

        auto label = std::make_unique<LabelSprite>(m_root, m_labelLayer, s.id,
                                                   QColor(20, 24, 30, 210), QColor(235, 238, 242));
        label->setAnchor(QVector3D(s.centre().x(), s.max.y() + 0.4f, s.centre().z()));
        m_allLabels.push_back(label.get());
        m_stationLabels.push_back(std::move(label));

        std::unique_ptr<Gauge> gauge;
        if (s.holdsParts && s.valid) {
            gauge = std::make_unique<Gauge>();
            auto* bar = new Qt3DExtras::QCuboidMesh(m_root);
            gauge->transform = new Qt3DCore::QTransform(m_root);
            gauge->material = flatMaterial(m_effect, m_root, QColor(0x56, 0xB4, 0xE9), 0.7f);
            gauge->entity = addPart(m_root, bar, gauge->material, gauge->transform);
            gauge->label = std::make_unique<LabelSprite>(m_root, m_labelLayer, QStringLiteral("0"),
                                                         QColor(0x0B, 0x3C, 0x5D, 225), Qt::white);
            m_allLabels.push_back(gauge->label.get());
        }
        m_gauges.push_back(std::move(gauge));
    }

    // Flow arrows: a cone at the midpoint of each flow edge, pointing downstream.
    m_flow = new Qt3DCore::QEntity(m_root);
    auto* arrowMaterial = flatMaterial(m_effect, m_flow, QColor(240, 240, 235), 0.75f);
    auto* cone = new Qt3DExtras::QConeMesh(m_flow);
    cone->setBottomRadius(0.45f);
    cone->setLength(1.1f);
    // A cone's side is straight along its length: rings past the two ends add triangles (512
    // an arrow by default, every frame on a software renderer) and no shape.
    cone->setRings(2);
    cone->setSlices(16);
    for (const auto& [from, to] : flow) {
        if (from < 0 || to < 0 || !m_stations[std::size_t(from)].valid ||
            !m_stations[std::size_t(to)].valid)
            continue;
        QVector3D a = m_stations[std::size_t(from)].centre(),
                  b = m_stations[std::size_t(to)].centre();
        a.setY(m_floorY + 0.5f);
        b.setY(m_floorY + 0.5f);
        const QVector3D dir = (b - a).normalized();
        auto* t = new Qt3DCore::QTransform(m_flow);
        t->setTranslation((a + b) * 0.5f);
        // The cone points along +Y; turn it to the flow direction.
        t->setRotation(QQuaternion::rotationTo(QVector3D(0, 1, 0), dir));
        addPart(m_flow, cone, arrowMaterial, t);
    }

    // The bottleneck beacon: an inverted cone floating above the station and a ring on the floor.
    m_beacon = new Qt3DCore::QEntity(m_root);
    auto* beaconMaterial = flatMaterial(m_effect, m_beacon, bottleneckColor(), 0.9f);
    auto* pointer = new Qt3DExtras::QConeMesh(m_beacon);
    pointer->setBottomRadius(1.3f);
    pointer->setLength(2.6f);
    pointer->setRings(2);
    pointer->setSlices(32);
    m_beaconTransform = new Qt3DCore::QTransform(m_beacon);
    addPart(m_beacon, pointer, beaconMaterial, m_beaconTransform);
    auto* ring = new Qt3DExtras::QTorusMesh(m_beacon);
    ring->setRadius(1.0f);
    ring->setMinorRadius(0.08f);
    ring->setRings(64);
    ring->setSlices(8); // a thin tube
    m_ringTransform = new Qt3DCore::QTransform(m_beacon);
    addPart(m_beacon, ring, beaconMaterial, m_ringTransform);
    m_beaconLabel = std::make_unique<LabelSprite>(
        m_root, m_labelLayer, QStringLiteral("BOTTLENECK"), bottleneckColor(), Qt::white);
    m_allLabels.push_back(m_beaconLabel.get());
    m_beacon->setEnabled(false);
    m_beaconLabel->setEnabled(false);

    // The selection ring.
    m_selection = new Qt3DCore::QEntity(m_root);
    auto* selRing = new Qt3DExtras::QTorusMesh(m_selection);
    selRing->setRadius(1.0f);
    selRing->setMinorRadius(0.05f);
    selRing->setRings(64);
    selRing->setSlices(8);
    m_selectionTransform = new Qt3DCore::QTransform(m_selection);
    m_selection->addComponent(selRing);
    m_selection->addComponent(flatMaterial(m_effect, m_selection, QColor(255, 255, 255), 1.0f));
    m_selection->addComponent(m_selectionTransform);
    m_selection->setEnabled(false);

    // The heatmap: a textured plane just above the floor, below the state pads' tops.
    m_heatmap = new Qt3DCore::QEntity(m_root);
    auto* plane = new Qt3DExtras::QPlaneMesh(m_heatmap);
    plane->setWidth(1.0f);
    plane->setHeight(1.0f);
    m_heatmapTexture = new FloorTexture;
    // Give the texture a defined 1x1 size at once: left at its default, the OpenGL renderer of
    // Qt 3D 6.4 crashed here in processFrame (seen under Xvfb with Mesa).
    m_heatmapTexture->setImage(QImage());
    auto* texture = new Qt3DRender::QTexture2D(m_heatmap);
    texture->setMinificationFilter(Qt3DRender::QAbstractTexture::Linear);
    texture->setMagnificationFilter(Qt3DRender::QAbstractTexture::Linear);
    texture->addTextureImage(m_heatmapTexture);
    auto* heatMaterial = new Qt3DExtras::QTextureMaterial(m_heatmap);
    heatMaterial->setTexture(texture);
    heatMaterial->setAlphaBlendingEnabled(true);
    m_heatmapTransform = new Qt3DCore::QTransform(m_heatmap);
    m_heatmap->addComponent(plane);
    m_heatmap->addComponent(heatMaterial);
    m_heatmap->addComponent(m_heatmapTransform);
    m_heatmap->addComponent(translucentLayer);
    m_heatmap->setEnabled(false);
    applyVisibility();
}

void SceneOverlays::setFloorImage(const QImage& image, float minX, float maxX, float minZ,
                                  float maxZ)
{
    if (image.isNull()) {
        m_heatmap->setEnabled(false);
        m_heatmap->setProperty("hasImage", false);
        return;
    }
    m_heatmapTexture->setImage(image);
    m_heatmapTransform->setTranslation(
        QVector3D((minX + maxX) * 0.5f, m_floorY + 0.09f, (minZ + maxZ) * 0.5f));
    m_heatmapTransform->setScale3D(QVector3D(maxX - minX, 1.0f, maxZ - minZ));
    m_heatmap->setProperty("hasImage", true);
    applyVisibility();
}

SceneOverlays::~SceneOverlays()
{
    // Labels and markers are children of m_root; the owner deletes the entity tree.
}

void SceneOverlays::setSettings(const OverlaySettings& settings)
{
    m_settings = settings;
    applyVisibility();
}

void SceneOverlays::setFrame(const OverlayFrame& frame)
{
    m_bottleneck = -1;
    for (std::size_t i = 0; i < m_stations.size(); ++i) {
        const StationOverlay so = i < frame.stations.size() ? frame.stations[i] : StationOverlay{};
        m_padMaterials[i]->setDiffuse(stateColor(so.state));
        m_padMaterials[i]->setAmbient(stateColor(so.state).darker(140));
        if (so.bottleneck && m_stations[i].valid)
            m_bottleneck = int(i);
        if (auto& g = m_gauges[i]; g) {
            const float fill =
                so.capacity > 0 ? std::clamp(float(so.wip) / so.capacity, 0.f, 1.f) : 0.f;
            const auto& s = m_stations[i];
            const float h = 0.25f + 3.0f * fill;
            g->transform->setScale3D(QVector3D(0.5f, h, 0.5f));
            g->transform->setTranslation(
                QVector3D(s.max.x() + 0.6f, m_floorY + h * 0.5f, s.centre().z()));
            // Nearly full buffers turn orange: the line upstream is about to block.
            g->material->setDiffuse(fill > 0.85f ? chart_colors::kSecondary
                                                 : QColor(0x56, 0xB4, 0xE9));
            g->label->setText(so.wip < 0 ? QStringLiteral("–")
                                         : QStringLiteral("%1/%2").arg(so.wip).arg(so.capacity));
            g->label->setAnchor(QVector3D(s.max.x() + 0.6f, m_floorY + h + 0.3f, s.centre().z()));
        }
    }
    if (m_bottleneck >= 0) {
        const auto& s = m_stations[std::size_t(m_bottleneck)];
        const float top = s.max.y() + 3.5f;
        m_beaconTransform->setTranslation(QVector3D(s.centre().x(), top, s.centre().z()));
        m_beaconTransform->setRotation(QQuaternion::fromAxisAndAngle(1, 0, 0, 180));
        const float r = 0.5f * std::max(s.max.x() - s.min.x(), s.max.z() - s.min.z()) + 1.0f;
        m_ringTransform->setTranslation(
            QVector3D(s.centre().x(), m_floorY + 0.15f, s.centre().z()));
        m_ringTransform->setRotation(QQuaternion::fromAxisAndAngle(1, 0, 0, 90));
        m_ringTransform->setScale(r);
        m_beaconLabel->setText(QStringLiteral("BOTTLENECK  %1").arg(s.id));
        m_beaconLabel->setAnchor(QVector3D(s.centre().x(), top + 1.6f, s.centre().z()));
    }
    rebuildCheckpoints(frame.checkpoints);
    applyVisibility();
}

void SceneOverlays::rebuildCheckpoints(const std::vector<CheckpointOverlay>& checkpoints)
{
    // Markers are created once per checkpoint and then only recoloured.
    while (m_checks.size() < checkpoints.size()) {
        auto m = std::make_unique<CheckMarker>();
        m->entity = new Qt3DCore::QEntity(m_root);
        auto* ball = new Qt3DExtras::QSphereMesh(m->entity);
        ball->setRadius(0.55f);
        ball->setRings(12); // 26 checkpoints: 264 triangles a ball, not 768 (16 × 24)
        ball->setSlices(12);
        m->material = flatMaterial(m_effect, m->entity, yieldColor(1.0), 0.8f);
        m->entity->addComponent(ball);
        m->entity->addComponent(m->material);
        m->entity->addComponent(new Qt3DCore::QTransform(m->entity));
        m->label = std::make_unique<LabelSprite>(m_root, m_labelLayer, QString(),
                                                 QColor(20, 24, 30, 215), Qt::white);
        m_allLabels.push_back(m->label.get());
        m_checks.push_back(std::move(m));
    }
    std::vector<int> perStation(m_stations.size(), 0);
    for (std::size_t i = 0; i < m_checks.size(); ++i) {
        auto& m = *m_checks[i];
        const bool used = i < checkpoints.size() && checkpoints[i].station >= 0 &&
                          std::size_t(checkpoints[i].station) < m_stations.size() &&
                          m_stations[std::size_t(checkpoints[i].station)].valid;
        m.entity->setProperty("used", used);
        if (!used)
            continue;
        const auto& c = checkpoints[i];
        const auto& s = m_stations[std::size_t(c.station)];
        const int slot = perStation[std::size_t(c.station)]++;
        // Several checkpoints at one gate stand side by side along the gate.
        const QVector3D pos(s.min.x() + 0.8f + slot * 1.3f, s.max.y() + 1.0f, s.centre().z());
        m.entity->componentsOfType<Qt3DCore::QTransform>().front()->setTranslation(pos);
        m.material->setDiffuse(yieldColor(c.fpy));
        m.material->setAmbient(yieldColor(c.fpy).darker(130));
        m.label->setText(std::isnan(c.fpy)
                             ? c.id
                             : QStringLiteral("%1 %2%").arg(c.id).arg(c.fpy * 100, 0, 'f', 1));
        m.label->setColors(yieldColor(c.fpy).darker(230), Qt::white);
        m.needsAttention = !std::isnan(c.fpy) && c.fpy < kAttentionYield;
        // One anchor per gate, labels stacked on screen so that they never overlap.
        m.label->setAnchor(QVector3D(s.centre().x(), s.max.y() + 2.0f, s.centre().z()));
        m.label->setStackIndex(slot);
    }
}

void SceneOverlays::setSelected(int station)
{
    m_selected = station >= 0 && std::size_t(station) < m_stations.size() &&
                         m_stations[std::size_t(station)].valid
                     ? station
                     : -1;
    if (m_selected >= 0) {
        const auto& s = m_stations[std::size_t(m_selected)];
        const float r = 0.5f * std::max(s.max.x() - s.min.x(), s.max.z() - s.min.z()) + 0.6f;
        m_selectionTransform->setTranslation(
            QVector3D(s.centre().x(), m_floorY + 0.12f, s.centre().z()));
        m_selectionTransform->setRotation(QQuaternion::fromAxisAndAngle(1, 0, 0, 90));
        m_selectionTransform->setScale(r);
    }
    applyVisibility();
}

void SceneOverlays::applyVisibility()
{
    for (std::size_t i = 0; i < m_pads.size(); ++i)
        m_pads[i]->setEnabled(m_settings.stateColors && m_stations[i].valid);
    m_flow->setEnabled(m_settings.flow);
    const bool beacon = m_settings.bottleneck && m_bottleneck >= 0;
    m_beacon->setEnabled(beacon);
    m_beaconLabel->setEnabled(beacon);
    for (auto& g : m_gauges)
        if (g) {
            g->entity->setEnabled(m_settings.wip);
            g->label->setEnabled(m_settings.wip && m_settings.labels);
        }
    // From afar only the checkpoints that need attention keep their labels, so that the
    // overview stays readable; close up, every label shows.
    for (auto& c : m_checks) {
        const bool on = m_settings.checkpoints && c->entity->property("used").toBool();
        c->entity->setEnabled(on);
        const bool labelled = on && m_settings.labels && (m_close || c->needsAttention);
        c->label->setEnabled(labelled);
    }
    m_selection->setEnabled(m_selected >= 0);
    m_heatmap->setEnabled(m_settings.heatmap && m_heatmap->property("hasImage").toBool());
}

void SceneOverlays::faceCamera(const Qt3DRender::QCamera& camera, QSizeF viewportPx)
{
    const QVector3D eye = camera.position();
    const QVector3D forward = (camera.viewCenter() - eye).normalized();
    const QVector3D right = QVector3D::crossProduct(forward, camera.upVector()).normalized();
    const QVector3D up = QVector3D::crossProduct(right, forward).normalized();
    const float viewportHeightPx = float(viewportPx.height());
    const float worldPerPixel = 2.0f * std::tan(qDegreesToRadians(camera.fieldOfView()) * 0.5f) /
                                std::max(1.0f, viewportHeightPx);
    // Station names (and every checkpoint label) only once the camera is close enough for
    // them not to pile up.
    const bool close = (camera.viewCenter() - eye).length() < m_planRadius * 1.1f;
    if (close != m_close) {
        m_close = close;
        applyVisibility();
    }
    const bool names = m_settings.labels && close;
    for (std::size_t i = 0; i < m_stationLabels.size(); ++i)
        m_stationLabels[i]->setEnabled(names && m_stations[i].valid);
    for (auto* label : m_allLabels)
        if (label->isEnabled())
            label->face(eye, right, up, worldPerPixel, pixelHeight(label));
    declutter(camera.projectionMatrix() * camera.viewMatrix(), eye, viewportPx);
}

float SceneOverlays::pixelHeight(const LabelSprite* label) const
{
    return (label == m_beaconLabel.get() ? 30.0f : 22.0f) * m_settings.labelScale;
}

void SceneOverlays::declutter(const QMatrix4x4& viewProjection, const QVector3D& eye,
                              QSizeF viewport)
{
    // Labels are drawn over the scene, so nothing but this keeps one off another. Greedy by
    // importance: the bottleneck, checkpoints that need attention, other checkpoints, WIP
    // counts, station names; within a kind a label shown last time first (so that labels do
    // not flicker as the camera moves), then the nearer one.
    struct Candidate {
        LabelSprite* label;
        int rank;
        bool wasShown;
        float distance;
        QRectF rect;
    };
    std::vector<Candidate> candidates;
    const auto add = [&](LabelSprite* label, int rank) {
        if (!label || !label->isEnabled())
            return;
        candidates.push_back({label, rank, label->isShown(), (label->anchor() - eye).length(),
                              label->screenRect(viewProjection, viewport, pixelHeight(label))});
    };
    add(m_beaconLabel.get(), 0);
    for (auto& c : m_checks)
        add(c->label.get(), c->needsAttention ? 1 : 2);
    for (auto& g : m_gauges)
        if (g)
            add(g->label.get(), 3);
    for (auto& l : m_stationLabels)
        add(l.get(), 4);
    std::stable_sort(candidates.begin(), candidates.end(), [](const auto& a, const auto& b) {
        if (a.rank != b.rank)
            return a.rank < b.rank;
        if (a.wasShown != b.wasShown)
            return a.wasShown;
        return a.distance < b.distance;
    });
    constexpr double kGapPx = 2.0; // plates that touch read as one
    std::vector<QRectF> taken;
    m_placed.clear();
    for (auto& c : candidates) {
        const QRectF padded = c.rect.adjusted(-kGapPx, -kGapPx, kGapPx, kGapPx);
        const bool free = !c.rect.isEmpty() &&
                          std::none_of(taken.begin(), taken.end(),
                                       [&](const QRectF& r) { return r.intersects(padded); });
        c.label->setSuppressed(!free);
        if (free)
            taken.push_back(c.rect);
        m_placed.push_back({c.label->text(), c.rect, free});
    }
}

std::vector<LabelPlacement> SceneOverlays::labelPlacements() const
{
    return m_placed;
}

void SceneOverlays::pulse(float phase)
{
    if (m_bottleneck < 0)
        return;
    const auto& s = m_stations[std::size_t(m_bottleneck)];
    const float bob = 0.35f * std::sin(phase * 2.0f * float(M_PI));
    m_beaconTransform->setTranslation(
        QVector3D(s.centre().x(), s.max.y() + 3.5f + bob, s.centre().z()));
    const float r = 0.5f * std::max(s.max.x() - s.min.x(), s.max.z() - s.min.z()) + 1.0f;
    m_ringTransform->setScale(
        r * (1.0f + 0.12f * (0.5f + 0.5f * std::sin(phase * 2.0f * float(M_PI)))));
}

} // namespace takt::render
