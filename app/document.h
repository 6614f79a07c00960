#pragma once

#include "render/flat_scene.h"
#include "render/station_binding.h"
#include "twin/plant.h"

#include <QString>

#include <memory>
#include <optional>

namespace takt::app {

/// What the window shows: a plant (when a manifest was opened) and its imported layout.
struct Document {
    QString path;                       ///< The file the user opened.
    std::optional<twin::Plant> plant;   ///< Absent when a bare layout was opened.
    std::shared_ptr<const render::FlatScene> scene;
    render::StationBinding binding;
    double importSeconds = 0;

    QString title() const;
};

} // namespace takt::app
