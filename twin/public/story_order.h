#pragma once

#include "twin/events.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace takt::twin {

/// A note of a session that is a moment of its shift story: a bookmark or an annotation, by its
/// row id in the session file.
struct StoryNoteRef {
    enum class Kind { Bookmark, Annotation };
    Kind kind = Kind::Bookmark;
    std::int64_t id = 0;
    bool operator==(const StoryNoteRef&) const = default;
};

/// The `view_settings` key under which a recording's story order is kept ("story_order:<id>");
/// no schema change: the order is a view setting like the others (docs/session-schema.md).
std::string storyOrderSettingKey(std::int64_t recordingId);

/// The notes in the order the user gave the story, from the setting's JSON
/// (`{"moments":[{"bookmark":12},{"annotation":3},…]}`). Empty for no setting and for text that
/// is not such JSON (a damaged setting falls back to time order rather than failing the story).
/// Does not throw (except std::bad_alloc).
std::vector<StoryNoteRef> parseStoryOrder(const std::optional<std::string>& json);

/// The setting's JSON for an order (see parseStoryOrder).
std::string storyOrderJson(const std::vector<StoryNoteRef>& order);

/// The story order of items with the given times: the items named in `saved` first, in its
/// order, then each other item, earliest first, before the first item that comes later in time
/// (at the end when none does), so that a story never reordered stays in time order and a note
/// added to a reordered one lands among its neighbours in time. Returns indices into `times`.
/// `refs[i]` names item i; refs and times have the same size. Does not throw (except
/// std::bad_alloc).
std::vector<std::size_t> applyStoryOrder(const std::vector<StoryNoteRef>& refs,
                                         const std::vector<TimeMs>& times,
                                         const std::vector<StoryNoteRef>& saved);

/// Where an item at time `t` goes in a story whose items have `orderedTimes` (in story order):
/// before the first that comes later in time, else at the end (the rule of applyStoryOrder).
std::size_t storyInsertPosition(const std::vector<TimeMs>& orderedTimes, TimeMs t);

} // namespace takt::twin
