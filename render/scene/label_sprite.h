#pragma once

#include <QColor>
#include <QRectF>
#include <QString>
#include <QVector3D>

class QMatrix4x4;

namespace Qt3DCore {
class QEntity;
class QTransform;
} // namespace Qt3DCore
namespace Qt3DRender {
class QLayer;
}

namespace takt::render {

class LabelTexture;

/// A text label drawn as a camera-facing sprite: a rounded plate with text, kept at a constant
/// size on screen so that it stays readable at any zoom. It belongs to `layer`, which the view
/// draws after the scene without depth test, so that no geometry hides it. Internal to
/// render/. GUI thread.
class LabelSprite {
public:
    LabelSprite(Qt3DCore::QEntity* parent, Qt3DRender::QLayer* layer, QString text, QColor plate,
                QColor ink);
    void setText(const QString& text);
    const QString& text() const;
    void setColors(QColor plate, QColor ink);
    void setAnchor(const QVector3D& anchor) { m_anchor = anchor; }
    const QVector3D& anchor() const { return m_anchor; }
    /// Labels sharing an anchor stack upwards on screen: 0 sits on the anchor, 1 above it, ...
    void setStackIndex(int index) { m_stack = index; }
    /// Whether the overlays want this label (settings, distance); see also setSuppressed().
    void setEnabled(bool enabled);
    bool isEnabled() const { return m_enabled; }
    /// Hides a wanted label that would overlap a more important one on screen.
    void setSuppressed(bool suppressed);
    /// Drawn: wanted and not suppressed. A label that is not shown takes new text and colours
    /// without painting them; it paints once when shown again.
    bool isShown() const { return m_enabled && !m_suppressed; }
    /// Width over height of the plate for the current text (also while not shown).
    float aspect() const { return m_aspect; }
    /// Times the plate has been painted (for tests and diagnostics).
    int paints() const;
    /// Turns the plate towards the camera and scales it to `pixelHeight` pixels on screen.
    /// `worldPerPixel` is the world size of one pixel at unit distance.
    void face(const QVector3D& eye, const QVector3D& right, const QVector3D& up,
              float worldPerPixel, float pixelHeight);
    /// Where the plate appears on a `viewport` (pixels, y down) seen through `viewProjection`
    /// at `pixelHeight` pixels high; empty when the anchor lies behind the camera.
    QRectF screenRect(const QMatrix4x4& viewProjection, const QSizeF& viewport,
                      float pixelHeight) const;

private:
    void applyEnabled();

    Qt3DCore::QEntity* m_entity;
    Qt3DCore::QTransform* m_transform;
    LabelTexture* m_texture;
    QVector3D m_anchor;
    float m_aspect = 1.0f;
    int m_stack = 0;
    bool m_enabled = true;
    bool m_suppressed = false;
};

} // namespace takt::render
