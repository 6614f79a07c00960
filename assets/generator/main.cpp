// takt-sample-gen: writes the sample plant (plant.json) and its CAD layout (layout.glb).
#include "sample_layout.h"
#include "sample_plant.h"
#include "scene_export.h"

#include "twin/manifest.h"

#include <chrono>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>

namespace {

void usage()
{
    std::fprintf(stderr, "usage: takt-sample-gen --out DIR\n");
}

void writeText(const std::filesystem::path& file, const std::string& text)
{
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out)
        throw std::runtime_error(file.string() + ": cannot write");
}

} // namespace

int main(int argc, char** argv)
{
    namespace fs = std::filesystem;
    using namespace takt;
    fs::path outDir;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--out" && i + 1 < argc) {
            outDir = argv[++i];
        } else if (arg == "-h" || arg == "--help") {
            usage();
            return 0;
        } else {
            usage();
            return 2;
        }
    }
    if (outDir.empty()) {
        usage();
        return 2;
    }
    try {
        const auto start = std::chrono::steady_clock::now();
        fs::create_directories(outDir);
        const twin::Plant plant = assets::buildSamplePlant();
        const auto nodes = assets::buildSampleLayout();
        const fs::path glb = outDir / "layout.glb";
        const auto written = assets::writeLayoutGlb(nodes, glb);
        writeText(outDir / "plant.json", twin::writePlantManifest(plant, "layout.glb"));

        std::vector<std::string> ids;
        for (const auto& s : plant.stations)
            ids.push_back(s.id);
        const auto read = assets::verifyLayoutGlb(glb, ids);
        // Round trip through the real loader, which also checks the layout reference.
        const twin::Plant loaded = twin::loadPlantManifest(outDir / "plant.json");

        std::map<std::string, int> perSegment;
        for (const auto& s : loaded.stations)
            ++perSegment[s.segment];
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        std::printf("plant.json: %zu stations, %zu control points, %zu checkpoints, %llu "
                    "configurations\n",
                    loaded.stations.size(), loaded.controlPoints.size(), loaded.checkpoints.size(),
                    static_cast<unsigned long long>(loaded.configurationCount()));
        for (const auto& seg : loaded.segments)
            std::printf("  %-12s %d stations\n", seg.id.c_str(), perSegment[seg.id]);
        std::printf("layout.glb: %zu nodes, %zu meshes, %zu triangles, %zu vertices, %ju bytes "
                    "(re-import: %zu meshes, %zu triangles)\n",
                    written.nodes, written.meshes, written.triangles, written.vertices,
                    written.bytes, read.meshes, read.triangles);
        std::printf("generated in %.2f s\n", seconds);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "takt-sample-gen: %s\n", e.what());
        return 1;
    }
    return 0;
}
