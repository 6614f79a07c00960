#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace takt::twin {

/// A camera placement a session keeps (a named view, a bookmark's camera): metres in the
/// layout's frame, degrees. The renderer applies it to its camera (render::SceneView). The one
/// camera-view type of Takt; its JSON below is the `camera_views.camera` column of the session
/// file (docs/session-schema.md).
struct CameraView {
    std::array<double, 3> position{0, 0, 0};
    std::array<double, 3> viewCenter{0, 0, 0};
    std::array<double, 3> up{0, 1, 0};
    double fieldOfView = 40.0; ///< Vertical, degrees, in (0, 180).
    bool operator==(const CameraView&) const = default;
};

/// {"fov":deg,"position":[x,y,z],"up":[x,y,z],"viewCenter":[x,y,z]}. Any thread; never throws
/// (except std::bad_alloc).
std::string cameraViewToJson(const CameraView& view);

/// Reads cameraViewToJson's text. Also takes "fieldOfView" for "fov" (views written by hand,
/// README); a missing `up` is +Y and a missing or out-of-range field of view 40 degrees.
/// nullopt for text that is not JSON or lacks a finite position and viewCenter. Never throws
/// (except std::bad_alloc).
std::optional<CameraView> cameraViewFromJson(std::string_view json);

} // namespace takt::twin
