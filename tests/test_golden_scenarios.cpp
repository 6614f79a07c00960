// Golden scenario tests: every folder under tests/scenarios/ holds plant.json, events.csv and
// expected.json (computed by hand, see the folder's README.md). The events go through a real
// session file, are loaded for replay and the KPIs and bottlenecks must match exactly (1e-6).
#include "test_plants.h"
#include "twin/kpi.h"
#include "twin/manifest.h"
#include "twin/recording_data.h"
#include "twin/session_store.h"
#include "twin/vehicle_losses.h"

#include <nlohmann/json.hpp>

#include <QtTest>

#include <fstream>

using namespace takt::twin;
using nlohmann::json;

namespace {

const QString kScenarios = QStringLiteral(TAKT_SOURCE_DIR "/tests/scenarios");

int indexOf(const std::vector<std::string>& ids, const std::string& id)
{
    const auto it = std::find(ids.begin(), ids.end(), id);
    return it == ids.end() ? -1 : int(it - ids.begin());
}

/// Reads events.csv (t_s,event,target,value,part,config,code; '#' starts a comment).
std::vector<Event> readEvents(const QString& file, const Plant& plant, TimeMs start)
{
    std::vector<std::string> stations, checkpoints, points;
    for (const auto& s : plant.stations)
        stations.push_back(s.id);
    for (const auto& c : plant.checkpoints)
        checkpoints.push_back(c.id);
    for (const auto& c : plant.controlPoints)
        points.push_back(c.id);
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        throw std::runtime_error("cannot read " + file.toStdString());
    std::vector<Event> out;
    bool header = true;
    while (!f.atEnd()) {
        const QString line = QString::fromUtf8(f.readLine()).trimmed();
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        if (header) {
            header = false;
            continue;
        }
        const auto c = line.split(',');
        if (c.size() != 7)
            throw std::runtime_error("bad line: " + line.toStdString());
        const TimeMs t = start + TimeMs(std::llround(c[0].toDouble() * 1000));
        const std::string kind = c[1].toStdString(), target = c[2].toStdString();
        const std::string value = c[3].toStdString(), code = c[6].toStdString();
        const auto part = c[4].toLongLong(), config = c[5].toLongLong();
        if (kind == "state")
            out.push_back(Event::stateChange(t, indexOf(stations, target),
                                             *stationStateFromString(value), code));
        else if (kind == "enter")
            out.push_back(Event::partEnter(t, indexOf(stations, target), part, config));
        else if (kind == "leave")
            out.push_back(Event::partLeave(t, indexOf(stations, target), part, config));
        else if (kind == "quality")
            out.push_back(Event::quality(t, indexOf(checkpoints, target), part, config,
                                         *qualityResultFromString(value), code));
        else if (kind == "measurement")
            out.push_back(Event::measurement(t, indexOf(points, target), c[3].toDouble()));
        else
            throw std::runtime_error("unknown event kind " + kind);
    }
    return out;
}

void near(double actual, double expected, const std::string& what)
{
    QVERIFY2(std::abs(actual - expected) < 1e-6, qPrintable(QString("%1: %2, expected %3")
                                                                .arg(QString::fromStdString(what))
                                                                .arg(actual, 0, 'g', 10)
                                                                .arg(expected, 0, 'g', 10)));
}

/// `expected` null means "cannot be computed" (NaN), e.g. a cycle time from one departure.
void near(double actual, const json& expected, const std::string& what)
{
    if (expected.is_null()) {
        QVERIFY2(std::isnan(actual), qPrintable(QString::fromStdString(what + ": expected null")));
        return;
    }
    near(actual, expected.get<double>(), what);
}

} // namespace

class TestGoldenScenarios : public QObject {
    Q_OBJECT
private slots:
    void scenario_data()
    {
        QTest::addColumn<QString>("folder");
        const auto dirs = QDir(kScenarios).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        QVERIFY(!dirs.isEmpty());
        for (const auto& d : dirs)
            QTest::newRow(qPrintable(d)) << kScenarios + "/" + d;
    }
    void scenario()
    {
        QFETCH(QString, folder);
        const Plant plant = loadPlantManifest((folder + "/plant.json").toStdString());
        json ex;
        std::ifstream((folder + "/expected.json").toStdString()) >> ex;
        const TimeMs start = *parseIsoTime(ex["start"].get<std::string>());
        const auto events = readEvents(folder + "/events.csv", plant, start);

        QTemporaryDir dir;
        const auto file = dir.filePath("golden.takt").toStdString();
        {
            auto store = SessionStore::create(file, plant);
            const auto rec = store.beginRecording(RecordingKind::Imported, "golden", start);
            store.writeEvents(rec, events);
            store.endRecording(rec, start + TimeMs(ex["window_s"][1].get<double>() * 1000));
        }
        const auto store = SessionStore::open(file);
        const auto data = RecordingData::load(store, store.recordings().at(0).id);
        const TimeMs from = start + TimeMs(ex["window_s"][0].get<double>() * 1000);
        const TimeMs to = start + TimeMs(ex["window_s"][1].get<double>() * 1000);
        const auto r = computeKpis(data, from, to);

        // Every key of expected.json is checked; a scenario leaves out what it does not test.
        const auto has = [](const json& j, const char* key) { return j.contains(key); };
        QCOMPARE(r.units, ex["units"].get<std::int64_t>());
        QCOMPARE(r.goodUnits, ex["good_units"].get<std::int64_t>());
        near(r.throughputPerHour, ex["throughput_per_hour"], "throughput");
        near(r.targetPerHour, ex["target_per_hour"], "target");
        if (has(ex, "line_interdeparture")) {
            const auto& li = ex["line_interdeparture"];
            near(r.lineInterdeparture.meanS, li["mean_s"], "line interdeparture mean");
            near(r.lineInterdeparture.medianS, li["median_s"], "line interdeparture median");
            near(r.lineInterdeparture.p95S, li["p95_s"], "line interdeparture p95");
        }
        near(r.oee.availability, ex["oee"]["availability"], "line availability");
        near(r.oee.performance, ex["oee"]["performance"], "line performance");
        near(r.oee.quality, ex["oee"]["quality"], "line quality");
        near(r.oee.oee, ex["oee"]["oee"], "line OEE");
        if (has(ex["oee"], "planned_s"))
            near(r.plannedS, ex["oee"]["planned_s"], "line planned time");
        if (has(ex["oee"], "ideal_cycle_s"))
            near(r.idealCycleS, ex["oee"]["ideal_cycle_s"], "line ideal cycle");
        if (has(ex["oee"], "startup_s"))
            near(r.startupLossS, ex["oee"]["startup_s"], "start-up loss");
        if (has(ex, "fpy_overall"))
            near(r.fpyOverall, ex["fpy_overall"], "overall FPY");
        if (has(ex, "rolled_yield"))
            near(r.rolledYield, ex["rolled_yield"], "rolled yield");

        for (const auto& item : ex["stations"].items()) {
            // Named, not bound: clang 14 (the asan preset) cannot capture a structured binding.
            const std::string id = item.key();
            const auto& e = item.value();
            const int i = plant.stationIndex(id);
            QVERIFY(i >= 0);
            const auto& s = r.stations[std::size_t(i)];
            const auto check = [&](const char* key, double actual) {
                if (e.contains(key))
                    near(actual, e[key], id + " " + key);
            };
            for (const char* state : {"working", "down", "blocked", "starved", "setup"})
                check(state, s.stateShare[std::size_t(*stationStateFromString(state))]);
            if (e.contains("parts_out"))
                QCOMPARE(s.partsOut, e["parts_out"].get<std::int64_t>());
            check("processing_mean_s", s.processing.meanS);
            check("processing_p95_s", s.processing.p95S);
            check("interdeparture_mean_s", s.interdeparture.meanS);
            check("interdeparture_median_s", s.interdeparture.medianS);
            check("interdeparture_p95_s", s.interdeparture.p95S);
            check("availability", s.oee.availability);
            check("performance", s.oee.performance);
            check("quality", s.oee.quality);
            check("oee", s.oee.oee);
            check("line_stop_s", s.lineStopS);
            if (!e.contains("active_periods"))
                continue;
            const auto* b = r.bottleneck.station(i);
            QVERIFY(b);
            QCOMPARE(b->activePeriods, e["active_periods"].get<std::int64_t>());
            near(b->meanActiveS, e["mean_active_s"], id + " mean active period");
            near(b->soleShare, e["sole_share"], id + " sole share");
            near(b->shiftingShare, e["shifting_share"], id + " shifting share");
        }
        const json checkpoints = ex.value("checkpoints", json::object());
        for (const auto& [id, e] : checkpoints.items()) {
            const auto it = std::find_if(r.checkpoints.begin(), r.checkpoints.end(),
                                         [&id = id](const CheckpointKpi& c) { return c.id == id; });
            QVERIFY(it != r.checkpoints.end());
            QCOMPARE(it->parts, e["parts"].get<std::int64_t>());
            QCOMPARE(it->firstPass, e["first_pass"].get<std::int64_t>());
            near(it->fpy, e["fpy"], id + " FPY");
            QCOMPARE(it->fails, e["fails"].get<std::int64_t>());
            QCOMPARE(it->reworks, e["reworks"].get<std::int64_t>());
        }
        const json buffers = ex.value("buffers", json::object());
        for (const auto& [id, e] : buffers.items()) {
            const auto it = std::find_if(r.buffers.begin(), r.buffers.end(),
                                         [&id = id](const BufferKpi& b) { return b.id == id; });
            QVERIFY(it != r.buffers.end());
            near(it->averageWip, e["average_wip"], id + " WIP");
            near(it->averageFill, e["average_fill"], id + " fill");
        }
        const auto pareto = [&](const std::vector<ParetoEntry>& got, const json& want) {
            QCOMPARE(got.size(), want.size());
            for (std::size_t k = 0; k < got.size(); ++k) {
                QCOMPARE(got[k].key, want[k][0].get<std::string>());
                QCOMPARE(got[k].count, want[k][1].get<std::int64_t>());
            }
        };
        if (has(ex, "defects_by_code"))
            pareto(r.defectsByCode, ex["defects_by_code"]);
        if (has(ex, "defects_by_configuration"))
            pareto(r.defectsByConfig, ex["defects_by_configuration"]);

        if (has(ex, "average_bottleneck"))
            QCOMPARE(plant.stations[std::size_t(r.bottleneck.averageBottleneck)].id,
                     ex["average_bottleneck"].get<std::string>());
        // Issue 15: the vehicles each stoppage, setup and failure cost, and the reconciliation.
        if (has(ex, "vehicle_losses")) {
            const auto& v = ex["vehicle_losses"];
            const auto l = computeVehicleLosses(data, r);
            near(l.targetVehicles, v["target"], "target vehicles");
            near(l.shortfallVehicles, v["shortfall"], "shortfall");
            near(l.downVehicles, v["down"], "down vehicles");
            near(l.setupVehicles, v["setup"], "setup vehicles");
            near(l.qualityVehicles, v["quality"], "quality vehicles");
            near(l.startupVehicles, v["startup"], "start-up vehicles");
            near(l.unattributedVehicles, v["unattributed"], "unattributed vehicles");
            // The takt ledger (what the losses took, what the line made up, the rest's parts).
            if (has(v, "lost")) {
                near(l.lostVehicles, v["lost"], "vehicles the losses took");
                near(l.recoveredVehicles, v["made_up"], "vehicles made up");
                near(l.speedVehicles, v["speed"], "slower than takt");
                near(l.aheadVehicles, v["ahead"], "ahead of takt");
            }
            near(l.downVehicles + l.setupVehicles + l.qualityVehicles + l.startupVehicles +
                     l.unattributedVehicles,
                 l.shortfallVehicles, "the losses reconcile with the shortfall");
            QCOMPARE(l.losses.size(), v["losses"].size());
            const char* kinds[] = {"down", "setup", "quality"};
            for (std::size_t k = 0; k < l.losses.size(); ++k) {
                const auto& want = v["losses"][k];
                const auto& got = l.losses[k];
                QCOMPARE(std::string(kinds[int(got.kind)]), want[0].get<std::string>());
                QCOMPARE(plant.stations[std::size_t(got.station)].id, want[1].get<std::string>());
                near(double(got.at - start) / 1000.0, want[2].get<double>(), "loss time");
                near(got.vehicles, want[3].get<double>(), "loss vehicles");
                if (want.size() > 4) {
                    near(got.lostVehicles, want[4].get<double>(), "loss vehicles lost");
                    near(got.recoveredVehicles, want[5].get<double>(), "loss vehicles made up");
                }
            }
        }
        const json momentary = ex.value("momentary", json::array());
        for (const auto& m : momentary) {
            const TimeMs t = start + TimeMs(m["t_s"].get<double>() * 1000);
            const auto got = r.bottleneck.at(t);
            const std::string where = "momentary at " + std::to_string(m["t_s"].get<double>());
            QVERIFY2(got.station >= 0, where.c_str());
            QCOMPARE(plant.stations[std::size_t(got.station)].id, m["station"].get<std::string>());
            if (m["shifting_with"].is_null()) {
                QVERIFY2(!got.shifting, where.c_str());
            } else {
                QVERIFY2(got.shifting, where.c_str());
                QCOMPARE(plant.stations[std::size_t(got.shiftingWith)].id,
                         m["shifting_with"].get<std::string>());
            }
        }
    }
};

QTEST_APPLESS_MAIN(TestGoldenScenarios)
#include "test_golden_scenarios.moc"
