#pragma once
// Small plants for tests, built in code so each test shows the model it checks.

#include "twin/plant.h"

/// QCOMPARE for enum classes (QtTest cannot print them).
#define TAKT_COMPARE_ENUM(actual, expected)                                                        \
    QCOMPARE(static_cast<int>(actual), static_cast<int>(expected))

#include <string>
#include <vector>

namespace takt::twin::testing {

/// One station of a test line.
struct StationSpec {
    std::string id;
    StationKind kind = StationKind::Process;
    Distribution cycle{Distribution::Kind::Deterministic, 50.0, 0.0};
    int capacity = 1;
    double mtbfS = 0.0; ///< 0: never fails.
    double mttrS = 0.0;
};

/// A serial line: stations in the given order, each flowing into the next. Takt 60 s.
inline Plant serialLine(const std::vector<StationSpec>& specs, double taktS = 60.0)
{
    Plant p;
    p.id = "test-line";
    p.name = "Test line";
    p.taktS = taktS;
    p.segments.push_back({"seg", "Segment"});
    for (const auto& s : specs) {
        Station st;
        st.id = s.id;
        st.name = s.id;
        st.segment = "seg";
        st.kind = s.kind;
        st.cycleTime = s.cycle;
        st.capacity = s.capacity;
        if (s.mtbfS > 0.0) {
            st.mtbfS = s.mtbfS;
            st.mttrS = s.mttrS;
        }
        p.stations.push_back(st);
    }
    for (std::size_t i = 1; i < specs.size(); ++i)
        p.flow.push_back({specs[i - 1].id, specs[i].id});
    return p;
}

inline Distribution det(double s)
{
    return {Distribution::Kind::Deterministic, s, 0.0};
}
inline Distribution expo(double s)
{
    return {Distribution::Kind::Exponential, s, 0.0};
}
inline Distribution normal(double s, double sd)
{
    return {Distribution::Kind::Normal, s, sd};
}

/// A five-station line with a buffer, a checkpoint, two control points and two configuration
/// dimensions: enough to exercise every event kind.
inline Plant smallPlant()
{
    Plant p = serialLine({{"S1", StationKind::Process, normal(50, 3)},
                          {"S2", StationKind::RobotCell, normal(52, 3), 1, 1800, 120},
                          {"B1", StationKind::Buffer, det(1), 4},
                          {"S3", StationKind::Process, normal(54, 3)},
                          {"Q1", StationKind::QualityGate, det(40)}});
    p.checkpoints.push_back({"QC1", "Gate", "Q1", 0.05, {"SCRATCH", "GAP"}});
    ControlPoint cp;
    cp.id = "CP1";
    cp.station = "S2";
    cp.unit = "Nm";
    cp.target = 10;
    cp.lsl = 9;
    cp.usl = 11;
    cp.noiseSd = 0.1;
    cp.driftPerH = 0.05;
    cp.sampleS = 60;
    p.controlPoints.push_back(cp);
    cp.id = "CP2";
    cp.station = "S3";
    cp.sampleS = 30;
    p.controlPoints.push_back(cp);
    p.configurationDimensions.push_back({"trim", {"base", "mid", "top"}});
    p.configurationDimensions.push_back({"drive", {"rwd", "awd"}});
    return p;
}

/// A plant shaped like the reference plant (for benchmarks and smoke tests): a serial line of 50
/// stations (processes and robot cells of 48-58 s, buffers of 3, conveyors of 4), failures on
/// every fourth processing station, 26 quality checkpoints, 369 control points sampled every
/// `sampleS` seconds, 5 x 4 x 4 x 4 x 4 = 1,280 configurations. Takt 60 s.
inline Plant referenceLikePlant(double sampleS = 60.0)
{
    std::vector<StationSpec> specs;
    for (int i = 0; i < 50; ++i) {
        StationSpec s;
        s.id = "ST" + std::to_string(i + 1);
        if (i % 7 == 3) {
            s.kind = StationKind::Buffer;
            s.cycle = det(1);
            s.capacity = 3;
        } else if (i % 7 == 6) {
            s.kind = StationKind::Conveyor;
            s.cycle = det(20);
            s.capacity = 4;
        } else {
            s.kind = i % 3 == 0 ? StationKind::RobotCell : StationKind::Process;
            s.cycle = normal(48.0 + double((i * 37) % 11), 2.0);
            if (i % 4 == 1) {
                s.mtbfS = 3600.0 * (2 + i % 3);
                s.mttrS = 120.0 + 30.0 * (i % 4);
            }
        }
        specs.push_back(s);
    }
    Plant p = serialLine(specs);
    p.id = "reference-like";
    std::vector<std::string> working;
    for (const auto& s : p.stations)
        if (s.kind != StationKind::Buffer && s.kind != StationKind::Conveyor)
            working.push_back(s.id);
    for (int q = 0; q < 26; ++q)
        p.checkpoints.push_back({"QC" + std::to_string(q + 1),
                                 "Check " + std::to_string(q + 1),
                                 working[std::size_t(q) * working.size() / 26],
                                 0.005 + 0.001 * (q % 5),
                                 {"GAP", "SCRATCH", "TORQUE", "LEAK"}});
    for (int c = 0; c < 369; ++c) {
        ControlPoint cp;
        cp.id = "CP" + std::to_string(c + 1);
        cp.name = cp.id;
        cp.station = working[std::size_t(c) % working.size()];
        cp.unit = "u";
        cp.target = 10.0 + c % 10;
        cp.lsl = cp.target - 1.0;
        cp.usl = cp.target + 1.0;
        cp.noiseSd = 0.2;
        cp.driftPerH = (c % 3 - 1) * 0.02;
        cp.sampleS = sampleS;
        p.controlPoints.push_back(cp);
    }
    p.configurationDimensions = {{"model", {"a", "b", "c", "d", "e"}},
                                 {"trim", {"base", "mid", "top", "perf"}},
                                 {"colour", {"white", "black", "red", "blue"}},
                                 {"wheels", {"18", "19", "20", "21"}},
                                 {"interior", {"cloth", "vegan", "leather", "sport"}}};
    return p;
}

/// `n` stations as parallel serial lines of ten (a buffer in the middle of each): a plant that
/// grows without changing what each station does (the simulator's scaling in station count).
inline Plant parallelLines(int n)
{
    Plant p;
    p.id = "lines";
    p.name = "Parallel lines";
    p.segments.push_back({"seg", "Segment"});
    for (int i = 0; i < n; ++i) {
        Station s;
        s.id = "S" + std::to_string(i);
        s.name = s.id;
        s.segment = "seg";
        s.kind = i % 10 == 5 ? StationKind::Buffer : StationKind::Process;
        s.capacity = i % 10 == 5 ? 4 : 1;
        s.cycleTime = {Distribution::Kind::Normal, 50.0 + i % 7, 3.0};
        p.stations.push_back(s);
        if (i % 10 != 0)
            p.flow.push_back({"S" + std::to_string(i - 1), s.id});
    }
    return p;
}

} // namespace takt::twin::testing
