#include "app/charts_panel.h"

#include "app/kpi_cache.h"
#include "app/replay_controller.h"
#include "render/chart_data.h"
#include "render/vtk_view.h"

#include <QDateTime>
#include <QScrollArea>
#include <QTabWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace takt::app {

namespace {

QString q(const std::string& s)
{
    return QString::fromStdString(s);
}

} // namespace

ChartsPanel::ChartsPanel(ReplayController* replay, KpiCache* kpis, QWidget* parent)
    : QWidget(parent), m_replay(replay), m_kpis(kpis), m_tabs(new QTabWidget(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tabs);
    for (const auto& name : {tr("States"), tr("Throughput"), tr("SPC"), tr("Defects by code"),
                             tr("Defects by configuration")}) {
        auto* view = new render::VtkView;
        view->setMinimumSize(320, 200);
        m_views[std::size_t(m_tabs->count())] = view;
        if (m_tabs->count() == StatesTab) {
            // One lane per station: 50 lanes do not fit a short dock, so they scroll.
            auto* scroll = new QScrollArea;
            scroll->setWidgetResizable(true);
            scroll->setFrameShape(QFrame::NoFrame);
            scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
            scroll->setWidget(view);
            m_tabs->addTab(scroll, name);
        } else {
            m_tabs->addTab(view, name);
        }
    }
    connect(m_kpis, &KpiCache::updated, this, &ChartsPanel::updatePareto);
    m_cursorTimer.setSingleShot(true);
    m_cursorTimer.setInterval(kCursorIntervalMs);
    connect(&m_cursorTimer, &QTimer::timeout, this, &ChartsPanel::moveTimeCursor);
    connect(m_replay, &ReplayController::positionChanged, this, &ChartsPanel::onPosition);
    m_paretoTimer.setSingleShot(true);
    m_paretoTimer.setInterval(kScrubParetoIntervalMs);
    connect(&m_paretoTimer, &QTimer::timeout, this, &ChartsPanel::rebuildPareto);
    connect(m_replay, &ReplayController::scrubbingChanged, this, [this](bool scrubbing) {
        if (!scrubbing) {
            m_cursorTimer.stop();
            moveTimeCursor();
            updatePareto();
        }
    });
}

void ChartsPanel::onPosition()
{
    // A step or a click: the line goes there at once; playing or dragging the scrubber: at
    // most every interval, the last position winning (a chart repaint is a full VTK render,
    // which a software renderer cannot afford for every mouse move).
    if (!m_replay->isPlaying() && !m_replay->isScrubbing()) {
        m_cursorTimer.stop();
        moveTimeCursor();
    } else if (!m_cursorTimer.isActive()) {
        // A drag moves the 3D view first: the charts, each a full VTK render, follow slower.
        m_cursorTimer.start(m_replay->isScrubbing() ? kScrubCursorIntervalMs : kCursorIntervalMs);
    }
}

void ChartsPanel::moveTimeCursor()
{
    std::optional<std::int64_t> at;
    if (m_doc && m_doc->replay && m_replay->hasRecording())
        at = m_replay->position() - m_doc->replay->data().startMs();
    for (const Tab tab : {StatesTab, ThroughputTab, SpcTab})
        view(tab)->setTimeCursor(at);
}

ChartsPanel::~ChartsPanel() = default;

render::VtkView* ChartsPanel::view(Tab tab) const
{
    return m_views[std::size_t(tab)];
}

void ChartsPanel::showTab(Tab tab)
{
    m_tabs->setCurrentIndex(int(tab));
}

void ChartsPanel::setWholeShift(bool whole)
{
    if (whole == m_wholeShift)
        return;
    m_wholeShift = whole;
    updatePareto();
}

void ChartsPanel::setDocument(std::shared_ptr<const Document> doc)
{
    m_doc = std::move(doc);
    m_paretoKey.clear();
    for (int t = 0; t < m_tabs->count(); ++t)
        view(Tab(t))->setChart(nullptr);
    m_controlPoint = -2;
    if (m_doc && m_doc->replay) {
        const auto& data = m_doc->replay->data();
        auto states = render::stateTimelineData(data, data.startMs(), data.endMs());
        view(StatesTab)->setMinimumHeight(int(states.lanes.size()) * kLaneHeightPx + 90);
        view(StatesTab)->setChart(std::make_shared<render::StateTimelineChart>(std::move(states)));
        view(ThroughputTab)
            ->setChart(std::make_shared<render::ThroughputChart>(
                render::throughputData(data, data.startMs(), data.endMs())));
    }
    setControlPoint(-1);
    updatePareto();
    m_cursorTimer.stop();
    moveTimeCursor();
}

void ChartsPanel::setControlPoint(int cp)
{
    if (cp == m_controlPoint)
        return;
    m_controlPoint = cp;
    if (!m_doc || !m_doc->replay || cp < 0 ||
        std::size_t(cp) >= m_doc->replay->plant().controlPoints.size()) {
        m_controlPoint = -1;
        view(SpcTab)->setChart(nullptr);
        m_tabs->setTabText(SpcTab, tr("SPC"));
        return;
    }
    const auto& data = m_doc->replay->data();
    const auto& point = data.plant().controlPoints[std::size_t(cp)];
    render::SpcData d = render::spcData(data, cp, data.startMs(), data.endMs());
    d.name = QStringLiteral("%1 (%2)").arg(q(point.name), q(point.id));
    view(SpcTab)->setChart(std::make_shared<render::SpcChart>(std::move(d)));
    m_tabs->setTabText(SpcTab, tr("SPC: %1").arg(q(point.id)));
}

void ChartsPanel::updatePareto()
{
    // A drag of the scrubber changes the shift-so-far window at every step: a new chart and a
    // VTK render each time would take the main thread from the 3D view.
    if (m_replay->isScrubbing() && !m_wholeShift) {
        if (!m_paretoTimer.isActive())
            m_paretoTimer.start();
        return;
    }
    m_paretoTimer.stop();
    rebuildPareto();
}

void ChartsPanel::rebuildPareto()
{
    if (!m_kpis->hasReport()) {
        m_paretoKey.clear();
        return;
    }
    const auto& r = m_wholeShift ? m_kpis->wholeShift() : m_kpis->current();
    const auto hhmm = [](twin::TimeMs t) {
        return QDateTime::fromMSecsSinceEpoch(t, Qt::UTC).toString(QStringLiteral("HH:mm"));
    };
    // The window as the KPI panel names it, to the minute.
    const QString window =
        (m_wholeShift ? tr("whole shift %1–%2 UTC") : tr("shift so far %1–%2 UTC"))
            .arg(hhmm(r.from), hhmm(r.to));
    std::int64_t total = 0;
    for (const auto& e : r.defectsByCode)
        total += e.count;
    // The report changes twice a second while playing; the bars only when a defect is found
    // and the title once a minute.
    const QString key = window + QLatin1Char('|') + QString::number(total);
    if (key == m_paretoKey)
        return;
    m_paretoKey = key;
    auto byCode = render::paretoData(r.defectsByCode, render::ParetoBy::Code);
    byCode.title = tr("Defects by code, %1").arg(window);
    byCode.categoryLabel = tr("Defect code");
    view(ParetoCodeTab)->setChart(std::make_shared<render::ParetoChart>(std::move(byCode)));
    auto byConfig = render::paretoData(r.defectsByConfig, render::ParetoBy::Configuration);
    byConfig.title = tr("Defects by configuration, %1").arg(window);
    byConfig.categoryLabel = tr("Configuration");
    view(ParetoConfigTab)->setChart(std::make_shared<render::ParetoChart>(std::move(byConfig)));
}

} // namespace takt::app
