#pragma once

#include <array>
#include <string_view>

namespace takt::assets {

/// The layout's small material palette. Every mesh uses exactly one of these.
enum class Material {
    Concrete,
    FloorPlate,
    SafetyYellow,
    LaneWhite,
    WalkwayGreen,
    ColumnSteel,
    Wall,
    RobotOrange,
    RobotYellow,
    RobotDark,
    FenceMesh,
    MachineBlueGrey,
    Cabinet,
    ConveyorFrame,
    Roller,
    BodyInWhite,
    Ecoat,
    PaintRed,
    PaintWhite,
    PaintBlue,
    PaintBlack,
    PaintSilver,
    Glass,
    Tyre,
    Oven,
    LightPanel,
    RackBlue,
    Carton,
};

inline constexpr int kMaterialCount = static_cast<int>(Material::Carton) + 1;

/// How a palette entry looks: linear RGB base colour, PBR factors, emissive strength.
struct MaterialLook {
    std::string_view name;
    float r, g, b;
    float metallic;
    float roughness;
    float emissive; ///< 0 for none; light panels glow with their base colour.
};

const MaterialLook& look(Material m);

/// The car body paint colours used along the line, in a fixed order.
inline constexpr std::array<Material, 5> kCarPaints{Material::PaintWhite, Material::PaintRed,
                                                    Material::PaintBlack, Material::PaintBlue,
                                                    Material::PaintSilver};

} // namespace takt::assets
