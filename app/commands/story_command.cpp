#include "app/story_command.h"

#include "app/command_line.h"
#include "app/replay_controller.h"
#include "app/render_commands.h"
#include "app/shift_story.h"
#include "app/story_pdf.h"
#include "app/time_format.h"
#include "app/video_exporter.h"
#include "app/view_renderer.h"
#include "render/scene_view.h"

#include <QImage>
#include <QPainter>

#include <algorithm>
#include <iostream>

namespace takt::app {
namespace {

/// Points the view at a moment: its camera, its station in view (a moment about a station),
/// or the whole layout; its station highlighted.
void showMoment(ViewRenderer& renderer, const StoryMoment& m)
{
    auto* view = renderer.view();
    view->setSelectedStation(m.station);
    if (m.camera) {
        view->setCameraView(*m.camera);
        return;
    }
    view->fitAll();
    if (m.frameStation) {
        view->fitSelection(); // from the overview's direction, so the same for every run
        view->setCameraView(widenedView(view->cameraView(), kStationMomentWidening));
    }
}

int writePdf(ViewRenderer& renderer, const ShiftStory& story, const QString& out)
{
    std::vector<QImage> views;
    for (std::size_t i = 0; i < story.moments.size(); ++i) {
        const auto& m = story.moments[i];
        std::cerr << "takt story: moment " << i + 1 << "/" << story.moments.size() << " at "
                  << formatOffsetHm(m.t - story.start).toStdString() << std::endl;
        showMoment(renderer, m);
        bool blank = true;
        const QImage image = renderer.renderAt(m.t, &blank);
        views.push_back(blank ? QImage() : image);
    }
    if (reportedDamage(renderer, "story"))
        return kExitFailure;
    writeStoryPdf(story, views, out);
    std::cerr << "takt story: wrote " << out.toStdString() << " (" << story.moments.size()
              << " pages)\n";
    return kExitOk;
}

/// The moment's caption over the bottom of a frame: the caption in bold, then the loss of its
/// minutes on the left and the time and the moment's number on the right, each elided to fit.
void paintStoryCaption(QImage& frame, const QString& caption, const QString& loss,
                       const QString& right)
{
    QPainter p(&frame);
    p.setRenderHint(QPainter::Antialiasing);
    const int line = std::max(18, frame.height() / 20);
    const QRect bar(0, frame.height() - 2 * line - line / 2, frame.width(), 2 * line + line / 2);
    p.fillRect(bar, QColor(16, 20, 26, 210));
    const QRect inner = bar.adjusted(line / 2, line / 4, -line / 2, -line / 4);
    QFont font(QStringLiteral("DejaVu Sans"));
    font.setPixelSize(line * 3 / 4);
    font.setBold(true);
    p.setFont(font);
    p.setPen(QColor(250, 252, 255));
    const QRect top(inner.left(), inner.top(), inner.width(), line);
    p.drawText(top, Qt::AlignLeft | Qt::AlignVCenter,
               p.fontMetrics().elidedText(caption, Qt::ElideRight, top.width()));
    font.setBold(false);
    font.setPixelSize(line * 9 / 16);
    p.setFont(font);
    p.setPen(QColor(200, 210, 222));
    const QRect bottom(inner.left(), inner.top() + line, inner.width(), line);
    const int rightW = p.fontMetrics().horizontalAdvance(right);
    p.drawText(bottom, Qt::AlignRight | Qt::AlignVCenter, right);
    p.drawText(bottom.adjusted(0, 0, -rightW - line, 0), Qt::AlignLeft | Qt::AlignVCenter,
               p.fontMetrics().elidedText(loss, Qt::ElideRight, bottom.width() - rightW - line));
}

/// One clip section per moment, all of the same replay span (the window around the moment,
/// shifted inside the recording), played one after the other: the clip's own time runs over
/// the sections and each frame is mapped back to its moment's replay time.
int writeVideo(ViewRenderer& renderer, const ShiftStory& story, twin::TimeMs spanMs,
               VideoOptions options)
{
    auto* replay = renderer.replay();
    spanMs = std::max<twin::TimeMs>(1000, std::min(spanMs, replay->endMs() - replay->startMs()));
    std::vector<twin::TimeMs> starts;
    for (const auto& m : story.moments)
        starts.push_back(std::clamp(m.t - spanMs / 2, replay->startMs(), replay->endMs() - spanMs));
    const auto n = twin::TimeMs(story.moments.size());
    options.from = 0;
    options.to = n * spanMs;
    std::size_t shown = story.moments.size();
    const FrameSource source = [&](twin::TimeMs clipT) {
        const auto i = std::size_t(std::clamp<twin::TimeMs>(clipT / spanMs, 0, n - 1));
        const auto& m = story.moments[i];
        if (i != shown) {
            showMoment(renderer, m);
            shown = i;
        }
        bool blank = true;
        QImage frame = renderer.renderAt(starts[i] + clipT - twin::TimeMs(i) * spanMs, &blank);
        if (blank)
            return QImage();
        frame = frame.convertToFormat(QImage::Format_RGB32);
        const QString right = QStringLiteral("%1  ·  %2/%3")
                                  .arg(formatOffsetHms(replay->position() - story.start))
                                  .arg(i + 1)
                                  .arg(n);
        paintStoryCaption(frame, m.caption, m.loss == m.caption ? QString() : m.loss, right);
        return frame;
    };
    const int total = videoFrameCount(options);
    std::cerr << "takt story: " << n << " sections, " << total << " frames at " << options.fps
              << " fps\n";
    int lastReported = -1;
    bool damage = false;
    const VideoResult r = exportVideo(options, source, [&](int done, int all) {
        // A damaged page met: the export stops and its partial clip is removed.
        if (reportedDamage(renderer, "story")) {
            damage = true;
            return false;
        }
        if (const int tenth = done * 10 / all; tenth != lastReported) {
            lastReported = tenth;
            std::cerr << "takt story: frame " << done << "/" << all << std::endl;
        }
        return true;
    });
    if (damage)
        return kExitFailure;
    if (!r.ok) {
        std::cerr << "takt story: " << r.error.toStdString() << "\n";
        return kExitFailure;
    }
    if (r.pngSequence)
        std::cerr << "takt story: ffmpeg not found; wrote " << r.frames << " PNG frames into "
                  << r.output.toStdString() << "\n";
    else
        std::cerr << "takt story: wrote " << r.output.toStdString() << " (" << r.frames
                  << " frames)\n";
    return kExitOk;
}

} // namespace

int runStory(const CommandLine& line)
{
    const std::string file = line.text("SESSION.takt");
    const QString out = QString::fromStdString(line.text("out"));
    const bool pdf = out.endsWith(QStringLiteral(".pdf"), Qt::CaseInsensitive);
    if (!pdf && !out.endsWith(QStringLiteral(".mp4"), Qt::CaseInsensitive)) {
        std::cerr << "takt story: --out " << out.toStdString()
                  << " must end in .pdf (one page per moment) or .mp4 (one clip section per "
                     "moment)\n";
        return kExitUsage;
    }
    const auto windowMs = twin::TimeMs(line.real("minutes") * 60'000.0);
    VideoOptions options;
    options.fps = line.real("fps");
    options.speed = line.real("speed");
    options.out = out;
    const QSize size = pdf ? QSize(1400, 900) : line.size("size");
    return withRenderingApp(line, [&]() -> int {
        ViewRenderer renderer(size);
        const QString error = renderer.openBlocking(QString::fromStdString(file));
        if (!error.isEmpty()) {
            std::cerr << "takt story: " << file << ": " << error.toStdString() << "\n";
            return kExitFailure;
        }
        if (!renderer.document()->isSession()) {
            std::cerr << "takt story: " << file << ": not a session with a recording\n";
            return kExitFailure;
        }
        const ShiftStory story =
            buildShiftStory(*renderer.document(), windowMs / 2, line.has("events"));
        if (story.moments.empty()) {
            std::cerr << "takt story: " << file
                      << ": no bookmarks or annotations to tell a story of (add them in the "
                         "Bookmarks dock, Ctrl+B, or add --events)\n";
            return kExitFailure;
        }
        return pdf ? writePdf(renderer, story, out)
                   : writeVideo(renderer, story, windowMs, options);
    });
}

} // namespace takt::app
