#pragma once

#include "twin/camera_view.h"
#include "twin/events.h"
#include "twin/kpi.h"

#include <QString>

#include <optional>
#include <vector>

namespace takt::app {

struct Document;

/// One moment of a shift story: when, where to look, what to say, and the KPIs of the minutes
/// around it.
struct StoryMoment {
    twin::TimeMs t = 0;
    QString caption; ///< The bookmark's label or the annotation's text.
    QString loss; ///< The costliest loss of the window ("BIW070 down 15.4 min at 03:57 — …").
    std::optional<twin::CameraView> camera; ///< A bookmark's camera; none: the whole layout.
    int station = -1;                       ///< The station to highlight, -1 for none.
    /// The moment is about its station (an annotation's or an event's): without a camera of its
    /// own it is shown with that station in view, not the whole layout.
    bool frameStation = false;
    twin::TimeMs from = 0, to = 0; ///< The window around the moment (in the recording).
    twin::KpiReport kpi;           ///< computeKpis over [from, to).
};

/// A session's bookmarks and annotations as an ordered story of moments (issue 15).
struct ShiftStory {
    QString plant;
    QString recording;
    QString file;
    twin::TimeMs start = 0; ///< The recording's start (moments are told from it).
    std::vector<StoryMoment> moments;
};

/// The story of a session: its bookmarks (caption = label, camera = the bookmark's view) and
/// annotations (caption = text, station = its station) in the story order the user gave them in
/// the Bookmarks dock (twin/story_order.h; time order when never changed). With `eventMoments`
/// the three longest stoppages and the worst checkpoint hour (twin/story_events.h) are added
/// where time puts them, unless an annotation already tells them. Each moment gets the
/// window of `halfWindowMs` either side of it (clipped to the recording), the KPIs of that
/// window, and the costliest stoppage, setup or failure inside the window (in vehicles over the
/// whole recording, docs/vehicle-losses.md); a bookmark without a station highlights that loss's
/// station. Any thread. Throws twin::Error when the document holds no recording or the session
/// cannot be read.
/// A moment about a station is shown from this many times the distance that just fits the
/// station (SceneView::fitSelection), so that the line around it stays in the picture.
inline constexpr double kStationMomentWidening = 2.2;

/// `view` moved back along its line of sight to `factor` times its distance from the point it
/// looks at.
twin::CameraView widenedView(const twin::CameraView& view, double factor);

ShiftStory buildShiftStory(const Document& doc, twin::TimeMs halfWindowMs,
                           bool eventMoments = false);

} // namespace takt::app
