#include "twin/recording_data.h"

#include "twin/session_store.h"

#include <string>

namespace takt::twin {
namespace {

/// The longest recording Takt reads: 366 days either side of its start. The views size their
/// data by the time span, so a time far out (INT64_MAX) would cost memory without bound.
constexpr TimeMs kMaxRecordingSpanMs = TimeMs{366} * 24 * 3600 * 1000;
/// The latest start Takt reads: 9999-12-31T23:59:59.999Z.
constexpr TimeMs kLatestTimeMs = 253402300799999;

/// Position at which a value at time t goes so that the column stays sorted (after equal times).
std::size_t insertPos(const std::vector<TimeMs>& col, TimeMs t)
{
    if (col.empty() || col.back() <= t)
        return col.size();
    return std::size_t(std::upper_bound(col.begin(), col.end(), t) - col.begin());
}

template <typename T> void insertAt(std::vector<T>& v, std::size_t pos, T value)
{
    if (pos == v.size())
        v.push_back(std::move(value));
    else
        v.insert(v.begin() + std::ptrdiff_t(pos), std::move(value));
}

template <typename T> void shrink(std::vector<T>& v)
{
    v.shrink_to_fit();
}

} // namespace

RecordingData::RecordingData(Plant plant, TimeMs startMs, TimeMs endMs)
    : m_plant(std::move(plant)), m_start(startMs), m_end(std::max(startMs, endMs))
{
    m_states.resize(m_plant.stations.size());
    m_parts.resize(m_plant.stations.size());
    m_quality.resize(m_plant.checkpoints.size());
    m_measurements.resize(m_plant.controlPoints.size());
}

RecordingData RecordingData::load(const SessionStore& store, std::int64_t recordingId)
{
    const auto info = store.recording(recordingId);
    const std::string file = store.path().string();
    const std::string what = "recording " + std::to_string(recordingId) + ": ";
    if (info.startMs < 0 || info.startMs > kLatestTimeMs)
        throw SessionError(file, what + "its start " + formatIsoTime(info.startMs) +
                                     " lies outside the years 1970 to 9999");
    // Subtractions in unsigned: a time near INT64_MAX must not overflow.
    const auto outside = [&](TimeMs t) {
        const auto d = t >= info.startMs ? std::uint64_t(t) - std::uint64_t(info.startMs)
                                         : std::uint64_t(info.startMs) - std::uint64_t(t);
        return d > std::uint64_t(kMaxRecordingSpanMs);
    };
    const auto refuse = [&](const std::string& which, TimeMs t) {
        throw SessionError(file, what + which + " " + formatIsoTime(t) +
                                     " lies more than 366 days from its start " +
                                     formatIsoTime(info.startMs) +
                                     "; Takt reads recordings of up to 366 days");
    };
    if (info.endMs && outside(*info.endMs))
        refuse("its end", *info.endMs);
    RecordingData data(store.plant(), info.startMs, info.endMs.value_or(info.startMs));
    store.forEachEvent(recordingId, [&](const Event& e) {
        if (outside(e.t))
            refuse("an event at", e.t);
        data.append(e);
    });
    data.shrinkToFit();
    return data;
}

void RecordingData::setEndMs(TimeMs end)
{
    m_end = std::max(m_end, end);
}

std::uint32_t RecordingData::intern(const std::string& s)
{
    if (s.empty())
        return 0;
    // Few distinct codes (tens): a linear scan from the back beats hashing here.
    for (std::size_t i = m_texts.size(); i-- > 1;)
        if (m_texts[i] == s)
            return std::uint32_t(i);
    m_texts.push_back(s);
    return std::uint32_t(m_texts.size() - 1);
}

void RecordingData::append(const Event& e)
{
    const auto ch = std::size_t(e.channel);
    const auto bad = [&](std::size_t n) { return e.channel < 0 || ch >= n; };
    switch (e.kind) {
    case EventKind::StateChange: {
        if (bad(m_states.size()))
            break;
        auto& c = m_states[ch];
        const auto pos = insertPos(c.t, e.t);
        insertAt(c.t, pos, e.t);
        insertAt(c.state, pos, e.state());
        insertAt(c.reason, pos, intern(e.text));
        insertAt(c.since, pos, e.t);
        for (std::size_t i = pos; i < c.t.size(); ++i) // O(1) when appended in order
            c.since[i] = (i > 0 && c.state[i - 1] == c.state[i]) ? c.since[i - 1] : c.t[i];
        m_end = std::max(m_end, e.t);
        ++m_events;
        return;
    }
    case EventKind::PartEnter:
    case EventKind::PartLeave: {
        if (bad(m_parts.size()))
            break;
        auto& c = m_parts[ch];
        const bool enter = e.kind == EventKind::PartEnter;
        auto& t = enter ? c.enterT : c.leaveT;
        const auto pos = insertPos(t, e.t);
        insertAt(t, pos, e.t);
        insertAt(enter ? c.enterPart : c.leavePart, pos, e.part);
        insertAt(enter ? c.enterConfig : c.leaveConfig, pos, e.config);
        m_end = std::max(m_end, e.t);
        ++m_events;
        return;
    }
    case EventKind::Quality: {
        if (bad(m_quality.size()))
            break;
        auto& c = m_quality[ch];
        const auto pos = insertPos(c.t, e.t);
        insertAt(c.t, pos, e.t);
        insertAt(c.part, pos, e.part);
        insertAt(c.config, pos, e.config);
        insertAt(c.result, pos, e.result());
        insertAt(c.defect, pos, intern(e.text));
        insertAt(c.passes, pos, std::int64_t{0});
        insertAt(c.fails, pos, std::int64_t{0});
        insertAt(c.reworks, pos, std::int64_t{0});
        for (std::size_t i = pos; i < c.t.size(); ++i) {
            c.passes[i] = (i ? c.passes[i - 1] : 0) + (c.result[i] == QualityResult::Pass);
            c.fails[i] = (i ? c.fails[i - 1] : 0) + (c.result[i] == QualityResult::Fail);
            c.reworks[i] = (i ? c.reworks[i - 1] : 0) + (c.result[i] == QualityResult::Rework);
        }
        m_end = std::max(m_end, e.t);
        ++m_events;
        return;
    }
    case EventKind::Measurement: {
        if (bad(m_measurements.size()))
            break;
        auto& c = m_measurements[ch];
        const auto pos = insertPos(c.t, e.t);
        insertAt(c.t, pos, e.t);
        insertAt(c.value, pos, e.value);
        m_end = std::max(m_end, e.t);
        ++m_events;
        return;
    }
    case EventKind::Alarm: {
        auto it = std::upper_bound(m_alarms.begin(), m_alarms.end(), e.t,
                                   [](TimeMs t, const Event& a) { return t < a.t; });
        m_alarms.insert(it, e);
        m_end = std::max(m_end, e.t);
        ++m_events;
        return;
    }
    }
    ++m_dropped;
}

void RecordingData::forEachStateInterval(
    int station, TimeMs from, TimeMs to,
    const std::function<void(StationState, TimeMs, TimeMs)>& fn) const
{
    if (to <= from)
        return;
    const auto& c = m_states[std::size_t(station)];
    const auto k = lastAtOrBefore(c.t, from);
    StationState current = k >= 0 ? c.state[std::size_t(k)] : StationState::Unknown;
    TimeMs begin = from;
    for (auto i = std::size_t(k + 1); i < c.t.size() && c.t[i] < to; ++i) {
        if (c.state[i] == current)
            continue;
        if (c.t[i] > begin)
            fn(current, begin, c.t[i]);
        current = c.state[i];
        begin = c.t[i];
    }
    fn(current, begin, to);
}

std::vector<int> RecordingData::lineEnds() const
{
    std::vector<int> out;
    for (std::size_t i = 0; i < m_plant.stations.size(); ++i)
        if (m_plant.successors(int(i)).empty())
            out.push_back(int(i));
    return out;
}

void RecordingData::shrinkToFit()
{
    for (auto& c : m_states) {
        shrink(c.t), shrink(c.state), shrink(c.reason), shrink(c.since);
    }
    for (auto& c : m_parts) {
        shrink(c.enterT), shrink(c.leaveT), shrink(c.enterPart), shrink(c.enterConfig);
        shrink(c.leavePart), shrink(c.leaveConfig);
    }
    for (auto& c : m_quality) {
        shrink(c.t), shrink(c.part), shrink(c.config), shrink(c.result), shrink(c.defect);
        shrink(c.passes), shrink(c.fails), shrink(c.reworks);
    }
    for (auto& c : m_measurements) {
        shrink(c.t), shrink(c.value);
    }
}

} // namespace takt::twin
