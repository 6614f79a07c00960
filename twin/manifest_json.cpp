#include "twin/manifest_json.h"

#include <cmath>
#include <sstream>

namespace takt::twin::manifest_json {

std::string pointerToken(const std::string& key)
{
    std::string out;
    for (char c : key) {
        if (c == '~')
            out += "~0";
        else if (c == '/')
            out += "~1";
        else
            out += c;
    }
    return out;
}

bool DuplicateKeys::operator()(int /*depth*/, json::parse_event_t event, json& parsed)
{
    switch (event) {
    case json::parse_event_t::object_start:
        m_stack.push_back({false, 0, {}, {}});
        break;
    case json::parse_event_t::array_start:
        m_stack.push_back({true, 0, {}, {}});
        break;
    case json::parse_event_t::key: {
        auto& top = m_stack.back();
        top.key = parsed.get<std::string>();
        if (!top.keys.insert(top.key).second)
            m_problems.push_back({where() + "/" + pointerToken(top.key),
                                  "duplicate key \"" + top.key + "\" (only one may be given)"});
        break;
    }
    case json::parse_event_t::object_end:
    case json::parse_event_t::array_end:
        m_stack.pop_back();
        elementDone();
        break;
    case json::parse_event_t::value:
        elementDone();
        break;
    }
    return true;
}

void DuplicateKeys::elementDone()
{
    if (!m_stack.empty() && m_stack.back().array)
        ++m_stack.back().index;
}

std::string DuplicateKeys::where() const
{
    std::string out;
    for (std::size_t i = 0; i + 1 < m_stack.size(); ++i)
        out += "/" +
               (m_stack[i].array ? std::to_string(m_stack[i].index) : pointerToken(m_stack[i].key));
    return out;
}

void Reader::problem(const std::string& path, std::string message)
{
    m_problems.push_back({path, std::move(message)});
}

const json* Reader::field(const json& obj, const std::string& path, const char* key, bool required)
{
    auto it = obj.find(key);
    if (it == obj.end()) {
        if (required)
            problem(path, std::string("missing required field \"") + key + "\"");
        return nullptr;
    }
    return &*it;
}

std::string Reader::string(const json& obj, const std::string& path, const char* key, bool required)
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

std::optional<double> Reader::number(const json& obj, const std::string& path, const char* key,
                                     bool required)
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

std::optional<double> Reader::positive(const json& obj, const std::string& path, const char* key,
                                       bool required)
{
    auto d = number(obj, path, key, required);
    if (d && *d <= 0.0) {
        problem(path + "/" + key, "must be greater than zero, found " + format(*d));
        return std::nullopt;
    }
    return d;
}

std::optional<double> Reader::ranged(const json& obj, const std::string& path, const char* key,
                                     double lo, double hi, const char* unit, bool required)
{
    auto d = number(obj, path, key, required);
    if (d && !checkRange(path + "/" + key, *d, lo, hi, unit))
        return std::nullopt;
    return d;
}

bool Reader::checkRange(const std::string& path, double d, double lo, double hi, const char* unit)
{
    if (d >= lo && d <= hi)
        return true;
    const std::string u = *unit ? std::string(" ") + unit : std::string();
    problem(path, "must be between " + format(lo) + u + " and " + format(hi) + u + ", found " +
                      format(d));
    return false;
}

const json* Reader::array(const json& obj, const std::string& path, const char* key, bool required)
{
    const json* v = field(obj, path, key, required);
    if (v && !v->is_array()) {
        problem(path + "/" + key, "expected an array, found " + std::string(v->type_name()));
        return nullptr;
    }
    return v;
}

bool Reader::object(const json& v, const std::string& path)
{
    if (!v.is_object()) {
        problem(path, "expected an object, found " + std::string(v.type_name()));
        return false;
    }
    return true;
}

std::string Reader::format(double d)
{
    std::ostringstream s;
    s << d;
    return s.str();
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

} // namespace takt::twin::manifest_json
