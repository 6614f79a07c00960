#pragma once

#include "twin/kpi.h"

#include <nlohmann/json.hpp>

#include <iosfwd>

namespace takt::twin {

struct RecordingInfo;

/// The KPI report as JSON in the documented format (docs/kpi-json.md, "format": "takt-kpi",
/// "version": 1). NaN values become null. Any thread. Does not throw.
nlohmann::json kpiToJson(const KpiReport& report, const Plant& plant, const RecordingInfo& rec);

/// The KPI report as a readable plain-text table (what `takt kpi` prints). Any thread.
void printKpiTable(std::ostream& out, const KpiReport& report, const Plant& plant,
                   const RecordingInfo& rec);

} // namespace takt::twin
