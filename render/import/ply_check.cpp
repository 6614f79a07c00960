#include "render/ply_check.h"

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <map>
#include <sstream>
#include <vector>

namespace takt::render {
namespace {

constexpr std::size_t kMaxHeaderBytes = 64 * 1024;

/// Size in bytes of a PLY scalar type, or 0 for an unknown one.
int typeSize(const std::string& t)
{
    static const std::map<std::string, int> sizes{
        {"char", 1},  {"uchar", 1},   {"int8", 1},   {"uint8", 1},  {"short", 2}, {"ushort", 2},
        {"int16", 2}, {"uint16", 2},  {"int", 4},    {"uint", 4},   {"int32", 4}, {"uint32", 4},
        {"float", 4}, {"float32", 4}, {"double", 8}, {"float64", 8}};
    const auto it = sizes.find(t);
    return it == sizes.end() ? 0 : it->second;
}

struct Element {
    std::uint64_t count = 0;
    std::uint64_t minBytes = 0; ///< Fixed-size properties, plus each list's count field.
};

} // namespace

std::optional<std::string> plyProblem(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return "cannot open the file";
    std::string header;
    std::string line;
    bool ended = false;
    int lineNo = 0;
    std::string format;
    std::vector<Element> elements;
    while (header.size() < kMaxHeaderBytes && std::getline(in, line)) {
        header += line + '\n';
        ++lineNo;
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        std::istringstream words(line);
        std::string key;
        words >> key;
        const std::string where = "malformed: PLY header line " + std::to_string(lineNo);
        if (lineNo == 1) {
            if (key != "ply")
                return std::string("malformed: not a PLY file");
            continue;
        }
        if (key == "end_header") {
            ended = true;
            break;
        }
        if (key == "comment" || key == "obj_info" || key.empty())
            continue;
        if (key == "format") {
            words >> format;
            if (format != "ascii" && format != "binary_little_endian" &&
                format != "binary_big_endian")
                return where + ": unknown format";
        } else if (key == "element") {
            std::string name;
            long long count = -1;
            if (!(words >> name >> count) || count < 0)
                return where + ": element without a count";
            elements.push_back({std::uint64_t(count), 0});
        } else if (key == "property") {
            if (elements.empty())
                return where + ": property before any element";
            std::string type;
            words >> type;
            if (type == "list") {
                std::string countType, itemType, name;
                if (!(words >> countType >> itemType >> name) || !typeSize(countType) ||
                    !typeSize(itemType))
                    return where + ": unknown list types";
                elements.back().minBytes += std::uint64_t(typeSize(countType));
            } else {
                std::string name;
                if (!typeSize(type) || !(words >> name))
                    return where + ": unknown property type";
                elements.back().minBytes += std::uint64_t(typeSize(type));
            }
        } else {
            return where + ": unknown keyword";
        }
    }
    if (!ended)
        return std::string("malformed: the PLY header has no end_header");
    if (format.empty())
        return std::string("malformed: the PLY header names no format");
    std::uint64_t total = 0;
    std::uint64_t minBytes = 0;
    for (const auto& e : elements) {
        if (e.count > (std::uint64_t(1) << 40) / std::max<std::uint64_t>(e.minBytes, 1))
            return std::string("malformed: the PLY header declares an absurd element count");
        total += e.count;
        minBytes += e.count * e.minBytes;
    }
    if (format == "ascii") {
        std::uint64_t lines = 0;
        while (lines < total && std::getline(in, line))
            if (line.find_first_not_of(" \t\r") != std::string::npos)
                ++lines;
        if (lines < total)
            return "malformed: the PLY body holds " + std::to_string(lines) + " of " +
                   std::to_string(total) + " declared elements";
    } else {
        in.seekg(0, std::ios::end);
        const auto size = std::uint64_t(in.tellg());
        if (size < header.size() || size - header.size() < minBytes)
            return std::string("malformed: the PLY body is shorter than its header declares");
    }
    return std::nullopt;
}

} // namespace takt::render
