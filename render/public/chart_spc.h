#pragma once

#include "render/chart_base.h"

#include <QString>

#include <cstdint>
#include <optional>
#include <vector>

namespace takt::render {

/// One measurement of a control point; time in milliseconds from shift start.
struct SpcSample {
    std::int64_t timeMs = 0;
    double value = 0.0;
};

/// What an SPC chart shows: the measurements of one control point and its limits.
struct SpcData {
    QString title;                   ///< empty: "SPC: <name>"
    QString name;                    ///< control point, e.g. "Weld current, cell 12"
    QString unit;                    ///< e.g. "kA"; shown on the value axis
    std::vector<SpcSample> samples;  ///< in time order
    std::optional<double> target;    ///< nominal value
    std::optional<double> lowerSpec; ///< LSL
    std::optional<double> upperSpec; ///< USL
    std::int64_t spanMs = 0;         ///< time axis length; 0: the last sample's time
};

/// Run chart of a control point: values as a line with markers, the target as a solid green
/// line, LSL and USL as dashed vermillion lines, and every sample outside the limits marked
/// with a large vermillion diamond, over a h:mm time axis.
class SpcChart : public Chart {
public:
    /// Makes a chart of `data`.
    explicit SpcChart(SpcData data);
    ~SpcChart() override;

    /// The data the chart shows.
    const SpcData& data() const { return m_data; }
    /// Indices of the samples outside [LSL, USL] (what the chart marks as violations).
    std::vector<std::size_t> violations() const;
    bool hasTimeAxis() const override { return true; }

private:
    void build(ChartScene& scene) const override;

    SpcData m_data;
};

} // namespace takt::render
