#include "twin/statistics.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace takt::twin::stats {
namespace {

double bisect(double lo, double hi, double target, double (*cdf)(double, double), double df)
{
    for (int i = 0; i < 200 && hi - lo > 1e-12 * std::max(1.0, std::abs(hi)); ++i) {
        const double mid = 0.5 * (lo + hi);
        (cdf(mid, df) < target ? lo : hi) = mid;
    }
    return 0.5 * (lo + hi);
}

double chiSquareCdf(double x, double df)
{
    return x <= 0.0 ? 0.0 : gammaP(0.5 * df, 0.5 * x);
}

double betaContinuedFraction(double a, double b, double x)
{
    constexpr double kTiny = 1e-300;
    const double qab = a + b, qap = a + 1.0, qam = a - 1.0;
    double c = 1.0, d = 1.0 - qab * x / qap;
    d = 1.0 / (std::abs(d) < kTiny ? kTiny : d);
    double h = d;
    for (int m = 1; m <= 300; ++m) {
        const double m2 = 2.0 * m;
        double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
        d = 1.0 + aa * d;
        d = 1.0 / (std::abs(d) < kTiny ? kTiny : d);
        c = 1.0 + aa / c;
        c = std::abs(c) < kTiny ? kTiny : c;
        h *= d * c;
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
        d = 1.0 + aa * d;
        d = 1.0 / (std::abs(d) < kTiny ? kTiny : d);
        c = 1.0 + aa / c;
        c = std::abs(c) < kTiny ? kTiny : c;
        const double del = d * c;
        h *= del;
        if (std::abs(del - 1.0) < 1e-14)
            break;
    }
    return h;
}

} // namespace

Summary summarise(std::span<const double> x)
{
    Summary s;
    s.n = std::int64_t(x.size());
    if (x.empty())
        return s;
    // Welford: stable for the long runs calibration reads.
    double mean = 0.0, m2 = 0.0;
    std::int64_t k = 0;
    for (const double v : x) {
        ++k;
        const double d = v - mean;
        mean += d / double(k);
        m2 += d * (v - mean);
    }
    s.mean = mean;
    s.sd = k > 1 ? std::sqrt(m2 / double(k - 1)) : 0.0;
    return s;
}

double normalQuantile(double p)
{
    if (p <= 0.0)
        return -std::numeric_limits<double>::infinity();
    if (p >= 1.0)
        return std::numeric_limits<double>::infinity();
    static const double a[] = {-3.969683028665376e+01, 2.209460984245205e+02,
                               -2.759285104469687e+02, 1.383577518672690e+02,
                               -3.066479806614716e+01, 2.506628277459239e+00};
    static const double b[] = {-5.447609879822406e+01, 1.615858368580409e+02,
                               -1.556989798598866e+02, 6.680131188771972e+01,
                               -1.328068155288572e+01};
    static const double c[] = {-7.784894002430293e-03, -3.223964580411365e-01,
                               -2.400758277161838e+00, -2.549732539343734e+00,
                               4.374664141464968e+00,  2.938163982698783e+00};
    static const double d[] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                               3.754408661907416e+00};
    const double lo = 0.02425, hi = 1.0 - lo;
    if (p < lo) {
        const double q = std::sqrt(-2.0 * std::log(p));
        return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
               ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1.0);
    }
    if (p > hi)
        return -normalQuantile(1.0 - p);
    const double q = p - 0.5, r = q * q;
    return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
           (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1.0);
}

double gammaP(double a, double x)
{
    if (x <= 0.0 || a <= 0.0)
        return 0.0;
    const double lnPrefix = -x + a * std::log(x) - std::lgamma(a);
    if (x < a + 1.0) {
        double ap = a, sum = 1.0 / a, del = sum;
        for (int n = 0; n < 1000; ++n) {
            ap += 1.0;
            del *= x / ap;
            sum += del;
            if (std::abs(del) < std::abs(sum) * 1e-15)
                break;
        }
        return sum * std::exp(lnPrefix);
    }
    constexpr double kTiny = 1e-300;
    double b = x + 1.0 - a, c = 1.0 / kTiny, d = 1.0 / b, h = d;
    for (int i = 1; i < 1000; ++i) {
        const double an = -i * (i - a);
        b += 2.0;
        d = an * d + b;
        d = std::abs(d) < kTiny ? kTiny : d;
        c = b + an / c;
        c = std::abs(c) < kTiny ? kTiny : c;
        d = 1.0 / d;
        const double del = d * c;
        h *= del;
        if (std::abs(del - 1.0) < 1e-15)
            break;
    }
    return 1.0 - std::exp(lnPrefix) * h;
}

double betaI(double a, double b, double x)
{
    if (x <= 0.0)
        return 0.0;
    if (x >= 1.0)
        return 1.0;
    const double front = std::exp(std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) +
                                  a * std::log(x) + b * std::log1p(-x));
    if (x < (a + 1.0) / (a + b + 2.0))
        return front * betaContinuedFraction(a, b, x) / a;
    return 1.0 - front * betaContinuedFraction(b, a, 1.0 - x) / b;
}

double studentCdf(double t, double df)
{
    const double tail = 0.5 * betaI(0.5 * df, 0.5, df / (df + t * t));
    return t >= 0.0 ? 1.0 - tail : tail;
}

double studentQuantile(double p, double df)
{
    if (p == 0.5)
        return 0.0;
    const double z = std::abs(normalQuantile(p));
    double hi = std::max(1.0, 2.0 * z);
    while (studentCdf(hi, df) < std::max(p, 1.0 - p) && hi < 1e12)
        hi *= 2.0;
    const double q = bisect(0.0, hi, std::max(p, 1.0 - p), studentCdf, df);
    return p > 0.5 ? q : -q;
}

double chiSquareQuantile(double p, double df)
{
    double hi = std::max(1.0, 2.0 * df);
    while (chiSquareCdf(hi, df) < p && hi < 1e12)
        hi *= 2.0;
    return bisect(0.0, hi, p, chiSquareCdf, df);
}

Interval meanInterval(const Summary& s, double level)
{
    if (s.n < 2)
        return {s.mean, s.mean};
    const double h =
        studentQuantile(0.5 + 0.5 * level, double(s.n - 1)) * s.sd / std::sqrt(double(s.n));
    return {s.mean - h, s.mean + h};
}

Interval wilsonInterval(std::int64_t k, std::int64_t n, double level)
{
    if (n <= 0)
        return {0.0, 1.0};
    const double z = normalQuantile(0.5 + 0.5 * level), nn = double(n), p = double(k) / nn;
    const double denom = 1.0 + z * z / nn;
    const double centre = (p + z * z / (2.0 * nn)) / denom;
    const double half = z * std::sqrt(p * (1.0 - p) / nn + z * z / (4.0 * nn * nn)) / denom;
    return {std::max(0.0, centre - half), std::min(1.0, centre + half)};
}

Interval exponentialMeanInterval(std::int64_t k, double total, double level)
{
    const double alpha = 1.0 - level;
    return {2.0 * total / chiSquareQuantile(1.0 - alpha / 2.0, 2.0 * double(k) + 2.0),
            2.0 * total / chiSquareQuantile(alpha / 2.0, 2.0 * double(k))};
}

PairedTest pairedT(std::span<const double> a, std::span<const double> b, double level)
{
    PairedTest r;
    const auto n = std::min(a.size(), b.size());
    std::vector<double> d(n);
    for (std::size_t i = 0; i < n; ++i)
        d[i] = b[i] - a[i];
    const Summary s = summarise(d);
    r.n = s.n;
    r.meanDiff = s.mean;
    r.ci = meanInterval(s, level);
    if (s.n < 2)
        return r;
    if (s.sd == 0.0) {
        r.pValue = s.mean == 0.0 ? 1.0 : 0.0;
        return r;
    }
    const double t = s.mean / (s.sd / std::sqrt(double(s.n)));
    r.pValue = 2.0 * (1.0 - studentCdf(std::abs(t), double(s.n - 1)));
    return r;
}

} // namespace takt::twin::stats
