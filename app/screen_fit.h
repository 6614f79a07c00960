#pragma once

#include <QSize>

#include <optional>

class QMainWindow;
class QScreen;

namespace takt::app {

/// The window's default size when none is asked for.
inline constexpr QSize kDefaultWindowSize{1600, 1000};

/// True when `screen` is too small for the docks side by side around the 3D view (narrower than
/// 1,700 or lower than 950 pixels of available geometry, in device-independent pixels).
bool isCompactScreen(const QScreen* screen);

/// Sizes the main window for the screen it is on: `requested` (--size) or the default, never
/// larger than the screen's available geometry and placed inside it. On a compact screen the
/// docks are tabbed — plant tree and issues on the left; KPIs, station, bookmarks and charts on
/// the right, at most a fifth and a third of the screen wide, all on the right under 1,100 px
/// (960 × 540) — so that the 3D view keeps about half of a 1,366 × 768 or 1,280 × 720 screen. Call
/// before show(). GUI thread.
void fitToScreen(QMainWindow* window, const QScreen* screen, std::optional<QSize> requested);

/// Screens narrower than this (device-independent pixels) get every dock in one tabbed group.
inline constexpr int kOneDockGroupBelow = 1100;

/// Tabs the docks as fitToScreen() does on a compact screen (the View menu still shows each) and
/// caps the left group at a fifth and the right one at about a third of `screenWidth`; under
/// kOneDockGroupBelow every dock is in the right group.
void tabifyDocksForSmallScreen(QMainWindow* window, int screenWidth);

} // namespace takt::app
