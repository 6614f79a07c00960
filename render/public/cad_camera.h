#pragma once

#include <QPointF>
#include <QSizeF>
#include <QVector3D>

#include <algorithm>
#include <optional>
#include <utility>

namespace takt::render {

/// Where a camera stands and what it looks at, in world space (metres, Y up). `up` is kept
/// orthogonal to the view direction, and its side vector horizontal (no roll).
struct CameraPose {
    QVector3D position{0, 0, 10};
    QVector3D center{0, 0, 0}; ///< The point looked at.
    QVector3D up{0, 1, 0};
    float fovDeg = 40.0f; ///< Vertical field of view, degrees.
    /// Greater than zero: an orthographic view showing this many metres from bottom to top
    /// (the plan view); zero: perspective.
    float orthoHeight = 0.0f;

    QVector3D forward() const { return (center - position).normalized(); }
    QVector3D right() const { return QVector3D::crossProduct(forward(), up).normalized(); }
    float distance() const { return (center - position).length(); }
};

/// An axis-aligned box (metres); an empty box when min > max.
struct SceneBox {
    QVector3D min{1, 1, 1}, max{-1, -1, -1};
    bool valid() const { return min.x() <= max.x() && min.y() <= max.y() && min.z() <= max.z(); }
    QVector3D centre() const { return valid() ? (min + max) * 0.5f : QVector3D(); }
    float radius() const { return valid() ? std::max(0.5f * (max - min).length(), 0.01f) : 1.0f; }
};

/// The views of the View menu.
enum class StandardView { Front, Right, Top, Iso };

/// Degrees the camera turns per pixel of an orbit drag (a drag across 900 pixels turns 360°).
inline constexpr float kOrbitDegreesPerPixel = 0.4f;

/// The pure camera mathematics of the CAD controller: no window, no Qt 3D, no time. Every
/// movement is a function of pixels moved from where a drag started, so the result does not
/// depend on how many mouse events (or frames) came in between. Any thread.

/// The unit direction of the ray through `pixel` (origin top left) of a viewport.
QVector3D viewRay(const CameraPose& pose, QSizeF viewport, QPointF pixel);
/// Where that ray starts: the camera, or in an orthographic view the pixel's place on the
/// camera's plane.
QVector3D rayOrigin(const CameraPose& pose, QSizeF viewport, QPointF pixel);
/// Metres one pixel spans `depth` metres in front of the camera (any depth when orthographic).
float metresPerPixel(const CameraPose& pose, QSizeF viewport, float depth);
/// Where `point` appears in the viewport (pixels, origin top left); nullopt behind the camera.
std::optional<QPointF> projectToPixel(const CameraPose& pose, QSizeF viewport, QVector3D point);

/// Turntable orbit about `pivot`: a horizontal drag turns about the world's vertical axis, a
/// vertical one tilts about the camera's horizontal side axis, stopping at straight down and
/// straight up. Distances to the pivot are kept, the pivot stays at its pixel, no roll appears.
CameraPose orbitPose(const CameraPose& start, QVector3D pivot, QPointF dragPixels);
/// Moves the camera parallel to the view plane so that a point `depth` metres in front of it
/// follows the cursor exactly.
CameraPose panPose(const CameraPose& start, QPointF dragPixels, QSizeF viewport, float depth);
/// Moves towards `target` by `factor` (2: half the distance; 0.5: twice), about `target`, so
/// that the target keeps its pixel (zoom towards the cursor).
CameraPose dollyPose(const CameraPose& start, QVector3D target, float factor);
/// The factor of a wheel turn (`angleDelta` in eighths of a degree, 120 a notch).
float wheelZoomFactor(float angleDelta);
/// The factor of a zoom drag (up zooms in), by pixels moved since the drag started.
float dragZoomFactor(float dyPixels);

/// The point `depth` metres in front of the camera (along the view axis) on the ray through
/// `pixel`.
QVector3D pointOnRay(const CameraPose& pose, QSizeF viewport, QPointF pixel, float depth);

/// Near and far planes that hold the whole scene (and overlays floating above it) with the
/// least depth range: {near, far}, both positive.
std::pair<float, float> clipPlanes(const CameraPose& pose, const SceneBox& box);

/// Looks along `-back` at the box's centre from just far enough that every corner of the box
/// is in view (with a small margin); `upHint` gives the up direction on screen.
CameraPose fitPose(const SceneBox& box, QVector3D back, QVector3D upHint, float aspect,
                   float fovDeg);
/// A top-down orthographic plan of the box, north (−Z) up, with a small margin.
CameraPose planPose(const SceneBox& box, float aspect);
/// The standard view, fitted to the box.
CameraPose standardViewPose(StandardView view, const SceneBox& box, float aspect, float fovDeg);

} // namespace takt::render
