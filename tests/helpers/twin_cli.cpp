// Benchmark helper: the twin alone (no Qt, no GUI program) simulating a shift, and the
// reference-like plant the benchmarks use. Its words are positional and fixed; the program's
// command line (options, defaults, help) is app's command table.
//   takt_twin_cli simulate PLANT.json OUT.takt HOURS SEED
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
    if (cmd == "simulate" && args.size() == 4) {
        takt::twin::SimulateOptions options;
        options.plantPath = args[0];
        options.outPath = args[1];
        options.hours = std::stod(args[2]);
        options.seed = std::stoull(args[3]);
        options.quiet = true;
        return takt::twin::runSimulateCommand(options, std::cout, std::cerr) ==
                       takt::twin::CommandStatus::Ok
                   ? 0
                   : 1;
    }
    if (cmd == "reference-plant" && !args.empty()) {
        const double sample = args.size() > 1 ? std::stod(args[1]) : 60.0;
        std::ofstream(args[0]) << takt::twin::writePlantManifest(
            takt::twin::testing::referenceLikePlant(sample), "");
        return 0;
    }
    std::cerr << "usage: takt_twin_cli simulate PLANT.json OUT.takt HOURS SEED | reference-plant "
                 "OUT.json [SAMPLE_S]\n";
    return 2;
}
