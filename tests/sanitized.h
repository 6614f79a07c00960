#pragma once
// Whether this test runs in the asan preset's build (AddressSanitizer): timings there allow
// for a program several times slower. GCC says __SANITIZE_ADDRESS__; clang 14 (the asan preset)
// only __has_feature.

namespace takt::testing {

#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool kAddressSanitizer = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
inline constexpr bool kAddressSanitizer = true;
#else
inline constexpr bool kAddressSanitizer = false;
#endif
#else
inline constexpr bool kAddressSanitizer = false;
#endif

} // namespace takt::testing
