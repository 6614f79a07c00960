#pragma once

#include "twin/plant.h"
#include "twin/recording_data.h"
#include "twin/statistics.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace takt::twin {

/// One estimated parameter: its value and 95 % interval from `samples` observations, or no value
/// and the reason (too little data). Never a made-up number: a missing estimate has no value.
struct Estimate {
    std::optional<double> value;
    std::optional<stats::Interval> ci; ///< Absent when the method gives none.
    std::int64_t samples = 0;
    std::string missing; ///< Why there is no value (empty when there is one).

    static Estimate of(double v, std::int64_t n, std::optional<stats::Interval> ci = {});
    static Estimate none(std::int64_t n, std::string reason);
};

/// One candidate distribution tried on a station's processing times.
struct FitCandidate {
    Distribution::Kind kind = Distribution::Kind::Normal;
    double logLikelihood = 0.0;
    int parameters = 0;
    double aic = 0.0; ///< 2 k - 2 ln L.
};

/// Relative work content of one configuration option at a station (mean processing time of the
/// parts with that option / the station's mean).
struct OptionEffect {
    std::string option;
    std::int64_t samples = 0;
    double ratio = 1.0;
    stats::Interval ci;
};

/// What calibration estimates for one station.
struct StationCalibration {
    int station = -1;
    std::string id;
    StationKind kind = StationKind::Process;
    /// Processing times (working time per part, work-content factor divided out).
    std::int64_t samples = 0;
    std::optional<Distribution> fitted; ///< Best candidate by AIC; absent with too little data.
    std::string fitMissing;             ///< Why there is no fit.
    std::vector<FitCandidate> candidates;
    Estimate mean, sd;
    /// Conveyors: the shortest dwell, when at least kMinFreeTransports parts share it (a
    /// conveyor that always waits for its successor shows no transport time).
    Estimate transportS;
    Estimate mtbf, mttr; ///< Seconds; MTBF counts working time only (docs/simulator.md).
    std::int64_t failures = 0;
    double workingS = 0.0; ///< Exposure of the MTBF estimate.
    Estimate setupMean;    ///< Mean setup duration, seconds.
    std::int64_t setups = 0;
    int maxWip = 0; ///< Buffers and conveyors: most parts seen inside at once.
    /// The configuration dimension whose options change this station's work content most (by
    /// between-option F test, Bonferroni-corrected over the dimensions), with each option's
    /// relative work content; empty unless that p-value is below 0.01.
    std::string effectDimension;
    double effectPValue = 1.0;
    std::vector<OptionEffect> optionEffects;
};

/// Defect rate of one option at a checkpoint.
struct OptionRate {
    std::string option;
    std::int64_t inspections = 0, defects = 0;
    double rate = 0.0;
    stats::Interval ci;
};

/// What calibration estimates for one quality checkpoint.
struct CheckpointCalibration {
    int checkpoint = -1;
    std::string id;
    std::string station;
    std::int64_t inspections = 0, defects = 0, fails = 0, reworks = 0;
    Estimate defectRate;  ///< Base rate (configuration factor divided out, docs/calibration.md).
    Estimate reworkShare; ///< Share of defects repaired in line.
    /// The dimension whose options differ most in defect rate (chi-square), its p-value and the
    /// rate of each option.
    std::string effectDimension;
    double effectPValue = 1.0;
    std::vector<OptionRate> optionRates;
};

/// Minimum sample sizes below which an estimate is given as missing.
inline constexpr std::int64_t kMinFitSamples = 30;
inline constexpr std::int64_t kMinFailures = 3;
inline constexpr std::int64_t kMinSetups = 3;
inline constexpr std::int64_t kMinInspections = 30;
/// Conveyors: parts whose dwell equals the shortest (within 2 ms) before it counts as transport.
inline constexpr std::int64_t kMinFreeTransports = 5;

/// The result of calibrating one recording window.
struct CalibrationReport {
    TimeMs from = 0, to = 0;
    double hours = 0.0;
    std::vector<StationCalibration> stations;
    std::vector<CheckpointCalibration> checkpoints;
    std::vector<std::string> warnings;
};

/// Estimates the model parameters of `data`'s plant from its events in [from, to)
/// (docs/calibration.md). Parts already inside a station at `from` are left out of processing
/// times (their work began before the window). Any thread (reads `data` only). Does not throw
/// (except std::bad_alloc).
CalibrationReport calibrate(const RecordingData& data, TimeMs from, TimeMs to);

/// `original` with every parameter the report estimates replaced; a missing estimate keeps the
/// original's value (the report says which). Structure, capacities and layout bindings are kept.
Plant calibratedPlant(const Plant& original, const CalibrationReport& report);

} // namespace takt::twin
