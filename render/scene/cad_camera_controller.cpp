#include "render/cad_camera_controller.h"

#include <QGuiApplication>
#include <QMouseEvent>
#include <QNativeGestureEvent>
#include <QWheelEvent>
#include <QWindow>

#include <cmath>

namespace takt::render {

CadCameraController::CadCameraController(Hooks hooks, QObject* parent)
    : QObject(parent), m_hooks(std::move(hooks))
{
}

void CadCameraController::attach(QWindow* window)
{
    if (m_window)
        m_window->removeEventFilter(this);
    m_window = window;
    if (m_window)
        m_window->installEventFilter(this);
}

bool CadCameraController::eventFilter(QObject* watched, QEvent* event)
{
    // Qt 3D's picking reads the same events after us: never swallow them.
    if (watched == m_window)
        handle(event);
    return false;
}

QVector3D CadCameraController::targetUnder(QPointF at, const CameraPose& pose) const
{
    if (auto hit = m_hooks.pick ? m_hooks.pick(at) : std::nullopt)
        return *hit;
    return pointOnRay(pose, m_hooks.viewport(), at, pose.distance());
}

void CadCameraController::begin(Mode mode, QPointF at)
{
    m_mode = mode;
    m_pressAt = at;
    m_start = m_hooks.pose();
    const std::optional<QVector3D> hit = m_hooks.pick ? m_hooks.pick(at) : std::nullopt;
    if (mode == Mode::Orbit)
        m_pivot = hit ? *hit : m_hooks.bounds().centre();
    else
        m_pivot = hit ? *hit : pointOnRay(m_start, m_hooks.viewport(), at, m_start.distance());
    // A pan moves the grabbed point with the cursor; with nothing grabbed, the view centre's
    // depth.
    m_depth = QVector3D::dotProduct(m_pivot - m_start.position, m_start.forward());
    if (!(m_depth > 0.0f))
        m_depth = m_start.distance();
}

bool CadCameraController::handle(QEvent* event)
{
    switch (event->type()) {
    case QEvent::MouseButtonPress: {
        auto* e = static_cast<QMouseEvent*>(event);
        if (m_mode != Mode::None)
            return true; // a second button during a drag changes nothing
        const auto mods = e->modifiers();
        Mode mode = Mode::None;
        if (e->button() == Qt::LeftButton) {
            m_dragged = false;
            mode = (mods & Qt::ShiftModifier)     ? Mode::Pan
                   : (mods & Qt::ControlModifier) ? Mode::Zoom
                                                  : Mode::Orbit;
        } else if (e->button() == Qt::MiddleButton) {
            mode = Mode::Pan;
        } else if (e->button() == Qt::RightButton) {
            mode = Mode::Zoom;
        }
        if (mode == Mode::None)
            return false;
        m_button = e->button();
        begin(mode, e->position());
        return true;
    }
    case QEvent::MouseMove: {
        if (m_mode == Mode::None)
            return false;
        auto* e = static_cast<QMouseEvent*>(event);
        const QPointF drag = e->position() - m_pressAt;
        if (!m_dragged && std::hypot(drag.x(), drag.y()) < kClickSlop)
            return true;
        m_dragged = true;
        switch (m_mode) {
        case Mode::Orbit:
            m_hooks.setPose(orbitPose(m_start, m_pivot, drag));
            break;
        case Mode::Pan:
            m_hooks.setPose(panPose(m_start, drag, m_hooks.viewport(), m_depth));
            break;
        case Mode::Zoom:
            m_hooks.setPose(dollyPose(m_start, m_pivot, dragZoomFactor(float(drag.y()))));
            break;
        case Mode::None:
            break;
        }
        return true;
    }
    case QEvent::MouseButtonRelease: {
        auto* e = static_cast<QMouseEvent*>(event);
        if (m_mode == Mode::None || e->button() != m_button)
            return false;
        m_mode = Mode::None;
        if (m_button == Qt::LeftButton && !m_dragged)
            emit clicked(e->position());
        return true;
    }
    case QEvent::Wheel: {
        auto* e = static_cast<QWheelEvent*>(event);
        // A mouse wheel reports notches; a touchpad's two-finger scroll may report pixels only.
        float delta = float(e->angleDelta().y());
        if (delta == 0.0f)
            delta = float(e->pixelDelta().y()) * 4.0f;
        if (delta == 0.0f)
            return false;
        const CameraPose pose = m_hooks.pose();
        m_hooks.setPose(dollyPose(pose, targetUnder(e->position(), pose), wheelZoomFactor(delta)));
        return true;
    }
    case QEvent::NativeGesture: {
        auto* e = static_cast<QNativeGestureEvent*>(event);
        if (e->gestureType() != Qt::ZoomNativeGesture)
            return false;
        const CameraPose pose = m_hooks.pose();
        m_hooks.setPose(
            dollyPose(pose, targetUnder(e->position(), pose), 1.0f + float(e->value())));
        return true;
    }
    default:
        return false;
    }
}

} // namespace takt::render
