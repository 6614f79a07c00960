#pragma once

#include "twin/events.h"

#include <QImage>
#include <QString>

#include <functional>

namespace takt::app {

/// What part of a replay becomes a clip, and how.
struct VideoOptions {
    twin::TimeMs from = 0; ///< Replay time of the first frame (ms since the epoch).
    twin::TimeMs to = 0;   ///< Replay time where the clip ends (exclusive).
    double fps = 25.0;     ///< Frames per second of the clip.
    double speed = 60.0;   ///< Replay seconds per clip second.
    QString out;           ///< The clip (.mp4); see exportVideo() for the PNG fallback.
};

/// How an export ended.
struct VideoResult {
    bool ok = false;
    bool cancelled = false;
    bool pngSequence = false; ///< ffmpeg was missing: frames were written as PNG files.
    int frames = 0;           ///< Frames written.
    QString output;           ///< The clip, or the folder of PNG frames.
    QString error;            ///< One line when !ok and !cancelled.
};

/// The frame to show at a replay time; a null image fails the export.
using FrameSource = std::function<QImage(twin::TimeMs)>;
/// Called after each frame with (frames done, frames in all); returning false cancels.
using VideoProgress = std::function<bool(int, int)>;

/// Frames a clip of `options` has: the replay span divided by speed, times fps, rounded up.
int videoFrameCount(const VideoOptions& options);
/// Replay time of frame `index`.
twin::TimeMs videoFrameTime(const VideoOptions& options, int index);

/// Steps through the replay segment, takes each frame from `source` and pipes it as raw RGB
/// into ffmpeg (H.264, yuv420p; odd sizes are cropped to even). Without ffmpeg on the PATH
/// (or with TAKT_FFMPEG=none) it writes a PNG sequence into "<out without suffix>-frames/"
/// instead. A cancelled export removes its partial clip. GUI thread (the source may run a
/// local event loop). Never throws.
VideoResult exportVideo(const VideoOptions& options, const FrameSource& source,
                        const VideoProgress& progress);

/// Paints a caption bar along the bottom of a frame: `left` (time, plant) and `right` (speed,
/// bottleneck), sized to the frame so that it stays readable in a clip.
void paintCaption(QImage& frame, const QString& left, const QString& right);

} // namespace takt::app
