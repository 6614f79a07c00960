// Developer and benchmark helper: runs the twin's headless commands without the GUI program,
// and writes the reference-like plant used by the benchmarks.
//   takt_twin_cli simulate ARGS...        (as `takt simulate`)
//   takt_twin_cli kpi ARGS...             (as `takt kpi`)
//   takt_twin_cli reference-plant OUT.json [SAMPLE_S]
#include "test_plants.h"
#include "twin/commands.h"
#include "twin/manifest.h"

#include <fstream>
#include <iostream>

int main(int argc, char** argv)
{
    const std::vector<std::string> args(argv + std::min(argc, 2), argv + argc);
    const std::string cmd = argc > 1 ? argv[1] : "";
    if (cmd == "simulate")
        return takt::twin::runSimulateCommand(args, std::cout, std::cerr);
    if (cmd == "kpi")
        return takt::twin::runKpiCommand(args, std::cout, std::cerr);
    if (cmd == "reference-plant" && !args.empty()) {
        const double sample = args.size() > 1 ? std::stod(args[1]) : 60.0;
        std::ofstream(args[0]) << takt::twin::writePlantManifest(
            takt::twin::testing::referenceLikePlant(sample), "");
        return 0;
    }
    std::cerr
        << "usage: takt_twin_cli simulate|kpi ARGS... | reference-plant OUT.json [SAMPLE_S]\n";
    return 2;
}
