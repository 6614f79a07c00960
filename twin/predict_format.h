#pragma once

#include "twin/calibration.h"
#include "twin/validation.h"
#include "twin/whatif.h"

#include <nlohmann/json.hpp>

#include <iosfwd>
#include <optional>

namespace takt::twin {

struct RecordingInfo;

/// The calibration report as JSON (docs/calibration-json.md, "format": "takt-calibration").
/// `reference` is the plant the session stored (its values are shown beside each estimate);
/// `validation` is included when given. NaN and missing values become null. Does not throw.
nlohmann::json calibrationToJson(const CalibrationReport& report, const Plant& reference,
                                 const RecordingInfo& rec,
                                 const std::optional<ValidationReport>& validation);

/// The calibration report as text tables: estimate [95 % interval] and the session's value.
void printCalibration(std::ostream& out, const CalibrationReport& report, const Plant& reference,
                      const RecordingInfo& rec, const std::optional<ValidationReport>& validation);

/// What-if and sensitivity results as JSON (docs/whatif-json.md) and as text.
nlohmann::json whatIfToJson(const WhatIfResult& result);
void printWhatIf(std::ostream& out, const WhatIfResult& result);
nlohmann::json sensitivityToJson(const SensitivityResult& result);
void printSensitivity(std::ostream& out, const SensitivityResult& result);

} // namespace takt::twin
