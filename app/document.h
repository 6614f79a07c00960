#pragma once

#include "render/flat_scene.h"
#include "render/station_binding.h"
#include "twin/bottleneck.h"
#include "twin/plant.h"
#include "twin/replay.h"

#include <QString>

#include <memory>
#include <optional>

namespace takt::app {

/// What the window shows: a plant (from a manifest or a session), its imported layout and,
/// for a session, a recording to replay.
struct Document {
    QString path;                     ///< The file the user opened.
    std::optional<twin::Plant> plant; ///< Absent when a bare layout was opened.
    std::shared_ptr<const render::FlatScene> scene;
    render::StationBinding binding;
    double importSeconds = 0;

    // Sessions only.
    std::shared_ptr<twin::Replay> replay; ///< The recording opened for replay.
    std::shared_ptr<const twin::BottleneckAnalysis> bottlenecks; ///< Over the whole recording.
    QString recordingName;
    std::int64_t recordingId = 0; ///< Its id in the session file.

    QString title() const;
    bool isSession() const { return replay != nullptr; }
};

} // namespace takt::app
