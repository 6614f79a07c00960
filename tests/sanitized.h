#pragma once
// Whether this test runs in the asan preset's build (AddressSanitizer): timings there allow
// for a program several times slower. The same test as the program's own (twin/sanitizers.h).

#include "twin/sanitizers.h"

namespace takt::testing {

using twin::kAddressSanitizer;

} // namespace takt::testing
