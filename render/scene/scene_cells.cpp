#include "render/scene_cells.h"

#include "render/lit_material.h"
#include "twin/log.h"

#include <Qt3DCore/QAttribute>
#include <Qt3DCore/QBoundingVolume>
#include <Qt3DCore/QBuffer>
#include <Qt3DCore/QEntity>
#include <Qt3DCore/QGeometry>
#include <Qt3DRender/QGeometryRenderer>
#include <Qt3DRender/QObjectPicker>
#include <Qt3DRender/QPickEvent>

#include <QElapsedTimer>
#include <QMetaObject>

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <map>

namespace takt::render {
namespace {

template <typename T> QByteArray bytesOf(const std::vector<T>& v)
{
    QByteArray out(static_cast<qsizetype>(v.size() * sizeof(T)), Qt::Uninitialized);
    std::memcpy(out.data(), v.data(), static_cast<size_t>(out.size()));
    return out;
}

Qt3DCore::QAttribute* vertexAttribute(Qt3DCore::QGeometry* g, Qt3DCore::QBuffer* buf,
                                      const QString& name, uint size, uint offset, uint count)
{
    auto* a = new Qt3DCore::QAttribute(g);
    a->setName(name);
    a->setVertexBaseType(Qt3DCore::QAttribute::Float);
    a->setVertexSize(size);
    a->setAttributeType(Qt3DCore::QAttribute::VertexAttribute);
    a->setBuffer(buf);
    a->setByteStride(kBatchVertexFloats * sizeof(float));
    a->setByteOffset(offset);
    a->setCount(count);
    return a;
}

/// Qt 3D (6.4 to 6.8 at least: Qt3DCore's CalculateBoundingVolumeJob) turns an explicit box
/// into a sphere whose radius is the box's whole diagonal, twice the sphere round the box. The
/// box given is half as large about the same centre, so that the sphere Qt 3D culls with is the
/// one round the cell (selectDetail() counts with that one).
void setCullingBox(Qt3DCore::QBoundingVolume* volume, const Batch& b)
{
    const QVector3D lo(b.min[0], b.min[1], b.min[2]), hi(b.max[0], b.max[1], b.max[2]);
    const QVector3D centre = (lo + hi) * 0.5f, quarter = (hi - lo) * 0.25f;
    volume->setMinPoint(centre - quarter);
    volume->setMaxPoint(centre + quarter);
}

} // namespace

BatchGeometry makeBatchRenderer(const Batch& batch, Qt3DCore::QEntity* owner)
{
    BatchGeometry out;
    auto* geometry = new Qt3DCore::QGeometry(owner);
    auto* vbuf = new Qt3DCore::QBuffer(geometry);
    out.vertices = batch.vertexBytes; // interleaved position, normal, packed colour (shared)
    vbuf->setData(out.vertices);
    out.indexBuffer = new Qt3DCore::QBuffer(geometry);
    out.indices = batch.indexBytes;
    out.indexBuffer->setData(out.indices);
    const auto vertexCount = static_cast<uint>(batch.vertexCount());
    geometry->addAttribute(vertexAttribute(
        geometry, vbuf, Qt3DCore::QAttribute::defaultPositionAttributeName(), 3, 0, vertexCount));
    geometry->addAttribute(vertexAttribute(geometry, vbuf,
                                           Qt3DCore::QAttribute::defaultNormalAttributeName(), 3,
                                           3 * sizeof(float), vertexCount));
    geometry->addAttribute(vertexAttribute(geometry, vbuf,
                                           Qt3DCore::QAttribute::defaultColorAttributeName(), 1,
                                           6 * sizeof(float), vertexCount));
    out.indexAttribute = new Qt3DCore::QAttribute(geometry);
    out.indexAttribute->setAttributeType(Qt3DCore::QAttribute::IndexAttribute);
    out.indexAttribute->setVertexBaseType(Qt3DCore::QAttribute::UnsignedInt);
    out.indexAttribute->setBuffer(out.indexBuffer);
    out.indexAttribute->setCount(static_cast<uint>(batch.indices().size()));
    geometry->addAttribute(out.indexAttribute);

    out.renderer = new Qt3DRender::QGeometryRenderer(owner);
    out.renderer->setGeometry(geometry);
    out.renderer->setPrimitiveType(
        batch.primitive == Primitive::Points  ? Qt3DRender::QGeometryRenderer::Points
        : batch.primitive == Primitive::Lines ? Qt3DRender::QGeometryRenderer::Lines
                                              : Qt3DRender::QGeometryRenderer::Triangles);
    return out;
}

SceneCells::SceneCells(const std::vector<Batch>& batches, Qt3DCore::QEntity* parent,
                       Qt3DRender::QEffect* effect)
    : QObject(nullptr)
{
    // Cells draw and do not pick; pickers hang off volumes of their own (see the class).
    auto* cellRoot = new Qt3DCore::QEntity(parent);
    auto* pickRoot = new Qt3DCore::QEntity(parent);
    std::map<int, StationMaterial*> materialOf;
    // The pick volume of each (station, primitive, part) as the batches before cells had it.
    std::map<std::tuple<int, Primitive>, std::pair<QVector3D, QVector3D>> pickBoxes;
    for (const Batch& batch : batches) {
        auto*& material = materialOf[batch.station];
        if (!material) {
            material = new StationMaterial(effect, parent);
            m_materials.push_back({batch.station, material});
        }
        auto* e = new Qt3DCore::QEntity(cellRoot);
        const BatchGeometry g = makeBatchRenderer(batch, e);
        e->addComponent(g.renderer);
        auto* volume = new Qt3DCore::QBoundingVolume(e);
        setCullingBox(volume, batch);
        e->addComponent(volume);
        e->addComponent(material);
        Cell cell{batch.primitive,
                  g.renderer,
                  g.indexBuffer,
                  g.indexAttribute,
                  g.vertices,
                  g.indices,
                  {},
                  0};
        cell.levels.push_back({0, std::uint32_t(batch.indices().size()), 0.0f});
        m_cells.push_back(std::move(cell));
        const QVector3D lo(batch.min[0], batch.min[1], batch.min[2]),
            hi(batch.max[0], batch.max[1], batch.max[2]);
        m_bounds.push_back({(lo + hi) * 0.5f, (hi - lo).length() * 0.5f});
        if (batch.station < 0)
            continue;
        auto [it, fresh] = pickBoxes.try_emplace({batch.station, batch.primitive}, lo, hi);
        if (!fresh) {
            it->second.first = QVector3D(std::min(it->second.first.x(), lo.x()),
                                         std::min(it->second.first.y(), lo.y()),
                                         std::min(it->second.first.z(), lo.z()));
            it->second.second = QVector3D(std::max(it->second.second.x(), hi.x()),
                                          std::max(it->second.second.y(), hi.y()),
                                          std::max(it->second.second.z(), hi.z()));
        }
    }
    for (const auto& [key, box] : pickBoxes) {
        auto* e = new Qt3DCore::QEntity(pickRoot);
        auto* volume = new Qt3DCore::QBoundingVolume(e);
        volume->setMinPoint(box.first);
        volume->setMaxPoint(box.second);
        e->addComponent(volume);
        auto* picker = new Qt3DRender::QObjectPicker(e);
        const int station = std::get<0>(key);
        connect(picker, &Qt3DRender::QObjectPicker::clicked, this,
                [this, station](Qt3DRender::QPickEvent* event) {
                    emit stationClicked(station,
                                        event->button() == Qt3DRender::QPickEvent::LeftButton);
                });
        e->addComponent(picker);
    }
}

SceneCells::~SceneCells()
{
    m_cancel->store(true);
    if (m_worker.joinable())
        m_worker.join();
}

void SceneCells::buildLevels()
{
    if (m_worker.joinable() || m_levelsReady)
        return;
    struct Input {
        QByteArray vertices, indices;
        Primitive primitive;
    };
    std::vector<Input> inputs;
    inputs.reserve(m_cells.size());
    for (const Cell& c : m_cells)
        inputs.push_back({c.vertices, c.indices, c.primitive});
    m_worker = std::thread([this, inputs = std::move(inputs), cancel = m_cancel] {
        // Drawing comes first: on a software renderer the draw threads need every core.
        setpriority(PRIO_PROCESS, pid_t(syscall(SYS_gettid)), 19);
        QElapsedTimer clock;
        clock.start();
        std::vector<LodIndices> built;
        built.reserve(inputs.size());
        for (const Input& in : inputs) {
            if (cancel->load())
                return;
            const auto* positions = reinterpret_cast<const float*>(in.vertices.constData());
            const std::size_t vertexCount =
                std::size_t(in.vertices.size()) / (kBatchVertexFloats * sizeof(float));
            const auto* first = reinterpret_cast<const std::uint32_t*>(in.indices.constData());
            const std::vector<std::uint32_t> indices(first, first + std::size_t(in.indices.size()) /
                                                                        sizeof(std::uint32_t));
            // The packed colour (the seventh float) keys the groups simplified apart; copies
            // of a triangle are left out of them where their normals (fourth to sixth) agree.
            built.push_back(buildLodLevels(positions, vertexCount,
                                           kBatchVertexFloats * sizeof(float), indices,
                                           in.primitive, positions + 6, positions + 3));
        }
        twin::logger("render")->info("levels of detail for {} cells built in {} ms", inputs.size(),
                                     clock.elapsed());
        // The destructor joins this thread before the object goes, so `this` is still alive
        // here; a call still queued when it goes is dropped with it.
        QMetaObject::invokeMethod(
            this, [this, built = std::move(built)]() mutable { applyLevels(std::move(built)); },
            Qt::QueuedConnection);
    });
}

void SceneCells::applyLevels(std::vector<LodIndices> built)
{
    if (m_worker.joinable())
        m_worker.join();
    for (std::size_t i = 0; i < m_cells.size() && i < built.size(); ++i) {
        Cell& c = m_cells[i];
        if (built[i].levels.size() < 2)
            continue;
        c.levels = std::move(built[i].levels);
        c.indices.clear(); // the index buffer holds its own copy from here
        c.indexBuffer->setData(bytesOf(built[i].indices));
        c.indexAttribute->setCount(uint(built[i].indices.size()));
        // The full index buffer now holds every level: draw the one wanted, level 0 so far.
        c.drawn = -1;
        draw(c, 0);
    }
    m_levelsReady = true;
    if (m_hasCamera)
        update(m_camera, m_policy);
    emit levelsReady();
}

void SceneCells::draw(Cell& cell, int level)
{
    level = std::clamp(level, 0, int(cell.levels.size()) - 1);
    if (level == cell.drawn)
        return;
    cell.drawn = level;
    const LodLevel& l = cell.levels[std::size_t(level)];
    cell.renderer->setIndexBufferByteOffset(int(l.firstIndex * sizeof(std::uint32_t)));
    cell.renderer->setVertexCount(int(l.indexCount));
}

void SceneCells::update(const DetailCamera& camera, const DetailPolicy& policy)
{
    m_camera = camera;
    m_policy = policy;
    m_hasCamera = true;
    std::vector<std::vector<LodLevel>> levels;
    std::vector<Primitive> primitives;
    levels.reserve(m_cells.size());
    for (const Cell& c : m_cells) {
        levels.push_back(c.levels);
        primitives.push_back(c.primitive);
    }
    m_selection = selectDetail(m_bounds, levels, primitives, camera, policy);
    if (m_forced) { // counted again below for the levels forced
        m_selection.maxPixelError = 0.0f;
        m_selection.mergedColours = false;
    }
    for (std::size_t i = 0; i < m_cells.size(); ++i) {
        int level = m_selection.level[i];
        if (m_forced && level >= 0) {
            level = std::clamp(*m_forced, 0, int(m_cells[i].levels.size()) - 1);
            m_selection.triangles -= levels[i][std::size_t(m_selection.level[i])].indexCount / 3 *
                                     (primitives[i] == Primitive::Triangles ? 1 : 0);
            m_selection.triangles += levels[i][std::size_t(level)].indexCount / 3 *
                                     (primitives[i] == Primitive::Triangles ? 1 : 0);
            if (primitives[i] == Primitive::Points)
                m_selection.points += levels[i][std::size_t(level)].indexCount -
                                      levels[i][std::size_t(m_selection.level[i])].indexCount;
            m_selection.level[i] = level;
            m_selection.maxPixelError =
                std::max(m_selection.maxPixelError,
                         levels[i][std::size_t(level)].error * m_selection.pixelsPerMetre[i]);
            m_selection.mergedColours =
                m_selection.mergedColours || levels[i][std::size_t(level)].mergesColours;
        }
        // A culled cell keeps its level: Qt 3D leaves it out of the frame anyway.
        if (level >= 0)
            draw(m_cells[i], level);
    }
}

void SceneCells::setForcedLevel(std::optional<int> level)
{
    m_forced = level;
    if (m_hasCamera)
        update(m_camera, m_policy);
}

} // namespace takt::render
