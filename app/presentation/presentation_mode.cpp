#include "app/presentation_mode.h"

#include "app/main_window.h"
#include "app/overlay_legend.h"
#include "app/presentation_tiles.h"
#include "app/replay_controller.h"
#include "app/session_notes.h"
#include "app/time_format.h"
#include "app/timeline_bar.h"
#include "twin/kpi.h"

#include <QAction>
#include <QDockWidget>
#include <QEvent>
#include <QLabel>
#include <QLayout>
#include <QMenu>
#include <QMenuBar>
#include <QScreen>
#include <QShortcut>
#include <QStatusBar>

#include <algorithm>
#include <cmath>
#include <exception>

namespace takt::app {
namespace {

constexpr int kMoveMs = 4000; ///< Camera move from one view to the next.
constexpr int kHoldMs = 5000; ///< Pause on each view.
constexpr int kKpiRefreshMs = 2000;
constexpr int kSlimTimelinePx = 44; ///< The scrubber's height in presentation.

QString pct(double v)
{
    return QString::number(v * 100.0, 'f', 1) + QStringLiteral(" %");
}

} // namespace

PresentationMode::PresentationMode(MainWindow* window, QMenu* viewMenu)
    : QObject(window), m_window(window)
{
    m_action = viewMenu->addAction(tr("&Presentation"));
    m_action->setCheckable(true);
    m_action->setShortcut(QKeySequence(Qt::Key_F11));
    m_action->setShortcutContext(Qt::ApplicationShortcut);
    connect(m_action, &QAction::toggled, this, &PresentationMode::setActive);
    auto* story = viewMenu->addAction(tr("Play &Story"));
    story->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F11));
    story->setShortcutContext(Qt::ApplicationShortcut);
    connect(story, &QAction::triggered, this, [this] { playStory(); });
    auto* escape = new QShortcut(QKeySequence(Qt::Key_Escape), window);
    escape->setContext(Qt::ApplicationShortcut);
    connect(escape, &QShortcut::activated, this, [this] { setActive(false); });

    // A presenter's clicker sends Page Down / Page Up; the arrows do the same from a keyboard.
    const std::pair<Qt::Key, int> keys[] = {{Qt::Key_PageDown, 1}, {Qt::Key_Right, 1},
                                            {Qt::Key_Down, 1},     {Qt::Key_PageUp, -1},
                                            {Qt::Key_Left, -1},    {Qt::Key_Up, -1}};
    for (const auto& [key, delta] : keys) {
        auto* shortcut = new QShortcut(QKeySequence(key), window);
        shortcut->setContext(Qt::ApplicationShortcut);
        shortcut->setEnabled(false);
        connect(shortcut, &QShortcut::activated, this, [this, d = delta] { step(d); });
        m_clicker.push_back(shortcut);
    }

    window->installEventFilter(this);
    m_kpiTimer.setInterval(kKpiRefreshMs);
    connect(&m_kpiTimer, &QTimer::timeout, this, &PresentationMode::updateKpis);
    m_tourTimer.setInterval(33);
    connect(&m_tourTimer, &QTimer::timeout, this, &PresentationMode::tourFrame);
    // A view saved (or deleted) during the presentation joins (or leaves) the running tour.
    connect(window->notes(), &SessionNotes::changed, this, [this] {
        if (m_active && !m_storyPlaying)
            startTour();
    });
}

void PresentationMode::setActive(bool active)
{
    if (active == m_active)
        return;
    m_active = active;
    m_action->setChecked(active);
    active ? enter() : leave();
}

void PresentationMode::enter()
{
    if (!m_tiles)
        m_tiles = new PresentationTiles(m_window->sceneView(), 4);
    m_state = m_window->saveState();
    m_geometry = m_window->geometry();
    m_wasMaximized = m_window->isMaximized();
    m_wasFullScreen = m_window->isFullScreen();
    m_legendVisible = m_window->legend()->isVisible();
    m_before = m_window->sceneView()->cameraView();
    auto settings = m_window->sceneView()->overlaySettings();
    settings.labelScale = 1.35f; // read from across the room; more piles labels up in the overview
    m_window->sceneView()->setOverlaySettings(settings);
    // Every engineering dock goes, whoever added it; restoreState() brings back the same ones.
    for (auto* dock : m_window->findChildren<QDockWidget*>())
        dock->hide();
    m_window->menuBar()->hide();
    m_window->statusBar()->hide();
    m_window->legend()->hide();
    m_window->timeline()->scrubber()->setMaximumHeight(kSlimTimelinePx);
    // The window's minimum size follows the hidden docks now, not at the next layout pass: from a
    // window larger than the screen, with the docks side by side (611 px high at least), the
    // old minimum held against setGeometry() and the window stayed taller than a 960 x 540
    // screen (1,920 x 1,080 at scale 2), the caption and the timeline below its bottom.
    m_window->layout()->activate();
    auto* screen = m_window->screen();
    m_window->showFullScreen();
    // Without a window manager nobody acts on the full-screen request: cover the screen here.
    if (screen)
        m_window->setGeometry(screen->geometry());
    m_tiles->setVisible(true);
    for (auto* shortcut : m_clicker)
        shortcut->setEnabled(true);
    updateKpis();
    m_kpiTimer.start();
    startTour();
}

bool PresentationMode::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_window && event->type() == QEvent::Resize && m_restorePending && !m_active &&
        m_window->size() == m_geometry.size()) {
        m_restorePending = false;
        QTimer::singleShot(0, this, [this] { m_window->restoreState(m_state); });
    }
    return QObject::eventFilter(watched, event);
}

void PresentationMode::startTour()
{
    m_tour = tourViews();
    m_index = 0;
    m_moving = false;
    m_tourClock.start();
    if (!m_tour.empty())
        m_tourTimer.start();
    else
        m_tourTimer.stop();
}

void PresentationMode::step(int delta)
{
    if (!m_active || m_tour.empty())
        return;
    const auto n = std::ptrdiff_t(m_tour.size());
    m_from = m_window->sceneView()->cameraView();
    m_index = std::size_t(((std::ptrdiff_t(m_index) + delta) % n + n) % n);
    m_moving = true;
    m_tourClock.start();
    if (m_storyPlaying)
        showMoment(m_index);
}

bool PresentationMode::playStory()
{
    const auto* doc = m_window->document();
    if (!doc || !doc->isSession())
        return false;
    try {
        m_story = buildShiftStory(*doc, kStoryLeadMs);
    } catch (const std::exception&) {
        m_story = {};
    }
    if (m_story.moments.empty()) {
        m_window->statusBar()->showMessage(
            tr("No bookmarks or annotations to tell a story of (Ctrl+B adds a bookmark)"), 8000);
        return false;
    }
    setActive(true);
    // The moments' cameras are the tour; a moment without one looks at the whole layout.
    auto* view = m_window->sceneView();
    const twin::CameraView now = view->cameraView();
    view->fitAll();
    const twin::CameraView overview = view->cameraView();
    view->setCameraView(now);
    m_tour.clear();
    const int selected = view->selectedStation();
    for (const auto& m : m_story.moments) {
        if (m.camera || !m.frameStation) {
            m_tour.push_back(m.camera.value_or(overview));
            continue;
        }
        // A moment about a station (an annotation's, an event's) looks at that station.
        view->setCameraView(overview);
        view->setSelectedStation(m.station);
        view->fitSelection();
        m_tour.push_back(widenedView(view->cameraView(), kStationMomentWidening));
    }
    view->setSelectedStation(selected);
    view->setCameraView(now);
    m_storyPlaying = true;
    m_index = 0;
    m_from = now;
    m_moving = true;
    m_tourClock.start();
    m_tourTimer.start();
    showMoment(0);
    return true;
}

void PresentationMode::showMoment(std::size_t index)
{
    const auto& m = m_story.moments[index];
    auto* replay = m_window->replay();
    m_window->sceneView()->setSelectedStation(m.station);
    replay->seek(std::max<twin::TimeMs>(replay->startMs(), m.t - kStoryLeadMs));
    replay->setSpeed(kStorySpeed);
    replay->play();
    auto* view = m_window->sceneView();
    if (!m_caption) {
        // Over the OpenGL window only another window shows (as the tiles, presentation_tiles.cpp).
        m_caption =
            new QLabel(view, Qt::Tool | Qt::FramelessWindowHint | Qt::WindowDoesNotAcceptFocus |
                                 Qt::X11BypassWindowManagerHint);
        m_caption->setObjectName(QStringLiteral("storyCaption"));
        m_caption->setAttribute(Qt::WA_ShowWithoutActivating);
        m_caption->setTextFormat(Qt::RichText);
        m_caption->setWordWrap(true);
        m_caption->setAutoFillBackground(true);
        m_caption->setStyleSheet(
            QStringLiteral("QLabel { background:#161b22; color:#f4f7fa; border:2px solid #2f3a48; "
                           "padding:12px 22px; }"));
    }
    m_captionIndex = index;
    m_captionViewHeight = -1; // placeCaption() writes the text for the view's height
    m_caption->show();
    placeCaption();
}

QString PresentationMode::captionHtml(std::size_t index, int viewHeight) const
{
    const auto& m = m_story.moments[index];
    // Sizes follow the view's height, as the tiles' do: 32 px for the caption from a 1,366 x 768
    // screen up, less below (22 px on 960 x 540, a 1,920 x 1,080 screen at scale 2, where 24 pt
    // broke the caption over two lines and hid a third of the screen).
    const int title = std::clamp(viewHeight / 22, 18, 32);
    const int detail = std::clamp(viewHeight / 36, 12, 19);
    // The loss line only when there is one to tell (an event-made caption is its loss already).
    const QString loss = m.loss == m.caption ? QString() : m.loss;
    return QStringLiteral("<div style='font-size:%5px; color:#9fb3c8'>%1 of %2 · %3</div>"
                          "<div style='font-size:%6px; font-weight:bold'>%4</div>")
               .arg(index + 1)
               .arg(m_story.moments.size())
               .arg(formatOffsetHm(m.t - m_story.start), m.caption.toHtmlEscaped())
               .arg(detail)
               .arg(title) +
           (loss.isEmpty() ? QString()
                           : QStringLiteral("<div style='font-size:%2px; color:#ffb37a'>%1</div>")
                                 .arg(loss.toHtmlEscaped())
                                 .arg(detail));
}

void PresentationMode::placeCaption()
{
    if (!m_caption || !m_caption->isVisible())
        return;
    auto* view = m_window->sceneView();
    if (view->height() != m_captionViewHeight && m_captionIndex < m_story.moments.size()) {
        m_captionViewHeight = view->height();
        m_caption->setText(captionHtml(m_captionIndex, m_captionViewHeight));
    }
    const int w = std::min(view->width() - 40, std::max(600, view->width() * 2 / 3));
    const int h = m_caption->heightForWidth(w);
    // Above the slim timeline, centred: the tiles hold the top of the screen.
    const QRect where(view->mapToGlobal(QPoint((view->width() - w) / 2, view->height() - h - 24)),
                      QSize(w, h));
    if (m_caption->geometry() != where)
        m_caption->setGeometry(where);
    m_caption->raise();
}

void PresentationMode::leave()
{
    m_tourTimer.stop();
    m_storyPlaying = false;
    if (m_caption)
        m_caption->hide();
    m_kpiTimer.stop();
    for (auto* shortcut : m_clicker)
        shortcut->setEnabled(false);
    if (m_tiles)
        m_tiles->setVisible(false);
    m_window->menuBar()->show();
    m_window->statusBar()->show();
    m_window->legend()->setVisible(m_legendVisible);
    m_window->timeline()->scrubber()->setMaximumHeight(QWIDGETSIZE_MAX);
    if (!m_wasFullScreen)
        m_wasMaximized ? m_window->showMaximized() : m_window->showNormal();
    // setGeometry(), not restoreGeometry(): without a window manager the latter guesses a frame.
    if (!m_wasFullScreen && !m_wasMaximized)
        m_window->setGeometry(m_geometry);
    m_window->restoreState(m_state);
    // Again once the window has its old size back: the resize from full screen arrives later
    // (from the X server) and lays the docks out afresh.
    m_restorePending = true;
    QTimer::singleShot(3000, this, [this] { m_restorePending = false; });
    m_window->sceneView()->setCameraView(m_before);
    auto settings = m_window->sceneView()->overlaySettings();
    settings.labelScale = 1.0f;
    m_window->sceneView()->setOverlaySettings(settings);
}

std::vector<twin::CameraView> PresentationMode::tourViews() const
{
    // The views the user saved by name (View › Save Camera View…), as the notes hold them now,
    // so that one saved a moment ago is in the tour; bookmarks' cameras belong to their moments
    // and stay out of it.
    std::vector<twin::CameraView> saved;
    for (const auto& v : m_window->notes()->cameraViews())
        saved.push_back(v.camera);
    if (!saved.empty())
        return saved;
    // Generated: the overview, then close-ups sweeping along the layout's long axis, seen a
    // little from the side, and back.
    auto* view = m_window->sceneView();
    const twin::CameraView now = view->cameraView();
    view->fitAll();
    const twin::CameraView overview = view->cameraView();
    view->setCameraView(now);
    const QVector3D centre = render::toQVector3D(overview.viewCenter);
    const QVector3D back = render::toQVector3D(overview.position) - centre;
    const float distance = back.length();
    if (distance <= 0)
        return {overview};
    const QVector3D right =
        QVector3D::crossProduct(render::toQVector3D(overview.up), back).normalized();
    std::vector<twin::CameraView> views{overview};
    for (float along : {-0.22f, 0.0f, 0.22f}) {
        twin::CameraView v = overview;
        const QVector3D closeCentre = centre + right * (along * distance);
        v.viewCenter = render::toArray(closeCentre);
        // Closer and turned a little towards the side the close-up looks at.
        v.position = render::toArray(closeCentre + back * 0.5f + right * (along * distance * 0.3f));
        views.push_back(v);
    }
    return views;
}

twin::CameraView PresentationMode::interpolate(const twin::CameraView& a, const twin::CameraView& b,
                                               double t)
{
    const float s = float(std::clamp(t, 0.0, 1.0));
    const float e = s * s * (3.0f - 2.0f * s); // smoothstep
    const auto mix = [e](const std::array<double, 3>& from, const std::array<double, 3>& to) {
        const QVector3D f = render::toQVector3D(from);
        return f + (render::toQVector3D(to) - f) * e;
    };
    twin::CameraView v;
    v.position = render::toArray(mix(a.position, b.position));
    v.viewCenter = render::toArray(mix(a.viewCenter, b.viewCenter));
    v.up = render::toArray(mix(a.up, b.up).normalized());
    v.fieldOfView = a.fieldOfView + (b.fieldOfView - a.fieldOfView) * e;
    return v;
}

void PresentationMode::tourFrame()
{
    if (m_tour.empty())
        return;
    auto* view = m_window->sceneView();
    const qint64 elapsed = m_tourClock.elapsed();
    if (m_storyPlaying)
        placeCaption(); // the window reaches its full-screen size after the story began
    if (m_moving) {
        view->setCameraView(interpolate(m_from, m_tour[m_index], double(elapsed) / kMoveMs));
        if (elapsed >= kMoveMs) {
            m_moving = false;
            m_tourClock.start();
        }
        return;
    }
    view->setCameraView(m_tour[m_index]);
    if (elapsed >= kHoldMs && m_tour.size() > 1 && !m_storyPlaying) // a story waits for a click
        step(1);
}

void PresentationMode::updateKpis()
{
    if (!m_tiles)
        return;
    const auto* doc = m_window->document();
    auto* replay = m_window->replay();
    const QString none = QStringLiteral("—");
    if (!doc || !doc->replay || !replay->hasRecording() ||
        replay->position() - replay->startMs() < 60'000) {
        // The sample opens at the shift's start: say when the figures come rather than send the
        // presenter looking for a session that is already open.
        const bool soon = doc && doc->replay && replay->hasRecording();
        m_tiles->setTiles(
            {{tr("Throughput"), none,
              soon ? tr("shown from the shift's first minute") : tr("a session's replay shows it")},
             {tr("OEE"), none, QString()},
             {tr("First-pass yield"), none, QString()},
             {tr("Bottleneck"), none, QString()}});
        return;
    }
    const auto k = twin::computeKpis(doc->replay->data(), replay->startMs(), replay->position());
    const QString good = QStringLiteral("#3fcf8e"), bad = QStringLiteral("#ff8a4c");
    const double ratio = k.targetPerHour > 0 ? k.throughputPerHour / k.targetPerHour : 0.0;
    const int now = replay->bottleneck();
    const auto& stations = doc->plant->stations;
    const auto name = [&](int i) {
        return i >= 0 && std::size_t(i) < stations.size()
                   ? QString::fromStdString(stations[std::size_t(i)].id)
                   : none;
    };
    m_tiles->setTiles(
        {{tr("Throughput (shift so far)"),
          QStringLiteral("%1/h").arg(k.throughputPerHour, 0, 'f', 1),
          tr("target %1/h · takt %2 s · %3 vehicles")
              .arg(k.targetPerHour, 0, 'f', 0)
              .arg(k.taktS, 0, 'f', 0)
              .arg(k.units),
          ratio >= 0.95 ? good : bad},
         {tr("OEE"), pct(k.oee.oee),
          tr("A %1 × P %2 × Q %3")
              .arg(pct(k.oee.availability), pct(k.oee.performance), pct(k.oee.quality)),
          k.oee.oee >= 0.85 ? good : bad},
         {tr("First-pass yield"), pct(k.fpyOverall), tr("rolled yield %1").arg(pct(k.rolledYield)),
          k.fpyOverall >= 0.95 ? good : bad},
         {tr("Bottleneck now"), name(now),
          tr("average so far: %1").arg(name(k.bottleneck.averageBottleneck)),
          QStringLiteral("#ff4f7b")}});
}

} // namespace takt::app
