#pragma once

#include <QString>

#include <string_view>

namespace takt::app {

/// Text from a file (station ids, node names, notes) made safe to show in one line of the UI:
/// bidirectional controls (U+202A-U+202E, U+2066-U+2069, U+200E, U+200F, U+061C) and other
/// control characters are shown as ⟨U+XXXX⟩ instead of acting, so that a right-to-left override
/// in a station id cannot reverse the rest of the line it is shown in (issue 14), and a newline
/// cannot start a second one. Invalid UTF-8 shows as U+FFFD. Any thread.
QString displayText(std::string_view utf8);
QString displayText(const QString& text);

/// True for the characters displayText escapes.
bool isEscapedForDisplay(char32_t c);

} // namespace takt::app
