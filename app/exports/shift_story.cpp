#include "app/shift_story.h"

#include "app/document.h"
#include "twin/error.h"
#include "twin/session_store.h"
#include "twin/story_events.h"
#include "twin/story_order.h"
#include "twin/vehicle_losses.h"

#include <QFileInfo>

#include <algorithm>
#include <map>

namespace takt::app {

twin::CameraView widenedView(const twin::CameraView& view, double factor)
{
    twin::CameraView v = view;
    for (std::size_t i = 0; i < 3; ++i)
        v.position[i] = view.viewCenter[i] + (view.position[i] - view.viewCenter[i]) * factor;
    return v;
}

ShiftStory buildShiftStory(const Document& doc, twin::TimeMs halfWindowMs, bool eventMoments)
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

    // The notes as the Bookmarks dock shows them, read from the file (read-only), in the order
    // the user gave the story there.
    const auto store = twin::SessionStore::open(doc.path.toStdString());
    std::map<std::string, twin::CameraView> cameras;
    for (const auto& v : store.cameraViews())
        if (v.camera)
            cameras.emplace(v.name, *v.camera);
    std::vector<StoryMoment> notes;
    std::vector<twin::StoryNoteRef> refs;
    std::vector<twin::TimeMs> times;
    for (const auto& b : store.bookmarks(doc.recordingId)) {
        StoryMoment m;
        m.t = b.t;
        m.caption = QString::fromStdString(b.label);
        if (const auto it = cameras.find("bookmark:" + std::to_string(b.id)); it != cameras.end())
            m.camera = it->second;
        refs.push_back({twin::StoryNoteRef::Kind::Bookmark, b.id});
        times.push_back(m.t);
        notes.push_back(std::move(m));
    }
    for (const auto& a : store.annotations(doc.recordingId)) {
        StoryMoment m;
        m.t = a.t;
        m.caption = QString::fromStdString(a.text);
        m.station = a.station.empty() ? -1 : plant.stationIndex(a.station);
        m.frameStation = m.station >= 0;
        refs.push_back({twin::StoryNoteRef::Kind::Annotation, a.id});
        times.push_back(m.t);
        notes.push_back(std::move(m));
    }
    const auto saved =
        twin::parseStoryOrder(store.viewSetting(twin::storyOrderSettingKey(doc.recordingId)));
    for (const auto i : twin::applyStoryOrder(refs, times, saved))
        story.moments.push_back(std::move(notes[i]));

    const auto losses =
        twin::computeVehicleLosses(data, twin::computeKpis(data, data.startMs(), data.endMs()));
    if (eventMoments) {
        for (const auto& e : twin::findEventMoments(data, losses, twin::kStoryEventStoppages)) {
            const QString caption = QString::fromStdString(e.caption);
            if (std::any_of(story.moments.begin(), story.moments.end(), [&](const StoryMoment& m) {
                    return m.t == e.t && m.caption == caption;
                }))
                continue; // already added to the notes (Bookmarks dock › Events)
            std::vector<twin::TimeMs> ordered;
            for (const auto& m : story.moments)
                ordered.push_back(m.t);
            StoryMoment m;
            m.t = e.t;
            m.caption = caption;
            m.station = e.station;
            m.frameStation = e.station >= 0;
            story.moments.insert(story.moments.begin() +
                                     std::ptrdiff_t(twin::storyInsertPosition(ordered, e.t)),
                                 std::move(m));
        }
    }
    for (auto& m : story.moments) {
        m.from = std::max(data.startMs(), m.t - halfWindowMs);
        m.to = std::min(data.endMs(), m.t + halfWindowMs);
        if (m.to <= m.from)
            m.to = m.from + 1;
        m.kpi = twin::computeKpis(data, m.from, m.to);
        // The costliest loss that happened in the window (at the moment's station when it has
        // one): losses are sorted by what they cost, most first. (An event-made moment's
        // caption may be this very text; those who show both show it once.)
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
