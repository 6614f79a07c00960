#include "render/cad_camera.h"

#include <QQuaternion>
#include <QtMath>

#include <algorithm>
#include <cmath>

namespace takt::render {
namespace {

const QVector3D kWorldUp(0, 1, 0);

/// Makes `up` orthogonal to the view direction with a horizontal side vector, so that rounding
/// never accumulates into roll.
CameraPose squared(CameraPose p)
{
    const QVector3D f = p.forward();
    QVector3D side = QVector3D::crossProduct(f, p.up);
    side.setY(0.0f);
    if (side.lengthSquared() < 1e-12f)
        side = QVector3D::crossProduct(f, kWorldUp);
    if (side.lengthSquared() < 1e-12f)
        return p;
    p.up = QVector3D::crossProduct(side.normalized(), f).normalized();
    return p;
}

CameraPose rotatedAbout(const CameraPose& p, QVector3D pivot, const QQuaternion& q)
{
    CameraPose out = p;
    out.position = pivot + q.rotatedVector(p.position - pivot);
    out.center = pivot + q.rotatedVector(p.center - pivot);
    out.up = q.rotatedVector(p.up);
    return out;
}

} // namespace

QVector3D viewRay(const CameraPose& pose, QSizeF viewport, QPointF pixel)
{
    if (pose.orthoHeight > 0.0f)
        return pose.forward();
    const float h = float(std::max(1.0, viewport.height()));
    const float w = float(std::max(1.0, viewport.width()));
    const float tanY = std::tan(qDegreesToRadians(pose.fovDeg) * 0.5f);
    const float x = (2.0f * float(pixel.x()) / w - 1.0f) * tanY * (w / h);
    const float y = (1.0f - 2.0f * float(pixel.y()) / h) * tanY;
    return (pose.forward() + pose.right() * x + pose.up.normalized() * y).normalized();
}

QVector3D rayOrigin(const CameraPose& pose, QSizeF viewport, QPointF pixel)
{
    if (pose.orthoHeight <= 0.0f)
        return pose.position;
    const float h = float(std::max(1.0, viewport.height()));
    const float w = float(std::max(1.0, viewport.width()));
    const float half = pose.orthoHeight * 0.5f;
    const float x = (2.0f * float(pixel.x()) / w - 1.0f) * half * (w / h);
    const float y = (1.0f - 2.0f * float(pixel.y()) / h) * half;
    return pose.position + pose.right() * x + pose.up.normalized() * y;
}

float metresPerPixel(const CameraPose& pose, QSizeF viewport, float depth)
{
    const float h = float(std::max(1.0, viewport.height()));
    if (pose.orthoHeight > 0.0f)
        return pose.orthoHeight / h;
    return 2.0f * std::max(depth, 1e-6f) * std::tan(qDegreesToRadians(pose.fovDeg) * 0.5f) / h;
}

std::optional<QPointF> projectToPixel(const CameraPose& pose, QSizeF viewport, QVector3D point)
{
    const QVector3D o = point - pose.position;
    const float z = QVector3D::dotProduct(o, pose.forward());
    if (z <= 0.0f && pose.orthoHeight <= 0.0f)
        return std::nullopt;
    const float h = float(std::max(1.0, viewport.height()));
    const float w = float(std::max(1.0, viewport.width()));
    // Half the view's height at the point's depth, in metres.
    const float half = pose.orthoHeight > 0.0f
                           ? pose.orthoHeight * 0.5f
                           : z * std::tan(qDegreesToRadians(pose.fovDeg) * 0.5f);
    const float x = QVector3D::dotProduct(o, pose.right()) / (half * (w / h));
    const float y = QVector3D::dotProduct(o, pose.up.normalized()) / half;
    return QPointF((x + 1.0f) * 0.5f * w, (1.0f - y) * 0.5f * h);
}

CameraPose orbitPose(const CameraPose& start, QVector3D pivot, QPointF dragPixels)
{
    const CameraPose s = squared(start);
    // Tilt first, about the start's side axis, stopping at straight down or straight up; then
    // turn about the world's vertical through the pivot. Both angles come from the whole drag,
    // so the result is one turntable position, whatever the events in between.
    const float elevation = qRadiansToDegrees(std::asin(std::clamp(-s.forward().y(), -1.f, 1.f)));
    float tilt = -float(dragPixels.y()) * kOrbitDegreesPerPixel; // drag down: look more from above
    tilt = std::clamp(tilt, elevation - 90.0f, elevation + 90.0f);
    const float turn = -float(dragPixels.x()) * kOrbitDegreesPerPixel;
    CameraPose p = rotatedAbout(s, pivot, QQuaternion::fromAxisAndAngle(s.right(), tilt));
    p = rotatedAbout(p, pivot, QQuaternion::fromAxisAndAngle(kWorldUp, turn));
    return squared(p);
}

CameraPose panPose(const CameraPose& start, QPointF dragPixels, QSizeF viewport, float depth)
{
    const float m = metresPerPixel(start, viewport, depth);
    const QVector3D shift = start.right() * (-float(dragPixels.x()) * m) +
                            start.up.normalized() * (float(dragPixels.y()) * m);
    CameraPose p = start;
    p.position += shift;
    p.center += shift;
    return p;
}

CameraPose dollyPose(const CameraPose& start, QVector3D target, float factor)
{
    if (!(factor > 0.0f) || !std::isfinite(factor))
        return start;
    // Scaling every point of the camera about the target keeps the camera's orientation and
    // the direction from it to the target: the target stays at its pixel.
    const float scale = 1.0f / factor;
    if (start.orthoHeight > 0.0f) {
        // Orthographic: the view's height shrinks and the camera slides in its own plane, so
        // the target keeps its pixel; the camera's depth does not matter.
        const QVector3D f = start.forward();
        QVector3D offset = target - start.position;
        offset -= f * QVector3D::dotProduct(offset, f);
        CameraPose p = start;
        p.orthoHeight = std::max(start.orthoHeight * scale, 1e-3f);
        const QVector3D shift = offset * (1.0f - p.orthoHeight / start.orthoHeight);
        p.position += shift;
        p.center += shift;
        return p;
    }
    const QVector3D toPosition = start.position - target;
    if (toPosition.length() * scale < 1e-4f)
        return start;
    CameraPose p = start;
    p.position = target + toPosition * scale;
    p.center = target + (start.center - target) * scale;
    return p;
}

float wheelZoomFactor(float angleDelta)
{
    return std::pow(1.2f, angleDelta / 120.0f);
}

float dragZoomFactor(float dyPixels)
{
    return std::pow(2.0f, -dyPixels / 150.0f);
}

QVector3D pointOnRay(const CameraPose& pose, QSizeF viewport, QPointF pixel, float depth)
{
    const QVector3D ray = viewRay(pose, viewport, pixel);
    const float along = std::max(QVector3D::dotProduct(ray, pose.forward()), 1e-3f);
    return rayOrigin(pose, viewport, pixel) + ray * (depth / along);
}

std::pair<float, float> clipPlanes(const CameraPose& pose, const SceneBox& box)
{
    // Labels, beacons and flow arrows float above the geometry: leave them room.
    const float radius = box.radius() * 1.5f;
    const float depth = QVector3D::dotProduct(box.centre() - pose.position, pose.forward());
    float farPlane = depth + radius;
    if (farPlane <= 0.0f)
        farPlane = radius;
    // A 24-bit depth buffer resolves a far/near ratio of a few thousand well.
    const float nearPlane = std::max(depth - radius, farPlane / 5000.0f);
    return {nearPlane, farPlane * 1.01f};
}

CameraPose fitPose(const SceneBox& box, QVector3D back, QVector3D upHint, float aspect,
                   float fovDeg)
{
    const QVector3D min = box.valid() ? box.min : QVector3D(-1, -1, -1);
    const QVector3D max = box.valid() ? box.max : QVector3D(1, 1, 1);
    const QVector3D centre = (min + max) * 0.5f;
    const float radius = std::max(0.5f * (max - min).length(), 0.01f);
    back.normalize();
    const QVector3D right = QVector3D::crossProduct(upHint, back).normalized();
    const QVector3D up = QVector3D::crossProduct(back, right).normalized();
    const float tanY = std::tan(qDegreesToRadians(fovDeg) * 0.5f) * 0.94f;
    const float tanX = tanY * std::max(aspect, 0.1f);
    float distance = radius * 0.1f;
    for (int corner = 0; corner < 8; ++corner) {
        const QVector3D p((corner & 1) ? max.x() : min.x(), (corner & 2) ? max.y() : min.y(),
                          (corner & 4) ? max.z() : min.z());
        const QVector3D o = p - centre;
        const float z = QVector3D::dotProduct(o, back);
        distance = std::max({distance, z + std::abs(QVector3D::dotProduct(o, right)) / tanX,
                             z + std::abs(QVector3D::dotProduct(o, up)) / tanY});
    }
    CameraPose pose;
    pose.fovDeg = fovDeg;
    pose.center = centre;
    pose.position = centre + back * distance;
    pose.up = up;
    return pose;
}

CameraPose planPose(const SceneBox& box, float aspect)
{
    CameraPose pose = fitPose(box, {0, 1, 0}, {0, 0, -1}, aspect, 40.0f);
    const QVector3D size = box.valid() ? box.max - box.min : QVector3D(2, 2, 2);
    pose.orthoHeight = std::max(size.z(), size.x() / std::max(aspect, 0.1f)) * 1.06f;
    pose.orthoHeight = std::max(pose.orthoHeight, 0.01f);
    return pose;
}

CameraPose standardViewPose(StandardView view, const SceneBox& box, float aspect, float fovDeg)
{
    switch (view) {
    case StandardView::Front:
        return fitPose(box, {0, 0, 1}, kWorldUp, aspect, fovDeg);
    case StandardView::Right:
        return fitPose(box, {1, 0, 0}, kWorldUp, aspect, fovDeg);
    case StandardView::Top: // north (−Z) up on screen
        return fitPose(box, {0, 1, 0}, {0, 0, -1}, aspect, fovDeg);
    case StandardView::Iso:
        break;
    }
    return fitPose(box, {1, 1, 1}, kWorldUp, aspect, fovDeg);
}

} // namespace takt::render
