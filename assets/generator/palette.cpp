#include "palette.h"

namespace takt::assets {
namespace {

// Order matches enum Material. Metallic stays low: viewers without an environment map render
// metals nearly black.
constexpr std::array<MaterialLook, kMaterialCount> kLooks{{
    {"concrete", 0.62f, 0.62f, 0.60f, 0.00f, 0.9f, 0.0f},
    {"floor_plate", 0.36f, 0.37f, 0.38f, 0.15f, 0.7f, 0.0f},
    {"safety_yellow", 0.95f, 0.75f, 0.05f, 0.00f, 0.6f, 0.0f},
    {"lane_white", 0.92f, 0.92f, 0.90f, 0.00f, 0.6f, 0.0f},
    {"walkway_green", 0.22f, 0.50f, 0.30f, 0.00f, 0.7f, 0.0f},
    {"column_steel", 0.42f, 0.47f, 0.55f, 0.15f, 0.6f, 0.0f},
    {"wall_cladding", 0.78f, 0.80f, 0.82f, 0.10f, 0.8f, 0.0f},
    {"robot_orange", 0.95f, 0.42f, 0.04f, 0.10f, 0.4f, 0.0f},
    {"robot_yellow", 0.96f, 0.78f, 0.05f, 0.10f, 0.4f, 0.0f},
    {"robot_dark", 0.14f, 0.14f, 0.15f, 0.15f, 0.5f, 0.0f},
    {"fence_mesh", 0.55f, 0.57f, 0.58f, 0.15f, 0.6f, 0.0f},
    {"machine_bluegrey", 0.33f, 0.43f, 0.52f, 0.15f, 0.5f, 0.0f},
    {"enclosure_white", 0.85f, 0.86f, 0.86f, 0.10f, 0.6f, 0.0f},
    {"conveyor_frame", 0.24f, 0.27f, 0.30f, 0.15f, 0.5f, 0.0f},
    {"roller_steel", 0.70f, 0.71f, 0.72f, 0.15f, 0.3f, 0.0f},
    {"body_in_white", 0.68f, 0.70f, 0.72f, 0.15f, 0.35f, 0.0f},
    {"ecoat_grey", 0.20f, 0.21f, 0.22f, 0.10f, 0.5f, 0.0f},
    {"paint_red", 0.72f, 0.04f, 0.05f, 0.15f, 0.25f, 0.0f},
    {"paint_white", 0.93f, 0.93f, 0.92f, 0.10f, 0.25f, 0.0f},
    {"paint_blue", 0.08f, 0.22f, 0.58f, 0.15f, 0.25f, 0.0f},
    {"paint_black", 0.04f, 0.04f, 0.05f, 0.15f, 0.25f, 0.0f},
    {"paint_silver", 0.62f, 0.64f, 0.66f, 0.15f, 0.3f, 0.0f},
    {"glass_tinted", 0.10f, 0.14f, 0.18f, 0.15f, 0.1f, 0.0f},
    {"tyre_rubber", 0.06f, 0.06f, 0.06f, 0.00f, 0.9f, 0.0f},
    {"oven_insulation", 0.66f, 0.67f, 0.65f, 0.15f, 0.5f, 0.0f},
    {"light_panel", 0.98f, 0.98f, 0.92f, 0.00f, 0.5f, 1.0f},
    {"rack_blue", 0.10f, 0.30f, 0.62f, 0.15f, 0.5f, 0.0f},
    {"carton", 0.66f, 0.50f, 0.31f, 0.00f, 0.9f, 0.0f},
}};

} // namespace

const MaterialLook& look(Material m)
{
    return kLooks[static_cast<std::size_t>(m)];
}

} // namespace takt::assets
