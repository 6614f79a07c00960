#include "app/export_actions.h"

#include "app/frame_grabber.h"
#include "app/main_window.h"
#include "app/render_commands.h"
#include "app/replay_controller.h"
#include "app/shift_report.h"
#include "app/video_exporter.h"
#include "render/scene_view.h"
#include "twin/log.h"

#include <QApplication>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QProgressDialog>
#include <QSpinBox>
#include <QStatusBar>

namespace takt::app {
namespace {

QString offsetText(twin::TimeMs ms)
{
    const auto s = std::max<twin::TimeMs>(0, ms) / 1000;
    return QStringLiteral("%1:%2:%3")
        .arg(s / 3600, 2, 10, QLatin1Char('0'))
        .arg(s / 60 % 60, 2, 10, QLatin1Char('0'))
        .arg(s % 60, 2, 10, QLatin1Char('0'));
}

} // namespace

ExportActions::ExportActions(MainWindow* window, QMenu* fileMenu)
    : QObject(window), m_window(window)
{
    auto* image = fileMenu->addAction(tr("Export &Image…"), this, &ExportActions::exportImage);
    image->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    fileMenu->addAction(tr("Export &Video…"), this, &ExportActions::exportVideo);
}

void ExportActions::exportImage()
{
    if (!m_window->document()) {
        m_window->statusBar()->showMessage(tr("Nothing to export: open a plant or a session first"),
                                           5000);
        return;
    }
    const QString path = QFileDialog::getSaveFileName(
        m_window, tr("Export image"), QStringLiteral("takt-view.png"), tr("PNG images (*.png)"));
    if (path.isEmpty())
        return;
    QString error;
    const QImage frame = exportImageTo(path, &error);
    if (frame.isNull()) {
        QMessageBox::warning(m_window, tr("Export image"),
                             tr("Cannot export %1: %2").arg(path, error));
        return;
    }
    m_window->statusBar()->showMessage(tr("Saved %1 (%2×%3)")
                                           .arg(QFileInfo(path).fileName())
                                           .arg(frame.width())
                                           .arg(frame.height()),
                                       8000);
}

QImage ExportActions::exportImageTo(const QString& path, QString* error)
{
    FrameGrabber grabber(m_window->sceneView());
    bool blank = true;
    const QImage frame = grabber.grabBlocking(FrameGrabber::Pacing{20, 100, 0}, &blank);
    if (blank) {
        *error = tr("the 3D view is blank");
        return {};
    }
    if (!frame.save(path)) {
        *error = tr("cannot write the file");
        return {};
    }
    return frame;
}

void ExportActions::exportVideo()
{
    auto* replay = m_window->replay();
    const auto* doc = m_window->document();
    if (!doc || !replay->hasRecording()) {
        m_window->statusBar()->showMessage(tr("Export Video needs a session with a recording"),
                                           5000);
        return;
    }
    replay->pause();
    const twin::TimeMs start = replay->startMs();
    const twin::TimeMs was = replay->position();

    QDialog dialog(m_window);
    dialog.setWindowTitle(tr("Export video"));
    auto* form = new QFormLayout(&dialog);
    auto* from = new QLineEdit(offsetText(was - start), &dialog);
    auto* to =
        new QLineEdit(offsetText(std::min(replay->endMs(), was + 10 * 60'000) - start), &dialog);
    auto* fps = new QSpinBox(&dialog);
    fps->setRange(1, 60);
    fps->setValue(25);
    auto* speed = new QDoubleSpinBox(&dialog);
    speed->setRange(0.1, 3600);
    speed->setValue(60);
    speed->setSuffix(QStringLiteral("×"));
    form->addRow(tr("From (offset or ISO 8601)"), from);
    form->addRow(tr("To"), to);
    form->addRow(tr("Frames per second"), fps);
    form->addRow(tr("Replay speed"), speed);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    if (dialog.exec() != QDialog::Accepted)
        return;

    VideoOptions options;
    const auto f = twin::resolveTimeArgument(from->text().toStdString(), start);
    const auto t = twin::resolveTimeArgument(to->text().toStdString(), start);
    if (!f || !t || *t <= *f) {
        QMessageBox::warning(
            m_window, tr("Export video"),
            tr("Give From and To as offsets like 02:15:00 or ISO 8601 times, To after From."));
        return;
    }
    options.from = std::clamp(*f, start, replay->endMs());
    options.to = std::clamp(*t, start, replay->endMs());
    options.fps = fps->value();
    options.speed = speed->value();
    options.out = QFileDialog::getSaveFileName(
        m_window, tr("Export video"), QStringLiteral("takt-clip.mp4"), tr("MP4 video (*.mp4)"));
    if (options.out.isEmpty())
        return;

    const int total = videoFrameCount(options);
    QProgressDialog progress(tr("Rendering %1 frames…").arg(total), tr("Cancel"), 0, total,
                             m_window);
    progress.setWindowModality(Qt::WindowModal);
    progress.setMinimumDuration(0);
    const VideoResult r = exportVideoTo(options, [&](int done, int) {
        progress.setValue(done);
        return !progress.wasCanceled();
    });
    progress.reset();
    if (r.cancelled)
        m_window->statusBar()->showMessage(tr("Video export cancelled"), 5000);
    else if (!r.ok)
        QMessageBox::warning(m_window, tr("Export video"),
                             tr("Cannot export the video: %1").arg(r.error));
    else
        m_window->statusBar()->showMessage(
            r.pngSequence
                ? tr("ffmpeg not found: wrote %1 PNG frames into %2").arg(r.frames).arg(r.output)
                : tr("Saved %1 (%2 frames)").arg(QFileInfo(r.output).fileName()).arg(r.frames),
            10000);
}

VideoResult ExportActions::exportVideoTo(const VideoOptions& options, const VideoProgress& progress)
{
    auto* replay = m_window->replay();
    const auto* doc = m_window->document();
    if (!doc || !replay->hasRecording()) {
        VideoResult none;
        none.error = tr("no session with a recording is open");
        return none;
    }
    replay->pause();
    const twin::TimeMs was = replay->position();
    FrameGrabber grabber(m_window->sceneView());
    const bool animated = m_window->sceneView()->animated();
    m_window->sceneView()->setAnimated(false); // no pulsing beacon between frames
    const FrameSource source = [&](twin::TimeMs at) {
        replay->seek(at);
        bool blank = true;
        QImage frame = grabber.grabBlocking(FrameGrabber::Pacing{20, 100, 1}, &blank);
        if (blank)
            return QImage();
        QString right;
        const QString left = frameCaption(*doc, *replay, options.speed, &right);
        frame = frame.convertToFormat(QImage::Format_RGB32);
        paintCaption(frame, left, right);
        return frame;
    };
    const VideoResult r = app::exportVideo(options, source, progress);
    m_window->sceneView()->setAnimated(animated);
    replay->seek(was);
    return r;
}

} // namespace takt::app
