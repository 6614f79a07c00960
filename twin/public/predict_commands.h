#pragma once

#include "twin/commands.h"

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace takt::twin {

/// What `takt calibrate` is asked to do.
struct CalibrateOptions {
    std::string sessionPath;
    std::optional<std::int64_t> recordingId; ///< Default: the last recording.
    std::string outPath;                     ///< The calibrated plant manifest to write.
    bool json = false;                       ///< JSON report (docs/calibration-json.md).
    int replications = 10;                   ///< Validation replications; 0 skips validation.
    std::uint64_t seed = 1;
    bool quiet = false;
};

/// Calibrates the simulator from a recording, writes the calibrated plant manifest (layout
/// bindings and structure of the session's plant kept) and prints the report with its
/// validation. Never throws (except std::bad_alloc). Any thread.
CommandStatus runCalibrateCommand(const CalibrateOptions& options, std::ostream& out,
                                  std::ostream& err);

/// What `takt whatif` is asked to do.
struct WhatIfOptions {
    std::string sessionPath;
    std::optional<std::int64_t> recordingId;
    std::vector<std::string> sets; ///< "STATION.FIELD=VALUE" or "...=±N%".
    int replications = 10;
    std::optional<double> hours;  ///< Default: the recording's length.
    std::optional<double> warmup; ///< Default: the recording's warm-up, else 2 h.
    std::uint64_t seed = 1;
    bool json = false;
    bool sensitivity = false;   ///< Rank the stations instead of one scenario.
    double byPercent = 10.0;    ///< Sensitivity: cycle-time cut per station, percent.
    bool manifestModel = false; ///< Baseline = the session's manifest, not the calibration.
    /// Stores the scenario's first `save` runs in the session as recordings of kind scenario
    /// (the only case in which whatif writes to the session); 0 leaves the session untouched.
    int save = 0;
    bool quiet = false;
};

/// Runs a what-if scenario (or the sensitivity ranking) against the model calibrated from the
/// recording; a bad --set is BadArguments naming it and the allowed range. Opens the session
/// read-only unless `save` asks for scenario recordings (then read-write, migrating an older
/// schema). Never throws (except
/// std::bad_alloc). Any thread.
CommandStatus runWhatIfCommand(const WhatIfOptions& options, std::ostream& out, std::ostream& err);

} // namespace takt::twin
