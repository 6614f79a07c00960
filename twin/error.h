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

} // namespace takt::twin
