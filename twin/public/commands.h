#pragma once

#include "twin/events.h"

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>

namespace takt::twin {

/// How a headless command ended. The program maps it to its exit code (app/command_table.h):
/// twin knows no command line, only typed options.
enum class CommandStatus {
    Ok,
    Failed,       ///< Bad input file, I/O error, simulation error.
    BadArguments, ///< An option that does not fit the file (a time outside the recording).
};

/// Longest shift `simulate` accepts, in hours (one leap year).
inline constexpr double kMaxSimulateHours = 24.0 * 366;

/// What `takt simulate` is asked to do.
struct SimulateOptions {
    std::string plantPath;  ///< The plant manifest (JSON).
    std::string outPath;    ///< The new session file; it must not exist.
    double hours = 8.0;     ///< Simulated time, above 0 and at most kMaxSimulateHours.
    std::uint64_t seed = 1; ///< Random seed: the same seed gives the same session.
    double warmupHours = 0; ///< Hours run before recording begins (0..kMaxSimulateHours).
    bool quiet = false;     ///< No progress on `err`.
};

/// Simulates the plant into a new session file, prints progress to `err` (unless quiet), a
/// one-line summary to `out`, and any error as one line to `err`. Never throws (except
/// std::bad_alloc). Any thread.
CommandStatus runSimulateCommand(const SimulateOptions& options, std::ostream& out,
                                 std::ostream& err);

/// What `takt kpi` is asked to do.
struct KpiOptions {
    std::string sessionPath;
    std::optional<std::int64_t> recordingId; ///< Default: the last recording.
    std::optional<TimeArgument> from;        ///< Default: the recording's start.
    std::optional<TimeArgument> to;          ///< Default: the recording's end.
    bool json = false;                       ///< JSON (docs/kpi-json.md) instead of a table.
};

/// Computes KPIs and the bottleneck over a window of a recording and prints a readable table,
/// or JSON, to `out`; errors as one line to `err`. A --from or --to outside the recording, or an
/// empty window, is BadArguments. Never throws (except std::bad_alloc). Any thread.
CommandStatus runKpiCommand(const KpiOptions& options, std::ostream& out, std::ostream& err);

} // namespace takt::twin
