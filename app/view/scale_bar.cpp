#include "app/scale_bar.h"

#include <QPainter>

#include <cmath>

namespace takt::app {

namespace {
constexpr int kMaxBarPixels = 120;
}

ScaleBar::ScaleBar(QWidget* parent) : QWidget(parent)
{
    setToolTip(tr("Scale of the plan view"));
}

double ScaleBar::roundLength(double metresPerPixel, int maxPixels)
{
    if (!(metresPerPixel > 0) || maxPixels <= 0)
        return 0;
    const double most = metresPerPixel * maxPixels;
    const double decade = std::pow(10.0, std::floor(std::log10(most)));
    for (double step : {5.0, 2.0, 1.0})
        if (step * decade <= most * (1 + 1e-9))
            return step * decade;
    return decade;
}

void ScaleBar::setMetresPerPixel(double metresPerPixel)
{
    m_metres = roundLength(metresPerPixel, kMaxBarPixels);
    m_pixels = m_metres > 0 ? int(std::lround(m_metres / metresPerPixel)) : 0;
    update();
}

QString ScaleBar::label() const
{
    if (m_metres <= 0)
        return {};
    if (m_metres >= 1000)
        return tr("%1 km").arg(m_metres / 1000, 0, 'g', 3);
    if (m_metres >= 1)
        return tr("%1 m").arg(m_metres, 0, 'g', 3);
    return tr("%1 mm").arg(m_metres * 1000, 0, 'g', 3);
}

QSize ScaleBar::sizeHint() const
{
    return {kMaxBarPixels + fontMetrics().horizontalAdvance(QStringLiteral("500 mm")) + 16,
            fontMetrics().height() + 4};
}

void ScaleBar::paintEvent(QPaintEvent*)
{
    if (m_pixels <= 0)
        return;
    QPainter p(this);
    p.setPen(QPen(palette().color(QPalette::WindowText), 1));
    const int y = height() / 2 + 2, x0 = 4, x1 = x0 + m_pixels;
    // A bar with end ticks, half of it filled, as on a map.
    p.drawLine(x0, y, x1, y);
    p.drawLine(x0, y - 4, x0, y + 2);
    p.drawLine(x1, y - 4, x1, y + 2);
    p.fillRect(QRect(x0, y - 2, m_pixels / 2, 3), palette().color(QPalette::WindowText));
    p.drawText(QRect(x1 + 6, 0, width() - x1 - 6, height()), Qt::AlignVCenter | Qt::AlignLeft,
               label());
}

} // namespace takt::app
