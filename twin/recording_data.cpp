#include "twin/recording_data.h"

#include "twin/error.h"
#include "twin/measurement_pager.h"
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
    m_overview = StateOverview(m_plant.stations.size(), m_start);
    m_parts.resize(m_plant.stations.size());
    m_quality.resize(m_plant.checkpoints.size());
    m_measurements.resize(m_plant.controlPoints.size());
}

RecordingData RecordingData::load(const SessionStore& store, std::int64_t recordingId,
                                  MeasurementStorage storage)
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
    const bool paged = storage == MeasurementStorage::Paged;
    store.forEachEvent(
        recordingId,
        [&](const Event& e) {
            if (outside(e.t))
                refuse("an event at", e.t);
            data.append(e);
        },
        !paged);
    if (paged) {
        data.m_pager = std::make_shared<detail::MeasurementPager>(file, recordingId);
        // The first and last sample of each control point: two index seeks each.
        TimeMs last = std::numeric_limits<TimeMs>::min();
        for (std::size_t c = 0; c < data.m_measurements.size(); ++c) {
            if (const auto span = data.m_pager->span(int(c))) {
                if (outside(span->first))
                    refuse("an event at", span->first);
                if (outside(span->second))
                    refuse("an event at", span->second);
                last = std::max(last, span->second);
            }
        }
        // Damage met while looking (a large file's bounded check on opening did not read these
        // pages): refused now, in one line, rather than shown with holes.
        if (const auto damage = data.m_pager->damage())
            throw SessionError(file, damage->substr(std::min(damage->size(), file.size() + 2)));
        if (last > std::numeric_limits<TimeMs>::min())
            data.m_end = std::max(data.m_end, last);
        // Samples appended later (a recording that grows) are held in memory.
        data.m_pagedBefore = last == std::numeric_limits<TimeMs>::max() ? last : last + 1;
        data.m_countFileMeasurements = true;
    }
    data.shrinkToFit();
    return data;
}

void RecordingData::attachFile(const std::filesystem::path& file, std::int64_t recordingId)
{
    m_pager = std::make_shared<detail::MeasurementPager>(file.string(), recordingId);
}

void RecordingData::pageMeasurementsBefore(TimeMs t)
{
    if (!m_pager || t <= m_pagedBefore)
        return;
    m_pagedBefore = t;
    for (auto& c : m_measurements) {
        const auto n = std::lower_bound(c.t.begin(), c.t.end(), t) - c.t.begin();
        c.t.erase(c.t.begin(), c.t.begin() + n);
        c.value.erase(c.value.begin(), c.value.begin() + n);
    }
}

std::optional<MeasurementSample> RecordingData::latestMeasurement(int cp, TimeMs t) const
{
    if (cp < 0 || std::size_t(cp) >= m_measurements.size())
        return std::nullopt;
    const auto& c = m_measurements[std::size_t(cp)];
    if (const auto k = lastAtOrBefore(c.t, t); k >= 0)
        return MeasurementSample{c.t[std::size_t(k)], c.value[std::size_t(k)]};
    if (m_pager && m_pagedBefore > std::numeric_limits<TimeMs>::min())
        return m_pager->latest(cp, std::min(t, m_pagedBefore - 1));
    return std::nullopt;
}

void RecordingData::forEachMeasurement(int cp, TimeMs from, TimeMs to,
                                       const std::function<void(TimeMs, double)>& fn) const
{
    if (cp < 0 || std::size_t(cp) >= m_measurements.size() || to <= from)
        return;
    if (m_pager)
        m_pager->forEach(cp, from, std::min(to, m_pagedBefore), fn);
    const auto& c = m_measurements[std::size_t(cp)];
    const auto lo = std::size_t(std::lower_bound(c.t.begin(), c.t.end(), from) - c.t.begin());
    const auto hi = std::size_t(std::lower_bound(c.t.begin(), c.t.end(), to) - c.t.begin());
    for (auto i = lo; i < hi; ++i)
        fn(c.t[i], c.value[i]);
}

std::size_t RecordingData::measurementCount(int cp, TimeMs from, TimeMs to) const
{
    if (cp < 0 || std::size_t(cp) >= m_measurements.size() || to <= from)
        return 0;
    std::size_t n = m_pager ? m_pager->count(cp, from, std::min(to, m_pagedBefore)) : 0;
    const auto& c = m_measurements[std::size_t(cp)];
    n += std::size_t(std::lower_bound(c.t.begin(), c.t.end(), to) -
                     std::lower_bound(c.t.begin(), c.t.end(), from));
    return n;
}

MeasurementSummary RecordingData::measurementSummary(int cp, TimeMs from, TimeMs to) const
{
    MeasurementSummary out;
    if (cp < 0 || std::size_t(cp) >= m_measurements.size() || to <= from)
        return out;
    const auto& limits = m_plant.controlPoints[std::size_t(cp)];
    if (m_pager)
        out = m_pager->summary(cp, from, std::min(to, m_pagedBefore), limits.lsl, limits.usl);
    const auto& c = m_measurements[std::size_t(cp)];
    const auto lo = std::size_t(std::lower_bound(c.t.begin(), c.t.end(), from) - c.t.begin());
    const auto hi = std::size_t(std::lower_bound(c.t.begin(), c.t.end(), to) - c.t.begin());
    for (auto i = lo; i < hi; ++i)
        out.add(c.t[i], c.value[i], c.value[i] < limits.lsl || c.value[i] > limits.usl);
    return out;
}

std::optional<std::string> RecordingData::fileDamage() const
{
    return m_pager ? m_pager->damage() : std::nullopt;
}

void RecordingData::throwIfFileDamaged() const
{
    if (auto damage = fileDamage())
        throw Error(*damage);
}

std::size_t RecordingData::measurementsInMemory() const
{
    std::size_t n = 0;
    for (const auto& c : m_measurements)
        n += c.t.size();
    return n;
}

std::uint64_t RecordingData::eventCount() const
{
    return m_events + (m_countFileMeasurements && m_pager ? m_pager->total() : 0);
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
        if (pos + 1 == c.t.size()) { // in order: the previous state's stretch is now closed
            if (pos > 0)
                m_overview.add(e.channel, c.state[pos - 1], c.t[pos - 1], e.t);
        } else { // inserted before others: summed up again, O(n) like the insertion itself
            m_overview.clear(e.channel);
            for (std::size_t i = 1; i < c.t.size(); ++i)
                m_overview.add(e.channel, c.state[i - 1], c.t[i - 1], c.t[i]);
        }
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
        if (e.t < m_pagedBefore) { // the file has it (live, after paging)
            m_end = std::max(m_end, e.t);
            ++m_events;
            return;
        }
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

StateOverview::Times RecordingData::stateTimes(int station, TimeMs from, TimeMs to) const
{
    StateOverview::Times out{};
    if (station < 0 || std::size_t(station) >= m_states.size() || to <= from)
        return out;
    const auto scan = [&](TimeMs a, TimeMs b) {
        if (b > a)
            forEachStateInterval(station, a, b, [&](StationState s, TimeMs x, TimeMs y) {
                out[std::size_t(s)] += y - x;
            });
    };
    const auto& c = m_states[std::size_t(station)];
    const TimeMs origin = m_overview.origin();
    const TimeMs lo = c.t.empty() ? to : std::max({from, c.t.front(), origin});
    const TimeMs hi = c.t.empty() ? from : std::min(to, c.t.back());
    constexpr TimeMs kB = StateOverview::kBucketMs;
    // Whole buckets inside [lo, hi): every moment of them lies in a closed stretch.
    const std::int64_t b0 = hi > lo ? (lo - origin + kB - 1) / kB : 0;
    const std::int64_t b1 = hi > lo ? (hi - origin) / kB : 0;
    if (b1 <= b0) {
        scan(from, to);
        return out;
    }
    scan(from, origin + b0 * kB);
    m_overview.sum(station, b0, b1, out);
    scan(origin + b1 * kB, to);
    return out;
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
