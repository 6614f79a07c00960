#include "twin/sparkplug_mapping.h"

#include "twin/manifest.h"
#include "twin/manifest_json.h"
#include "twin/plant.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>

namespace takt::twin {

using nlohmann::json;

using manifest_json::pointerToken;

namespace {

constexpr const char* kDefaultState = "State";
constexpr const char* kDefaultPartsOut = "PartsOut";
constexpr const char* kDefaultCheckPrefix = "Check/";

const std::string& orDefault(const std::string& value, const std::string& fallback)
{
    return value.empty() ? fallback : value;
}

class SectionReader {
public:
    explicit SectionReader(std::vector<ManifestProblem>& problems) : m_problems(problems) {}

    void problem(const std::string& path, std::string message)
    {
        m_problems.push_back({path, std::move(message)});
    }

    /// Reports keys of `obj` that are not in `known`.
    void onlyKeys(const json& obj, const std::string& path,
                  std::initializer_list<const char*> known)
    {
        for (auto it = obj.begin(); it != obj.end(); ++it) {
            if (std::any_of(known.begin(), known.end(),
                            [&](const char* k) { return it.key() == k; }))
                continue;
            std::string list;
            for (const char* k : known)
                list += (list.empty() ? "" : ", ") + std::string(k);
            problem(path + "/" + pointerToken(it.key()),
                    "unknown field \"" + it.key() + "\" (expected " + list + ")");
        }
    }

    /// A name: a non-empty string of at most kMaxSparkplugNameBytes without control characters;
    /// a topic level (`topicLevel`) also without '/', '+' and '#'. Empty when absent or bad.
    std::string name(const json& v, const std::string& path, bool topicLevel)
    {
        if (!v.is_string()) {
            problem(path, "expected a string, found " + std::string(v.type_name()));
            return {};
        }
        const auto s = v.get<std::string>();
        if (s.empty()) {
            problem(path, "must not be empty (leave the field out for the default)");
            return {};
        }
        if (s.size() > kMaxSparkplugNameBytes) {
            problem(path, "must be at most " + std::to_string(kMaxSparkplugNameBytes) +
                              " bytes, found " + std::to_string(s.size()));
            return {};
        }
        if (std::any_of(s.begin(), s.end(),
                        [](char c) { return static_cast<unsigned char>(c) < 0x20; })) {
            problem(path, "must not contain control characters");
            return {};
        }
        if (topicLevel && s.find_first_of("/+#") != std::string::npos) {
            problem(path, "\"" + s +
                              "\" is one MQTT topic level: it must not contain '/', '+' "
                              "or '#'");
            return {};
        }
        return s;
    }

    std::string field(const json& obj, const std::string& path, const char* key, bool topicLevel)
    {
        const auto it = obj.find(key);
        return it == obj.end() ? std::string() : name(*it, path + "/" + key, topicLevel);
    }

    bool object(const json& v, const std::string& path)
    {
        if (v.is_object())
            return true;
        problem(path, "expected an object, found " + std::string(v.type_name()));
        return false;
    }

private:
    std::vector<ManifestProblem>& m_problems;
};

template <typename Items> bool hasId(const Items& items, const std::string& id)
{
    return std::any_of(items.begin(), items.end(), [&](const auto& i) { return i.id == id; });
}

/// Reads `{"<id>": "<metric>", ...}` for ids of `items`.
template <typename Items>
std::map<std::string, std::string> readNames(SectionReader& r, const json& section, const char* key,
                                             const Items& items, const char* what)
{
    std::map<std::string, std::string> out;
    const auto it = section.find(key);
    const std::string path = std::string("/sparkplug/") + key;
    if (it == section.end() || !r.object(*it, path))
        return out;
    for (auto e = it->begin(); e != it->end(); ++e) {
        const std::string at = path + "/" + pointerToken(e.key());
        if (!hasId(items, e.key())) {
            r.problem(at, "unknown " + std::string(what) + " \"" + e.key() + "\"");
            continue;
        }
        if (auto n = r.name(*e, at, false); !n.empty())
            out[e.key()] = std::move(n);
    }
    return out;
}

} // namespace

ResolvedSparkplugMapping resolveSparkplugMapping(const Plant& plant)
{
    return resolveSparkplugMapping(plant, plant.sparkplug);
}

ResolvedSparkplugMapping resolveSparkplugMapping(const Plant& plant, const SparkplugMapping& m)
{
    ResolvedSparkplugMapping r;
    r.groupId = orDefault(m.groupId, plant.id);
    const std::string state = orDefault(m.stateMetric, kDefaultState);
    const std::string parts = orDefault(m.partsOutMetric, kDefaultPartsOut);
    r.checkPrefix = orDefault(m.checkPrefix, kDefaultCheckPrefix);
    for (const auto& s : plant.stations) {
        const auto o = m.stations.find(s.id);
        const SparkplugMapping::Station none;
        const auto& st = o == m.stations.end() ? none : o->second;
        r.deviceIds.push_back(orDefault(st.deviceId, s.id));
        r.stateMetrics.push_back(orDefault(st.stateMetric, state));
        r.partsOutMetrics.push_back(orDefault(st.partsOutMetric, parts));
    }
    for (const auto& c : plant.checkpoints) {
        const auto o = m.checkpoints.find(c.id);
        r.checkMetrics.push_back(o == m.checkpoints.end() ? r.checkPrefix + c.id : o->second);
    }
    for (const auto& c : plant.controlPoints) {
        const auto o = m.controlPoints.find(c.id);
        r.controlPointMetrics.push_back(o == m.controlPoints.end() ? m.controlPointPrefix + c.id
                                                                   : o->second);
    }
    return r;
}

SparkplugMapping parseSparkplugMapping(const json& section, const Plant& plant,
                                       std::vector<ManifestProblem>& problems)
{
    SectionReader r(problems);
    SparkplugMapping m;
    const std::size_t before = problems.size();
    if (!r.object(section, "/sparkplug"))
        return m;
    r.onlyKeys(section, "/sparkplug",
               {"group_id", "state_metric", "parts_out_metric", "check_prefix",
                "control_point_prefix", "stations", "checkpoints", "control_points"});
    m.groupId = r.field(section, "/sparkplug", "group_id", true);
    m.stateMetric = r.field(section, "/sparkplug", "state_metric", false);
    m.partsOutMetric = r.field(section, "/sparkplug", "parts_out_metric", false);
    m.checkPrefix = r.field(section, "/sparkplug", "check_prefix", false);
    m.controlPointPrefix = r.field(section, "/sparkplug", "control_point_prefix", false);

    if (const auto it = section.find("stations");
        it != section.end() && r.object(*it, "/sparkplug/stations")) {
        for (auto e = it->begin(); e != it->end(); ++e) {
            const std::string at = "/sparkplug/stations/" + pointerToken(e.key());
            if (plant.stationIndex(e.key()) < 0) {
                r.problem(at, "unknown station \"" + e.key() + "\"");
                continue;
            }
            if (!r.object(*e, at))
                continue;
            r.onlyKeys(*e, at, {"device_id", "state_metric", "parts_out_metric"});
            SparkplugMapping::Station st{r.field(*e, at, "device_id", true),
                                         r.field(*e, at, "state_metric", false),
                                         r.field(*e, at, "parts_out_metric", false)};
            if (st != SparkplugMapping::Station{})
                m.stations[e.key()] = std::move(st);
        }
    }
    m.checkpoints = readNames(r, section, "checkpoints", plant.checkpoints, "quality checkpoint");
    m.controlPoints = readNames(r, section, "control_points", plant.controlPoints, "control point");
    if (problems.size() != before)
        return m;

    // The resolved names must say one thing each: one device per station, and on each device
    // one meaning per metric name.
    const auto resolved = resolveSparkplugMapping(plant, m);
    const auto stationPath = [&](std::size_t s, const char* key) {
        const auto& id = plant.stations[s].id;
        return m.stations.count(id) ? "/sparkplug/stations/" + pointerToken(id) + "/" + key
                                    : std::string("/sparkplug");
    };
    std::map<std::string, std::size_t> deviceOf;
    for (std::size_t s = 0; s < plant.stations.size(); ++s) {
        const auto [it, fresh] = deviceOf.emplace(resolved.deviceIds[s], s);
        if (!fresh)
            r.problem(stationPath(s, "device_id"),
                      "device_id \"" + resolved.deviceIds[s] + "\" of station \"" +
                          plant.stations[s].id + "\" is already station \"" +
                          plant.stations[it->second].id + "\"'s device");
    }
    for (std::size_t s = 0; s < plant.stations.size(); ++s) {
        const auto& id = plant.stations[s].id;
        std::map<std::string, std::string> meaning; // metric name -> what it is
        const auto claim = [&](const std::string& name, const std::string& what,
                               const std::string& path) {
            const auto [it, fresh] = meaning.emplace(name, what);
            if (!fresh)
                r.problem(path, "metric \"" + name + "\" on device \"" + resolved.deviceIds[s] +
                                    "\" would be both " + it->second + " and " + what);
        };
        claim(resolved.stateMetrics[s], "the state of station \"" + id + "\"",
              stationPath(s, "state_metric"));
        claim(resolved.partsOutMetrics[s], "the parts counter of station \"" + id + "\"",
              stationPath(s, "parts_out_metric"));
        for (std::size_t i = 0; i < plant.checkpoints.size(); ++i)
            if (plant.checkpoints[i].station == id)
                claim(resolved.checkMetrics[i],
                      "quality checkpoint \"" + plant.checkpoints[i].id + "\"",
                      m.checkpoints.count(plant.checkpoints[i].id)
                          ? "/sparkplug/checkpoints/" + pointerToken(plant.checkpoints[i].id)
                          : std::string("/sparkplug"));
        for (std::size_t i = 0; i < plant.controlPoints.size(); ++i)
            if (plant.controlPoints[i].station == id)
                claim(resolved.controlPointMetrics[i],
                      "control point \"" + plant.controlPoints[i].id + "\"",
                      m.controlPoints.count(plant.controlPoints[i].id)
                          ? "/sparkplug/control_points/" + pointerToken(plant.controlPoints[i].id)
                          : std::string("/sparkplug"));
    }
    return m;
}

json sparkplugMappingToJson(const SparkplugMapping& m)
{
    json out = json::object();
    const auto put = [](json& j, const char* key, const std::string& v) {
        if (!v.empty())
            j[key] = v;
    };
    put(out, "group_id", m.groupId);
    put(out, "state_metric", m.stateMetric);
    put(out, "parts_out_metric", m.partsOutMetric);
    put(out, "check_prefix", m.checkPrefix);
    put(out, "control_point_prefix", m.controlPointPrefix);
    if (!m.stations.empty()) {
        json stations = json::object();
        for (const auto& [id, s] : m.stations) {
            json st = json::object();
            put(st, "device_id", s.deviceId);
            put(st, "state_metric", s.stateMetric);
            put(st, "parts_out_metric", s.partsOutMetric);
            stations[id] = std::move(st);
        }
        out["stations"] = std::move(stations);
    }
    if (!m.checkpoints.empty())
        out["checkpoints"] = m.checkpoints;
    if (!m.controlPoints.empty())
        out["control_points"] = m.controlPoints;
    return out;
}

} // namespace takt::twin
