#include "twin/manifest.h"

#include "twin/input_file.h"
#include "twin/manifest_json.h"
#include "twin/sparkplug_mapping.h"

#include <nlohmann/json.hpp>

#include <algorithm>

#include <cmath>
#include <fstream>
#include <set>
#include <sstream>

namespace takt::twin {

using nlohmann::json;

namespace {

// Documented ranges (docs/plant-manifest.md, "Limits"). They keep every number the simulator
// and the views compute with finite and every output bounded.
constexpr double kMinTimeS = 0.001;     // Cycle and takt times: 1 ms ..
constexpr double kMaxTimeS = 1e6;       // .. about 11.6 days.
constexpr double kMaxMtbfS = 1e9;       // About 31 years.
constexpr double kMinSampleS = 0.01;    // Control points: at most 100 samples a second ..
constexpr double kMaxSampleS = 86400.0; // .. at least one a day.
constexpr long long kMaxCapacity = 1000000;
constexpr double kMaxValue = 1e12; // |target|, |lsl|, |usl|, noise_sd, |drift_per_h|.
constexpr double kMaxConfigurations = 1e12;
constexpr std::uintmax_t kMaxManifestBytes = std::uintmax_t{64} << 20;

using manifest_json::DuplicateKeys;
using manifest_json::Reader;
using manifest_json::readStrings;

/// True when `inner` lies inside the folder `base` (both made absolute, symbolic links resolved
/// where they exist).
bool isInside(const std::filesystem::path& inner, const std::filesystem::path& base)
{
    std::error_code ec;
    const auto b = std::filesystem::weakly_canonical(std::filesystem::absolute(base, ec), ec);
    const auto p = std::filesystem::weakly_canonical(std::filesystem::absolute(inner, ec), ec);
    if (ec)
        return false;
    const auto rel = p.lexically_relative(b);
    return !rel.empty() && *rel.begin() != ".." && !rel.is_absolute();
}

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

Distribution readDistribution(Reader& r, const json& v, const std::string& path)
{
    Distribution d;
    if (v.is_number()) { // Shorthand: a plain number is a deterministic time.
        d.meanS = v.get<double>();
        if (!(d.meanS > 0.0))
            r.problem(path,
                      "cycle time must be greater than zero, found " + Reader::format(d.meanS));
        else
            r.checkRange(path, d.meanS, kMinTimeS, kMaxTimeS, "s");
        return d;
    }
    if (!r.object(v, path))
        return d;
    const std::string dist = r.string(v, path, "dist", false);
    if (!dist.empty()) {
        if (auto k = distributionKindFromString(dist))
            d.kind = *k;
        else
            r.problem(path + "/dist",
                      "unknown distribution \"" + dist +
                          "\" (expected deterministic, normal, lognormal or exponential)");
    }
    if (auto m = r.number(v, path, "mean_s")) {
        if (*m <= 0.0)
            r.problem(path + "/mean_s",
                      "cycle time must be greater than zero, found " + Reader::format(*m));
        else
            r.checkRange(path + "/mean_s", *m, kMinTimeS, kMaxTimeS, "s");
        d.meanS = *m;
    }
    if (d.kind == Distribution::Kind::Normal || d.kind == Distribution::Kind::Lognormal) {
        if (auto sd = r.number(v, path, "sd_s")) {
            if (*sd < 0.0)
                r.problem(path + "/sd_s", "standard deviation must not be negative");
            else
                r.checkRange(path + "/sd_s", *sd, 0.0, kMaxTimeS, "s");
            d.sdS = *sd;
        }
    }
    return d;
}

} // namespace

ManifestError::ManifestError(std::string file, std::vector<ManifestProblem> problems)
    : Error(describe(file, problems)), m_file(std::move(file)), m_problems(std::move(problems))
{
}

Plant parsePlantManifest(const std::string& text, const std::string& source,
                         const std::filesystem::path& baseDir, LayoutPolicy layoutPolicy)
{
    json root;
    std::vector<ManifestProblem> problems;
    try {
        root = json::parse(text, DuplicateKeys(problems));
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
    } catch (const json::out_of_range&) {
        // nlohmann's error 406: a number such as 1e999 that no double holds. It carries no
        // position, and the parse stops there.
        throw ManifestError(source, {{"", "a number is too large to represent"}});
    } catch (const json::exception& e) {
        throw ManifestError(source, {{"", std::string("not valid JSON: ") + e.what()}});
    }

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
    if (auto t = r.positive(root, "", "takt_s");
        t && r.checkRange("/takt_s", *t, kMinTimeS, kMaxTimeS, "s"))
        plant.taktS = *t;
    if (auto t = r.positive(root, "", "live_stale_after_s", false);
        t && r.checkRange("/live_stale_after_s", *t, kMinTimeS, kMaxTimeS, "s"))
        plant.liveStaleAfterS = *t;

    const std::string layout = r.string(root, "", "layout", false);
    if (!layout.empty() && layoutPolicy == LayoutPolicy::InsideManifestFolder) {
        std::filesystem::path p(layout);
        const std::filesystem::path base = baseDir.empty() ? std::filesystem::path(".") : baseDir;
        if (p.is_relative())
            p = base / p;
        std::error_code ec;
        if (!isInside(p, base))
            r.problem("/layout", "layout path \"" + layout +
                                     "\" leaves the manifest's folder; keep the layout beside the "
                                     "manifest or give it on the command line");
        else if (const auto problem = inputFileProblem(p))
            r.problem("/layout", *problem == "no such file"
                                     ? "layout file not found: " + p.string()
                                     : "layout file " + p.string() + " " + *problem);
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
            if (st.mtbfS && !r.checkRange(path + "/mtbf_s", *st.mtbfS, kMinTimeS, kMaxMtbfS, "s"))
                st.mtbfS.reset();
            st.mttrS = r.positive(s, path, "mttr_s", false);
            if (st.mttrS && !r.checkRange(path + "/mttr_s", *st.mttrS, kMinTimeS, kMaxTimeS, "s"))
                st.mttrS.reset();
            if (s.contains("mtbf_s") != s.contains("mttr_s"))
                r.problem(path, "mtbf_s and mttr_s must be given together");
            if (const json* c = r.field(s, path, "capacity", false)) {
                if (!c->is_number_integer() || c->get<long long>() < 1 ||
                    c->get<long long>() > kMaxCapacity)
                    r.problem(path + "/capacity",
                              "capacity must be an integer of at least 1 and at most " +
                                  std::to_string(kMaxCapacity));
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

    if (const json* conf = r.field(root, "", "configuration", false);
        conf && r.object(*conf, "/configuration")) {
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
            double count = 1.0;
            for (const auto& d : plant.configurationDimensions)
                count *= double(std::max<std::size_t>(1, d.options.size()));
            if (count > kMaxConfigurations)
                r.problem("/configuration/dimensions", Reader::format(count) +
                                                           " build configurations; at most " +
                                                           Reader::format(kMaxConfigurations));
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
            const auto target = r.ranged(c, path, "target", -kMaxValue, kMaxValue, "");
            const auto lsl = r.ranged(c, path, "lsl", -kMaxValue, kMaxValue, "");
            const auto usl = r.ranged(c, path, "usl", -kMaxValue, kMaxValue, "");
            cp.target = target.value_or(0.0);
            cp.lsl = lsl.value_or(0.0);
            cp.usl = usl.value_or(0.0);
            if (lsl && usl && *lsl >= *usl)
                r.problem(path, "spec limits reversed: lsl " + Reader::format(*lsl) +
                                    " is not below usl " + Reader::format(*usl));
            else if (target && lsl && usl && (*target < *lsl || *target > *usl))
                r.problem(path + "/target",
                          "target " + Reader::format(*target) + " lies outside the spec limits");
            if (auto n = r.number(c, path, "noise_sd", false)) {
                if (*n < 0.0)
                    r.problem(path + "/noise_sd", "must not be negative");
                else
                    r.checkRange(path + "/noise_sd", *n, 0.0, kMaxValue, "");
                cp.noiseSd = *n;
            }
            cp.driftPerH =
                r.ranged(c, path, "drift_per_h", -kMaxValue, kMaxValue, "", false).value_or(0.0);
            if (auto s = r.positive(c, path, "sample_s", false);
                s && r.checkRange(path + "/sample_s", *s, kMinSampleS, kMaxSampleS, "s"))
                cp.sampleS = *s;
            if (!cp.id.empty() && !cpIds.insert(cp.id).second)
                r.problem(path + "/id", "duplicate control point id \"" + cp.id + "\"");
            plant.controlPoints.push_back(std::move(cp));
        }
    }

    if (const json* spb = r.field(root, "", "sparkplug", false))
        plant.sparkplug = parseSparkplugMapping(*spb, plant, problems);

    if (!problems.empty())
        throw ManifestError(source, std::move(problems));
    return plant;
}

namespace {

std::string readManifestFile(const std::filesystem::path& file)
{
    // A FIFO or /dev/zero would block or never end: refuse what is not a file of sane size.
    if (const auto problem = inputFileProblem(file, kMaxManifestBytes))
        throw ManifestError(file.string(), {{"", *problem}});
    std::ifstream in(file, std::ios::binary);
    if (!in)
        throw ManifestError(file.string(), {{"", "cannot open file"}});
    std::ostringstream buf;
    buf << in.rdbuf();
    return buf.str();
}

} // namespace

Plant loadPlantManifest(const std::filesystem::path& file)
{
    return parsePlantManifest(readManifestFile(file), file.string(), file.parent_path());
}

Plant loadPlantManifest(const std::filesystem::path& file, const std::filesystem::path& layout)
{
    Plant plant = parsePlantManifest(readManifestFile(file), file.string(), file.parent_path(),
                                     LayoutPolicy::Ignore);
    if (const auto problem = inputFileProblem(layout))
        throw ManifestError(layout.string(), {{"", "layout file " + *problem}});
    std::error_code ec;
    plant.layoutPath = std::filesystem::weakly_canonical(layout, ec).string();
    if (ec)
        plant.layoutPath = std::filesystem::absolute(layout, ec).string();
    return plant;
}

std::string writePlantManifest(const Plant& plant, const std::string& layoutRef)
{
    json root;
    root["format"] = "takt-plant";
    root["version"] = 1;
    root["id"] = plant.id;
    root["name"] = plant.name;
    root["takt_s"] = plant.taktS;
    if (plant.liveStaleAfterS != kDefaultLiveStaleAfterS)
        root["live_stale_after_s"] = plant.liveStaleAfterS;
    if (!layoutRef.empty())
        root["layout"] = layoutRef;
    root["segments"] = json::array();
    for (const auto& s : plant.segments)
        root["segments"].push_back({{"id", s.id}, {"name", s.name}});
    root["stations"] = json::array();
    for (const auto& s : plant.stations) {
        json st{{"id", s.id},
                {"name", s.name},
                {"segment", s.segment},
                {"kind", std::string(toString(s.kind))}};
        json ct{{"dist", std::string(toString(s.cycleTime.kind))}, {"mean_s", s.cycleTime.meanS}};
        if (s.cycleTime.kind == Distribution::Kind::Normal ||
            s.cycleTime.kind == Distribution::Kind::Lognormal)
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
    if (!plant.sparkplug.isDefault())
        root["sparkplug"] = sparkplugMappingToJson(plant.sparkplug);
    return root.dump(2) + "\n";
}

} // namespace takt::twin
