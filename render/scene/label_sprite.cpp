#include "render/label_sprite.h"

#include <Qt3DCore/QEntity>
#include <Qt3DCore/QTransform>
#include <Qt3DExtras/QPlaneMesh>
#include <Qt3DExtras/QTextureMaterial>
#include <Qt3DRender/QLayer>
#include <Qt3DRender/QPaintedTextureImage>
#include <Qt3DRender/QTexture>

#include <QFont>
#include <QFontMetrics>
#include <QMatrix3x3>
#include <QMatrix4x4>
#include <QPainter>
#include <QPainterPath>
#include <QQuaternion>
#include <QVector4D>

namespace takt::render {

/// Paints the plate and its text. A change is painted (and uploaded) by flush(), which the
/// sprite calls only while it is shown: while the replay is scrubbed, the labels hidden by
/// decluttering change their text at every step without costing a paint each.
class LabelTexture : public Qt3DRender::QPaintedTextureImage {
public:
    static constexpr int kHeight = 48; // texture pixels; text is drawn at 2x for crispness

    void set(QString text, QColor plate, QColor ink)
    {
        if (text != m_text) {
            const QFontMetrics fm(font());
            m_width = std::max(kHeight, fm.horizontalAdvance(text) + kHeight / 2);
        }
        m_text = std::move(text);
        m_plate = plate;
        m_ink = ink;
        m_pending = true;
    }
    void flush()
    {
        if (!m_pending)
            return;
        m_pending = false;
        const QSize wanted(m_width, kHeight);
        if (size() != wanted)
            setSize(wanted); // (repaints)
        else
            update();
    }
    /// Width over height as it will be painted.
    float aspect() const { return float(m_width) / float(kHeight); }
    const QString& text() const { return m_text; }
    int paints() const { return m_paints; }
    QColor plate() const { return m_plate; }
    QColor ink() const { return m_ink; }

protected:
    void paint(QPainter* p) override
    {
        ++m_paints;
        p->setRenderHint(QPainter::Antialiasing);
        p->setCompositionMode(QPainter::CompositionMode_Source);
        p->fillRect(QRect(QPoint(0, 0), size()), Qt::transparent);
        QPainterPath plate;
        plate.addRoundedRect(QRectF(1, 1, width() - 2, height() - 2), 10, 10);
        p->fillPath(plate, m_plate);
        p->setPen(m_ink);
        p->setFont(font());
        p->drawText(QRect(QPoint(0, 0), size()), Qt::AlignCenter, m_text);
    }

private:
    static QFont font()
    {
        QFont f(QStringLiteral("DejaVu Sans"));
        f.setPixelSize(30);
        f.setBold(true);
        return f;
    }
    QString m_text;
    QColor m_plate, m_ink;
    int m_width = kHeight;
    bool m_pending = false;
    int m_paints = 0;
};

LabelSprite::LabelSprite(Qt3DCore::QEntity* parent, Qt3DRender::QLayer* layer, QString text,
                         QColor plate, QColor ink)
    : m_entity(new Qt3DCore::QEntity(parent)), m_transform(new Qt3DCore::QTransform(m_entity)),
      m_texture(new LabelTexture)
{
    auto* mesh = new Qt3DExtras::QPlaneMesh(m_entity);
    mesh->setWidth(1.0f);
    mesh->setHeight(1.0f);
    auto* texture = new Qt3DRender::QTexture2D(m_entity);
    texture->setMinificationFilter(Qt3DRender::QAbstractTexture::Linear);
    texture->setMagnificationFilter(Qt3DRender::QAbstractTexture::Linear);
    texture->addTextureImage(m_texture);
    auto* material = new Qt3DExtras::QTextureMaterial(m_entity);
    material->setTexture(texture);
    material->setAlphaBlendingEnabled(true);
    m_entity->addComponent(mesh);
    m_entity->addComponent(material);
    m_entity->addComponent(m_transform);
    if (layer)
        m_entity->addComponent(layer);
    m_texture->set(std::move(text), plate, ink);
    m_aspect = m_texture->aspect();
    m_texture->flush();
}

void LabelSprite::setText(const QString& text)
{
    if (text == m_texture->text())
        return;
    m_texture->set(text, m_texture->plate(), m_texture->ink());
    m_aspect = m_texture->aspect();
    if (isShown())
        m_texture->flush();
}

void LabelSprite::setColors(QColor plate, QColor ink)
{
    if (plate == m_texture->plate() && ink == m_texture->ink())
        return;
    m_texture->set(m_texture->text(), plate, ink);
    if (isShown())
        m_texture->flush();
}

int LabelSprite::paints() const
{
    return m_texture->paints();
}

const QString& LabelSprite::text() const
{
    return m_texture->text();
}

void LabelSprite::setEnabled(bool enabled)
{
    m_enabled = enabled;
    applyEnabled();
}

void LabelSprite::setSuppressed(bool suppressed)
{
    m_suppressed = suppressed;
    applyEnabled();
}

void LabelSprite::applyEnabled()
{
    if (isShown())
        m_texture->flush(); // what changed while it was hidden
    if (m_entity->isEnabled() != isShown())
        m_entity->setEnabled(isShown());
}

QRectF LabelSprite::screenRect(const QMatrix4x4& viewProjection, const QSizeF& viewport,
                               float pixelHeight) const
{
    const QVector4D clip = viewProjection * QVector4D(m_anchor, 1.0f);
    if (clip.w() <= 1e-6f)
        return {};
    const double x = (clip.x() / clip.w() * 0.5 + 0.5) * viewport.width();
    const double y = (0.5 - clip.y() / clip.w() * 0.5) * viewport.height();
    // As face() places it: the lower edge 1.15 heights per stack slot above the anchor.
    const double h = pixelHeight;
    const double w = h * m_aspect;
    const double bottom = y - h * 1.15 * m_stack;
    return {x - w / 2, bottom - h, w, h};
}

void LabelSprite::face(const QVector3D& eye, const QVector3D& right, const QVector3D& up,
                       float worldPerPixel, float pixelHeight)
{
    const float distance = (m_anchor - eye).length();
    const float h = distance * worldPerPixel * pixelHeight;
    // The plane mesh lies in local XZ with its normal along +Y: map X to screen right, Y towards
    // the viewer and Z to screen down.
    const QVector3D towards = QVector3D::crossProduct(right, up).normalized();
    const QVector3D down = -up;
    QMatrix3x3 axes;
    for (int r = 0; r < 3; ++r) {
        axes(r, 0) = right[r];
        axes(r, 1) = towards[r];
        axes(r, 2) = down[r];
    }
    m_transform->setRotation(QQuaternion::fromRotationMatrix(axes));
    m_transform->setScale3D(QVector3D(h * m_aspect, 1.0f, h));
    // Lift the plate so that its lower edge sits on the anchor.
    m_transform->setTranslation(m_anchor + up * (h * (0.5f + 1.15f * float(m_stack))));
}

} // namespace takt::render
