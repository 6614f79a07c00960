#pragma once

#include "twin/commands.h"

#include <iosfwd>
#include <optional>
#include <string>

namespace takt::twin {

/// What `takt compare` is asked to do.
struct CompareOptions {
    std::string a;                    ///< `A.takt[:ID]` (parseRecordingRef).
    std::string b;                    ///< `B.takt[:ID]`.
    std::optional<TimeArgument> from; ///< Shift offset (or ISO time in A); default 00:00:00.
    std::optional<TimeArgument> to;   ///< Default: the end of the shorter recording.
    bool json = false;                ///< JSON (docs/compare-json.md) instead of a table.
};

/// Compares two recordings of the same plant over the same shift offsets and prints the table,
/// or JSON, to `out`; errors as one line to `err`. Recordings of different plants (another
/// plant id or another set of stations) are Failed with the reason; a window outside either
/// recording, or an empty one, is BadArguments. Never throws (except std::bad_alloc). Any thread.
CommandStatus runCompareCommand(const CompareOptions& options, std::ostream& out,
                                std::ostream& err);

} // namespace takt::twin
