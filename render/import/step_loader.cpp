#include "render/step_loader.h"

#include "render/file_extension.h"
#include "render/isolated_importer.h"
#include "render/step_module.h"
#include "twin/error.h"
#include "twin/input_file.h"

#include <dlfcn.h>

#include <filesystem>
#include <fstream>
#include <new>
#include <system_error>

namespace takt::render {
namespace {

/// Refuses, before Open CASCADE is even loaded, what is plainly not a whole STEP file: a
/// part 21 file starts with "ISO-10303-21;" and ends with "END-ISO-10303-21;".
void checkFraming(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw twin::Error("cannot open the file");
    std::string head(4096, '\0');
    in.read(head.data(), std::streamsize(head.size()));
    head.resize(std::size_t(in.gcount()));
    std::size_t start = head.rfind("\xEF\xBB\xBF", 0) == 0 ? 3 : 0; // a UTF-8 byte order mark
    while (start < head.size() && std::isspace(static_cast<unsigned char>(head[start])))
        ++start;
    if (head.compare(start, 13, "ISO-10303-21;") != 0)
        throw twin::Error("malformed: not a STEP file (it does not start with ISO-10303-21;)");

    in.clear();
    in.seekg(0, std::ios::end);
    const std::streamoff size = in.tellg();
    const std::streamoff tailBytes = std::min<std::streamoff>(size, 4096);
    std::string tail(std::size_t(tailBytes), '\0');
    in.seekg(size - tailBytes);
    in.read(tail.data(), tailBytes);
    if (tail.find("END-ISO-10303-21;") == std::string::npos)
        throw twin::Error("malformed: truncated STEP file (no END-ISO-10303-21; at its end)");
}

std::filesystem::path modulePath()
{
    std::error_code ec;
    const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (ec)
        throw twin::Error("STEP import unavailable: cannot find the running program");
    return (exe.parent_path() / TAKT_STEP_MODULE_DIR / TAKT_STEP_MODULE_FILE).lexically_normal();
}

TaktStepReadFn loadModule()
{
    const auto path = modulePath();
    // Kept loaded for the rest of the (short-lived) helper process.
    void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
        const char* why = dlerror();
        throw twin::Error("STEP import unavailable: cannot load " + path.string() +
                          (why ? std::string(" (") + why + ")" : std::string()));
    }
    auto* fn = reinterpret_cast<TaktStepReadFn>(dlsym(handle, TAKT_STEP_READ_SYMBOL));
    if (!fn)
        throw twin::Error("STEP import unavailable: " + path.string() + " has no " +
                          TAKT_STEP_READ_SYMBOL);
    return fn;
}

} // namespace

bool isStepPath(const std::string& path)
{
    const std::string ext = lowerExtension(path);
    return ext == ".step" || ext == ".stp" || ext == ".p21";
}

FlatScene loadWithOpenCascade(const std::string& path)
{
    // The same words as the GUI's loader; a FIFO is refused without being opened.
    if (const auto problem = twin::inputFileProblem(path, kMaxLayoutBytes))
        throw twin::Error(*problem);
    checkFraming(path);
    const TaktStepReadFn read = loadModule();
    FlatScene scene;
    char error[512] = {};
    switch (read(path.c_str(), &scene, error, sizeof error)) {
    case 0:
        return scene;
    case 3:
        throw std::bad_alloc();
    default:
        throw twin::Error(error[0] ? error : "malformed: the STEP file could not be read");
    }
}

} // namespace takt::render
