// Unit tests of the simulator (twin/simulator.h) and `takt simulate` (twin/commands.h).
#include "test_plants.h"
#include "twin/commands.h"
#include "twin/manifest.h"
#include "twin/session_store.h"
#include "twin/simulator.h"

#include <QtTest>

#include <cmath>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

using namespace takt::twin;
using testing::det;
using testing::expo;

namespace {

struct VectorSink : EventSink {
    std::vector<Event> events;
    void onEvent(const Event& e) override { events.push_back(e); }
};

std::vector<Event> run(const Plant& plant, double hours, std::uint64_t seed)
{
    SimulationOptions o;
    o.hours = hours;
    o.seed = seed;
    VectorSink sink;
    Simulator(plant, o).run(sink);
    return sink.events;
}

auto eventKey(const Event& e)
{
    return std::tuple(e.t, int(e.kind), e.channel, e.part, e.code, e.value, e.text);
}

} // namespace

class TestSimulator : public QObject {
    Q_OBJECT
private slots:
    void sameSeedSameStream()
    {
        const auto plant = testing::smallPlant();
        const auto a = run(plant, 2, 42);
        const auto b = run(plant, 2, 42);
        QVERIFY(a.size() > 500);
        QVERIFY(a == b);
        QVERIFY(a != run(plant, 2, 43));
    }

    void eventsAreOrderedAndInsideTheHorizon()
    {
        const auto events = run(testing::smallPlant(), 2, 1);
        for (std::size_t i = 1; i < events.size(); ++i)
            QVERIFY(events[i - 1].t <= events[i].t);
        QVERIFY(events.front().t >= kDefaultSimulationStartMs);
        QVERIFY(events.back().t < kDefaultSimulationStartMs + 2 * 3600 * 1000);
    }

    void stationStatesAndPartsAreConsistent()
    {
        const auto plant = testing::smallPlant();
        const auto events = run(plant, 4, 7);
        std::map<int, StationState> state;
        std::map<int, std::int64_t> held; // server stations: part inside, 0 when empty
        std::map<int, int> downs;
        std::set<std::int64_t> configs;
        for (const auto& e : events) {
            if (e.kind == EventKind::StateChange) {
                QVERIFY2(!state.count(e.channel) || state[e.channel] != e.state(),
                         "a state change must change the state");
                state[e.channel] = e.state();
                if (e.state() == StationState::Down) {
                    ++downs[e.channel];
                    QVERIFY(!e.text.empty()); // reason code
                }
            } else if (plant.stations[std::size_t(e.channel)].kind != StationKind::Buffer &&
                       (e.kind == EventKind::PartEnter || e.kind == EventKind::PartLeave)) {
                configs.insert(e.config);
                if (e.kind == EventKind::PartEnter) {
                    QCOMPARE(held[e.channel], std::int64_t(0));
                    held[e.channel] = e.part;
                } else {
                    QCOMPARE(held[e.channel], e.part);
                    held[e.channel] = 0;
                }
            }
        }
        QCOMPARE(int(state.size()), 4);           // every station but the buffer reports states
        QVERIFY(downs[1] > 0);                    // S2 has MTBF 1800 s over 4 h
        QCOMPARE(downs.count(0), std::size_t(0)); // S1 never fails
        QCOMPARE(int(configs.size()), 6);         // 3 x 2 configurations, all drawn
        QVERIFY(*configs.rbegin() < 6);
    }

    void workContentDependsOnConfiguration()
    {
        // Station 0 of a plant with dimensions takes 3 % more per option step of dimension 0.
        auto plant = testing::serialLine({{"A", StationKind::Process, det(60)}});
        plant.configurationDimensions.push_back({"trim", {"base", "mid", "top"}});
        QCOMPARE(Simulator::workFactor(plant, 0, 2), 1.06);
        const auto events = run(plant, 3, 5);
        std::map<std::int64_t, TimeMs> entered;
        int checked = 0;
        for (const auto& e : events) {
            if (e.kind == EventKind::PartEnter)
                entered[e.part] = e.t;
            if (e.kind == EventKind::PartLeave) {
                const double expected = 60000.0 * (1.0 + 0.03 * double(e.config % 3));
                QCOMPARE(double(e.t - entered[e.part]), std::round(expected));
                ++checked;
            }
        }
        QVERIFY(checked > 150);
    }

    void defectRateFollowsCheckpointAndConfiguration()
    {
        auto plant = testing::serialLine({{"Q", StationKind::QualityGate, det(1)}});
        plant.configurationDimensions.push_back({"trim", {"base", "mid", "top"}});
        plant.checkpoints.push_back({"QC", "QC", "Q", 0.1, {"A", "B"}});
        const auto events = run(plant, 6, 11);
        double inspected = 0, defects = 0;
        std::set<std::string> codes;
        for (const auto& e : events) {
            if (e.kind != EventKind::Quality)
                continue;
            ++inspected;
            if (e.result() != QualityResult::Pass) {
                ++defects;
                codes.insert(e.text);
            }
        }
        // Option "mid" (odd) raises the rate by half: (0.1 + 0.15 + 0.1) / 3.
        const double expected = 0.35 / 3.0;
        QVERIFY(inspected > 20000);
        QVERIFY2(std::abs(defects / inspected - expected) < 0.01,
                 qPrintable(QString::number(defects / inspected)));
        QCOMPARE(codes, (std::set<std::string>{"A", "B"}));
    }

    void measurementsDriftAndArePeriodic()
    {
        const auto plant = testing::smallPlant();
        const auto events = run(plant, 2, 3);
        std::vector<Event> cp2;
        for (const auto& e : events)
            if (e.kind == EventKind::Measurement && e.channel == 1)
                cp2.push_back(e);
        QCOMPARE(int(cp2.size()), 2 * 3600 / 30);
        QCOMPARE(cp2[1].t - cp2[0].t, TimeMs(30000));
        double first = 0, last = 0;
        for (std::size_t i = 0; i < 120; ++i) {
            first += cp2[i].value / 120;
            last += cp2[i + 120].value / 120;
        }
        QVERIFY2(std::abs((last - first) - 0.05) < 0.03, qPrintable(QString::number(last - first)));
    }

    void simulateWritesTheSameStreamToASession()
    {
        QTemporaryDir dir;
        const auto file = dir.filePath("sim.takt").toStdString();
        const auto plant = testing::smallPlant();
        const auto summary = simulate(plant, 2, 42, file);
        auto expected = run(plant, 2, 42);
        QCOMPARE(summary.events, std::uint64_t(expected.size()));
        const auto store = SessionStore::open(file);
        const auto rec = store.recordings().at(0);
        QCOMPARE(rec.endMs, std::optional<TimeMs>(summary.endMs));
        auto stored = store.events(rec.id);
        const auto less = [](const Event& a, const Event& b) { return eventKey(a) < eventKey(b); };
        std::sort(expected.begin(), expected.end(), less);
        std::sort(stored.begin(), stored.end(), less);
        QVERIFY(stored == expected);
    }

    // Issue 14: settle() looked at every station after every event, so the simulator was
    // quadratic in station count (10,000 stations 1.8 s, 40,000 21 s). Counted, not timed, so
    // that it holds on any machine and under the sanitizers: per event, the stations looked at
    // and the queue operations may grow like log n at most (8x the stations: log 20,000 /
    // log 2,500 = 1.27), never like n (8x). bench_simulate stationScaling times the same.
    void workPerEventFlatInStationCount()
    {
        struct CountingSink : EventSink {
            std::uint64_t n = 0;
            void onEvent(const Event&) override { ++n; }
        };
        std::map<int, SimulationWork> work;
        for (const int n : {2'500, 20'000}) {
            SimulationOptions o;
            o.hours = 0.1;
            CountingSink sink;
            const auto summary = Simulator(testing::parallelLines(n), o).run(sink);
            QCOMPARE(summary.events, sink.n);
            QVERIFY2(summary.work.events > std::uint64_t(n), "too few events to measure");
            work[n] = summary.work;
        }
        const double limit = std::log(20'000.0) / std::log(2'500.0) * 1.15; // 1.46
        const auto ratio = [&](std::uint64_t SimulationWork::*count) {
            const auto perEvent = [&](int n) {
                return double(work[n].*count) / double(work[n].events);
            };
            return perEvent(20'000) / perEvent(2'500);
        };
        for (const auto& [name, count] :
             {std::pair{"stations looked at to move a part", &SimulationWork::moveChecks},
              std::pair{"station states looked at", &SimulationWork::stateChecks},
              std::pair{"queue operations", &SimulationWork::queueOps}}) {
            const double r = ratio(count);
            qInfo("%s per event: %.2fx at 8x the stations", name, r);
            QVERIFY2(r < limit, qPrintable(QString("%1 per event: %2x at 8x the stations (limit "
                                                   "%3x)")
                                               .arg(name)
                                               .arg(r, 0, 'f', 2)
                                               .arg(limit, 0, 'f', 2)));
        }
    }

    // runSimulateCommand with typed options; its command line is tested in test_command_line.
    void command_data()
    {
        QTest::addColumn<QString>("plant");
        QTest::addColumn<QString>("out");
        QTest::addColumn<double>("hours");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("errContains");
        const int ok = int(CommandStatus::Ok), failed = int(CommandStatus::Failed),
                  bad = int(CommandStatus::BadArguments);
        QTest::newRow("missing plant") << "nope.json"
                                       << "OUT" << 0.5 << failed << "nope.json";
        QTest::newRow("existing out") << "PLANT"
                                      << "PLANT" << 0.5 << failed << "already exists";
        QTest::newRow("hours not a number") << "PLANT"
                                            << "OUT" << std::nan("") << bad << "--hours";
        QTest::newRow("negative hours") << "PLANT"
                                        << "OUT" << -1.0 << bad << "--hours";
        QTest::newRow("more than a year") << "PLANT"
                                          << "OUT" << kMaxSimulateHours + 1 << bad << "--hours";
        QTest::newRow("ok") << "PLANT"
                            << "OUT" << 0.5 << ok << "";
    }
    void command()
    {
        QFETCH(QString, plant);
        QFETCH(QString, out);
        QFETCH(double, hours);
        QFETCH(int, status);
        QFETCH(QString, errContains);
        QTemporaryDir dir;
        const auto plantFile = dir.filePath("plant.json");
        const auto outFile = dir.filePath("out.takt");
        std::ofstream(plantFile.toStdString()) << writePlantManifest(testing::smallPlant(), "");
        const auto path = [&](QString p) {
            return p.replace("PLANT", plantFile).replace("OUT", outFile).toStdString();
        };
        SimulateOptions options;
        options.plantPath = path(plant);
        options.outPath = path(out);
        options.hours = hours;
        options.seed = 9;
        options.quiet = true;
        std::ostringstream o, e;
        QCOMPARE(int(runSimulateCommand(options, o, e)), status);
        if (status == int(CommandStatus::Ok)) {
            const std::string text = o.str();
            QVERIFY2(text.find("units finished") != std::string::npos, text.c_str());
            QCOMPARE(std::count(text.begin(), text.end(), '\n'), 1L);
            QVERIFY(QFile::exists(outFile));
            QVERIFY(e.str().empty());
        } else {
            QVERIFY2(e.str().find(errContains.toStdString()) != std::string::npos, e.str().c_str());
            QVERIFY(o.str().empty());
        }
    }
};

QTEST_APPLESS_MAIN(TestSimulator)
#include "test_simulator.moc"
