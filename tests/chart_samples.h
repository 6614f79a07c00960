#pragma once
// Fixed synthetic data for the chart tests and the VtkView demo: the same numbers on every
// run and platform (own generator, no std distributions).

#include "render/chart_pareto.h"
#include "render/chart_spc.h"
#include "render/chart_state_timeline.h"
#include "render/chart_throughput.h"

#include <QStringList>

#include <cmath>
#include <cstdint>
#include <memory>

namespace takt::samples {

/// Small linear congruential generator: uniform doubles in [0, 1).
class Lcg {
public:
    explicit Lcg(std::uint32_t seed) : m_state(seed) {}
    double next()
    {
        m_state = m_state * 1664525u + 1013904223u;
        return double(m_state >> 8) / double(1u << 24);
    }

private:
    std::uint32_t m_state;
};

constexpr std::int64_t kMinute = 60'000;
constexpr std::int64_t kShift = 8 * 60 * kMinute;

inline std::shared_ptr<render::StateTimelineChart> stateTimeline()
{
    render::StateTimelineData data;
    data.title = QStringLiteral("Station states, general assembly (shift A)");
    data.spanMs = kShift;
    const QStringList names{"GA-010 Trim 1",  "GA-020 Trim 2", "GA-030 Cockpit", "GA-040 Marriage",
                            "GA-050 Chassis", "GA-060 Wheels", "GA-070 Fluids",  "EOL-010 Test"};
    Lcg rng(7);
    for (int i = 0; i < names.size(); ++i) {
        render::StateLane lane{names[i], {}};
        std::int64_t t = 0;
        while (t < kShift) {
            const double r = rng.next();
            // Mostly working; the marriage station (i = 3) is the bottleneck and rarely waits.
            using S = twin::StationState;
            S state = S::Working;
            if (r > 0.55)
                state = i == 3 ? S::Down : (r > 0.8 ? S::Starved : S::Blocked);
            if (r > 0.93)
                state = r > 0.97 ? S::Setup : S::Down;
            if (t >= 4 * 60 * kMinute && t < 4 * 60 * kMinute + 30 * kMinute)
                state = S::Idle; // lunch break
            if (i == 7 && t < 20 * kMinute)
                state = S::Unknown; // the test rig reported nothing at first
            const std::int64_t length = (2 + std::int64_t(rng.next() * 20)) * kMinute;
            const std::int64_t end = std::min(kShift, t + length);
            lane.segments.push_back({t, end, state});
            t = end;
        }
        data.lanes.push_back(std::move(lane));
    }
    return std::make_shared<render::StateTimelineChart>(std::move(data));
}

inline std::shared_ptr<render::ThroughputChart> throughput()
{
    render::ThroughputData data;
    data.title = QStringLiteral("Throughput against target (takt 60 s)");
    data.taktSeconds = 60.0;
    data.spanMs = kShift;
    Lcg rng(11);
    for (int i = 0; i < 16; ++i) {
        double rate = 52.0 + rng.next() * 14.0;
        if (i == 8)
            rate = 8.0; // lunch break
        if (i == 5)
            rate = 31.0; // a breakdown at the marriage station
        data.intervals.push_back({i * 30 * kMinute, (i + 1) * 30 * kMinute, rate});
    }
    return std::make_shared<render::ThroughputChart>(std::move(data));
}

inline std::shared_ptr<render::SpcChart> spc()
{
    render::SpcData data;
    data.name = QStringLiteral("Weld current, cell BS-12");
    data.unit = QStringLiteral("kA");
    data.target = 10.0;
    data.lowerSpec = 9.4;
    data.upperSpec = 10.6;
    data.spanMs = kShift;
    Lcg rng(3);
    for (int i = 0; i < 96; ++i) {
        // A slow upward drift with noise: the last hour crosses the upper limit.
        const double drift = i > 60 ? (i - 60) * 0.018 : 0.0;
        double v = 10.0 + (rng.next() - 0.5) * 0.6 + drift;
        if (i == 23)
            v = 9.25; // a single low outlier
        data.samples.push_back({i * 5 * kMinute, v});
    }
    return std::make_shared<render::SpcChart>(std::move(data));
}

inline std::shared_ptr<render::ParetoChart> pareto()
{
    render::ParetoData data;
    data.title = QStringLiteral("Defect Pareto, end-of-line quality gates");
    data.categories = {{"Paint run", 18},    {"Gap/flush", 64},  {"Scratch", 41},
                       {"Loose clip", 12},   {"Water leak", 7},  {"Torque NOK", 29},
                       {"Missing part", 9},  {"Electrical", 22}, {"Seal", 5},
                       {"Wrong variant", 3}, {"Dent", 14},       {"Label", 2},
                       {"Squeak/rattle", 4}, {"Glass chip", 1}};
    return std::make_shared<render::ParetoChart>(std::move(data));
}

} // namespace takt::samples
