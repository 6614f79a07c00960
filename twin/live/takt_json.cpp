#include "twin/live/takt_json.h"

#include <nlohmann/json.hpp>

#include <string_view>

namespace takt::twin::live {
namespace {

using nlohmann::json;

/// Each item's index by its id (the first, should two share one).
std::map<std::string, int, std::less<>> indexById(const auto& items)
{
    std::map<std::string, int, std::less<>> index;
    for (std::size_t i = 0; i < items.size(); ++i)
        index.emplace(items[i].id, static_cast<int>(i));
    return index;
}

int channelOf(const std::map<std::string, int, std::less<>>& index, std::string_view id)
{
    const auto it = index.find(id);
    return it == index.end() ? -1 : it->second;
}

/// Splits "a/b/c" into parts.
std::vector<std::string_view> splitTopic(std::string_view t)
{
    std::vector<std::string_view> out;
    std::size_t start = 0;
    for (;;) {
        const auto slash = t.find('/', start);
        out.push_back(t.substr(start, slash == std::string_view::npos ? slash : slash - start));
        if (slash == std::string_view::npos)
            return out;
        start = slash + 1;
    }
}

struct Fail {
    DecodeError kind;
    std::string detail;
};

/// Reads an optional integer field: nullopt if absent, Fail if of another type.
std::optional<std::int64_t> intField(const json& j, const char* name)
{
    const auto it = j.find(name);
    if (it == j.end() || it->is_null())
        return std::nullopt;
    if (!it->is_number_integer())
        throw Fail{DecodeError::WrongType, std::string("'") + name + "' is not an integer"};
    return it->get<std::int64_t>();
}

std::string stringField(const json& j, const char* name, bool required)
{
    const auto it = j.find(name);
    if (it == j.end() || it->is_null()) {
        if (required)
            throw Fail{DecodeError::Malformed, std::string("no '") + name + "'"};
        return {};
    }
    if (!it->is_string())
        throw Fail{DecodeError::WrongType, std::string("'") + name + "' is not a string"};
    return it->get<std::string>();
}

std::int64_t requiredInt(const json& j, const char* name)
{
    const auto v = intField(j, name);
    if (!v)
        throw Fail{DecodeError::Malformed, std::string("no '") + name + "'"};
    return *v;
}

TimeMs sourceTime(const json& j)
{
    const auto it = j.find("ts");
    if (it == j.end())
        throw Fail{DecodeError::Malformed, "no 'ts'"};
    if (it->is_number_integer())
        return it->get<TimeMs>();
    if (it->is_string()) {
        if (const auto t = parseIsoTime(it->get<std::string>()))
            return *t;
        throw Fail{DecodeError::WrongType, "'ts' is not an ISO 8601 time"};
    }
    throw Fail{DecodeError::WrongType, "'ts' is neither integer ms nor ISO 8601"};
}

} // namespace

TaktJsonDecoder::TaktJsonDecoder(const Plant& plant, DecoderOptions options)
    : PayloadDecoder(plant, options), m_prefix("takt/v1/" + plant.id + "/"),
      m_stations(indexById(plant.stations)), m_checkpoints(indexById(plant.checkpoints)),
      m_controlPoints(indexById(plant.controlPoints))
{
}

std::vector<std::string> TaktJsonDecoder::subscriptions() const
{
    return {m_prefix + "#"};
}

DecodeResult TaktJsonDecoder::decodeMessage(const RawMessage& m)
{
    DecodeResult r;
    try {
        if (m.topic.rfind(m_prefix, 0) != 0)
            throw Fail{DecodeError::UnknownTopic, "not under " + m_prefix};
        const auto parts = splitTopic(std::string_view(m.topic).substr(m_prefix.size()));
        const json j = json::parse(m.payload, nullptr, false);
        if (j.is_discarded())
            throw Fail{DecodeError::Malformed, "not JSON"};
        if (!j.is_object())
            throw Fail{DecodeError::Malformed, "not a JSON object"};
        const std::string producer = stringField(j, "producer", true);
        const std::int64_t seq = requiredInt(j, "seq");
        if (seq < 0)
            throw Fail{DecodeError::WrongType, "'seq' is negative"};
        const TimeMs t = sourceTime(j);

        // Envelope first: a duplicate is dropped before its body is looked at, and a message
        // whose body is bad still advances the sequence (it is an error, not a gap).
        std::uint64_t opened = 0;
        auto& tracker = m_producers[producer];
        const auto verdict = tracker.accept(static_cast<std::uint64_t>(seq), opened);
        m_counters.gaps += opened;
        if (verdict == SequenceTracker::Verdict::Duplicate) {
            r.duplicate = true;
            return r;
        }
        if (verdict == SequenceTracker::Verdict::FillsGap) {
            --m_counters.gaps;
            ++m_counters.lateFills;
        }

        if (parts.size() == 2 && parts[0] == "line" && parts[1] == "alarm") {
            if (const auto e = checkTime(t, m.receivedMs))
                throw Fail{*e, "ts " + formatIsoTime(t)};
            r.events.push_back(Event::alarm(t, -1, static_cast<int>(requiredInt(j, "severity")),
                                            stringField(j, "message", true)));
            return r;
        }
        if (parts.size() != 3)
            throw Fail{DecodeError::UnknownTopic, "not a Takt v1 topic"};
        const std::string_view family = parts[0], id = parts[1], what = parts[2];
        int channel = -1;
        if (family == "station")
            channel = channelOf(m_stations, id);
        else if (family == "checkpoint")
            channel = channelOf(m_checkpoints, id);
        else if (family == "control")
            channel = channelOf(m_controlPoints, id);
        else
            throw Fail{DecodeError::UnknownTopic, "unknown family '" + std::string(family) + "'"};
        if (channel < 0)
            throw Fail{DecodeError::UnknownStation, std::string(family) + " '" + std::string(id) +
                                                        "' is not in plant " + m_plant.id};
        if (const auto e = checkTime(t, m.receivedMs))
            throw Fail{*e, "ts " + formatIsoTime(t)};

        if (family == "station" && what == "state") {
            const auto state = stationStateFromString(stringField(j, "state", true));
            if (!state)
                throw Fail{DecodeError::WrongType, "'state' is not a station state"};
            r.events.push_back(
                Event::stateChange(t, channel, *state, stringField(j, "reason", false)));
        } else if (family == "station" && what == "part") {
            const std::string move = stringField(j, "move", true);
            if (move != "in" && move != "out")
                throw Fail{DecodeError::WrongType, "'move' is neither in nor out"};
            const auto part = requiredInt(j, "part");
            const auto config = intField(j, "config").value_or(0);
            r.events.push_back(move == "in" ? Event::partEnter(t, channel, part, config)
                                            : Event::partLeave(t, channel, part, config));
        } else if (family == "station" && what == "alarm") {
            r.events.push_back(Event::alarm(t, channel,
                                            static_cast<int>(requiredInt(j, "severity")),
                                            stringField(j, "message", true)));
        } else if (family == "checkpoint" && what == "result") {
            const auto result = qualityResultFromString(stringField(j, "result", true));
            if (!result)
                throw Fail{DecodeError::WrongType, "'result' is not pass, fail or rework"};
            r.events.push_back(Event::quality(t, channel, requiredInt(j, "part"),
                                              intField(j, "config").value_or(0), *result,
                                              stringField(j, "defect", false)));
        } else if (family == "control" && what == "value") {
            const auto it = j.find("value");
            if (it == j.end())
                throw Fail{DecodeError::Malformed, "no 'value'"};
            if (!it->is_number())
                throw Fail{DecodeError::WrongType, "'value' is not a number"};
            r.events.push_back(Event::measurement(t, channel, it->get<double>()));
        } else {
            throw Fail{DecodeError::UnknownTopic, "unknown message '" + std::string(what) + "'"};
        }
    } catch (const Fail& f) {
        r.events.clear();
        r.error = f.kind;
        r.detail = f.detail;
    } catch (const json::exception& e) {
        // Numbers out of range for their C++ type and the like.
        r.events.clear();
        r.error = DecodeError::WrongType;
        r.detail = e.what();
    }
    return r;
}

std::optional<TaktJsonMessage> encodeTaktJson(const Plant& plant, const Event& e,
                                              const std::string& producer, std::uint64_t seq)
{
    json j{{"producer", producer}, {"seq", seq}, {"ts", e.t}};
    const std::string base = "takt/v1/" + plant.id + "/";
    const auto station = [&]() -> const std::string* {
        if (e.channel < 0 || static_cast<std::size_t>(e.channel) >= plant.stations.size())
            return nullptr;
        return &plant.stations[static_cast<std::size_t>(e.channel)].id;
    };
    std::string topic;
    switch (e.kind) {
    case EventKind::StateChange:
        if (!station())
            return std::nullopt;
        topic = base + "station/" + *station() + "/state";
        j["state"] = toString(e.state());
        if (!e.text.empty())
            j["reason"] = e.text;
        break;
    case EventKind::PartEnter:
    case EventKind::PartLeave:
        if (!station())
            return std::nullopt;
        topic = base + "station/" + *station() + "/part";
        j["move"] = e.kind == EventKind::PartEnter ? "in" : "out";
        j["part"] = e.part;
        j["config"] = e.config;
        break;
    case EventKind::Quality:
        if (e.channel < 0 || static_cast<std::size_t>(e.channel) >= plant.checkpoints.size())
            return std::nullopt;
        topic = base + "checkpoint/" + plant.checkpoints[static_cast<std::size_t>(e.channel)].id +
                "/result";
        j["result"] = toString(e.result());
        j["part"] = e.part;
        j["config"] = e.config;
        if (!e.text.empty())
            j["defect"] = e.text;
        break;
    case EventKind::Measurement:
        if (e.channel < 0 || static_cast<std::size_t>(e.channel) >= plant.controlPoints.size())
            return std::nullopt;
        topic = base + "control/" + plant.controlPoints[static_cast<std::size_t>(e.channel)].id +
                "/value";
        j["value"] = e.value;
        break;
    case EventKind::Alarm:
        if (e.channel == -1)
            topic = base + "line/alarm";
        else if (station())
            topic = base + "station/" + *station() + "/alarm";
        else
            return std::nullopt;
        j["severity"] = e.code;
        j["message"] = e.text;
        break;
    }
    return TaktJsonMessage{std::move(topic), j.dump()};
}

} // namespace takt::twin::live
