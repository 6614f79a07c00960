#pragma once

#include <stdexcept>
#include <string>

namespace takt::twin {

/// The one exception type Takt throws at its API boundaries. Subclasses say which kind of
/// problem it is; what() is always one line that says what went wrong and where.
class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// A value given by the user (a command-line option) that does not fit the file it applies to,
/// for example a time outside the recording. Commands report it as a usage error.
class ArgumentError : public Error {
public:
    using Error::Error;
};

} // namespace takt::twin
