// The docks around the 3D view (issue 5, items 2 and 3) in the real main window with the
// sample shift: what the station inspector, the KPI panel, the plant tree, the charts and the
// issues list show at a replay time, and that a selection made in one place reaches the others.
// Saves a screenshot of every dock into the build tree.
#include "app/charts_panel.h"
#include "app/issues_panel.h"
#include "app/kpi_cache.h"
#include "app/kpi_panel.h"
#include "app/main_window.h"
#include "app/plant_tree.h"
#include "app/replay_controller.h"
#include "app/shift_report.h"
#include "app/station_inspector.h"
#include "app/workstation_docks.h"
#include "render/isolated_importer.h"
#include "render/chart_data.h"
#include "render/chart_pareto.h"
#include "render/scene_view.h"
#include "render/vtk_view.h"
#include "twin/kpi.h"

#include <QtTest>

#include <QCheckBox>
#include <QDockWidget>
#include <QScreen>
#include <QTabWidget>
#include <QTableWidget>
#include <QTreeView>
#include <QTreeWidget>

using namespace takt;

namespace {
const QString kOut = QStringLiteral(TAKT_BINARY_DIR "/tests/screenshots");
constexpr qint64 kMinute = 60'000;

std::int64_t total(const std::vector<twin::ParetoEntry>& entries)
{
    std::int64_t n = 0;
    for (const auto& e : entries)
        n += e.count;
    return n;
}

/// The Pareto chart a tab shows now.
std::shared_ptr<const render::ParetoChart> paretoOf(app::ChartsPanel* charts,
                                                    app::ChartsPanel::Tab tab)
{
    return std::dynamic_pointer_cast<const render::ParetoChart>(charts->view(tab)->chart());
}

std::int64_t barsTotal(const render::ParetoChart& chart)
{
    double n = 0;
    for (const auto& bar : chart.bars())
        n += bar.count;
    return std::llround(n);
}
} // namespace

class TestWorkstationDocks : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QVERIFY2(qEnvironmentVariableIsSet("DISPLAY"),
                 "needs an X display: run under xvfb-run (tools/bootstrap.sh test does)");
        QVERIFY2(QFileInfo::exists(QStringLiteral(TAKT_SAMPLE_SHIFT)),
                 "the sample shift is missing: build the sample_shift target");
        QVERIFY(QDir().mkpath(kOut));
        m_window = std::make_unique<app::MainWindow>();
        m_window->resize(1600, 1000);
        m_window->show();
        // The layout is imported by a helper process: the takt executable, not this test.
        render::IsolatedImporter::setHelperCommand(QStringLiteral(TAKT_EXECUTABLE),
                                                   {QStringLiteral("__import-helper")});
        QSignalSpy shown(m_window.get(), &app::MainWindow::documentShown);
        QSignalSpy failed(m_window.get(), &app::MainWindow::openFailed);
        m_window->openFile(QStringLiteral(TAKT_SAMPLE_SHIFT));
        QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty() || !failed.isEmpty(), 180'000);
        QVERIFY2(failed.isEmpty(), qPrintable(failed.value(0).value(1).toString()));
        m_docks = m_window->findChild<app::WorkstationDocks*>();
        QVERIFY(m_docks);
        QCOMPARE(m_docks->docks().size(), 5);
        QVERIFY(m_window->document()->replay);
        // A station with control points and checkpoints shows the most.
        const auto& plant = *m_window->document()->plant;
        for (const auto& qc : plant.checkpoints)
            for (const auto& cp : plant.controlPoints)
                if (m_station < 0 && cp.station == qc.station)
                    m_station = plant.stationIndex(qc.station);
        QVERIFY(m_station >= 0);
    }

    void inspectorShowsStateAt_data()
    {
        QTest::addColumn<qint64>("offset");
        QTest::newRow("00:00:30") << qint64(30'000);
        QTest::newRow("01:05:00") << 65 * kMinute;
        QTest::newRow("03:10:00") << 190 * kMinute;
        QTest::newRow("07:59:00") << 479 * kMinute;
    }

    void inspectorShowsStateAt()
    {
        QFETCH(qint64, offset);
        const auto& replay = *m_window->document()->replay;
        const qint64 t = replay.startMs() + offset;
        m_window->replay()->seek(t);
        m_docks->selectStation(m_station);
        const auto expected = replay.stateAt(t).stations[std::size_t(m_station)];
        auto* inspector = m_docks->inspector();
        QCOMPARE(inspector->station(), m_station);
        QVERIFY(inspector->shownState().has_value());
        QCOMPARE(int(*inspector->shownState()), int(expected.state));
        QCOMPARE(inspector->fieldText("state"), render::stateName(expected.state));
        QVERIFY2(inspector->fieldText("parts").startsWith(
                     QStringLiteral("%1 in / %2 out").arg(expected.partsIn).arg(expected.partsOut)),
                 qPrintable(inspector->fieldText("parts")));
        QCOMPARE(inspector->fieldText("part"),
                 expected.part ? QString::number(*expected.part) : QStringLiteral("—"));
        // Issue 12: the station's own time per part and the time between its departures, named.
        if (offset >= 60 * kMinute) {
            QVERIFY2(inspector->fieldText("processing").startsWith(QStringLiteral("mean ")),
                     qPrintable(inspector->fieldText("processing")));
            QVERIFY2(inspector->fieldText("interdeparture").contains(QStringLiteral("median")),
                     qPrintable(inspector->fieldText("interdeparture")));
        }
        if (expected.config)
            QCOMPARE(inspector->fieldText("config"),
                     QString::fromStdString(
                         replay.plant().configurationName(std::uint64_t(*expected.config))));
        // Control points: the value cell is the last sample, highlighted when out of spec.
        const auto state = replay.stateAt(t);
        auto* table = inspector->controlPointTable();
        QVERIFY(table->rowCount() > 0);
        int row = 0;
        for (std::size_t c = 0; c < replay.plant().controlPoints.size(); ++c) {
            if (replay.plant().controlPoints[c].station !=
                replay.plant().stations[std::size_t(m_station)].id)
                continue;
            const auto& v = state.controlPoints[c];
            QCOMPARE(table->item(row, 1)->text(),
                     v.value ? QString::number(*v.value, 'g', 5) : QStringLiteral("—"));
            QCOMPARE(table->item(row, 1)->background().style() != Qt::NoBrush, v.outOfSpec);
            ++row;
        }
        QCOMPARE(row, table->rowCount());
    }

    void kpiPanelMatchesComputeKpis_data()
    {
        QTest::addColumn<qint64>("offset");
        QTest::addColumn<bool>("whole");
        QTest::newRow("shift so far, 01:00") << 60 * kMinute << false;
        QTest::newRow("shift so far, 04:30") << 270 * kMinute << false;
        QTest::newRow("whole shift") << 120 * kMinute << true;
    }

    void kpiPanelMatchesComputeKpis()
    {
        QFETCH(qint64, offset);
        QFETCH(bool, whole);
        const auto& data = m_window->document()->replay->data();
        const qint64 t = data.startMs() + offset;
        m_window->replay()->seek(t);
        auto* panel = m_docks->kpiPanel();
        panel->setWholeShift(whole);
        const auto expected = twin::computeKpis(data, data.startMs(), whole ? data.endMs() : t);
        const auto& shown = panel->shownReport();
        QCOMPARE(shown.from, expected.from);
        QCOMPARE(shown.to, expected.to);
        QCOMPARE(shown.units, expected.units);
        QCOMPARE(shown.throughputPerHour, expected.throughputPerHour);
        QCOMPARE(panel->tileValue("throughput"),
                 QStringLiteral("%1 /h").arg(expected.throughputPerHour, 0, 'f', 1));
        QCOMPARE(panel->tileValue("oee"),
                 QStringLiteral("%1 %").arg(100 * expected.oee.oee, 0, 'f', 1));
        QCOMPARE(panel->tileValue("fpy"),
                 QStringLiteral("%1 %").arg(100 * expected.fpyOverall, 0, 'f', 1));
        const auto& plant = data.plant();
        const int avg = expected.bottleneck.averageBottleneck;
        QCOMPARE(panel->tileValue("bottleneckAvg"),
                 avg >= 0 ? QString::fromStdString(plant.stations[std::size_t(avg)].id)
                          : QStringLiteral("—"));
        const int now = m_window->document()->bottlenecks->at(t).station;
        QCOMPARE(panel->tileValue("bottleneckNow"),
                 now >= 0 ? QString::fromStdString(plant.stations[std::size_t(now)].id)
                          : QStringLiteral("—"));
        panel->setWholeShift(false);
    }

    void kpisRecomputeAtMostTwicePerSecondWhilePlaying()
    {
        auto* replay = m_window->replay();
        replay->seek(replay->startMs() + 60 * kMinute);
        const int before = m_docks->kpis()->computations();
        replay->setSpeed(600);
        replay->play();
        QTest::qWait(3000);
        replay->pause();
        const int ran = m_docks->kpis()->computations() - before;
        QVERIFY2(ran >= 2 && ran <= 3000 / app::KpiCache::kMinIntervalMs + 2,
                 qPrintable(QStringLiteral("%1 computations in 3 s").arg(ran)));
        // The last computed window ends near where playing stopped (a trailing update).
        QTRY_VERIFY_WITH_TIMEOUT(m_docks->kpis()->current().to == replay->position(), 2000);
    }

    void paretoFollowsTheKpiWindow()
    {
        // Issue 5: the Paretos count over the window the KPI panel shows, and say which.
        const auto& data = m_window->document()->replay->data();
        auto* replay = m_window->replay();
        auto* panel = m_docks->kpiPanel();
        auto* charts = m_docks->charts();
        panel->setWholeShift(false);
        replay->seek(data.startMs() + 90 * kMinute);
        const auto soFar = twin::computeKpis(data, data.startMs(), replay->position());
        const auto whole = twin::computeKpis(data, data.startMs(), data.endMs());
        // The two windows must differ for this test to tell them apart.
        QVERIFY(total(whole.defectsByCode) > total(soFar.defectsByCode));
        const auto check = [&](const twin::KpiReport& r, const QString& window) {
            for (auto tab : {app::ChartsPanel::ParetoCodeTab, app::ChartsPanel::ParetoConfigTab}) {
                const auto chart = paretoOf(charts, tab);
                if (!chart)
                    return QStringLiteral("tab %1 has no Pareto").arg(int(tab));
                const auto& entries =
                    tab == app::ChartsPanel::ParetoCodeTab ? r.defectsByCode : r.defectsByConfig;
                if (barsTotal(*chart) != total(entries))
                    return QStringLiteral("tab %1: %2 defects drawn, %3 in the window")
                        .arg(int(tab))
                        .arg(barsTotal(*chart))
                        .arg(total(entries));
                if (!entries.empty() &&
                    chart->bars().front().label != QString::fromStdString(entries.front().key))
                    return QStringLiteral("tab %1: first bar %2")
                        .arg(int(tab))
                        .arg(chart->bars().front().label);
                if (!chart->title().contains(window))
                    return QStringLiteral("tab %1: title “%2” lacks “%3”")
                        .arg(int(tab))
                        .arg(chart->title(), window);
            }
            return QString();
        };
        const auto hhmm = [](qint64 t) {
            return QDateTime::fromMSecsSinceEpoch(t, Qt::UTC).toString(QStringLiteral("HH:mm"));
        };
        const auto span = [&](qint64 from, qint64 to) {
            return QStringLiteral("%1–%2 UTC").arg(hhmm(from), hhmm(to));
        };
        QString why = check(soFar, "shift so far " + span(data.startMs(), replay->position()));
        QVERIFY2(why.isEmpty(), qPrintable(why));

        // Ticking the real box switches the Paretos to the whole shift.
        auto* box = panel->findChild<QCheckBox*>();
        QVERIFY(box && box->isVisible());
        QTest::mouseClick(box, Qt::LeftButton, {}, QPoint(8, box->height() / 2));
        QVERIFY(panel->wholeShift());
        QVERIFY(charts->wholeShift());
        why = check(whole, "whole shift " + span(data.startMs(), data.endMs()));
        QVERIFY2(why.isEmpty(), qPrintable(why));
        m_docks->docks()[4]->raise();
        charts->showTab(app::ChartsPanel::ParetoCodeTab);
        QVERIFY(charts->view(app::ChartsPanel::ParetoCodeTab)
                    ->grab()
                    .toImage()
                    .save(kOut + "/dock_chart_pareto_code_whole_shift.png"));
        // Moving the replay leaves the whole-shift Paretos as they are.
        const auto before = paretoOf(charts, app::ChartsPanel::ParetoCodeTab);
        replay->seek(data.startMs() + 200 * kMinute);
        QCOMPARE(paretoOf(charts, app::ChartsPanel::ParetoCodeTab), before);

        // Unticked: the shift so far, up to the new position.
        QTest::mouseClick(box, Qt::LeftButton, {}, QPoint(8, box->height() / 2));
        QVERIFY(!charts->wholeShift());
        why = check(twin::computeKpis(data, data.startMs(), replay->position()),
                    "shift so far " + span(data.startMs(), replay->position()));
        QVERIFY2(why.isEmpty(), qPrintable(why));
    }

    void chartsShowTheReplayTime()
    {
        // Issue 5: the charts over time mark the replay's time with a vertical line.
        auto* replay = m_window->replay();
        auto* charts = m_docks->charts();
        m_docks->docks()[4]->raise();
        charts->showTab(app::ChartsPanel::ThroughputTab);
        auto* view = charts->view(app::ChartsPanel::ThroughputTab);
        QTRY_VERIFY_WITH_TIMEOUT(view->isVisible() && view->renderedFrames() > 0, 10'000);
        std::vector<double> xs;
        for (qint64 offset : {120 * kMinute, 240 * kMinute, 360 * kMinute}) {
            replay->seek(replay->startMs() + offset);
            for (auto tab : {app::ChartsPanel::StatesTab, app::ChartsPanel::ThroughputTab,
                             app::ChartsPanel::SpcTab})
                QCOMPARE(charts->view(tab)->timeCursor().value_or(-1), offset);
            // What is drawn: the view's image holds the black line at the cursor's column.
            const QImage image = view->grab().toImage();
            QTRY_VERIFY_WITH_TIMEOUT(view->timeCursorX().has_value(), 5000);
            xs.push_back(*view->timeCursorX());
            const int col = int(std::lround(xs.back() * view->devicePixelRatio()));
            int black = 0, rows = 0;
            for (int y = image.height() / 3; y < image.height() * 2 / 3; ++y, ++rows)
                for (int dx = -1; dx <= 1; ++dx)
                    if (QColor(image.pixel(std::clamp(col + dx, 0, image.width() - 1), y)).value() <
                        40) {
                        ++black;
                        break;
                    }
            if (black < rows * 9 / 10)
                QFAIL(qPrintable(QStringLiteral("no time cursor at x %1: see %2")
                                     .arg(col)
                                     .arg(kOut + "/chart_cursor_missing.png")
                                     .append(image.save(kOut + "/chart_cursor_missing.png")
                                                 ? QString()
                                                 : QStringLiteral(" (not saved)"))));
        }
        QVERIFY(xs[0] < xs[1] && xs[1] < xs[2]);
        QVERIFY(std::abs((xs[1] - xs[0]) - (xs[2] - xs[1])) < 1.5);

        // Playing fast: the line follows, repainting at most every kCursorIntervalMs and
        // never rebuilding the chart.
        const auto chart = view->chart();
        const int frames = view->renderedFrames();
        const int renders = view->chartRenders();
        const double speed = replay->speed();
        replay->setSpeed(600);
        replay->play();
        QTest::qWait(2000);
        replay->pause();
        replay->setSpeed(speed);
        const int painted = view->renderedFrames() - frames;
        QVERIFY2(painted >= 2 && painted <= 2000 / app::ChartsPanel::kCursorIntervalMs + 3,
                 qPrintable(QStringLiteral("%1 frames in 2 s").arg(painted)));
        QVERIFY(view->chart() == chart);
        QCOMPARE(view->chartRenders(), renders); // Qt paints the line over VTK's last image
        QTRY_COMPARE_WITH_TIMEOUT(view->timeCursor().value_or(-1),
                                  replay->position() - replay->startMs(), 2000);
        QVERIFY(*view->timeCursorX() > xs[2]);
    }

    void selectionFollowsTreeAndScene()
    {
        auto* tree = m_docks->plantTree();
        // 3D → docks: a pick in the view selects the station in the tree and the inspector.
        emit m_window->sceneView()->stationPicked(m_station);
        QCOMPARE(tree->selectedStation(), m_station);
        QCOMPARE(m_docks->inspector()->station(), m_station);
        // Tree → 3D: choosing another station row in the tree selects it in the view.
        auto* view = tree->findChild<QTreeView*>();
        QVERIFY(view);
        QSignalSpy chosen(m_docks, &app::WorkstationDocks::stationSelected);
        const int other = m_station == 0 ? 1 : 0;
        const auto hits =
            view->model()->match(view->model()->index(0, 0), app::PlantTree::IndexRole, other, -1,
                                 Qt::MatchExactly | Qt::MatchRecursive);
        QModelIndex row;
        for (const auto& hit : hits)
            if (hit.data(app::PlantTree::KindRole).toInt() == app::PlantTree::StationItem)
                row = hit;
        QVERIFY(row.isValid());
        view->selectionModel()->setCurrentIndex(row, QItemSelectionModel::ClearAndSelect);
        QCOMPARE(chosen.count(), 1);
        QCOMPARE(chosen.at(0).at(0).toInt(), other);
        QCOMPARE(m_window->sceneView()->selectedStation(), other);
        QCOMPARE(m_docks->inspector()->station(), other);
        m_docks->selectStation(m_station);
    }

    void treeFilterKeepsMatchesAndTheirParents()
    {
        auto* tree = m_docks->plantTree();
        const int all = tree->visibleRows();
        const auto& plant = *m_window->document()->plant;
        const auto expectedAll = plant.segments.size() + plant.stations.size() +
                                 plant.checkpoints.size() + plant.controlPoints.size();
        QCOMPARE(std::size_t(all), expectedAll);
        const auto& cp = plant.controlPoints.front();
        tree->setFilter(QString::fromStdString(cp.id));
        // The control point, its station and its segment at least; far fewer than all.
        QVERIFY(tree->visibleRows() >= 3);
        QVERIFY(tree->visibleRows() < all / 4);
        tree->setFilter({});
        QCOMPARE(tree->visibleRows(), all);
    }

    void issuesListAndJumpToCause()
    {
        const auto& doc = *m_window->document();
        const auto& plant = *doc.plant;
        auto* issues = m_docks->issues();
        // Find a moment with a control point out of spec.
        qint64 found = -1;
        for (qint64 t = doc.replay->startMs(); t < doc.replay->endMs() && found < 0;
             t += 5 * kMinute) {
            const auto s = doc.replay->stateAt(t);
            for (const auto& v : s.controlPoints)
                if (v.outOfSpec)
                    found = t;
        }
        qint64 t = found >= 0 ? found : doc.replay->startMs() + 190 * kMinute;
        // A later moment with the same control points out of spec but other values: the rows
        // must follow the values, not keep the ones from when the set last changed.
        const auto outSet = [&](qint64 at) {
            std::vector<std::pair<std::size_t, double>> set;
            const auto s = doc.replay->stateAt(at);
            for (std::size_t c = 0; c < s.controlPoints.size(); ++c)
                if (s.controlPoints[c].outOfSpec)
                    set.emplace_back(c, *s.controlPoints[c].value);
            return set;
        };
        const auto first = outSet(t);
        for (qint64 k = 1; k <= 600 && found >= 0; ++k) {
            const auto later = outSet(t + k * 1000);
            if (later.size() == first.size() && !later.empty() && later != first &&
                std::equal(later.begin(), later.end(), first.begin(),
                           [](const auto& a, const auto& b) { return a.first == b.first; })) {
                m_window->replay()->seek(t);
                t += k * 1000;
                break;
            }
        }
        m_window->replay()->seek(t);
        const auto state = doc.replay->stateAt(t);
        std::size_t outOfSpec = 0;
        for (const auto& v : state.controlPoints)
            outOfSpec += v.outOfSpec ? 1 : 0;
        const std::size_t expected = doc.binding.unboundStations.size() +
                                     doc.binding.unboundNodes.size() +
                                     (doc.replay->data().droppedEvents() > 0 ? 1 : 0) + outOfSpec;
        QCOMPARE(issues->issues().size(), expected);
        QCOMPARE(issues->list()->topLevelItemCount(), int(expected));
        if (found < 0)
            QSKIP("no control point is out of spec in the sample shift");
        int row = -1;
        for (std::size_t i = 0; i < issues->issues().size() && row < 0; ++i)
            if (issues->issues()[i].controlPoint >= 0)
                row = int(i);
        QVERIFY(row >= 0);
        const int cp = issues->issues()[std::size_t(row)].controlPoint;
        QVERIFY(state.controlPoints[std::size_t(cp)].outOfSpec);
        // The row names the value now, not the value when the control point first left its limits.
        const QString value = QString::number(*state.controlPoints[std::size_t(cp)].value, 'g', 5);
        QVERIFY2(issues->issues()[std::size_t(row)].text.contains(value),
                 qPrintable(issues->issues()[std::size_t(row)].text + " lacks " + value));
        issues->activate(row);
        QCOMPARE(m_docks->charts()->controlPoint(), cp);
        QCOMPARE(m_docks->charts()->tabs()->currentIndex(), int(app::ChartsPanel::SpcTab));
        QCOMPARE(m_docks->selectedStation(),
                 plant.stationIndex(plant.controlPoints[std::size_t(cp)].station));
        QCOMPARE(m_window->sceneView()->selectedStation(), m_docks->selectedStation());
        // The inspector now shows that station, its out-of-spec row highlighted.
        auto* inspector = m_docks->inspector();
        QCOMPARE(inspector->station(), m_docks->selectedStation());
        int highlighted = 0;
        for (int r = 0; r < inspector->controlPointTable()->rowCount(); ++r)
            highlighted +=
                inspector->controlPointTable()->item(r, 1)->background().style() != Qt::NoBrush;
        QVERIFY(highlighted >= 1);
        QTest::qWait(300);
        QVERIFY(m_window->screen()
                    ->grabWindow(m_window->winId())
                    .save(kOut + "/docks_out_of_spec_window.png"));
        m_spcTime = t;
    }

    /// Issue 11: the charts dock and the PDF report draw the same throughput bins and state
    /// lanes for the same shift and window (both from render/chart_data.h).
    void chartsDockAndReportShowTheSameBins()
    {
        const auto* doc = m_window->document();
        auto* charts = m_docks->charts();
        const auto throughput = std::dynamic_pointer_cast<const render::ThroughputChart>(
            charts->view(app::ChartsPanel::ThroughputTab)->chart());
        const auto states = std::dynamic_pointer_cast<const render::StateTimelineChart>(
            charts->view(app::ChartsPanel::StatesTab)->chart());
        QVERIFY(throughput && states);
        const app::ShiftReportData report = app::buildShiftReport(*doc);
        const auto& dock = throughput->data().intervals;
        const auto& page = report.throughput.intervals;
        const auto& data = doc->replay->data();
        const auto span = data.endMs() - data.startMs();
        QCOMPARE(std::int64_t(dock.size()),
                 (span + render::kThroughputBinMs - 1) / render::kThroughputBinMs);
        QCOMPARE(dock.size(), page.size());
        for (std::size_t i = 0; i < dock.size(); ++i) {
            QCOMPARE(dock[i].startMs, page[i].startMs);
            QCOMPARE(dock[i].endMs, page[i].endMs);
            QCOMPARE(dock[i].unitsPerHour, page[i].unitsPerHour);
        }
        QCOMPARE(throughput->data().spanMs, report.throughput.spanMs);
        QCOMPARE(throughput->data().taktSeconds, report.throughput.taktSeconds);
        // A shift of real data has a non-empty bar.
        QVERIFY(std::any_of(dock.begin(), dock.end(),
                            [](const auto& b) { return b.unitsPerHour > 0; }));

        const auto& dockLanes = states->data().lanes;
        const auto& pageLanes = report.timeline.lanes;
        QCOMPARE(dockLanes.size(), pageLanes.size());
        for (std::size_t i = 0; i < dockLanes.size(); ++i) {
            QCOMPARE(dockLanes[i].name, pageLanes[i].name);
            QVERIFY2(dockLanes[i].segments == pageLanes[i].segments, qPrintable(dockLanes[i].name));
        }
    }

    void screenshotsOfEveryDock()
    {
        m_window->replay()->seek(m_spcTime > 0 ? m_spcTime
                                               : m_window->replay()->startMs() + 190 * kMinute);
        m_docks->selectStation(m_station);
        QTest::qWait(300);
        for (auto* dock : m_docks->docks()) {
            if (dock->objectName() == QLatin1String("chartsDock"))
                continue;
            const QString path = kOut + QStringLiteral("/dock_%1.png").arg(dock->objectName());
            QVERIFY2(dock->grab().save(path), qPrintable(path));
        }
        // The inspector shares its column with the KPI tiles: show it whole, floating.
        for (auto* dock : m_docks->docks())
            if (dock->objectName() == QLatin1String("inspectorDock")) {
                dock->setFloating(true);
                dock->resize(480, 720);
                QTest::qWait(300);
                QVERIFY(dock->grab().save(kOut + "/dock_inspector_floating.png"));
                dock->setFloating(false);
            }
        // VTK draws with OpenGL: grab the screen, not the widget tree.
        auto* charts = m_docks->charts();
        const char* names[] = {"states", "throughput", "spc", "pareto_code", "pareto_config"};
        for (int tab = 0; tab < charts->tabs()->count(); ++tab) {
            charts->showTab(app::ChartsPanel::Tab(tab));
            auto* view = charts->view(app::ChartsPanel::Tab(tab));
            QTRY_VERIFY_WITH_TIMEOUT(view->isVisible() && view->renderedFrames() > 0, 10'000);
            // The state timeline scrolls: grab what is visible of it. On a loaded machine the
            // window system may show the frame a little later than VTK drew it: retry a while.
            QImage image;
            QSet<QRgb> colours;
            for (int attempt = 0; attempt < 25 && colours.size() <= 3; ++attempt) {
                QTest::qWait(200);
                const QRect visible = view->visibleRegion().boundingRect();
                const QPoint at = view->mapTo(m_window.get(), visible.topLeft());
                image = m_window->screen()
                            ->grabWindow(m_window->winId(), at.x(), at.y(), visible.width(),
                                         visible.height())
                            .toImage();
                colours.clear();
                // A drawn chart is not one flat colour.
                for (int y = 0; y < image.height(); y += 3)
                    for (int x = 0; x < image.width(); x += 3)
                        colours.insert(image.pixel(x, y));
            }
            QVERIFY(!image.isNull());
            QVERIFY2(colours.size() > 3, names[tab]);
            QVERIFY(image.save(
                kOut + QStringLiteral("/dock_chart_%1.png").arg(QLatin1String(names[tab]))));
        }
        QVERIFY(m_window->screen()->grabWindow(m_window->winId()).save(kOut + "/docks_window.png"));
    }

    void cleanupTestCase() { m_window.reset(); }

private:
    std::unique_ptr<app::MainWindow> m_window;
    app::WorkstationDocks* m_docks = nullptr;
    int m_station = -1;
    qint64 m_spcTime = -1;
};

QTEST_MAIN(TestWorkstationDocks)
#include "test_workstation_docks.moc"
