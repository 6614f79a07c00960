#include "app/commands.h"

#include "twin/commands.h"

#include <iostream>

namespace takt::app {

int runSimulate(const std::vector<std::string>& args)
{
    return twin::runSimulateCommand(args, std::cout, std::cerr);
}

int runKpi(const std::vector<std::string>& args)
{
    return twin::runKpiCommand(args, std::cout, std::cerr);
}

} // namespace takt::app
