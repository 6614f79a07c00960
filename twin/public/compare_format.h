#pragma once

#include "twin/compare.h"

#include <nlohmann/json.hpp>

#include <iosfwd>
#include <string>

namespace takt::twin {

/// A shift offset in ms as "HH:MM:SS" with ".fff" when not whole seconds (hours may pass 23;
/// a negative offset gets a minus sign): the compare JSON's and table's form. The app's own
/// forms are app::formatOffsetHms and app::formatOffsetHm (app/time_format.h).
std::string formatOffsetHmsFraction(TimeMs offsetMs);

/// The comparison as JSON in the documented format (docs/compare-json.md, "format":
/// "takt-compare", "version": 1). NaN values become null. Any thread. Does not throw (except
/// std::bad_alloc).
nlohmann::json comparisonToJson(const Comparison& c);

/// The comparison as a readable plain-text table (what `takt compare` prints): the line KPIs
/// as A, B and B − A; the stations' state shares with their differences in percentage points;
/// the bottleneck rankings side by side. Any thread.
void printComparisonTable(std::ostream& out, const Comparison& c);

} // namespace takt::twin
