#include "twin/replications.h"

#include "twin/kpi.h"
#include "twin/recording_data.h"
#include "twin/simulator.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <exception>
#include <mutex>
#include <thread>

namespace takt::twin {
namespace {

/// Appends the simulator's events straight into memory: no session file, no writer thread.
class MemorySink : public EventSink {
public:
    explicit MemorySink(RecordingData& data) : m_data(data) {}
    void onEvent(const Event& e) override { m_data.append(e); }

private:
    RecordingData& m_data;
};

ReplicationResult runOne(const ReplicationJob& job, const ReplicationOptions& options)
{
    const auto t0 = std::chrono::steady_clock::now();
    SimulationOptions so;
    so.hours = options.hours;
    so.warmupHours = options.warmupHours;
    so.seed = job.seed;
    so.measurements = false; // control points play no part in the compared KPIs
    const TimeMs end = so.startMs + std::llround(options.hours * 3.6e6);
    RecordingData data(*job.plant, so.startMs, end);
    MemorySink sink(data);
    Simulator(*job.plant, so).run(sink);
    data.setEndMs(end);
    const KpiReport k = computeKpis(data, so.startMs, end);
    ReplicationResult r;
    r.done = true;
    r.seed = job.seed;
    r.throughputPerHour = k.throughputPerHour;
    r.goodPerHour = k.hours > 0 ? double(k.goodUnits) / k.hours : 0.0;
    r.oee = k.oee.oee;
    r.availability = k.oee.availability;
    r.fpyOverall = k.fpyOverall;
    r.averageBottleneck = k.bottleneck.averageBottleneck;
    const auto n = job.plant->stations.size();
    r.stateShare.assign(n, {});
    r.meanActiveS.assign(n, 0.0);
    r.hasStates.assign(n, false);
    for (const auto& s : k.stations) {
        r.stateShare[std::size_t(s.station)] = s.stateShare;
        r.hasStates[std::size_t(s.station)] = s.hasStates;
    }
    for (const auto& b : k.bottleneck.stations)
        r.meanActiveS[std::size_t(b.station)] = b.meanActiveS;
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return r;
}

} // namespace

std::vector<ReplicationResult> runReplications(const std::vector<ReplicationJob>& jobs,
                                               const ReplicationOptions& options)
{
    std::vector<ReplicationResult> results(jobs.size());
    int threads = options.threads > 0 ? options.threads
                                      : int(std::max(1u, std::thread::hardware_concurrency()));
    threads = std::max(1, std::min<int>(threads, int(jobs.size())));
    std::atomic<std::size_t> next{0};
    std::mutex mutex; // progress calls and the first error
    std::exception_ptr error;
    int done = 0;
    const auto worker = [&] {
        for (;;) {
            if (options.cancel && options.cancel->load())
                return;
            const std::size_t i = next.fetch_add(1);
            if (i >= jobs.size())
                return;
            try {
                results[i] = runOne(jobs[i], options);
            } catch (...) {
                const std::lock_guard lock(mutex);
                if (!error)
                    error = std::current_exception();
                next = jobs.size(); // stop the others
                return;
            }
            const std::lock_guard lock(mutex);
            ++done;
            if (options.progress)
                options.progress(done, int(jobs.size()));
        }
    };
    std::vector<std::thread> pool;
    for (int t = 1; t < threads; ++t)
        pool.emplace_back(worker);
    worker();
    for (auto& t : pool)
        t.join();
    if (error)
        std::rethrow_exception(error);
    return results;
}

} // namespace takt::twin
