// takt: parses the command line and starts either a headless command or the GUI.
#include "app/cli.h"
#include "app/gui.h"

#include <exception>
#include <iostream>
#include <string>
#include <vector>

int main(int argc, char** argv)
{
    try {
        const std::vector<std::string> args(argv + 1, argv + argc);
        if (takt::app::isHeadlessCommand(args))
            return takt::app::runHeadless(argc, argv);
        return takt::app::runGui(argc, argv);
    } catch (const std::exception& e) {
        std::cerr << "takt: " << e.what() << "\n";
        return takt::app::kExitFailure;
    } catch (...) {
        std::cerr << "takt: unexpected error\n";
        return takt::app::kExitFailure;
    }
}
