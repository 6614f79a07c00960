#include "twin/input_file.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>

namespace takt::twin {

std::optional<std::string> inputFileProblem(const std::filesystem::path& file,
                                            std::uintmax_t maxBytes)
{
    struct stat st {};
    if (::stat(file.c_str(), &st) != 0) {
        switch (errno) {
        case ENOENT:
            return "no such file";
        case ENOTDIR:
            return "no such file (a part of the path is not a folder)";
        case ELOOP:
            return "is a symbolic link loop, not a file";
        case EACCES:
            return "permission denied";
        case ENAMETOOLONG:
            return "the file name is too long";
        default:
            return std::string("cannot read: ") + std::strerror(errno);
        }
    }
    if (S_ISDIR(st.st_mode))
        return "is a folder, not a file";
    if (S_ISFIFO(st.st_mode))
        return "is a named pipe (FIFO), not a file";
    if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode))
        return "is a device, not a file";
    if (S_ISSOCK(st.st_mode))
        return "is a socket, not a file";
    if (!S_ISREG(st.st_mode))
        return "is not a regular file";
    if (st.st_size == 0)
        return "is an empty file";
    if (maxBytes > 0 && std::uintmax_t(st.st_size) > maxBytes)
        return "is " + std::to_string(std::uintmax_t(st.st_size) >> 20) + " MiB; at most " +
               std::to_string(maxBytes >> 20) + " MiB are read";
    return std::nullopt;
}

} // namespace takt::twin
