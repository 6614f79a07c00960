#include "twin/scenario_recording.h"

#include "twin/error.h"
#include "twin/session_store.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>

namespace takt::twin {
namespace {

/// Keeps the events whose channel the session's plant has a row for.
class SessionChannels : public EventSink {
public:
    SessionChannels(const Plant& session, std::vector<Event>& out)
        : m_stations(int(session.stations.size())), m_checkpoints(int(session.checkpoints.size())),
          m_controlPoints(int(session.controlPoints.size())), m_out(out)
    {
    }
    void onEvent(const Event& e) override
    {
        int limit = m_stations;
        if (e.kind == EventKind::Quality)
            limit = m_checkpoints;
        else if (e.kind == EventKind::Measurement)
            limit = m_controlPoints;
        // Alarms without a station (-1) belong to the line.
        if (e.channel < limit)
            m_out.push_back(e);
    }

private:
    int m_stations, m_checkpoints, m_controlPoints;
    std::vector<Event>& m_out;
};

/// Throws unless `scenario` begins with `session`'s channels in the same order.
void requireExtends(const Plant& session, const Plant& scenario)
{
    const auto differ = [](const char* what, const std::string& id) {
        throw Error(std::string("the scenario's plant does not extend the session's: ") + what +
                    " " + id + " is not where the session has it");
    };
    if (scenario.stations.size() < session.stations.size())
        differ("station", session.stations.back().id);
    for (std::size_t i = 0; i < session.stations.size(); ++i)
        if (scenario.stations[i].id != session.stations[i].id)
            differ("station", session.stations[i].id);
    if (scenario.checkpoints.size() < session.checkpoints.size())
        differ("checkpoint", session.checkpoints.back().id);
    for (std::size_t i = 0; i < session.checkpoints.size(); ++i)
        if (scenario.checkpoints[i].id != session.checkpoints[i].id)
            differ("checkpoint", session.checkpoints[i].id);
    if (scenario.controlPoints.size() < session.controlPoints.size())
        differ("control point", session.controlPoints.back().id);
    for (std::size_t i = 0; i < session.controlPoints.size(); ++i)
        if (scenario.controlPoints[i].id != session.controlPoints[i].id)
            differ("control point", session.controlPoints[i].id);
}

} // namespace

std::string scenarioRecordingName(const ScenarioRunSpec& spec)
{
    std::string sets;
    for (const auto& s : spec.sets)
        sets += (sets.empty() ? "" : " ") + s;
    char tail[96];
    std::snprintf(tail, sizeof tail, ", seed %llu (run %d of %d)",
                  static_cast<unsigned long long>(spec.seed), spec.replication, spec.replications);
    return "Scenario " + (sets.empty() ? std::string("(no change)") : sets) + tail;
}

std::string scenarioParamsJson(const ScenarioRunSpec& spec, const std::vector<std::string>& omitted)
{
    nlohmann::json j{{"scenario", spec.sets},
                     {"model", spec.model},
                     {"source_recording", spec.sourceRecording},
                     {"seed", spec.seed},
                     {"replication", spec.replication},
                     {"replications", spec.replications},
                     {"hours", spec.hours},
                     {"warmup_hours", spec.warmupHours}};
    if (!omitted.empty())
        j["omitted"] = omitted;
    return j.dump();
}

std::int64_t storeScenarioRun(SessionStore& store, const Plant& scenario,
                              const ScenarioRunSpec& spec)
{
    const Plant& session = store.plant();
    requireExtends(session, scenario);
    SimulationOptions so;
    so.hours = spec.hours;
    so.warmupHours = spec.warmupHours;
    so.seed = spec.seed;
    so.startMs = spec.startMs;
    so.measurements = true; // a stored run shows its control points like a recorded shift
    std::vector<Event> events;
    SessionChannels sink(session, events);
    const SimulationSummary summary = Simulator(scenario, so).run(sink);
    std::vector<std::string> omitted;
    for (std::size_t i = session.stations.size(); i < scenario.stations.size(); ++i)
        omitted.push_back(scenario.stations[i].id);
    RecordingInfo info;
    info.kind = RecordingKind::Scenario;
    info.name = scenarioRecordingName(spec);
    info.startMs = spec.startMs;
    info.endMs = summary.endMs;
    info.paramsJson = scenarioParamsJson(spec, omitted);
    return store.addRecording(info, events);
}

} // namespace takt::twin
