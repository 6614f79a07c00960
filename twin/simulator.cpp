#include "twin/simulator.h"

#include "twin/error.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <queue>
#include <random>
#include <string_view>
#include <unordered_map>

namespace takt::twin {
namespace {

std::uint64_t splitmix(std::uint64_t x)
{
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

std::uint64_t optionOf(const Plant& plant, std::uint64_t config, std::size_t dim)
{
    for (std::size_t d = 0; d < plant.configurationDimensions.size(); ++d) {
        const auto n = std::max<std::size_t>(1, plant.configurationDimensions[d].options.size());
        if (d == dim)
            return config % n;
        config /= n;
    }
    return 0;
}

constexpr const char* kFailureReasons[] = {"jam", "sensor", "tool", "electrical"};

struct Part {
    std::int64_t id = 0;
    std::int64_t config = 0;
    double readyAt = 0.0; // Stores: when it may leave.
};

struct StationRt {
    bool store = false; // Buffer or conveyor: FIFO with capacity, no states.
    int capacity = 1;
    std::deque<Part> parts;
    std::vector<int> preds, succs;
    // Servers only.
    bool done = false; // Service of the held part complete.
    bool failed = false;
    double remaining = 0.0; // Work left on the held part, s.
    double ttf = 0.0;       // Operating time left to the next failure, s.
    double serviceFrom = 0.0;
    StationState state = StationState::Unknown;
    std::string reason;
    std::mt19937_64 rng;
    std::vector<int> checkpoints;
};

enum class Ev : std::uint8_t { ServiceDone, Failure, Repair, StoreReady, Sample };

struct QueuedEvent {
    double t;
    std::uint64_t seq;
    Ev type;
    int index;
    bool operator>(const QueuedEvent& o) const { return t != o.t ? t > o.t : seq > o.seq; }
};

class Engine {
public:
    Engine(const Plant& plant, const SimulationOptions& options, EventSink& sink)
        : m_plant(plant), m_opt(options), m_sink(sink)
    {
        const auto n = plant.stations.size();
        m_st.resize(n);
        // The flow graph in O(stations + edges), in flow order (Plant::successors() and
        // predecessors() scan every edge for each station: quadratic for large plants).
        std::unordered_map<std::string_view, int> index;
        index.reserve(n);
        for (std::size_t i = 0; i < n; ++i)
            index.emplace(plant.stations[i].id, int(i));
        const auto indexOf = [&](const std::string& id) {
            const auto it = index.find(id);
            return it == index.end() ? -1 : it->second;
        };
        for (const auto& e : plant.flow) {
            const int from = indexOf(e.from), to = indexOf(e.to);
            if (from >= 0)
                m_st[std::size_t(from)].succs.push_back(to);
            if (to >= 0)
                m_st[std::size_t(to)].preds.push_back(from);
        }
        for (std::size_t i = 0; i < n; ++i) {
            const auto& s = plant.stations[i];
            auto& rt = m_st[i];
            rt.store = s.kind == StationKind::Buffer || s.kind == StationKind::Conveyor;
            rt.capacity = rt.store ? s.capacity : 1;
            rt.rng.seed(splitmix(options.seed ^ (0x1000 + i)));
            if (!rt.store && s.capacity > 1)
                m_summary.warnings.push_back("station " + s.id + ": capacity " +
                                             std::to_string(s.capacity) +
                                             " simulated as one part at a time");
            if (!rt.store && !(s.cycleTime.meanS > 0.0))
                throw Error("cannot simulate station " + s.id + ": cycle time must be > 0");
            if (s.mtbfS && s.mttrS)
                rt.ttf = exponential(rt.rng, *s.mtbfS);
        }
        for (std::size_t c = 0; c < plant.checkpoints.size(); ++c) {
            const int s = indexOf(plant.checkpoints[c].station);
            if (s >= 0)
                m_st[std::size_t(s)].checkpoints.push_back(int(c));
        }
        m_order = topologicalOrder();
        // settle() visits stations downstream first: position p is m_order[n - 1 - p].
        m_pos.resize(n);
        for (std::size_t k = 0; k < n; ++k)
            m_pos[std::size_t(m_order[k])] = int(n - 1 - k);
        m_inThisPass.assign(n, 0);
        m_inNextPass.assign(n, 0);
        m_touched.assign(n, 0);
        for (std::size_t i = 0; i < n; ++i) {
            markDirty(int(i));
            touch(int(i));
        }
        m_sourceRng.seed(splitmix(options.seed ^ 0xA11CE));
        m_measureRng.seed(splitmix(options.seed ^ 0x5A3B1E));
        m_warmS = std::max(0.0, options.warmupHours) * 3600.0;
        m_endS = m_warmS + options.hours * 3600.0;
        m_recording = m_warmS <= 0.0;
    }

    SimulationSummary run()
    {
        m_summary.startMs = m_opt.startMs;
        m_summary.endMs = m_opt.startMs + std::llround((m_endS - m_warmS) * 1000.0);
        fillInitialParts();
        settle();
        if (m_opt.measurements)
            for (std::size_t c = 0; c < m_plant.controlPoints.size(); ++c)
                schedule(0.0, Ev::Sample, int(c));
        double nextProgress = 0.0;
        while (!m_queue.empty() && m_queue.top().t < m_endS) {
            const QueuedEvent ev = m_queue.top();
            if (!m_recording && ev.t >= m_warmS)
                startRecording();
            m_queue.pop();
            ++m_summary.work.events;
            ++m_summary.work.queueOps;
            m_now = ev.t;
            if (m_opt.progress && m_now >= nextProgress) {
                m_opt.progress(m_now / m_endS);
                nextProgress = m_now + m_endS / 100.0;
            }
            if (ev.type == Ev::Sample) {
                sample(ev.index);
                continue;
            }
            markDirty(ev.index);
            touch(ev.index);
            handle(ev);
            settle();
        }
        if (!m_recording)
            startRecording();
        if (m_opt.progress)
            m_opt.progress(1.0);
        return m_summary;
    }

private:
    static double exponential(std::mt19937_64& rng, double mean)
    {
        return std::exponential_distribution<double>(1.0 / mean)(rng);
    }

    /// Recording time of simulated time s (the warm-up runs before startMs).
    TimeMs ms(double s) const { return m_opt.startMs + std::llround((s - m_warmS) * 1000.0); }
    void emit(const Event& e)
    {
        if (!m_recording)
            return; // warm-up: nothing is recorded
        m_sink.onEvent(e);
        ++m_summary.events;
    }

    /// The manifest's initial contents, before anything moves.
    void fillInitialParts()
    {
        for (int s : m_order) {
            const auto& st = m_plant.stations[std::size_t(s)];
            for (int k = 0; k < st.initialParts && canAccept(m_st[std::size_t(s)]); ++k)
                enter(s, newPart());
        }
    }

    Part newPart()
    {
        const auto n = std::max<std::uint64_t>(1, m_plant.configurationCount());
        const auto config = std::int64_t(m_sourceRng() % n);
        ++m_partsCreated;
        if (m_recording)
            ++m_summary.partsStarted;
        return Part{m_partsCreated, config, 0.0};
    }

    /// End of the warm-up: the recording opens with every station's state and the parts inside
    /// each station (in the order they will leave), all at the recording start.
    void startRecording()
    {
        m_recording = true;
        m_now = m_warmS;
        const TimeMs t0 = ms(m_warmS);
        for (std::size_t i = 0; i < m_st.size(); ++i) {
            const auto& rt = m_st[i];
            if (!rt.store)
                emit(
                    Event::stateChange(t0, int(i), rt.state,
                                       rt.state == StationState::Down ? rt.reason : std::string()));
            for (const auto& p : rt.parts)
                emit(Event::partEnter(t0, int(i), p.id, p.config));
        }
    }
    void schedule(double t, Ev type, int index)
    {
        m_queue.push({t, m_seq++, type, index});
        ++m_summary.work.queueOps;
    }

    std::vector<int> topologicalOrder() const
    {
        const auto n = m_st.size();
        std::vector<int> indeg(n), order;
        for (std::size_t i = 0; i < n; ++i)
            indeg[i] = int(m_st[i].preds.size());
        for (std::size_t i = 0; i < n; ++i)
            if (indeg[i] == 0)
                order.push_back(int(i));
        for (std::size_t k = 0; k < order.size(); ++k)
            for (int s : m_st[std::size_t(order[k])].succs)
                if (--indeg[std::size_t(s)] == 0)
                    order.push_back(s);
        if (order.size() != n)
            throw Error("cannot simulate plant " + m_plant.id + ": the flow graph has a cycle");
        return order;
    }

    double drawCycle(int s, std::int64_t config)
    {
        const auto& d = m_plant.stations[std::size_t(s)].cycleTime;
        auto& rng = m_st[std::size_t(s)].rng;
        double t = d.meanS;
        switch (d.kind) {
        case Distribution::Kind::Deterministic:
            break;
        case Distribution::Kind::Exponential:
            t = exponential(rng, d.meanS);
            break;
        case Distribution::Kind::Normal: {
            std::normal_distribution<double> nd(d.meanS, d.sdS);
            t = nd(rng);
            for (int i = 0; i < 100 && !(t > 0.0); ++i) // Truncated to positive times.
                t = nd(rng);
            if (!(t > 0.0))
                t = d.meanS;
            break;
        }
        case Distribution::Kind::Lognormal: {
            // The manifest gives the time's own mean and sd; the underlying normal's parameters.
            const double s2 = std::log1p((d.sdS * d.sdS) / (d.meanS * d.meanS));
            t = std::lognormal_distribution<double>(std::log(d.meanS) - 0.5 * s2,
                                                    std::sqrt(s2))(rng);
            break;
        }
        }
        return t * Simulator::workFactor(m_plant, s, std::uint64_t(config));
    }

    /// Continues work on the held part until it is done or the machine fails.
    void resume(int s)
    {
        auto& rt = m_st[std::size_t(s)];
        const auto& st = m_plant.stations[std::size_t(s)];
        rt.serviceFrom = m_now;
        if (st.mtbfS && rt.ttf < rt.remaining)
            schedule(m_now + rt.ttf, Ev::Failure, s);
        else
            schedule(m_now + rt.remaining, Ev::ServiceDone, s);
    }

    void enter(int s, Part p)
    {
        auto& rt = m_st[std::size_t(s)];
        emit(Event::partEnter(ms(m_now), s, p.id, p.config));
        if (rt.store) {
            const auto& st = m_plant.stations[std::size_t(s)];
            const double dwell = st.kind == StationKind::Conveyor ? drawCycle(s, p.config) : 0.0;
            p.readyAt = m_now + dwell;
            if (!rt.parts.empty())
                p.readyAt = std::max(p.readyAt, rt.parts.back().readyAt); // FIFO
            if (p.readyAt > m_now)
                schedule(p.readyAt, Ev::StoreReady, s);
            rt.parts.push_back(p);
            return;
        }
        rt.parts.push_back(p);
        rt.done = false;
        rt.remaining = drawCycle(s, p.config);
        resume(s);
    }

    void handle(const QueuedEvent& ev)
    {
        auto& rt = m_st[std::size_t(ev.index)];
        const auto& st = m_plant.stations[std::size_t(ev.index)];
        switch (ev.type) {
        case Ev::ServiceDone:
            rt.ttf -= rt.remaining;
            rt.remaining = 0.0;
            rt.done = true;
            inspect(ev.index);
            break;
        case Ev::Failure: {
            rt.remaining -= rt.ttf;
            rt.failed = true;
            rt.reason = kFailureReasons[rt.rng() % 4];
            emit(Event::alarm(ms(m_now), ev.index, 2, st.id + " failed: " + rt.reason));
            schedule(m_now + exponential(rt.rng, *st.mttrS), Ev::Repair, ev.index);
            break;
        }
        case Ev::Repair:
            rt.failed = false;
            rt.ttf = exponential(rt.rng, *st.mtbfS);
            resume(ev.index);
            break;
        case Ev::StoreReady:
        case Ev::Sample:
            break;
        }
    }

    void inspect(int s)
    {
        auto& rt = m_st[std::size_t(s)];
        const Part& p = rt.parts.front();
        for (int c : rt.checkpoints) {
            const auto& qc = m_plant.checkpoints[std::size_t(c)];
            const double rate = std::min(
                1.0, qc.defectRate * Simulator::defectFactor(m_plant, c, std::uint64_t(p.config)));
            std::uniform_real_distribution<double> u(0.0, 1.0);
            if (u(rt.rng) >= rate) {
                emit(Event::quality(ms(m_now), c, p.id, p.config, QualityResult::Pass));
                continue;
            }
            const std::string code = qc.defectCodes.empty()
                                         ? std::string("DEFECT")
                                         : qc.defectCodes[rt.rng() % qc.defectCodes.size()];
            // Most defects are repaired in line; the rest leave as failed units.
            const auto result = u(rt.rng) < 0.7 ? QualityResult::Rework : QualityResult::Fail;
            emit(Event::quality(ms(m_now), c, p.id, p.config, result, code));
        }
    }

    bool hasOutput(const StationRt& rt)
    {
        ++m_summary.work.moveChecks;
        if (rt.parts.empty())
            return false;
        return rt.store ? rt.parts.front().readyAt <= m_now : rt.done;
    }
    bool canAccept(const StationRt& rt) const { return int(rt.parts.size()) < rt.capacity; }

    /// Marks a station to be visited by settle(): later in the current pass when it comes
    /// downstream-first after the station being visited, else in the next pass. Visiting only
    /// marked stations makes the same moves in the same order as visiting all of them (an
    /// unmarked station could not move), at O(log n) per change instead of O(n) per event.
    void markDirty(int s)
    {
        const auto i = std::size_t(s);
        if (m_pos[i] > m_visiting) {
            if (!m_inThisPass[i]) {
                m_inThisPass[i] = 1;
                m_thisPass.push(m_pos[i]);
                ++m_summary.work.queueOps;
            }
        } else if (!m_inNextPass[i]) {
            m_inNextPass[i] = 1;
            m_nextPass.push(m_pos[i]);
            ++m_summary.work.queueOps;
        }
    }
    /// A station whose parts or failure changed: its state is looked at after settling.
    void touch(int s)
    {
        if (!m_touched[std::size_t(s)]) {
            m_touched[std::size_t(s)] = 1;
            m_touchedList.push_back(s);
        }
    }

    /// Moves parts until nothing can move, downstream first so that freed places propagate
    /// upstream within the same instant, then records state changes. A station can only move
    /// when it was marked: its own event fired, it received a part, a successor freed a place.
    void settle()
    {
        const int n = int(m_st.size());
        for (;;) {
            while (!m_thisPass.empty()) {
                m_visiting = m_thisPass.top();
                m_thisPass.pop();
                ++m_summary.work.queueOps;
                const int s = m_order[std::size_t(n - 1 - m_visiting)];
                m_inThisPass[std::size_t(s)] = 0;
                visit(s);
            }
            if (m_nextPass.empty())
                break;
            m_visiting = -1;
            while (!m_nextPass.empty()) {
                const int p = m_nextPass.top();
                m_nextPass.pop();
                const auto s = std::size_t(m_order[std::size_t(n - 1 - p)]);
                m_inNextPass[s] = 0;
                m_inThisPass[s] = 1;
                m_thisPass.push(p);
                m_summary.work.queueOps += 2;
            }
        }
        m_visiting = -1;
        // State changes in station order, as a scan of every station would emit them.
        std::sort(m_touchedList.begin(), m_touchedList.end());
        for (const int i : m_touchedList) {
            auto& rt = m_st[std::size_t(i)];
            m_touched[std::size_t(i)] = 0;
            ++m_summary.work.stateChecks;
            if (rt.store)
                continue;
            StationState s = StationState::Starved;
            if (rt.failed)
                s = StationState::Down;
            else if (!rt.parts.empty())
                s = rt.done ? StationState::Blocked : StationState::Working;
            if (s != rt.state) {
                rt.state = s;
                emit(Event::stateChange(ms(m_now), i, s,
                                        s == StationState::Down ? rt.reason : std::string()));
            }
        }
        m_touchedList.clear();
    }

    void visit(int s)
    {
        auto& rt = m_st[std::size_t(s)];
        while (hasOutput(rt)) {
            int to = -1;
            for (int d : rt.succs)
                if (canAccept(m_st[std::size_t(d)])) {
                    to = d;
                    break;
                }
            if (to < 0 && !rt.succs.empty())
                break;
            const Part p = rt.parts.front();
            rt.parts.pop_front();
            rt.done = false;
            touch(s);
            for (int u : rt.preds) // a place came free
                if (u >= 0)
                    markDirty(u);
            emit(Event::partLeave(ms(m_now), s, p.id, p.config));
            if (to >= 0) {
                enter(to, p);
                touch(to);
                markDirty(to);
            } else if (m_recording) {
                ++m_summary.partsFinished;
            }
            markDirty(s);
        }
        if (rt.preds.empty() && !rt.store && canAccept(rt)) {
            enter(s, newPart());
            touch(s);
            markDirty(s);
        }
    }

    void sample(int c)
    {
        const auto& cp = m_plant.controlPoints[std::size_t(c)];
        const double noise = cp.noiseSd > 0.0
                                 ? std::normal_distribution<double>(0.0, cp.noiseSd)(m_measureRng)
                                 : 0.0;
        // Drift counts from the recording start, so a warm shift drifts like a cold one.
        const double v = cp.target + cp.driftPerH * ((m_now - m_warmS) / 3600.0) + noise;
        emit(Event::measurement(ms(m_now), c, v));
        schedule(m_now + cp.sampleS, Ev::Sample, c);
    }

    const Plant& m_plant;
    const SimulationOptions& m_opt;
    EventSink& m_sink;
    std::vector<StationRt> m_st;
    std::vector<int> m_order;
    // settle()'s work list: positions (downstream first) of the stations to visit.
    std::vector<int> m_pos;
    std::priority_queue<int, std::vector<int>, std::greater<>> m_thisPass, m_nextPass;
    std::vector<char> m_inThisPass, m_inNextPass, m_touched;
    std::vector<int> m_touchedList;
    int m_visiting = -1;
    std::priority_queue<QueuedEvent, std::vector<QueuedEvent>, std::greater<>> m_queue;
    std::uint64_t m_seq = 0;
    double m_now = 0.0;
    double m_endS = 0.0;
    double m_warmS = 0.0;
    bool m_recording = true;
    std::int64_t m_partsCreated = 0;
    std::mt19937_64 m_sourceRng, m_measureRng;
    SimulationSummary m_summary;
};

} // namespace

Simulator::Simulator(const Plant& plant, SimulationOptions options)
    : m_plant(plant), m_options(std::move(options))
{
}

SimulationSummary Simulator::run(EventSink& sink)
{
    Engine engine(m_plant, m_options, sink);
    return engine.run();
}

double Simulator::workFactor(const Plant& plant, int station, std::uint64_t config)
{
    const auto dims = plant.configurationDimensions.size();
    if (dims == 0 || station % 3 != 0)
        return 1.0;
    const auto dim = std::size_t(station / 3) % dims;
    return 1.0 + 0.03 * double(optionOf(plant, config, dim) % 3);
}

double Simulator::defectFactor(const Plant& plant, int checkpoint, std::uint64_t config)
{
    const auto dims = plant.configurationDimensions.size();
    if (dims == 0)
        return 1.0;
    return optionOf(plant, config, std::size_t(checkpoint) % dims) % 2 == 1 ? 1.5 : 1.0;
}

} // namespace takt::twin
