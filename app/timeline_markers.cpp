#include "app/timeline_markers.h"

#include "render/chart_palette.h"
#include "twin/kpi.h"
#include "twin/recording_data.h"
#include "twin/vehicle_losses.h"

#include <QColor>
#include <QDateTime>

#include <algorithm>
#include <map>
#include <set>

namespace takt::app {
namespace {

QString clock(twin::TimeMs t)
{
    return QDateTime::fromMSecsSinceEpoch(t, Qt::UTC).toString(QStringLiteral("HH:mm:ss 'UTC'"));
}

QString minutes(twin::TimeMs ms)
{
    return QString::number(double(ms) / 60000.0, 'f', 1);
}

} // namespace

QColor markerColor(TimelineMarker::Kind kind)
{
    switch (kind) {
    case TimelineMarker::Kind::Stoppage:
        return render::stateColor(twin::StationState::Down);
    case TimelineMarker::Kind::FailedCheck:
        return render::chart_colors::kSecondary;
    case TimelineMarker::Kind::MissedTakt:
        return render::chart_colors::kText;
    }
    return render::chart_colors::kText;
}

std::vector<TimelineMarker> collectTimelineMarkers(const twin::RecordingData& data,
                                                   double missFactor)
{
    std::vector<TimelineMarker> out;
    const auto& plant = data.plant();
    const twin::TimeMs from = data.startMs(), to = data.endMs();
    // What each stoppage and failed unit cost over the shift (docs/vehicle-losses.md).
    const auto losses = twin::computeVehicleLosses(data, twin::computeKpis(data, from, to));
    std::map<std::pair<int, twin::TimeMs>, std::pair<double, double>> stopVehicles; // cost, lost
    std::set<std::int64_t> failedUnits; // units that left the line failed: one vehicle each
    for (const auto& l : losses.losses)
        if (l.kind == twin::LossKind::Quality)
            failedUnits.insert(l.part);
        else
            stopVehicles[{l.station, l.at}] = {l.vehicles, l.lostVehicles};
    const auto cost = [](std::pair<double, double> v) {
        const QString text = QObject::tr(" — %1 vehicles against takt").arg(v.first, 0, 'f', 1);
        // What the line made up for it running ahead of takt (docs/vehicle-losses.md).
        return v.second - v.first < 0.05 ? text
                                         : text + QObject::tr(" (%1 lost, %2 made up)")
                                                      .arg(v.second, 0, 'f', 1)
                                                      .arg(v.second - v.first, 0, 'f', 1);
    };
    for (std::size_t s = 0; s < plant.stations.size(); ++s) {
        const QString name = QString::fromStdString(plant.stations[s].id);
        data.forEachStateInterval(
            int(s), from, to, [&](twin::StationState st, twin::TimeMs a, twin::TimeMs b) {
                if (st != twin::StationState::Down)
                    return;
                const auto& col = data.states(int(s));
                const auto k = twin::lastAtOrBefore(col.t, a);
                const twin::TimeMs since = k >= 0 ? col.since[std::size_t(k)] : a;
                const auto it = stopVehicles.find({int(s), since});
                out.push_back(
                    {TimelineMarker::Kind::Stoppage, a,
                     QObject::tr("%1 down at %2 for %3 min").arg(name, clock(a), minutes(b - a)) +
                         cost(it == stopVehicles.end() ? std::pair(0.0, 0.0) : it->second)});
            });
    }
    for (std::size_t c = 0; c < plant.checkpoints.size(); ++c) {
        const auto& q = data.quality(int(c));
        const QString name = QString::fromStdString(plant.checkpoints[c].id);
        for (std::size_t i = 0; i < q.t.size(); ++i) {
            if (q.result[i] != twin::QualityResult::Fail)
                continue;
            QString text = QObject::tr("Failed check at %1 (%2), part %3")
                               .arg(name, clock(q.t[i]))
                               .arg(q.part[i]);
            if (q.defect[i] != 0)
                text += QObject::tr(": %1").arg(QString::fromStdString(data.text(q.defect[i])));
            if (failedUnits.count(q.part[i]))
                text += QObject::tr(" — 1 vehicle (it left the line failed)");
            out.push_back({TimelineMarker::Kind::FailedCheck, q.t[i], text});
        }
    }
    // Departures from every line end, merged: the line's output is what misses the takt.
    std::vector<twin::TimeMs> departures;
    for (int end : data.lineEnds()) {
        const auto& leave = data.parts(end).leaveT;
        departures.insert(departures.end(), leave.begin(), leave.end());
    }
    std::sort(departures.begin(), departures.end());
    const auto limit = twin::TimeMs(plant.taktS * 1000.0 * missFactor);
    for (std::size_t i = 1; i < departures.size(); ++i) {
        const twin::TimeMs gap = departures[i] - departures[i - 1];
        if (gap > limit)
            out.push_back({TimelineMarker::Kind::MissedTakt, departures[i],
                           QObject::tr("Missed takt: %1 s between departures, at %2")
                               .arg(gap / 1000)
                               .arg(clock(departures[i]))});
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const TimelineMarker& a, const TimelineMarker& b) { return a.t < b.t; });
    return out;
}

} // namespace takt::app
