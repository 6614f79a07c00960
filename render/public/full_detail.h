#pragma once

// What "full detail" means for the 3D view's levels of detail: shared by the view (render's
// scene room), the orbit benchmark (app) and the tests. Any thread.

namespace takt::render {

/// Full detail on screen: no cell drawn lies more than this many pixels off its original
/// surface. A software renderer needs about a second for a frame of 10 M triangles (this
/// machine's llvmpipe), so a still layout whose far cells span a few pixels each is drawn with
/// the levels that make no visible difference there, and with every triangle where they would.
inline constexpr float kFullDetailPixelError = 0.5f;

} // namespace takt::render
