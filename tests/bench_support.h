#pragma once
// Helpers shared by the benchmarks (ctest label "bench").

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <string>

namespace takt::twin::bench {

/// Resident set size of this process in MiB (VmRSS from /proc/self/status).
inline double residentMiB()
{
    std::ifstream in("/proc/self/status");
    std::string key;
    while (in >> key) {
        if (key == "VmRSS:") {
            double kb = 0;
            in >> kb;
            return kb / 1024.0;
        }
        std::getline(in, key);
    }
    return 0.0;
}

/// Seconds since `start`.
inline double secondsSince(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

/// CPU time of the calling thread, ms.
inline double threadCpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

#ifdef NDEBUG
inline constexpr bool kOptimised = true;
#else
inline constexpr bool kOptimised = false;
#endif

/// One benchmark figure beside its target and the reference measured in the same run.
struct Figure {
    std::string name;          ///< What is measured ("EventWriter ingest").
    double value = 0;          ///< The measured figure.
    std::string unit;          ///< "events/s", "s", "MiB", ...
    std::string reference;     ///< What it is compared with ("plain SQLite loop"), or empty.
    double referenceValue = 0; ///< The reference's figure, same unit (0 when none).
    std::string targetOp;      ///< "<=", ">=", "<" or ">"; empty: no target.
    double target = 0;         ///< Compared with the value, or with the ratio when onRatio.
    bool onRatio = false;      ///< The target bounds value / referenceValue.
};

inline bool meetsTarget(const Figure& f)
{
    const double x = f.onRatio ? f.value / f.referenceValue : f.value;
    if (!std::isfinite(x))
        return false;
    if (f.targetOp == "<=")
        return x <= f.target;
    if (f.targetOp == ">=")
        return x >= f.target;
    if (f.targetOp == "<")
        return x < f.target;
    if (f.targetOp == ">")
        return x > f.target;
    return true;
}

/// Prints `f` as one machine-readable line, `BENCH_RESULT {json}` (the format tools/bench-report
/// collects; docs/benchmarks.md), and appends it to the file named by TAKT_BENCH_RESULTS when set.
/// Returns whether the target is met.
inline bool reportFigure(const Figure& f, const char* benchmark)
{
    auto quoted = [](const std::string& s) {
        std::string out = "\"";
        for (const char c : s) {
            if (c == '"' || c == '\\')
                out += '\\';
            out += c;
        }
        return out + "\"";
    };
    auto number = [](double v) {
        if (!std::isfinite(v))
            return std::string("null");
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.6g", v);
        return std::string(buf);
    };
    const bool pass = meetsTarget(f);
    const std::string line =
        "BENCH_RESULT {\"benchmark\": " + quoted(benchmark) + ", \"figure\": " + quoted(f.name) +
        ", \"value\": " + number(f.value) + ", \"unit\": " + quoted(f.unit) +
        ", \"reference\": " + quoted(f.reference) +
        ", \"reference_value\": " + (f.reference.empty() ? "null" : number(f.referenceValue)) +
        ", \"target\": " + quoted(f.targetOp.empty() ? "" : f.targetOp + " " + number(f.target)) +
        ", \"target_on\": " + quoted(f.onRatio ? "ratio" : "value") +
        ", \"pass\": " + (pass ? "true" : "false") + "}";
    std::printf("%s\n", line.c_str());
    std::fflush(stdout);
    if (const char* path = std::getenv("TAKT_BENCH_RESULTS"); path && *path) {
        std::ofstream out(path, std::ios::app);
        out << line << '\n';
    }
    return pass;
}

} // namespace takt::twin::bench
