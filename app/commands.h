#pragma once

#include <string>
#include <vector>

namespace takt::app {

/// `takt simulate ...`; see usage(). Returns the exit code.
int runSimulate(const std::vector<std::string>& args);
/// `takt kpi ...`; see usage(). Returns the exit code.
int runKpi(const std::vector<std::string>& args);

} // namespace takt::app
