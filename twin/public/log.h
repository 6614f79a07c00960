#pragma once

#include <spdlog/logger.h>

#include <memory>
#include <string>

namespace takt::twin {

/// The named logger of one module ("twin", "render", "app", ...), created on first use, writing
/// to stderr. Any thread.
std::shared_ptr<spdlog::logger> logger(const std::string& module);

} // namespace takt::twin
