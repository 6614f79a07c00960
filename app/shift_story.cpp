#include "app/shift_story.h"

#include "app/document.h"
#include "twin/error.h"
#include "twin/session_store.h"
#include "twin/vehicle_losses.h"

#include <QFileInfo>

#include <algorithm>
#include <map>

namespace takt::app {

ShiftStory buildShiftStory(const Document& doc, twin::TimeMs halfWindowMs)
{
    if (!doc.replay || !doc.plant)
        throw twin::Error(QFileInfo(doc.path).fileName().toStdString() +
                          ": holds no recording to tell a story of");
    const auto& data = doc.replay->data();
    const auto& plant = *doc.plant;
    ShiftStory story;
    story.plant = QString::fromStdString(plant.name);
    story.recording = doc.recordingName;
    story.file = QFileInfo(doc.path).fileName();
    story.start = data.startMs();

    // The notes as the Bookmarks dock shows them, read from the file (read-only).
    const auto store = twin::SessionStore::open(doc.path.toStdString());
    std::map<std::string, twin::CameraView> cameras;
    for (const auto& v : store.cameraViews())
        if (v.camera)
            cameras.emplace(v.name, *v.camera);
    for (const auto& b : store.bookmarks(doc.recordingId)) {
        StoryMoment m;
        m.t = b.t;
        m.caption = QString::fromStdString(b.label);
        if (const auto it = cameras.find("bookmark:" + std::to_string(b.id)); it != cameras.end())
            m.camera = it->second;
        story.moments.push_back(std::move(m));
    }
    for (const auto& a : store.annotations(doc.recordingId)) {
        StoryMoment m;
        m.t = a.t;
        m.caption = QString::fromStdString(a.text);
        m.station = a.station.empty() ? -1 : plant.stationIndex(a.station);
        story.moments.push_back(std::move(m));
    }
    std::stable_sort(story.moments.begin(), story.moments.end(),
                     [](const StoryMoment& x, const StoryMoment& y) { return x.t < y.t; });

    const auto losses =
        twin::computeVehicleLosses(data, twin::computeKpis(data, data.startMs(), data.endMs()));
    for (auto& m : story.moments) {
        m.from = std::max(data.startMs(), m.t - halfWindowMs);
        m.to = std::min(data.endMs(), m.t + halfWindowMs);
        if (m.to <= m.from)
            m.to = m.from + 1;
        m.kpi = twin::computeKpis(data, m.from, m.to);
        // The costliest loss that happened in the window (at the moment's station when it has
        // one): losses are sorted by what they cost, most first.
        for (const auto& l : losses.losses) {
            const twin::TimeMs end = l.at + std::max<twin::TimeMs>(l.durationMs, 1);
            if (l.lostVehicles <= 0 || end <= m.from || l.at >= m.to ||
                (m.station >= 0 && l.station != m.station))
                continue;
            m.loss = QString::fromStdString(twin::describeLoss(l, plant, story.start));
            if (m.station < 0)
                m.station = l.station;
            break;
        }
    }
    return story;
}

} // namespace takt::app
