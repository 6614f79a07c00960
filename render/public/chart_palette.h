#pragma once

#include "twin/events.h"

#include <QColor>
#include <QString>

namespace takt::render {

/// Fill colour of a station state, from a fixed colour-blind-safe palette (Okabe & Ito):
/// working bluish green, starved sky blue, blocked blue, down vermillion, setup reddish purple,
/// idle light grey, unknown mid grey. A value outside the enum (a corrupt store) gets the
/// `unknown` colour. Shared by the charts, the timeline and the 3D overlays so that a state
/// looks the same everywhere. Any thread.
QColor stateColor(twin::StationState state);

/// Display name of a station state: twin::toString() with a capital ("Working", "Starved",
/// ...). Any thread.
QString stateName(twin::StationState state);

/// Colours the charts use for their series, from the same colour-blind-safe palette. Any thread.
namespace chart_colors {
inline const QColor kPrimary{0x00, 0x72, 0xB2};   ///< blue: the main series (bars, values)
inline const QColor kSecondary{0xE6, 0x9F, 0x00}; ///< orange: a second series (cumulative %)
inline const QColor kTarget{0x00, 0x9E, 0x73};    ///< bluish green: targets
inline const QColor kLimit{0xD5, 0x5E, 0x00};     ///< vermillion: limits and violations
inline const QColor kText{0x21, 0x21, 0x21};      ///< titles and labels
inline const QColor kAxis{0x75, 0x75, 0x75};      ///< axis lines and ticks
inline const QColor kGrid{0xE3, 0xE3, 0xE3};      ///< grid lines
inline const QColor kCursor{0x00, 0x00, 0x00};    ///< black: the replay's current time
} // namespace chart_colors

} // namespace takt::render
