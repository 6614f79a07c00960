#pragma once

#include <cstdint>
#include <span>

namespace takt::twin {

/// Small statistics toolkit for calibration and what-if comparisons (no third-party library).
/// Pure functions; any thread; no throw.
namespace stats {

/// Mean, sample standard deviation and count of a sample.
struct Summary {
    std::int64_t n = 0;
    double mean = 0.0;
    double sd = 0.0; ///< Sample standard deviation (n - 1); 0 when n < 2.
};
Summary summarise(std::span<const double> x);

/// A two-sided confidence interval.
struct Interval {
    double low = 0.0, high = 0.0;
};

/// Quantile of the standard normal distribution (Acklam's rational approximation, |error| <
/// 1.2e-9), p in (0, 1).
double normalQuantile(double p);
/// Regularised lower incomplete gamma P(a, x) (series / continued fraction, Numerical Recipes).
double gammaP(double a, double x);
/// Regularised incomplete beta I_x(a, b) (continued fraction, Numerical Recipes).
double betaI(double a, double b, double x);
/// Student t cumulative distribution with `df` degrees of freedom.
double studentCdf(double t, double df);
/// Quantile of Student's t (bisection on studentCdf), p in (0, 1).
double studentQuantile(double p, double df);
/// Quantile of the chi-square distribution with `df` degrees of freedom (bisection on gammaP).
double chiSquareQuantile(double p, double df);

/// 95 % interval of a mean from a sample summary (Student t); {mean, mean} when n < 2.
Interval meanInterval(const Summary& s, double level = 0.95);
/// Wilson score interval of a proportion k / n.
Interval wilsonInterval(std::int64_t k, std::int64_t n, double level = 0.95);
/// Interval of an exponential mean from `k` events over total exposure `total` (time-truncated
/// observation: chi-square with 2k and 2k + 2 degrees of freedom). k >= 1.
Interval exponentialMeanInterval(std::int64_t k, double total, double level = 0.95);

/// Paired comparison of two equally long samples (common random numbers): mean difference
/// b - a, its interval and the two-sided p-value of the paired t test.
struct PairedTest {
    std::int64_t n = 0;
    double meanDiff = 0.0;
    Interval ci;
    double pValue = 1.0;
};
PairedTest pairedT(std::span<const double> a, std::span<const double> b, double level = 0.95);

} // namespace stats
} // namespace takt::twin
