#pragma once

#include "twin/error.h"

#include <string>

namespace takt::twin {

/// Thrown when a session file (*.takt) cannot be created, opened, read or written. what() is one
/// line: "FILE: problem". A file that is refused on open (not a Takt session, damaged, or from a
/// newer schema) has not been modified.
class SessionError : public Error {
public:
    SessionError(std::string file, const std::string& problem)
        : Error(file + ": " + problem), m_file(std::move(file))
    {
    }
    const std::string& file() const { return m_file; }

private:
    std::string m_file;
};

} // namespace takt::twin
