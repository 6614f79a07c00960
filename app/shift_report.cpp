#include "app/shift_report.h"

#include "app/document.h"
#include "app/time_format.h"
#include "render/chart_data.h"
#include "twin/error.h"

#include <QFileInfo>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <numeric>

namespace takt::app {
namespace {

constexpr twin::TimeMs kHourMs = 3'600'000;
constexpr twin::TimeMs kRollingWindowMs = kHourMs;
constexpr twin::TimeMs kRollingStepMs = 5 * 60'000;
constexpr std::size_t kTableRows = 8;
constexpr std::size_t kSpcCharts = 2;
constexpr std::size_t kMaxSpcSamples = 3000;

QString qs(const std::string& s)
{
    return QString::fromStdString(s);
}

QString stationLabel(const twin::Plant& plant, int index)
{
    if (index < 0 || std::size_t(index) >= plant.stations.size())
        return QStringLiteral("—");
    const auto& s = plant.stations[std::size_t(index)];
    return s.name.empty() || s.name == s.id ? qs(s.id)
                                            : qs(s.id) + QStringLiteral(" ") + qs(s.name);
}

/// Departure times of every line-end station inside [from, to), sorted.
std::vector<twin::TimeMs> lineEndDepartures(const twin::RecordingData& data, twin::TimeMs from,
                                            twin::TimeMs to)
{
    std::vector<twin::TimeMs> out;
    for (int end : data.lineEnds()) {
        const auto& col = data.parts(end).leaveT;
        const auto lo = std::lower_bound(col.begin(), col.end(), from);
        const auto hi = std::lower_bound(col.begin(), col.end(), to);
        out.insert(out.end(), lo, hi);
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::int64_t countIn(const std::vector<twin::TimeMs>& sorted, twin::TimeMs from, twin::TimeMs to)
{
    return std::lower_bound(sorted.begin(), sorted.end(), to) -
           std::lower_bound(sorted.begin(), sorted.end(), from);
}

QString minutes(double hours)
{
    return QString::number(hours * 60.0, 'f', 1) + QStringLiteral(" min");
}

void addTimeline(ShiftReportData& r, const twin::RecordingData& data)
{
    r.timeline = render::stateTimelineData(data, r.from, r.to);
    r.timeline.title = QStringLiteral("Station states over the shift");
}

void addThroughput(ShiftReportData& r, const twin::RecordingData& data)
{
    // The charts dock's bins (render::kThroughputBinMs): the page and the window agree.
    r.throughput = render::throughputData(data, r.from, r.to);
    r.throughput.title = QStringLiteral("Throughput per half hour against the takt target");
}

void addParetos(ShiftReportData& r)
{
    r.defectsByCode = render::paretoData(r.kpi.defectsByCode, render::ParetoBy::Code);
    r.defectsByCode.title = QStringLiteral("Defects by code");
    r.defectsByConfig = render::paretoData(r.kpi.defectsByConfig, render::ParetoBy::Configuration);
    r.defectsByConfig.title = QStringLiteral("Defects by build configuration");
    r.defectsByConfig.maxBars = 10;
    // Configuration names run long ("Long Range/AWD Dual Motor/…"): the axis gets their start.
    for (auto& c : r.defectsByConfig.categories)
        if (c.label.size() > 18)
            c.label = c.label.left(17) + QChar(0x2026);
}

void addSpc(ShiftReportData& r, const twin::RecordingData& data)
{
    const auto& plant = data.plant();
    std::vector<std::pair<std::size_t, int>> violations; // count, control point
    for (std::size_t c = 0; c < plant.controlPoints.size(); ++c)
        violations.emplace_back(render::spcViolationCount(data, int(c), r.from, r.to), int(c));
    std::stable_sort(violations.begin(), violations.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    for (std::size_t k = 0; k < std::min(kSpcCharts, violations.size()); ++k) {
        const int c = violations[k].second;
        const auto& cp = plant.controlPoints[std::size_t(c)];
        // Thinned to what a page can show, but never dropping a violation.
        render::SpcData spc = render::spcData(data, c, r.from, r.to, kMaxSpcSamples);
        spc.title = QStringLiteral("SPC: %1 %2 (%3 violations)")
                        .arg(qs(cp.id), spc.name)
                        .arg(violations[k].first);
        r.spc.push_back(std::move(spc));
    }
}

/// The top-losses page leads with vehicles (docs/vehicle-losses.md): the costliest stoppages,
/// setups and failures (what each took from the line, and what it cost once the line made up
/// part of it running ahead of takt), and how they add up to the shortfall against takt.
void addVehicleLosses(ShiftReportData& r, const twin::RecordingData& data)
{
    const auto& plant = data.plant();
    r.vehicles = twin::computeVehicleLosses(data, r.kpi);
    const auto& v = r.vehicles;
    const auto n = [](double x) { return QString::number(x, 'f', 1); };
    LossTable top{QStringLiteral("Losses in vehicles against takt"),
                  {QStringLiteral("Loss"), QStringLiteral("Lost"), QStringLiteral("Cost")},
                  {}};
    std::array<double, 3> lost{}; // down, setup, quality
    for (const auto& loss : v.losses) {
        lost[std::size_t(loss.kind)] += loss.lostVehicles;
        if (top.rows.size() == kTableRows || loss.lostVehicles <= 0)
            continue;
        QString text = QString::fromStdString(twin::describeLoss(loss, plant, r.from));
        text = text.left(text.lastIndexOf(QStringLiteral(" — ")));
        top.rows.push_back({text, n(loss.lostVehicles), n(loss.vehicles)});
    }
    r.losses.push_back(std::move(top));
    const double startupLost = std::max(0.0, v.lostVehicles - lost[0] - lost[1] - lost[2]);
    r.losses.push_back(
        {QStringLiteral("Shortfall reconciled: %1 lost, %2 made up")
             .arg(n(v.lostVehicles), n(v.recoveredVehicles)),
         {QStringLiteral(""), QStringLiteral("Lost"), QStringLiteral("Cost")},
         {{QStringLiteral("Target (planned time / takt %1 s)").arg(v.taktS), QString(),
           n(v.targetVehicles)},
          {QStringLiteral("Good units"), QString(), QString::number(v.goodUnits)},
          {QStringLiteral("Shortfall"), n(v.lostVehicles), n(v.shortfallVehicles)},
          {QStringLiteral("  stoppages"), n(lost[0]), n(v.downVehicles)},
          {QStringLiteral("  setups"), n(lost[1]), n(v.setupVehicles)},
          {QStringLiteral("  quality failures"), n(lost[2]), n(v.qualityVehicles)},
          {QStringLiteral("  start-up"), n(startupLost), n(v.startupVehicles)},
          {v.aheadVehicles > v.speedVehicles ? QStringLiteral("  unattributed (ahead of takt)")
                                             : QStringLiteral("  unattributed (slow, not made up)"),
           QString(), n(v.unattributedVehicles)}}});
}

void addLosses(ShiftReportData& r, const twin::Plant& plant)
{
    auto stationRows = [&](auto share, const QString& title, const QString& column) {
        std::vector<const twin::StationKpi*> rows;
        for (const auto& s : r.kpi.stations)
            if (s.hasStates && share(s) > 0)
                rows.push_back(&s);
        std::stable_sort(rows.begin(), rows.end(),
                         [&](auto* a, auto* b) { return share(*a) > share(*b); });
        LossTable t{title, {QStringLiteral("Station"), column, QStringLiteral("Share")}, {}};
        for (std::size_t i = 0; i < std::min(kTableRows, rows.size()); ++i)
            t.rows.push_back(
                {stationLabel(plant, rows[i]->station), minutes(share(*rows[i]) * r.kpi.hours),
                 QString::number(share(*rows[i]) * 100.0, 'f', 1) + QStringLiteral(" %")});
        r.losses.push_back(std::move(t));
    };
    using S = twin::StationState;
    stationRows([&](const twin::StationKpi& s) { return s.lineStopS / 3600.0 / r.kpi.hours; },
                QStringLiteral("Stations that stopped the line"), QStringLiteral("Line stopped"));

    std::vector<const twin::CheckpointKpi*> cps;
    for (const auto& c : r.kpi.checkpoints)
        if (c.parts > 0)
            cps.push_back(&c);
    std::stable_sort(cps.begin(), cps.end(), [](auto* a, auto* b) { return a->fpy < b->fpy; });
    LossTable t{
        QStringLiteral("Checkpoints by first-pass yield"),
        {QStringLiteral("Checkpoint"), QStringLiteral("FPY"), QStringLiteral("Fail / rework")},
        {}};
    for (std::size_t i = 0; i < std::min(kTableRows, cps.size()); ++i) {
        const auto& c = *cps[i];
        const auto& cp = plant.checkpoints[std::size_t(c.checkpoint)];
        t.rows.push_back({qs(cp.id) + QStringLiteral(" ") + qs(cp.name),
                          QString::number(c.fpy * 100.0, 'f', 2) + QStringLiteral(" %"),
                          QStringLiteral("%1 / %2").arg(c.fails).arg(c.reworks)});
    }
    r.losses.push_back(std::move(t));
    stationRows([](const twin::StationKpi& s) { return s.stateShare[std::size_t(S::Down)]; },
                QStringLiteral("Stations by downtime"), QStringLiteral("Down"));

    // The slowest stations by their own processing time, with their interdeparture time.
    std::vector<const twin::StationKpi*> slow;
    for (const auto& s : r.kpi.stations)
        if (s.hasStates && s.processing.samples > 0)
            slow.push_back(&s);
    std::stable_sort(slow.begin(), slow.end(),
                     [](auto* a, auto* b) { return a->processing.meanS > b->processing.meanS; });
    LossTable p{QStringLiteral("Stations by processing time"),
                {QStringLiteral("Station"), QStringLiteral("Processing mean / p95"),
                 QStringLiteral("Interdeparture mean / median / p95")},
                {}};
    const auto s1 = [](double v) { return QString::number(v, 'f', 1); };
    for (std::size_t i = 0; i < std::min(kTableRows, slow.size()); ++i) {
        const auto& k = *slow[i];
        p.rows.push_back({stationLabel(plant, k.station),
                          s1(k.processing.meanS) + QStringLiteral(" / ") + s1(k.processing.p95S) +
                              QStringLiteral(" s"),
                          s1(k.interdeparture.meanS) + QStringLiteral(" / ") +
                              s1(k.interdeparture.medianS) + QStringLiteral(" / ") +
                              s1(k.interdeparture.p95S) + QStringLiteral(" s")});
    }
    r.losses.push_back(std::move(p));
}

void addMoments(ShiftReportData& r, const twin::RecordingData& data,
                const std::vector<twin::TimeMs>& departures)
{
    const auto& plant = data.plant();
    int worstStation = -1;
    twin::TimeMs worstFrom = 0, worstLen = 0;
    for (const auto& s : r.kpi.stations) {
        if (!s.hasStates)
            continue;
        data.forEachStateInterval(s.station, r.from, r.to,
                                  [&](twin::StationState st, twin::TimeMs a, twin::TimeMs b) {
                                      if (st == twin::StationState::Down && b - a > worstLen) {
                                          worstLen = b - a;
                                          worstFrom = a;
                                          worstStation = s.station;
                                      }
                                  });
    }
    if (worstStation >= 0)
        // A little after it began, so that the line around it has reacted.
        r.moments.push_back({QStringLiteral("Longest stoppage"),
                             QStringLiteral("%1 down for %2 from %3")
                                 .arg(stationLabel(plant, worstStation),
                                      minutes(double(worstLen) / double(kHourMs)),
                                      formatOffsetHm(worstFrom - r.from)),
                             worstFrom + std::min<twin::TimeMs>(worstLen / 2, 60'000),
                             worstStation});

    // An empty line filling up at the start of a shift is no loss: windows start half an hour
    // after the first unit left the line, when the line runs at its usual pace.
    const twin::TimeMs filled =
        departures.empty() ? r.from : departures.front() + kRollingWindowMs / 2;
    if (r.to - filled >= kRollingWindowMs) {
        twin::TimeMs bestEnd = filled + kRollingWindowMs;
        std::int64_t lowest = std::numeric_limits<std::int64_t>::max();
        for (twin::TimeMs end = filled + kRollingWindowMs; end <= r.to; end += kRollingStepMs) {
            const auto n = countIn(departures, end - kRollingWindowMs, end);
            if (n < lowest) {
                lowest = n;
                bestEnd = end;
            }
        }
        r.moments.push_back({QStringLiteral("Lowest rolling throughput"),
                             QStringLiteral("%1 units in the hour %2–%3 (target %4)")
                                 .arg(lowest)
                                 .arg(formatOffsetHm(bestEnd - kRollingWindowMs - r.from),
                                      formatOffsetHm(bestEnd - r.from))
                                 .arg(std::lround(r.kpi.targetPerHour)),
                             bestEnd - kRollingWindowMs / 2, -1});
    }
}

} // namespace

ShiftReportData buildShiftReport(const Document& doc)
{
    if (!doc.replay || !doc.plant)
        throw twin::Error(QFileInfo(doc.path).fileName().toStdString() +
                          ": holds no recording to report on");
    const auto& data = doc.replay->data();
    ShiftReportData r;
    r.plant = qs(doc.plant->name);
    r.recording = doc.recordingName;
    r.file = QFileInfo(doc.path).fileName();
    r.from = data.startMs();
    r.to = data.endMs();
    r.kpi = twin::computeKpis(data, r.from, r.to);
    if (r.kpi.bottleneck.averageBottleneck >= 0)
        r.averageBottleneck = stationLabel(*doc.plant, r.kpi.bottleneck.averageBottleneck);
    const auto departures = lineEndDepartures(data, r.from, r.to);
    addTimeline(r, data);
    addThroughput(r, data);
    addParetos(r);
    addSpc(r, data);
    addVehicleLosses(r, data);
    addLosses(r, *doc.plant);
    addMoments(r, data, departures);
    return r;
}

} // namespace takt::app
