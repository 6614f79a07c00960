#include "app/video_exporter.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QPainter>
#include <QProcess>
#include <QStandardPaths>

#include <cmath>

namespace takt::app {
namespace {

QString ffmpegProgram()
{
    const QByteArray forced = qgetenv("TAKT_FFMPEG");
    if (forced == "none")
        return {};
    if (!forced.isEmpty())
        return QString::fromLocal8Bit(forced);
    return QStandardPaths::findExecutable(QStringLiteral("ffmpeg"));
}

/// The frame as tightly packed RGB rows of the clip's size.
QImage normalised(const QImage& frame, QSize size)
{
    QImage rgb = frame.convertToFormat(QImage::Format_RGB888);
    if (rgb.size() != size)
        rgb = rgb.size().width() >= size.width() && rgb.size().height() >= size.height()
                  ? rgb.copy(0, 0, size.width(), size.height())
                  : rgb.scaled(size, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    return rgb;
}

} // namespace

int videoFrameCount(const VideoOptions& o)
{
    if (o.to <= o.from || o.fps <= 0 || o.speed <= 0)
        return 0;
    const double seconds = double(o.to - o.from) / 1000.0 / o.speed;
    return std::max(1, int(std::ceil(seconds * o.fps - 1e-6)));
}

twin::TimeMs videoFrameTime(const VideoOptions& o, int index)
{
    return o.from + twin::TimeMs(std::llround(double(index) * o.speed * 1000.0 / o.fps));
}

VideoResult exportVideo(const VideoOptions& o, const FrameSource& source,
                        const VideoProgress& progress)
{
    VideoResult result;
    const int total = videoFrameCount(o);
    if (total <= 0) {
        result.error = QStringLiteral("the segment is empty (--to must lie after --from)");
        return result;
    }
    QImage first = source(videoFrameTime(o, 0));
    if (first.isNull()) {
        result.error = QStringLiteral("the 3D view gave no frame");
        return result;
    }
    // H.264 in yuv420p wants even sizes.
    const QSize size(first.width() & ~1, first.height() & ~1);
    const QString ffmpeg = ffmpegProgram();
    QProcess process;
    QDir frameDir;
    if (ffmpeg.isEmpty()) {
        const QFileInfo info(o.out);
        result.pngSequence = true;
        result.output =
            info.path() + QLatin1Char('/') + info.completeBaseName() + QStringLiteral("-frames");
        if (!QDir().mkpath(result.output)) {
            result.error = QStringLiteral("cannot make the folder %1").arg(result.output);
            return result;
        }
        frameDir = QDir(result.output);
    } else {
        result.output = o.out;
        process.setProcessChannelMode(QProcess::SeparateChannels);
        process.start(ffmpeg,
                      {QStringLiteral("-y"), QStringLiteral("-loglevel"), QStringLiteral("error"),
                       QStringLiteral("-f"), QStringLiteral("rawvideo"), QStringLiteral("-pix_fmt"),
                       QStringLiteral("rgb24"), QStringLiteral("-s"),
                       QStringLiteral("%1x%2").arg(size.width()).arg(size.height()),
                       QStringLiteral("-r"), QString::number(o.fps), QStringLiteral("-i"),
                       QStringLiteral("-"), QStringLiteral("-c:v"), QStringLiteral("libx264"),
                       QStringLiteral("-pix_fmt"), QStringLiteral("yuv420p"), o.out});
        if (!process.waitForStarted(10'000)) {
            result.error = QStringLiteral("cannot start %1: %2").arg(ffmpeg, process.errorString());
            return result;
        }
    }
    auto fail = [&](const QString& why) {
        if (!result.pngSequence) {
            process.kill();
            process.waitForFinished(5000);
            QFile::remove(o.out);
        }
        result.error = why;
        return result;
    };
    for (int i = 0; i < total; ++i) {
        const QImage frame = normalised(i == 0 ? first : source(videoFrameTime(o, i)), size);
        if (frame.isNull())
            return fail(QStringLiteral("the 3D view gave no frame %1").arg(i));
        if (result.pngSequence) {
            if (!frame.save(frameDir.filePath(
                    QStringLiteral("frame-%1.png").arg(i, 5, 10, QLatin1Char('0')))))
                return fail(QStringLiteral("cannot write frames into %1").arg(result.output));
        } else {
            for (int y = 0; y < frame.height(); ++y)
                process.write(reinterpret_cast<const char*>(frame.constScanLine(y)),
                              frame.width() * 3);
            while (process.bytesToWrite() > 0)
                if (!process.waitForBytesWritten(30'000))
                    return fail(
                        QStringLiteral("ffmpeg stopped taking frames: %1")
                            .arg(QString::fromLocal8Bit(process.readAllStandardError()).trimmed()));
        }
        result.frames = i + 1;
        if (progress && !progress(i + 1, total)) {
            fail(QString());
            result.cancelled = true;
            return result;
        }
    }
    if (!result.pngSequence) {
        process.closeWriteChannel();
        if (!process.waitForFinished(120'000) || process.exitStatus() != QProcess::NormalExit ||
            process.exitCode() != 0)
            return fail(QStringLiteral("ffmpeg failed: %1")
                            .arg(QString::fromLocal8Bit(process.readAllStandardError()).trimmed()));
    }
    result.ok = true;
    return result;
}

void paintCaption(QImage& frame, const QString& left, const QString& right)
{
    if (frame.isNull())
        return;
    QPainter p(&frame);
    p.setRenderHint(QPainter::Antialiasing);
    const int h = std::max(24, frame.height() / 18);
    const QRect bar(0, frame.height() - h, frame.width(), h);
    p.fillRect(bar, QColor(16, 20, 26, 200));
    QFont font(QStringLiteral("DejaVu Sans"));
    font.setPixelSize(h * 9 / 16);
    p.setFont(font);
    p.setPen(QColor(240, 244, 248));
    const QRect text = bar.adjusted(h / 2, 0, -h / 2, 0);
    p.drawText(text, Qt::AlignLeft | Qt::AlignVCenter, left);
    p.drawText(text, Qt::AlignRight | Qt::AlignVCenter, right);
}

} // namespace takt::app
