#include "render/chart_palette.h"

#include <array>

namespace takt::render {
namespace {
struct StateStyle {
    QRgb rgb;
    const char* name;
};
// Okabe & Ito (2008) colours; the two non-scheduled/no-data states are greys of different
// lightness so that they stay apart in greyscale print as well.
constexpr std::array<StateStyle, kStateCount> kStates{{
    {0xFF009E73, "Working"},
    {0xFF56B4E9, "Starved"},
    {0xFF0072B2, "Blocked"},
    {0xFFD55E00, "Down"},
    {0xFFCC79A7, "Setup"},
    {0xFFCFCFCF, "Idle"},
    {0xFF8A8A8A, "Unknown"},
}};
const StateStyle& style(int state)
{
    return (state >= 0 && state < kStateCount) ? kStates[static_cast<std::size_t>(state)]
                                               : kStates[kStateCount - 1];
}
} // namespace

QColor stateColor(int state)
{
    return QColor::fromRgb(style(state).rgb);
}

QString stateName(int state)
{
    return QString::fromLatin1(style(state).name);
}

} // namespace takt::render
