#include "line_layout.h"

#include <algorithm>
#include <numbers>

namespace takt::assets {
namespace {

constexpr double kMinGap = 2.0;        // walkway/conveyor gap between stations
constexpr double kTransferReach = 3.5; // how far a U-turn reaches past the lane end

std::size_t indexOf(const std::vector<StationBlueprint>& stations, const char* id)
{
    for (std::size_t i = 0; i < stations.size(); ++i)
        if (stations[i].id == id)
            return i;
    return stations.size();
}

CarStage stageAt(const std::vector<StationBlueprint>& stations, std::size_t i)
{
    if (i < indexOf(stations, "PNT030"))
        return CarStage::BodyInWhite;
    if (i < indexOf(stations, "PNT050"))
        return CarStage::Ecoat;
    if (i < indexOf(stations, "GA-TR040"))
        return CarStage::Painted;
    if (i < indexOf(stations, "GA-FN010"))
        return CarStage::Glazed;
    return CarStage::Complete;
}

} // namespace

LineLayout planLayout(const std::vector<StationBlueprint>& stations)
{
    LineLayout layout;
    for (const auto& s : stations)
        layout.laneCount = std::max(layout.laneCount, laneOf(s) + 1);

    // Every lane spans the same length so that the U-turns line up; shorter lanes get wider gaps.
    std::vector<double> used(static_cast<std::size_t>(layout.laneCount), 0.0);
    std::vector<int> count(static_cast<std::size_t>(layout.laneCount), 0);
    for (const auto& s : stations) {
        if (s.look == Look::Transfer)
            continue;
        used[static_cast<std::size_t>(laneOf(s))] += s.lengthM;
        ++count[static_cast<std::size_t>(laneOf(s))];
    }
    for (int l = 0; l < layout.laneCount; ++l)
        layout.laneLength =
            std::max(layout.laneLength, used[static_cast<std::size_t>(l)] +
                                            kMinGap * (count[static_cast<std::size_t>(l)] - 1));

    std::vector<double> cursor(static_cast<std::size_t>(layout.laneCount), 0.0);
    std::vector<int> placed(static_cast<std::size_t>(layout.laneCount), 0);
    double previousEnd = 0.0;
    int previousLane = -1;
    for (std::size_t i = 0; i < stations.size(); ++i) {
        const auto& s = stations[i];
        const int lane = laneOf(s);
        const auto l = static_cast<std::size_t>(lane);
        const bool forward = lane % 2 == 0;
        const double z = lane * LineLayout::kLanePitch;
        Placement p;
        p.lengthM = s.lengthM;
        p.lane = lane;
        p.stage = stageAt(stations, i);
        p.paint = kCarPaints[i % kCarPaints.size()];
        if (s.look == Look::Transfer) {
            // Local +X runs across the lanes (world +Z); the arms reach back into the lanes.
            const double x = forward ? layout.laneLength + kTransferReach : -kTransferReach;
            p.frame = Transform::translate({x, 0, z + LineLayout::kLanePitch / 2}) *
                      Transform::rotateY(-std::numbers::pi / 2);
            p.armSign = forward ? 1.0 : -1.0;
            p.lengthM = LineLayout::kLanePitch;
        } else {
            const double gap = count[l] > 1 ? (layout.laneLength - used[l]) / (count[l] - 1) : 0.0;
            const double start = cursor[l];
            cursor[l] += s.lengthM + gap;
            const double centre = start + s.lengthM / 2;
            const double x = forward ? centre : layout.laneLength - centre;
            p.frame = Transform::translate({x, 0, z}) *
                      Transform::rotateY(forward ? 0.0 : std::numbers::pi);
            const double begin = forward ? start : layout.laneLength - start;
            if (previousLane == lane && placed[l] > 0 && std::abs(begin - previousEnd) > 0.2)
                layout.gaps.push_back({{previousEnd, 0, z}, {begin, 0, z}});
            previousEnd = forward ? start + s.lengthM : layout.laneLength - start - s.lengthM;
            ++placed[l];
        }
        previousLane = s.look == Look::Transfer ? -1 : lane;
        layout.stations.push_back(p);
    }
    return layout;
}

} // namespace takt::assets
