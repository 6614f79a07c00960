#include "app/kpi_cache.h"

#include "app/replay_controller.h"

#include <algorithm>

namespace takt::app {

KpiCache::KpiCache(ReplayController* replay, QObject* parent) : QObject(parent), m_replay(replay)
{
    m_trailing.setSingleShot(true);
    connect(&m_trailing, &QTimer::timeout, this, &KpiCache::refresh);
    connect(m_replay, &ReplayController::positionChanged, this, &KpiCache::onPosition);
    // The drag ended: the tiles catch up with where it stopped.
    connect(m_replay, &ReplayController::scrubbingChanged, this, [this](bool scrubbing) {
        if (!scrubbing && m_trailing.isActive()) {
            m_trailing.stop();
            refresh();
        }
    });
}

void KpiCache::setDocument(std::shared_ptr<const Document> doc)
{
    m_doc = std::move(doc);
    m_trailing.stop();
    m_current = {};
    m_whole = {};
    m_hasReport = false;
    m_computedAt = -1;
    if (m_doc && m_doc->replay) {
        const auto& data = m_doc->replay->data();
        m_whole = twin::computeKpis(data, data.startMs(), data.endMs());
        refresh();
    } else {
        emit updated();
    }
}

void KpiCache::onPosition(qint64 t)
{
    if (!m_doc || !m_doc->replay || t == m_computedAt)
        return;
    // A step or a click while paused is answered at once; a drag of the scrubber sends many
    // positions a second, and the tiles need not follow each one while the 3D view does.
    const int interval = m_replay->isPlaying()     ? kMinIntervalMs
                         : m_replay->isScrubbing() ? kScrubIntervalMs
                                                   : 0;
    if (!m_sinceLast.isValid() || m_sinceLast.elapsed() >= interval) {
        m_trailing.stop();
        refresh();
        return;
    }
    if (!m_trailing.isActive())
        m_trailing.start(int(std::max<qint64>(0, interval - m_sinceLast.elapsed())));
}

void KpiCache::setTrailingWindow(twin::TimeMs ms)
{
    m_trailingWindow = std::max<twin::TimeMs>(0, ms);
    refresh();
}

void KpiCache::refresh()
{
    if (!m_doc || !m_doc->replay)
        return;
    const auto& data = m_doc->replay->data();
    const twin::TimeMs t = m_replay->hasRecording() ? m_replay->position() : data.startMs();
    // Half-open like every KPI window: [start, t).
    const twin::TimeMs from =
        m_trailingWindow > 0 ? std::max(data.startMs(), t - m_trailingWindow) : data.startMs();
    m_current = twin::computeKpis(data, from, std::max(t, from));
    m_computedAt = t;
    m_hasReport = true;
    ++m_computations;
    m_sinceLast.start();
    emit updated();
}

} // namespace takt::app
