#pragma once

#include "render/cad_camera.h"

#include <QObject>
#include <QPointF>
#include <QSizeF>

#include <functional>
#include <optional>

class QEvent;
class QWindow;

namespace takt::render {

/// A CAD viewer's mouse controls for a 3D view, driven by the window's mouse events alone (no
/// frame time): left drag orbits about the point under the cursor where the drag started (or
/// the scene's centre), middle drag or Shift+left drag pans, right drag or Ctrl+left drag
/// zooms towards where the drag started, the wheel (and a touchpad's scroll or pinch) zooms
/// towards the cursor. Each movement is computed from the pose at the start of the drag and
/// the pixels moved since, so the same mouse path gives the same camera at 1 or 60 frames/s.
/// Works on a CameraPose through the hooks below, so it needs no Qt 3D. GUI thread only.
class CadCameraController : public QObject {
    Q_OBJECT
public:
    struct Hooks {
        std::function<CameraPose()> pose;               ///< The camera now.
        std::function<void(const CameraPose&)> setPose; ///< Moves the camera.
        std::function<QSizeF()> viewport;               ///< Pixels of the view.
        /// The surface point under a pixel, if any (world space).
        std::function<std::optional<QVector3D>(QPointF)> pick;
        std::function<SceneBox()> bounds; ///< The scene's box (the pivot when nothing is hit).
    };

    explicit CadCameraController(Hooks hooks, QObject* parent = nullptr);

    /// Reads the mouse, wheel and gesture events of `window` (nullptr: none).
    void attach(QWindow* window);
    /// Handles one event as if it came to the attached window; true when it was used.
    bool handle(QEvent* event);

    /// True when the last left press moved the cursor far enough to be a drag, not a click
    /// (a click selects; a drag that ends over a station does not).
    bool lastPressDragged() const { return m_dragged; }
    /// What the current drag does; None between drags.
    enum class Mode { None, Orbit, Pan, Zoom };
    Mode mode() const { return m_mode; }
    /// The pivot of the current (or last) drag.
    QVector3D pivot() const { return m_pivot; }

    /// Pixels the cursor may move before a press counts as a drag.
    static constexpr double kClickSlop = 3.0;

signals:
    /// A left press and release without a drag in between, at `at` (pixels).
    void clicked(QPointF at);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void begin(Mode mode, QPointF at);
    QVector3D targetUnder(QPointF at, const CameraPose& pose) const;

    Hooks m_hooks;
    QWindow* m_window = nullptr;
    Mode m_mode = Mode::None;
    Qt::MouseButton m_button = Qt::NoButton;
    bool m_dragged = false;
    QPointF m_pressAt;
    CameraPose m_start;
    QVector3D m_pivot;
    float m_depth = 1.0f;
};

} // namespace takt::render
