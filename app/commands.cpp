#include "app/commands.h"

#include "app/cli.h"

#include <iostream>

namespace takt::app {

// The recorded-shift engine lands with issue #3; until then these say so plainly.
int runSimulate(const std::vector<std::string>&)
{
    std::cerr << "takt: simulate: not available in this build yet\n";
    return kExitFailure;
}

int runKpi(const std::vector<std::string>&)
{
    std::cerr << "takt: kpi: not available in this build yet\n";
    return kExitFailure;
}

} // namespace takt::app
