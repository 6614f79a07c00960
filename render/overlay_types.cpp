#include "render/overlay_types.h"

#include <algorithm>
#include <cmath>

namespace takt::render {

QColor stateColor(int state)
{
    // Okabe & Ito (2008) colour-universal-design palette, assigned so that the states a line
    // engineer must tell apart at a glance (working / down / blocked / starved) differ in hue
    // and in lightness for every common colour-vision deficiency.
    static const std::array<QColor, kStateCount> palette{
        QColor(0x00, 0x9E, 0x73), // working: bluish green
        QColor(0xE6, 0x9F, 0x00), // starved: orange
        QColor(0x56, 0xB4, 0xE9), // blocked: sky blue
        QColor(0xD5, 0x5E, 0x00), // down: vermilion
        QColor(0xCC, 0x79, 0xA7), // setup: reddish purple
        QColor(0x99, 0x99, 0x99), // idle: grey
        QColor(0x55, 0x55, 0x55), // unknown: dark grey
    };
    return palette[static_cast<std::size_t>(state >= 0 && state < kStateCount ? state : 6)];
}

QString stateName(int state)
{
    static const std::array<const char*, kStateCount> names{
        "Working", "Starved", "Blocked", "Down", "Setup", "Idle", "Unknown"};
    return QString::fromLatin1(names[static_cast<std::size_t>(state >= 0 && state < kStateCount ? state : 6)]);
}

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

QColor bottleneckColor() { return QColor(0xFF, 0x1F, 0x5B); }

} // namespace takt::render
