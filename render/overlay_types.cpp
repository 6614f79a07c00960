#include "render/overlay_types.h"

#include <algorithm>
#include <cmath>

namespace takt::render {

QColor yieldColor(double fpy)
{
    if (std::isnan(fpy))
        return QColor(0x88, 0x88, 0x88);
    // Red (< 90 %) -> yellow (95 %) -> green (>= 99 %): what a quality engineer reads at a glance.
    const double t = std::clamp((fpy - 0.90) / 0.09, 0.0, 1.0);
    const QColor red(0xD5, 0x5E, 0x00), yellow(0xF0, 0xE4, 0x42), green(0x00, 0x9E, 0x73);
    auto mix = [](const QColor& a, const QColor& b, double u) {
        return QColor::fromRgbF(float(a.redF() + (b.redF() - a.redF()) * u),
                                float(a.greenF() + (b.greenF() - a.greenF()) * u),
                                float(a.blueF() + (b.blueF() - a.blueF()) * u));
    };
    return t < 0.5 ? mix(red, yellow, t * 2) : mix(yellow, green, (t - 0.5) * 2);
}

QColor bottleneckColor()
{
    return QColor(0xFF, 0x1F, 0x5B);
}

} // namespace takt::render
