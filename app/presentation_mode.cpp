#include "app/presentation_mode.h"

#include "app/main_window.h"
#include "app/replay_controller.h"
#include "app/session_notes.h"
#include "twin/kpi.h"

#include <QAction>
#include <QDockWidget>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QShortcut>
#include <QStatusBar>
#include <QVBoxLayout>

#include <cmath>

namespace takt::app {
namespace {

constexpr int kMoveMs = 4000; ///< Camera move from one view to the next.
constexpr int kHoldMs = 5000; ///< Pause on each view.
constexpr int kKpiRefreshMs = 2000;

QString tileHtml(const QString& label, const QString& value, const QString& detail,
                 const QString& colour)
{
    return QStringLiteral("<div style='color:#9fb0c3; font-size:22px'>%1</div>"
                          "<div style='color:%4; font-size:60px; font-weight:bold; "
                          "white-space:nowrap'>%2</div>"
                          "<div style='color:#dce4ee; font-size:20px'>%3</div>")
        .arg(label, value, detail, colour);
}

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
    auto* escape = new QShortcut(QKeySequence(Qt::Key_Escape), window);
    escape->setContext(Qt::ApplicationShortcut);
    connect(escape, &QShortcut::activated, this, [this] { setActive(false); });

    m_kpiTimer.setInterval(kKpiRefreshMs);
    connect(&m_kpiTimer, &QTimer::timeout, this, &PresentationMode::updateKpis);
    m_tourTimer.setInterval(33);
    connect(&m_tourTimer, &QTimer::timeout, this, &PresentationMode::tourFrame);
    // A view saved (or deleted) during the presentation joins (or leaves) the running tour.
    connect(window->notes(), &SessionNotes::changed, this, [this] {
        if (m_active)
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
    if (!m_dock) {
        m_dock = new QDockWidget(tr("Key figures"), m_window);
        m_dock->setObjectName(QStringLiteral("presentationKpis"));
        m_dock->setFeatures(QDockWidget::NoDockWidgetFeatures);
        m_dock->setTitleBarWidget(new QWidget(m_dock));
        auto* panel = new QWidget(m_dock);
        panel->setStyleSheet(QStringLiteral("background:#161b22;"));
        auto* layout = new QVBoxLayout(panel);
        layout->setContentsMargins(28, 28, 28, 28);
        layout->setSpacing(22);
        for (int i = 0; i < 4; ++i) {
            auto* tile = new QLabel(panel);
            tile->setTextFormat(Qt::RichText);
            tile->setWordWrap(true);
            tile->setMinimumWidth(380);
            tile->setStyleSheet(
                QStringLiteral("background:#222a35; border-radius:14px; padding:18px;"));
            layout->addWidget(tile);
            m_tiles.push_back(tile);
        }
        layout->addStretch(1);
        m_dock->setWidget(panel);
        m_window->addDockWidget(Qt::RightDockWidgetArea, m_dock);
    }
    m_wasMaximized = m_window->isMaximized();
    m_wasFullScreen = m_window->isFullScreen();
    m_before = m_window->sceneView()->cameraView();
    auto settings = m_window->sceneView()->overlaySettings();
    settings.labelScale = 1.35f; // read from across the room; more piles labels up in the overview
    m_window->sceneView()->setOverlaySettings(settings);
    m_window->menuBar()->hide();
    m_window->statusBar()->hide();
    m_dock->show();
    m_window->showFullScreen();
    updateKpis();
    m_kpiTimer.start();
    startTour();
}

void PresentationMode::startTour()
{
    m_tour = tourViews();
    m_tourClock.start();
    if (m_tour.size() > 1)
        m_tourTimer.start();
    else
        m_tourTimer.stop();
}

void PresentationMode::leave()
{
    m_tourTimer.stop();
    m_kpiTimer.stop();
    if (m_dock)
        m_dock->hide();
    m_window->menuBar()->show();
    m_window->statusBar()->show();
    if (!m_wasFullScreen)
        m_wasMaximized ? m_window->showMaximized() : m_window->showNormal();
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
    if (m_tour.size() < 2)
        return;
    const qint64 leg = kHoldMs + kMoveMs;
    const qint64 elapsed = m_tourClock.elapsed() % (leg * qint64(m_tour.size()));
    const auto index = std::size_t(elapsed / leg);
    const qint64 inLeg = elapsed % leg;
    const auto& from = m_tour[index];
    const auto& to = m_tour[(index + 1) % m_tour.size()];
    m_window->sceneView()->setCameraView(
        inLeg < kHoldMs ? from : interpolate(from, to, double(inLeg - kHoldMs) / kMoveMs));
}

void PresentationMode::updateKpis()
{
    if (m_tiles.size() < 4)
        return;
    const auto* doc = m_window->document();
    auto* replay = m_window->replay();
    const QString none = QStringLiteral("—");
    if (!doc || !doc->replay || !replay->hasRecording() ||
        replay->position() - replay->startMs() < 60'000) {
        m_tiles[0]->setText(tileHtml(tr("Throughput"), none, tr("a session's replay shows it"),
                                     QStringLiteral("#dce4ee")));
        m_tiles[1]->setText(tileHtml(tr("OEE"), none, QString(), QStringLiteral("#dce4ee")));
        m_tiles[2]->setText(
            tileHtml(tr("First-pass yield"), none, QString(), QStringLiteral("#dce4ee")));
        m_tiles[3]->setText(tileHtml(tr("Bottleneck"), none, QString(), QStringLiteral("#dce4ee")));
        return;
    }
    const auto k = twin::computeKpis(doc->replay->data(), replay->startMs(), replay->position());
    const QString good = QStringLiteral("#3fcf8e"), bad = QStringLiteral("#ff8a4c");
    const double ratio = k.targetPerHour > 0 ? k.throughputPerHour / k.targetPerHour : 0.0;
    m_tiles[0]->setText(tileHtml(tr("Throughput (shift so far)"),
                                 QStringLiteral("%1/h").arg(k.throughputPerHour, 0, 'f', 1),
                                 tr("target %1/h · takt %2 s · %3 units")
                                     .arg(k.targetPerHour, 0, 'f', 0)
                                     .arg(k.taktS, 0, 'f', 0)
                                     .arg(k.units),
                                 ratio >= 0.95 ? good : bad));
    m_tiles[1]->setText(
        tileHtml(tr("OEE"), pct(k.oee.oee),
                 tr("A %1 × P %2 × Q %3")
                     .arg(pct(k.oee.availability), pct(k.oee.performance), pct(k.oee.quality)),
                 k.oee.oee >= 0.85 ? good : bad));
    m_tiles[2]->setText(tileHtml(tr("First-pass yield"), pct(k.fpyOverall),
                                 tr("rolled yield %1").arg(pct(k.rolledYield)),
                                 k.fpyOverall >= 0.95 ? good : bad));
    const int now = replay->bottleneck();
    const auto& stations = doc->plant->stations;
    const auto name = [&](int i) {
        return i >= 0 && std::size_t(i) < stations.size()
                   ? QString::fromStdString(stations[std::size_t(i)].id)
                   : none;
    };
    m_tiles[3]->setText(tileHtml(tr("Bottleneck now"), name(now),
                                 tr("average so far: %1").arg(name(k.bottleneck.averageBottleneck)),
                                 QStringLiteral("#ff4f7b")));
}

} // namespace takt::app
