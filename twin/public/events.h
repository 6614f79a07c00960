#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace takt::twin {

/// A point in time: integer milliseconds since the Unix epoch, UTC.
using TimeMs = std::int64_t;

/// What a station is doing. For bottleneck analysis Working, Down and Setup are *active*.
enum class StationState : std::uint8_t { Working, Starved, Blocked, Down, Setup, Idle, Unknown };

/// True for the active states (working, down, setup) of the active period method.
constexpr bool isActive(StationState s)
{
    return s == StationState::Working || s == StationState::Down || s == StationState::Setup;
}

/// Number of StationState values; states are stored as their integer value (0..6).
inline constexpr int kStationStateCount = static_cast<int>(StationState::Unknown) + 1;

/// Every station state in enum order, for tables, legends and loops that show each state.
inline constexpr std::array<StationState, kStationStateCount> kStationStates{
    StationState::Working, StationState::Starved, StationState::Blocked, StationState::Down,
    StationState::Setup,   StationState::Idle,    StationState::Unknown};

/// Lower-case names: "working", "starved", "blocked", "down", "setup", "idle", "unknown".
std::string_view toString(StationState s);
std::optional<StationState> stationStateFromString(std::string_view text);

/// Outcome of one inspection at a quality checkpoint.
/// - Pass: the part is good first time at this inspection.
/// - Fail: a defect was found and the part leaves the checkpoint defective (offline repair or
///   scrap); it does not count as a good unit.
/// - Rework: a defect was found and repaired in line; the part continues as a good unit.
/// Fail and Rework carry a defect code.
enum class QualityResult : std::uint8_t { Pass, Fail, Rework };
std::string_view toString(QualityResult r);
std::optional<QualityResult> qualityResultFromString(std::string_view text);

/// Kinds of recorded events.
enum class EventKind : std::uint8_t {
    StateChange, ///< station, state, text = reason code (may be empty)
    PartEnter,   ///< station, part, config
    PartLeave,   ///< station, part, config
    Quality,     ///< checkpoint, part, config, result, text = defect code
    Measurement, ///< control point, value
    Alarm,       ///< station (or -1), code = severity, text = message
};
std::string_view toString(EventKind k);

/// One recorded event. `channel` is an index into the plant's stations, checkpoints or control
/// points (in manifest order) depending on `kind`. A plain value type; build it with the factory
/// functions below.
struct Event {
    TimeMs t = 0;
    EventKind kind = EventKind::StateChange;
    std::int32_t channel = 0;
    std::int32_t code = 0;   ///< StationState, QualityResult or alarm severity as integer.
    std::int64_t part = 0;   ///< Part id (part and quality events).
    std::int64_t config = 0; ///< Configuration index (part and quality events).
    double value = 0.0;      ///< Measurement value.
    std::string text;        ///< Reason code, defect code or alarm message.

    static Event stateChange(TimeMs t, int station, StationState s, std::string reason = {});
    static Event partEnter(TimeMs t, int station, std::int64_t part, std::int64_t config);
    static Event partLeave(TimeMs t, int station, std::int64_t part, std::int64_t config);
    static Event quality(TimeMs t, int checkpoint, std::int64_t part, std::int64_t config,
                         QualityResult r, std::string defectCode = {});
    static Event measurement(TimeMs t, int controlPoint, double value);
    static Event alarm(TimeMs t, int station, int severity, std::string message);

    StationState state() const { return static_cast<StationState>(code); }
    QualityResult result() const { return static_cast<QualityResult>(code); }

    bool operator==(const Event&) const = default;
};

/// Receives events in non-decreasing time order (simulator, live feed). The calling thread is
/// the producer's; implementations say whether they are thread-safe.
class EventSink {
public:
    virtual ~EventSink() = default;
    virtual void onEvent(const Event& e) = 0;
};

/// Formats a time as ISO 8601 UTC with milliseconds ("2026-01-05T06:00:00.000Z").
std::string formatIsoTime(TimeMs t);

/// Parses ISO 8601 ("2026-01-05T06:00:00Z", optional ".fff", "Z" or "+hh:mm"/"-hh:mm" offset; a
/// time without zone is UTC). nullopt when it is not such a time.
std::optional<TimeMs> parseIsoTime(std::string_view text);

/// A time as written on a command line or in a dialog, before the recording it refers to is
/// known: ISO 8601 (see parseIsoTime) or an offset from the recording's start written
/// "HH:MM:SS[.fff]" ("02:15:00"; hours may pass 23). The one parser of times that `kpi`,
/// `render`, `video`, the GUI's --at and the export dialog share.
struct TimeArgument {
    std::string text;      ///< As written, for messages.
    bool absolute = false; ///< ISO 8601 (`ms` since the epoch) rather than an offset.
    TimeMs ms = 0;         ///< Since the epoch when absolute, else since the recording's start.

    /// The time this argument names in a recording that starts at `recordingStart`.
    TimeMs resolve(TimeMs recordingStart) const { return absolute ? ms : recordingStart + ms; }
};

/// Reads a command-line time; nullopt when `text` is neither ISO 8601 nor HH:MM:SS[.fff].
std::optional<TimeArgument> parseTimeArgument(std::string_view text);

/// What parseTimeArgument refuses, in words, for messages ("\"noon\" is neither ...").
std::string timeArgumentProblem(std::string_view text);

/// Resolves `arg` (given as option `option`, e.g. "--at") in the recording [start, end] (ms).
/// Every command refuses a time outside its recording the same way: throws ArgumentError
/// "--at 99:00:00 lies outside the recording (START to END)".
TimeMs timeInRecording(const TimeArgument& arg, std::string_view option, TimeMs start, TimeMs end);

/// parseTimeArgument(text) resolved against `recordingStart`; nullopt when not a time.
std::optional<TimeMs> resolveTimeArgument(std::string_view text, TimeMs recordingStart);

} // namespace takt::twin
