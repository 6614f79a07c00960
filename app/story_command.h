#pragma once

namespace takt::app {

class CommandLine;

/// `takt story SESSION.takt --out STORY.pdf|STORY.mp4 [--minutes M] [--fps N] [--speed X]
/// [--size WxH]`: the session's bookmarks and annotations as a story (app/shift_story.h), one
/// PDF page or one clip section per moment. Needs an X display; errors in one line on stderr;
/// returns the exit code (ExitCode).
int runStory(const CommandLine& line);

} // namespace takt::app
