#pragma once

#include "line_layout.h"
#include "part_builder.h"
#include "sample_line.h"

namespace takt::assets {

/// Draws one station (robot cell, booth, test rig, ...) into `pb` at its placement.
/// `index` is the station's position in the line; it varies robot poses and colours.
void buildStation(PartBuilder& pb, const StationBlueprint& station, const Placement& placement,
                  int index);

namespace detail {
// Looks, split over station_geometry*.cpp. All draw in the station's local frame.
void buildRobotCell(PartBuilder& pb, const StationBlueprint& s, const Placement& p, int index);
void buildBuffer(PartBuilder& pb, const StationBlueprint& s, const Placement& p, int index);
void buildLightTunnel(PartBuilder& pb, const StationBlueprint& s, const Placement& p);
void buildPaintProcess(PartBuilder& pb, const StationBlueprint& s, const Placement& p);
void buildAssembly(PartBuilder& pb, const StationBlueprint& s, const Placement& p, int index);
void buildTestRig(PartBuilder& pb, const StationBlueprint& s, const Placement& p);
} // namespace detail

} // namespace takt::assets
