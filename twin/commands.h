#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace takt::twin {

/// Exit codes of the headless commands.
inline constexpr int kExitOk = 0;
inline constexpr int kExitRuntimeError = 1; ///< Bad input file, I/O error, simulation error.
inline constexpr int kExitUsage = 2;        ///< Bad command line.

/// `takt simulate PLANT.json --hours H --seed S --out SESSION.takt [--quiet]`.
/// `args` are the words after "simulate". Simulates the plant into a new session file (it must
/// not exist), prints progress to `err` (unless --quiet), a one-line summary to `out`, and any
/// error as one line to `err`. Defaults: --hours 8, --seed 1. Returns kExitOk, kExitRuntimeError
/// or kExitUsage. Never throws (except std::bad_alloc).
int runSimulateCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

/// `takt kpi SESSION.takt [--recording ID] [--from T] [--to T] [--json]`.
/// `args` are the words after "kpi". T is ISO 8601 ("2026-01-05T08:00:00Z") or an offset from
/// the start of the recording ("02:15:00", hours:minutes:seconds[.fff]); defaults: the
/// recording's start and end. Prints a readable table, or JSON (docs/kpi-json.md) with --json, to
/// `out`; errors as one line to `err`. The default recording is the last one. Returns kExitOk,
/// kExitRuntimeError or kExitUsage. Never throws (except std::bad_alloc).
int runKpiCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

} // namespace takt::twin
