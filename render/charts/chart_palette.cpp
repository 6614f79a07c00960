#include "render/chart_palette.h"

#include <array>

namespace takt::render {
namespace {
// Okabe & Ito (2008) colours, indexed by twin::StationState; the two non-scheduled/no-data
// states are greys of different lightness so that they stay apart in greyscale print as well.
constexpr std::array<QRgb, twin::kStationStateCount> kStateRgb{
    0xFF009E73, // working
    0xFF56B4E9, // starved
    0xFF0072B2, // blocked
    0xFFD55E00, // down
    0xFFCC79A7, // setup
    0xFFCFCFCF, // idle
    0xFF8A8A8A, // unknown
};
} // namespace

QColor stateColor(twin::StationState state)
{
    const auto i = static_cast<std::size_t>(state);
    return QColor::fromRgb(
        kStateRgb[i < kStateRgb.size() ? i
                                       : static_cast<std::size_t>(twin::StationState::Unknown)]);
}

QString stateName(twin::StationState state)
{
    const std::string_view text = twin::toString(state);
    QString name = QString::fromLatin1(text.data(), qsizetype(text.size()));
    if (!name.isEmpty())
        name[0] = name[0].toUpper();
    return name;
}

} // namespace takt::render
