#include "twin/story_events.h"

#include "twin/kpi.h"

#include <algorithm>
#include <cstdio>

namespace takt::twin {
namespace {

constexpr TimeMs kHourMs = 3'600'000;
constexpr std::int64_t kMinUnits = 10; // fewer inspected units say little about an hour

std::string hhmm(TimeMs offset)
{
    char text[48];
    std::snprintf(text, sizeof text, "%02lld:%02lld", static_cast<long long>(offset / kHourMs),
                  static_cast<long long>(offset % kHourMs / 60'000));
    return text;
}

} // namespace

std::vector<EventMoment> findEventMoments(const RecordingData& data,
                                          const VehicleLossReport& losses, std::size_t stoppages)
{
    const Plant& plant = data.plant();
    std::vector<EventMoment> out;

    std::vector<const VehicleLoss*> runs;
    for (const auto& l : losses.losses)
        if (l.kind != LossKind::Quality && l.station >= 0)
            runs.push_back(&l);
    std::stable_sort(runs.begin(), runs.end(), [](const VehicleLoss* a, const VehicleLoss* b) {
        return a->durationMs != b->durationMs ? a->durationMs > b->durationMs
                                              : a->vehicles > b->vehicles;
    });
    for (std::size_t i = 0; i < runs.size() && i < stoppages; ++i)
        out.push_back({EventMoment::Kind::Stoppage, runs[i]->at, runs[i]->station,
                       describeLoss(*runs[i], plant, data.startMs())});

    struct Worst {
        int checkpoint = -1;
        TimeMs from = 0;
        CheckpointKpi kpi;
    } worst;
    for (TimeMs from = data.startMs(); from + kHourMs <= data.endMs(); from += kHourMs) {
        const KpiReport hour = computeKpis(data, from, from + kHourMs);
        for (const auto& c : hour.checkpoints)
            if (c.parts >= kMinUnits && c.fpy < 1.0 &&
                (worst.checkpoint < 0 || c.fpy < worst.kpi.fpy))
                worst = {c.checkpoint, from, c};
    }
    if (worst.checkpoint >= 0) {
        const auto& cp = plant.checkpoints[std::size_t(worst.checkpoint)];
        const TimeMs offset = worst.from - data.startMs();
        char text[240];
        std::snprintf(text, sizeof text,
                      "%s worst hour %s–%s: %lld of %lld vehicles failed first time (FPY %.1f %%)",
                      cp.id.c_str(), hhmm(offset).c_str(), hhmm(offset + kHourMs).c_str(),
                      static_cast<long long>(worst.kpi.parts - worst.kpi.firstPass),
                      static_cast<long long>(worst.kpi.parts), worst.kpi.fpy * 100.0);
        out.push_back({EventMoment::Kind::CheckpointHour, worst.from + kHourMs / 2,
                       plant.stationIndex(cp.station), text});
    }
    return out;
}

} // namespace takt::twin
