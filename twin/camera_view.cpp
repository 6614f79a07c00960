#include "twin/camera_view.h"

#include <nlohmann/json.hpp>

#include <cmath>

namespace takt::twin {
namespace {

std::optional<std::array<double, 3>> vec(const nlohmann::json& o, const char* key)
{
    const auto it = o.find(key);
    if (it == o.end() || !it->is_array() || it->size() != 3)
        return std::nullopt;
    std::array<double, 3> v{};
    for (std::size_t i = 0; i < 3; ++i) {
        if (!(*it)[i].is_number())
            return std::nullopt;
        v[i] = (*it)[i].get<double>();
        if (!std::isfinite(v[i]))
            return std::nullopt;
    }
    return v;
}

} // namespace

std::string cameraViewToJson(const CameraView& view)
{
    return nlohmann::json{{"position", view.position},
                          {"viewCenter", view.viewCenter},
                          {"up", view.up},
                          {"fov", view.fieldOfView}}
        .dump();
}

std::optional<CameraView> cameraViewFromJson(std::string_view json)
{
    const auto o = nlohmann::json::parse(json, nullptr, false);
    if (o.is_discarded() || !o.is_object())
        return std::nullopt;
    const auto position = vec(o, "position");
    const auto centre = vec(o, "viewCenter");
    if (!position || !centre)
        return std::nullopt;
    CameraView view;
    view.position = *position;
    view.viewCenter = *centre;
    if (const auto up = vec(o, "up"))
        view.up = *up;
    // The GUI writes "fov"; the README documents "fieldOfView" for views written by hand.
    const auto fov = o.contains("fov") ? o["fov"] : o.value("fieldOfView", nlohmann::json());
    if (fov.is_number() && fov.get<double>() > 0.0 && fov.get<double>() < 180.0)
        view.fieldOfView = fov.get<double>();
    return view;
}

} // namespace takt::twin
