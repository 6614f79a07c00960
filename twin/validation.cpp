#include "twin/validation.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <numeric>

namespace takt::twin {
namespace {

std::vector<double> ranks(const std::vector<double>& v)
{
    std::vector<std::size_t> idx(v.size());
    std::iota(idx.begin(), idx.end(), 0);
    std::sort(idx.begin(), idx.end(), [&](auto a, auto b) { return v[a] < v[b]; });
    std::vector<double> r(v.size());
    for (std::size_t i = 0; i < idx.size();) {
        std::size_t j = i;
        while (j + 1 < idx.size() && v[idx[j + 1]] == v[idx[i]])
            ++j;
        for (std::size_t k = i; k <= j; ++k)
            r[idx[k]] = 0.5 * double(i + j) + 1.0; // ties share their mean rank
        i = j + 1;
    }
    return r;
}

double pearson(const std::vector<double>& a, const std::vector<double>& b)
{
    const auto sa = stats::summarise(a), sb = stats::summarise(b);
    if (sa.n < 2 || sa.sd == 0 || sb.sd == 0)
        return 0.0;
    double c = 0.0;
    for (std::size_t i = 0; i < a.size(); ++i)
        c += (a[i] - sa.mean) * (b[i] - sb.mean);
    return c / double(sa.n - 1) / (sa.sd * sb.sd);
}

std::vector<std::string> top(const std::vector<std::string>& ids, const std::vector<double>& v,
                             std::size_t n)
{
    std::vector<std::size_t> idx(v.size());
    std::iota(idx.begin(), idx.end(), 0);
    std::stable_sort(idx.begin(), idx.end(), [&](auto a, auto b) { return v[a] > v[b]; });
    std::vector<std::string> out;
    for (std::size_t i = 0; i < idx.size() && i < n; ++i)
        out.push_back(ids[idx[i]]);
    return out;
}

} // namespace

ValidationReport validateModel(const Plant& model, const KpiReport& recorded, int replications,
                               std::uint64_t seed, const ReplicationOptions& options)
{
    const auto t0 = std::chrono::steady_clock::now();
    ValidationReport v;
    v.replications = replications;
    v.hours = options.hours;
    v.warmupHours = options.warmupHours;
    v.recordedThroughput = recorded.throughputPerHour;
    std::vector<ReplicationJob> jobs;
    for (int i = 0; i < replications; ++i)
        jobs.push_back({&model, seed + std::uint64_t(i)});
    const auto runs = runReplications(jobs, options);
    std::vector<double> tp;
    for (const auto& r : runs)
        if (r.done)
            tp.push_back(r.throughputPerHour);
    v.simulatedThroughput = stats::summarise(tp);
    v.simulatedThroughputCi = stats::meanInterval(v.simulatedThroughput);
    std::vector<std::string> ids;
    std::vector<double> recActive, simActive;
    for (const auto& k : recorded.stations) {
        if (!k.hasStates)
            continue;
        const auto s = std::size_t(k.station);
        ValidationReport::Shares row;
        row.station = k.id;
        double active = 0.0;
        int n = 0;
        for (const auto& r : runs) {
            if (!r.done || s >= r.stateShare.size())
                continue;
            for (std::size_t j = 0; j < kValidationStates.size(); ++j)
                row.simulated[j] += r.stateShare[s][std::size_t(kValidationStates[j])];
            active += r.meanActiveS[s];
            ++n;
        }
        for (std::size_t j = 0; j < kValidationStates.size(); ++j) {
            row.recorded[j] = k.stateShare[std::size_t(kValidationStates[j])];
            row.simulated[j] /= std::max(1, n);
            const double gap = std::abs(row.recorded[j] - row.simulated[j]);
            if (gap > v.largestShareGap) {
                v.largestShareGap = gap;
                v.largestShareGapAt = k.id + " " + std::string(toString(kValidationStates[j]));
            }
        }
        const auto* b = recorded.bottleneck.station(k.station);
        ids.push_back(k.id);
        recActive.push_back(b ? b->meanActiveS : 0.0);
        simActive.push_back(active / std::max(1, n));
        v.stations.push_back(row);
    }
    v.recordedRanking = top(ids, recActive, 5);
    v.simulatedRanking = top(ids, simActive, 5);
    v.rankCorrelation = pearson(ranks(recActive), ranks(simActive));
    if (recorded.bottleneck.averageBottleneck >= 0)
        v.recordedBottleneck =
            model.stations[std::size_t(recorded.bottleneck.averageBottleneck)].id;
    std::map<int, int> counts;
    for (const auto& r : runs)
        if (r.done && r.averageBottleneck >= 0)
            ++counts[r.averageBottleneck];
    for (const auto& [s, c] : counts)
        v.simulatedBottleneck.push_back({model.stations[std::size_t(s)].id, c});
    std::stable_sort(v.simulatedBottleneck.begin(), v.simulatedBottleneck.end(),
                     [](const auto& a, const auto& b) { return a.replications > b.replications; });
    v.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return v;
}

} // namespace takt::twin
