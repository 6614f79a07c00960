#pragma once

#include "render/chart_base.h"

#include <QString>

#include <cstdint>
#include <vector>

namespace takt::render {

/// Throughput of one interval of the shift. Times are milliseconds from shift start.
struct ThroughputInterval {
    std::int64_t startMs = 0;
    std::int64_t endMs = 0;
    double unitsPerHour = 0.0;
};

/// What a throughput chart shows.
struct ThroughputData {
    QString title = QStringLiteral("Throughput against target");
    std::vector<ThroughputInterval> intervals; ///< in time order, not overlapping
    double taktSeconds = 60.0;                 ///< the target is 3600 / takt units per hour
    std::int64_t spanMs = 0;                   ///< time axis length; 0: the last interval's end
};

/// Bars of units per hour per interval (intervals below target in orange, the rest in blue)
/// with the target rate as a dashed horizontal line, over a h:mm time axis.
class ThroughputChart : public Chart {
public:
    /// Makes a chart of `data`. A non-positive takt hides the target line.
    explicit ThroughputChart(ThroughputData data);
    ~ThroughputChart() override;

    /// The data the chart shows.
    const ThroughputData& data() const { return m_data; }
    /// Target rate in units per hour (3600 / takt), 0 without a takt.
    double targetPerHour() const;
    bool hasTimeAxis() const override { return true; }

private:
    void build(ChartScene& scene) const override;

    ThroughputData m_data;
};

} // namespace takt::render
