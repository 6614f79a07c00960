#include "twin/log.h"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <mutex>

namespace takt::twin {

std::shared_ptr<spdlog::logger> logger(const std::string& module)
{
    static std::mutex mutex;
    std::lock_guard lock(mutex);
    if (auto existing = spdlog::get(module))
        return existing;
    auto created = spdlog::stderr_color_mt(module);
    created->set_pattern("%H:%M:%S.%e %n %^%l%$: %v");
    return created;
}

} // namespace takt::twin
