#pragma once

#include <QColor>
#include <QString>
#include <QVector3D>

namespace Qt3DCore {
class QEntity;
class QTransform;
} // namespace Qt3DCore

namespace takt::render {

class LabelTexture;

/// A text label drawn as a camera-facing sprite: a rounded plate with text, kept at a constant
/// size on screen so that it stays readable at any zoom. Internal to render/. GUI thread.
class LabelSprite {
public:
    LabelSprite(Qt3DCore::QEntity* parent, QString text, QColor plate, QColor ink);
    void setText(const QString& text);
    void setColors(QColor plate, QColor ink);
    void setAnchor(const QVector3D& anchor) { m_anchor = anchor; }
    /// Labels sharing an anchor stack upwards on screen: 0 sits on the anchor, 1 above it, ...
    void setStackIndex(int index) { m_stack = index; }
    void setEnabled(bool enabled);
    bool isEnabled() const;
    /// Turns the plate towards the camera and scales it to `pixelHeight` pixels on screen.
    /// `worldPerPixel` is the world size of one pixel at unit distance.
    void face(const QVector3D& eye, const QVector3D& right, const QVector3D& up,
              float worldPerPixel, float pixelHeight);

private:
    Qt3DCore::QEntity* m_entity;
    Qt3DCore::QTransform* m_transform;
    LabelTexture* m_texture;
    QVector3D m_anchor;
    float m_aspect = 1.0f;
    int m_stack = 0;
};

} // namespace takt::render
