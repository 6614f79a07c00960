#include "twin/story_order.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <numeric>

namespace takt::twin {

std::string storyOrderSettingKey(std::int64_t recordingId)
{
    return "story_order:" + std::to_string(recordingId);
}

std::vector<StoryNoteRef> parseStoryOrder(const std::optional<std::string>& json)
{
    std::vector<StoryNoteRef> order;
    if (!json)
        return order;
    const auto doc = nlohmann::json::parse(*json, nullptr, false);
    if (doc.is_discarded() || !doc.is_object() || !doc.contains("moments") ||
        !doc["moments"].is_array())
        return order;
    for (const auto& m : doc["moments"]) {
        if (!m.is_object())
            continue;
        if (const auto b = m.find("bookmark"); b != m.end() && b->is_number_integer())
            order.push_back({StoryNoteRef::Kind::Bookmark, b->get<std::int64_t>()});
        else if (const auto a = m.find("annotation"); a != m.end() && a->is_number_integer())
            order.push_back({StoryNoteRef::Kind::Annotation, a->get<std::int64_t>()});
    }
    return order;
}

std::string storyOrderJson(const std::vector<StoryNoteRef>& order)
{
    nlohmann::json moments = nlohmann::json::array();
    for (const auto& r : order)
        moments.push_back(
            {{r.kind == StoryNoteRef::Kind::Bookmark ? "bookmark" : "annotation", r.id}});
    return nlohmann::json{{"moments", std::move(moments)}}.dump();
}

std::size_t storyInsertPosition(const std::vector<TimeMs>& orderedTimes, TimeMs t)
{
    const auto it =
        std::find_if(orderedTimes.begin(), orderedTimes.end(), [t](TimeMs x) { return x > t; });
    return std::size_t(it - orderedTimes.begin());
}

std::vector<std::size_t> applyStoryOrder(const std::vector<StoryNoteRef>& refs,
                                         const std::vector<TimeMs>& times,
                                         const std::vector<StoryNoteRef>& saved)
{
    std::vector<std::size_t> out;
    std::vector<bool> placed(refs.size(), false);
    for (const auto& s : saved)
        for (std::size_t i = 0; i < refs.size(); ++i)
            if (!placed[i] && refs[i] == s) {
                out.push_back(i);
                placed[i] = true;
                break;
            }
    std::vector<std::size_t> rest;
    for (std::size_t i = 0; i < refs.size(); ++i)
        if (!placed[i])
            rest.push_back(i);
    std::stable_sort(rest.begin(), rest.end(),
                     [&](std::size_t a, std::size_t b) { return times[a] < times[b]; });
    std::vector<TimeMs> orderedTimes;
    for (const auto i : out)
        orderedTimes.push_back(times[i]);
    for (const auto i : rest) {
        const auto at = storyInsertPosition(orderedTimes, times[i]);
        out.insert(out.begin() + std::ptrdiff_t(at), i);
        orderedTimes.insert(orderedTimes.begin() + std::ptrdiff_t(at), times[i]);
    }
    return out;
}

} // namespace takt::twin
