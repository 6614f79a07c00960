// takt: parses the command line against the command table and runs its verb (the GUI when none).
#include "app/command_line.h"

#include <exception>
#include <iostream>

int main(int argc, char** argv)
{
    try {
        return takt::app::runCommandLine(argc, argv);
    } catch (const std::exception& e) {
        std::cerr << "takt: " << e.what() << "\n";
        return takt::app::kExitFailure;
    } catch (...) {
        std::cerr << "takt: unexpected error\n";
        return takt::app::kExitFailure;
    }
}
