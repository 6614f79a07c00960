#pragma once

#include "render/chart_base.h"

#include <QString>

#include <vector>

namespace takt::render {

/// One bar of a Pareto chart: a defect code (or configuration...) and how often it occurred.
struct ParetoCategory {
    QString label;
    double count = 0.0;
};

/// What a defect Pareto chart shows.
struct ParetoData {
    QString title = QStringLiteral("Defect Pareto");
    QString categoryLabel = QStringLiteral("Defect code");
    QString countLabel = QStringLiteral("Defects [count]");
    std::vector<ParetoCategory> categories; ///< any order; the chart sorts them
    int maxBars = 12; ///< categories past this are summed into a last bar, "N others"
};

/// Pareto chart: bars sorted by count, descending (an "N others" bar last if categories were
/// folded), and the cumulative percentage as a line on a right-hand 0–100 % axis, with a dotted
/// 80 % reference line.
class ParetoChart : public Chart {
public:
    /// Makes a chart of `data`; sorts and folds the categories now. Negative counts count as 0.
    explicit ParetoChart(ParetoData data);
    ~ParetoChart() override;

    /// The bars as drawn: sorted descending, folded into "N others" past maxBars.
    const std::vector<ParetoCategory>& bars() const { return m_bars; }
    /// The title as drawn.
    const QString& title() const { return m_data.title; }
    /// Cumulative percentage after each bar (the last is 100 unless all counts are 0).
    std::vector<double> cumulativePercent() const;
    bool hasTimeAxis() const override { return false; }

private:
    void build(ChartScene& scene) const override;

    ParetoData m_data;
    std::vector<ParetoCategory> m_bars;
};

} // namespace takt::render
