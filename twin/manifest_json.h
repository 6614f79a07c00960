#pragma once

// Reading a plant manifest's JSON (manifest.cpp, and its "sparkplug" section in
// sparkplug_mapping.cpp): typed fields that record every problem with its JSON pointer instead of
// stopping at the first, and keys given twice in one object. Internal to twin's manifest readers;
// any thread.

#include "twin/manifest.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace takt::twin::manifest_json {

using nlohmann::json;

/// JSON pointer token (RFC 6901).
std::string pointerToken(const std::string& key);

/// Finds keys given twice in one object while nlohmann parses (it keeps the last silently).
class DuplicateKeys {
public:
    explicit DuplicateKeys(std::vector<ManifestProblem>& problems) : m_problems(problems) {}

    bool operator()(int /*depth*/, json::parse_event_t event, json& parsed);

private:
    struct Frame {
        bool array;
        std::size_t index;
        std::string key;
        std::set<std::string> keys;
    };
    void elementDone();
    /// Pointer of the innermost open object.
    std::string where() const;
    std::vector<ManifestProblem>& m_problems;
    std::vector<Frame> m_stack;
};

/// Reads fields of one JSON object, recording every problem instead of stopping at the first.
class Reader {
public:
    explicit Reader(std::vector<ManifestProblem>& problems) : m_problems(problems) {}
    /// Records a problem at the JSON pointer `path`.
    void problem(const std::string& path, std::string message);
    /// The field `key` of `obj` (at `path`), or nullptr: a problem when it is `required`.
    const json* field(const json& obj, const std::string& path, const char* key, bool required);
    /// A string field; a required one must not be empty.
    std::string string(const json& obj, const std::string& path, const char* key,
                       bool required = true);
    /// A finite number.
    std::optional<double> number(const json& obj, const std::string& path, const char* key,
                                 bool required = true);
    /// A number greater than zero.
    std::optional<double> positive(const json& obj, const std::string& path, const char* key,
                                   bool required = true);
    /// A number within [lo, hi] (the documented range, docs/plant-manifest.md); `unit` follows
    /// the limits in the message ("s", "" for none).
    std::optional<double> ranged(const json& obj, const std::string& path, const char* key,
                                 double lo, double hi, const char* unit, bool required = true);
    /// True when `d` lies in [lo, hi]; a problem naming the range when it does not.
    bool checkRange(const std::string& path, double d, double lo, double hi, const char* unit);
    /// An array field, or nullptr (a problem when it is not an array, or required and missing).
    const json* array(const json& obj, const std::string& path, const char* key, bool required);
    /// True when `v` is an object; a problem when it is not.
    bool object(const json& v, const std::string& path);
    /// `d` as the messages print it.
    static std::string format(double d);

private:
    std::vector<ManifestProblem>& m_problems;
};

/// The strings of the array `key` of `obj`, each non-empty (a problem for each that is not).
std::vector<std::string> readStrings(Reader& r, const json& obj, const std::string& path,
                                     const char* key, bool required);

} // namespace takt::twin::manifest_json
