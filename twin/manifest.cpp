#include "twin/manifest.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>
#include <set>
#include <sstream>

namespace takt::twin {

using nlohmann::json;

namespace {

std::string describe(std::string file, const std::vector<ManifestProblem>& problems)
{
    std::string out = std::move(file);
    if (!problems.empty()) {
        out += ": " + (problems.front().path.empty() ? std::string("/") : problems.front().path) +
               ": " + problems.front().message;
        if (problems.size() > 1)
            out += " (and " + std::to_string(problems.size() - 1) + " more)";
    }
    return out;
}

/// Reads fields of one JSON object, recording every problem instead of stopping at the first.
class Reader {
public:
    explicit Reader(std::vector<ManifestProblem>& problems) : m_problems(problems) {}

    void problem(const std::string& path, std::string message)
    {
        m_problems.push_back({path, std::move(message)});
    }

    const json* field(const json& obj, const std::string& path, const char* key, bool required)
    {
        auto it = obj.find(key);
        if (it == obj.end()) {
            if (required)
                problem(path, std::string("missing required field \"") + key + "\"");
            return nullptr;
        }
        return &*it;
    }

    std::string string(const json& obj, const std::string& path, const char* key,
                       bool required = true)
    {
        const json* v = field(obj, path, key, required);
        if (!v)
            return {};
        if (!v->is_string()) {
            problem(path + "/" + key, "expected a string, found " + std::string(v->type_name()));
            return {};
        }
        auto s = v->get<std::string>();
        if (required && s.empty())
            problem(path + "/" + key, "must not be empty");
        return s;
    }

    std::optional<double> number(const json& obj, const std::string& path, const char* key,
                                 bool required = true)
    {
        const json* v = field(obj, path, key, required);
        if (!v)
            return std::nullopt;
        if (!v->is_number()) {
            problem(path + "/" + key, "expected a number, found " + std::string(v->type_name()));
            return std::nullopt;
        }
        const double d = v->get<double>();
        if (!std::isfinite(d)) {
            problem(path + "/" + key, "must be a finite number");
            return std::nullopt;
        }
        return d;
    }

    std::optional<double> positive(const json& obj, const std::string& path, const char* key,
                                   bool required = true)
    {
        auto d = number(obj, path, key, required);
        if (d && *d <= 0.0) {
            problem(path + "/" + key, "must be greater than zero, found " + format(*d));
            return std::nullopt;
        }
        return d;
    }

    const json* array(const json& obj, const std::string& path, const char* key, bool required)
    {
        const json* v = field(obj, path, key, required);
        if (v && !v->is_array()) {
            problem(path + "/" + key, "expected an array, found " + std::string(v->type_name()));
            return nullptr;
        }
        return v;
    }

    bool object(const json& v, const std::string& path)
    {
        if (!v.is_object()) {
            problem(path, "expected an object, found " + std::string(v.type_name()));
            return false;
        }
        return true;
    }

    static std::string format(double d)
    {
        std::ostringstream s;
        s << d;
        return s.str();
    }

private:
    std::vector<ManifestProblem>& m_problems;
};

Distribution readDistribution(Reader& r, const json& v, const std::string& path)
{
    Distribution d;
    if (v.is_number()) { // Shorthand: a plain number is a deterministic time.
        d.meanS = v.get<double>();
        if (!(d.meanS > 0.0))
            r.problem(path, "cycle time must be greater than zero, found " +
                                Reader::format(d.meanS));
        return d;
    }
    if (!r.object(v, path))
        return d;
    const std::string dist = r.string(v, path, "dist", false);
    if (!dist.empty()) {
        if (auto k = distributionKindFromString(dist))
            d.kind = *k;
        else
            r.problem(path + "/dist", "unknown distribution \"" + dist +
                                          "\" (expected deterministic, normal or exponential)");
    }
    if (auto m = r.number(v, path, "mean_s")) {
        if (*m <= 0.0)
            r.problem(path + "/mean_s",
                      "cycle time must be greater than zero, found " + Reader::format(*m));
        d.meanS = *m;
    }
    if (d.kind == Distribution::Kind::Normal) {
        if (auto sd = r.number(v, path, "sd_s")) {
            if (*sd < 0.0)
                r.problem(path + "/sd_s", "standard deviation must not be negative");
            d.sdS = *sd;
        }
    }
    return d;
}

std::vector<std::string> readStrings(Reader& r, const json& obj, const std::string& path,
                                     const char* key, bool required)
{
    std::vector<std::string> out;
    const json* a = r.array(obj, path, key, required);
    if (!a)
        return out;
    for (std::size_t i = 0; i < a->size(); ++i) {
        const auto& e = (*a)[i];
        if (!e.is_string() || e.get<std::string>().empty())
            r.problem(path + "/" + key + "/" + std::to_string(i), "expected a non-empty string");
        else
            out.push_back(e.get<std::string>());
    }
    return out;
}

} // namespace

ManifestError::ManifestError(std::string file, std::vector<ManifestProblem> problems)
    : Error(describe(file, problems)), m_file(std::move(file)), m_problems(std::move(problems))
{
}

Plant parsePlantManifest(const std::string& text, const std::string& source,
                         const std::filesystem::path& baseDir)
{
    json root;
    try {
        root = json::parse(text);
    } catch (const json::parse_error& e) {
        // nlohmann reports a byte offset; turn it into line:column for the user.
        std::size_t line = 1, col = 1;
        for (std::size_t i = 0; i < e.byte && i < text.size(); ++i) {
            if (text[i] == '\n') {
                ++line;
                col = 1;
            } else {
                ++col;
            }
        }
        throw ManifestError(source, {{"", "not valid JSON at line " + std::to_string(line) +
                                              ", column " + std::to_string(col)}});
    }

    std::vector<ManifestProblem> problems;
    Reader r(problems);
    Plant plant;
    if (!r.object(root, ""))
        throw ManifestError(source, problems);

    if (const json* f = r.field(root, "", "format", false);
        f && (!f->is_string() || f->get<std::string>() != "takt-plant"))
        r.problem("/format", "expected \"takt-plant\"");
    if (const json* v = r.field(root, "", "version", false);
        v && (!v->is_number_integer() || v->get<int>() != 1))
        r.problem("/version", "unsupported manifest version (this Takt reads version 1)");

    plant.id = r.string(root, "", "id");
    plant.name = r.string(root, "", "name");
    if (auto t = r.positive(root, "", "takt_s"))
        plant.taktS = *t;

    const std::string layout = r.string(root, "", "layout", false);
    if (!layout.empty()) {
        std::filesystem::path p(layout);
        if (p.is_relative())
            p = baseDir / p;
        std::error_code ec;
        if (!std::filesystem::is_regular_file(p, ec))
            r.problem("/layout", "layout file not found: " + p.string());
        plant.layoutPath = std::filesystem::weakly_canonical(p, ec).string();
        if (ec)
            plant.layoutPath = p.string();
    }

    std::set<std::string> segmentIds;
    if (const json* segs = r.array(root, "", "segments", true)) {
        for (std::size_t i = 0; i < segs->size(); ++i) {
            const std::string path = "/segments/" + std::to_string(i);
            const auto& s = (*segs)[i];
            if (!r.object(s, path))
                continue;
            Segment seg{r.string(s, path, "id"), r.string(s, path, "name")};
            if (!seg.id.empty() && !segmentIds.insert(seg.id).second)
                r.problem(path + "/id", "duplicate segment id \"" + seg.id + "\"");
            plant.segments.push_back(std::move(seg));
        }
    }

    std::set<std::string> stationIds;
    if (const json* sts = r.array(root, "", "stations", true)) {
        if (sts->empty())
            r.problem("/stations", "a plant needs at least one station");
        for (std::size_t i = 0; i < sts->size(); ++i) {
            const std::string path = "/stations/" + std::to_string(i);
            const auto& s = (*sts)[i];
            if (!r.object(s, path))
                continue;
            Station st;
            st.id = r.string(s, path, "id");
            st.name = r.string(s, path, "name", false);
            if (st.name.empty())
                st.name = st.id;
            st.segment = r.string(s, path, "segment");
            if (!st.segment.empty() && !segmentIds.count(st.segment))
                r.problem(path + "/segment", "unknown segment \"" + st.segment + "\"");
            const std::string kind = r.string(s, path, "kind");
            if (!kind.empty()) {
                if (auto k = stationKindFromString(kind))
                    st.kind = *k;
                else
                    r.problem(path + "/kind", "unknown station kind \"" + kind + "\"");
            }
            if (const json* ct = r.field(s, path, "cycle_time", true))
                st.cycleTime = readDistribution(r, *ct, path + "/cycle_time");
            st.mtbfS = r.positive(s, path, "mtbf_s", false);
            st.mttrS = r.positive(s, path, "mttr_s", false);
            if (st.mtbfS.has_value() != st.mttrS.has_value())
                r.problem(path, "mtbf_s and mttr_s must be given together");
            if (const json* c = r.field(s, path, "capacity", false)) {
                if (!c->is_number_integer() || c->get<long long>() < 1)
                    r.problem(path + "/capacity", "capacity must be an integer of at least 1");
                else
                    st.capacity = static_cast<int>(c->get<long long>());
            }
            if (const json* n = r.field(s, path, "initial_parts", false)) {
                if (!n->is_number_integer() || n->get<long long>() < 0 ||
                    n->get<long long>() > st.capacity)
                    r.problem(path + "/initial_parts",
                              "initial_parts must be an integer from 0 to the capacity (" +
                                  std::to_string(st.capacity) + ")");
                else
                    st.initialParts = static_cast<int>(n->get<long long>());
            }
            st.nodes = readStrings(r, s, path, "nodes", false);
            if (!st.id.empty() && !stationIds.insert(st.id).second)
                r.problem(path + "/id", "duplicate station id \"" + st.id + "\"");
            plant.stations.push_back(std::move(st));
        }
    }

    if (const json* flow = r.array(root, "", "flow", true)) {
        for (std::size_t i = 0; i < flow->size(); ++i) {
            const std::string path = "/flow/" + std::to_string(i);
            const auto& e = (*flow)[i];
            if (!r.object(e, path))
                continue;
            FlowEdge edge{r.string(e, path, "from"), r.string(e, path, "to")};
            if (!edge.from.empty() && !stationIds.count(edge.from))
                r.problem(path + "/from", "unknown station \"" + edge.from + "\" in flow graph");
            if (!edge.to.empty() && !stationIds.count(edge.to))
                r.problem(path + "/to", "unknown station \"" + edge.to + "\" in flow graph");
            if (!edge.from.empty() && edge.from == edge.to)
                r.problem(path, "station \"" + edge.from + "\" flows into itself");
            plant.flow.push_back(std::move(edge));
        }
    }

    if (const json* conf = r.field(root, "", "configuration", false); conf && r.object(*conf, "/configuration")) {
        if (const json* dims = r.array(*conf, "/configuration", "dimensions", true)) {
            for (std::size_t i = 0; i < dims->size(); ++i) {
                const std::string path = "/configuration/dimensions/" + std::to_string(i);
                const auto& d = (*dims)[i];
                if (!r.object(d, path))
                    continue;
                ConfigurationDimension dim{r.string(d, path, "name"),
                                           readStrings(r, d, path, "options", true)};
                if (dim.options.empty())
                    r.problem(path + "/options", "a dimension needs at least one option");
                std::set<std::string> seen;
                for (const auto& o : dim.options)
                    if (!seen.insert(o).second)
                        r.problem(path + "/options", "duplicate option \"" + o + "\"");
                plant.configurationDimensions.push_back(std::move(dim));
            }
        }
    }

    std::set<std::string> checkIds;
    if (const json* qcs = r.array(root, "", "quality_checkpoints", false)) {
        for (std::size_t i = 0; i < qcs->size(); ++i) {
            const std::string path = "/quality_checkpoints/" + std::to_string(i);
            const auto& q = (*qcs)[i];
            if (!r.object(q, path))
                continue;
            QualityCheckpoint qc;
            qc.id = r.string(q, path, "id");
            qc.name = r.string(q, path, "name", false);
            if (qc.name.empty())
                qc.name = qc.id;
            qc.station = r.string(q, path, "station");
            if (!qc.station.empty() && !stationIds.count(qc.station))
                r.problem(path + "/station", "unknown station \"" + qc.station + "\"");
            if (auto d = r.number(q, path, "defect_rate")) {
                if (*d < 0.0 || *d > 1.0)
                    r.problem(path + "/defect_rate",
                              "must be a probability between 0 and 1, found " + Reader::format(*d));
                qc.defectRate = *d;
            }
            qc.defectCodes = readStrings(r, q, path, "defect_codes", false);
            if (!qc.id.empty() && !checkIds.insert(qc.id).second)
                r.problem(path + "/id", "duplicate quality checkpoint id \"" + qc.id + "\"");
            plant.checkpoints.push_back(std::move(qc));
        }
    }

    std::set<std::string> cpIds;
    if (const json* cps = r.array(root, "", "control_points", false)) {
        for (std::size_t i = 0; i < cps->size(); ++i) {
            const std::string path = "/control_points/" + std::to_string(i);
            const auto& c = (*cps)[i];
            if (!r.object(c, path))
                continue;
            ControlPoint cp;
            cp.id = r.string(c, path, "id");
            cp.name = r.string(c, path, "name", false);
            if (cp.name.empty())
                cp.name = cp.id;
            cp.station = r.string(c, path, "station");
            if (!cp.station.empty() && !stationIds.count(cp.station))
                r.problem(path + "/station", "unknown station \"" + cp.station + "\"");
            cp.unit = r.string(c, path, "unit", false);
            const auto target = r.number(c, path, "target");
            const auto lsl = r.number(c, path, "lsl");
            const auto usl = r.number(c, path, "usl");
            cp.target = target.value_or(0.0);
            cp.lsl = lsl.value_or(0.0);
            cp.usl = usl.value_or(0.0);
            if (lsl && usl && *lsl >= *usl)
                r.problem(path, "spec limits reversed: lsl " + Reader::format(*lsl) +
                                    " is not below usl " + Reader::format(*usl));
            else if (target && lsl && usl && (*target < *lsl || *target > *usl))
                r.problem(path + "/target", "target " + Reader::format(*target) +
                                                " lies outside the spec limits");
            if (auto n = r.number(c, path, "noise_sd", false)) {
                if (*n < 0.0)
                    r.problem(path + "/noise_sd", "must not be negative");
                cp.noiseSd = *n;
            }
            cp.driftPerH = r.number(c, path, "drift_per_h", false).value_or(0.0);
            if (auto s = r.positive(c, path, "sample_s", false))
                cp.sampleS = *s;
            if (!cp.id.empty() && !cpIds.insert(cp.id).second)
                r.problem(path + "/id", "duplicate control point id \"" + cp.id + "\"");
            plant.controlPoints.push_back(std::move(cp));
        }
    }

    if (!problems.empty())
        throw ManifestError(source, std::move(problems));
    return plant;
}

Plant loadPlantManifest(const std::filesystem::path& file)
{
    std::ifstream in(file, std::ios::binary);
    if (!in)
        throw ManifestError(file.string(), {{"", "cannot open file"}});
    std::ostringstream buf;
    buf << in.rdbuf();
    return parsePlantManifest(buf.str(), file.string(), file.parent_path());
}

std::string writePlantManifest(const Plant& plant, const std::string& layoutRef)
{
    json root;
    root["format"] = "takt-plant";
    root["version"] = 1;
    root["id"] = plant.id;
    root["name"] = plant.name;
    root["takt_s"] = plant.taktS;
    if (!layoutRef.empty())
        root["layout"] = layoutRef;
    root["segments"] = json::array();
    for (const auto& s : plant.segments)
        root["segments"].push_back({{"id", s.id}, {"name", s.name}});
    root["stations"] = json::array();
    for (const auto& s : plant.stations) {
        json st{{"id", s.id}, {"name", s.name}, {"segment", s.segment},
                {"kind", std::string(toString(s.kind))}};
        json ct{{"dist", std::string(toString(s.cycleTime.kind))}, {"mean_s", s.cycleTime.meanS}};
        if (s.cycleTime.kind == Distribution::Kind::Normal)
            ct["sd_s"] = s.cycleTime.sdS;
        st["cycle_time"] = ct;
        if (s.mtbfS && s.mttrS) {
            st["mtbf_s"] = *s.mtbfS;
            st["mttr_s"] = *s.mttrS;
        }
        if (s.capacity != 1)
            st["capacity"] = s.capacity;
        if (s.initialParts != 0)
            st["initial_parts"] = s.initialParts;
        if (!s.nodes.empty())
            st["nodes"] = s.nodes;
        root["stations"].push_back(std::move(st));
    }
    root["flow"] = json::array();
    for (const auto& e : plant.flow)
        root["flow"].push_back({{"from", e.from}, {"to", e.to}});
    json dims = json::array();
    for (const auto& d : plant.configurationDimensions)
        dims.push_back({{"name", d.name}, {"options", d.options}});
    root["configuration"] = {{"dimensions", dims}};
    root["quality_checkpoints"] = json::array();
    for (const auto& q : plant.checkpoints)
        root["quality_checkpoints"].push_back({{"id", q.id},
                                               {"name", q.name},
                                               {"station", q.station},
                                               {"defect_rate", q.defectRate},
                                               {"defect_codes", q.defectCodes}});
    root["control_points"] = json::array();
    for (const auto& c : plant.controlPoints)
        root["control_points"].push_back({{"id", c.id},
                                          {"name", c.name},
                                          {"station", c.station},
                                          {"unit", c.unit},
                                          {"target", c.target},
                                          {"lsl", c.lsl},
                                          {"usl", c.usl},
                                          {"noise_sd", c.noiseSd},
                                          {"drift_per_h", c.driftPerH},
                                          {"sample_s", c.sampleS}});
    return root.dump(2) + "\n";
}

} // namespace takt::twin
