#include "twin/compare.h"

#include "twin/error.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace takt::twin {
namespace {

std::string joined(const std::vector<std::string>& ids, std::size_t most = 5)
{
    std::string s;
    for (std::size_t i = 0; i < ids.size() && i < most; ++i)
        s += (i ? ", " : "") + ids[i];
    if (ids.size() > most)
        s += " and " + std::to_string(ids.size() - most) + " more";
    return s;
}

/// Bottleneck ranks by the active period method: 1 for the longest mean active period (the
/// average bottleneck), ties in plant order. Indexed by station; 0 for stations without states.
std::vector<int> bottleneckRanks(const KpiReport& k, std::size_t stationCount)
{
    std::vector<const StationBottleneck*> order;
    for (const auto& s : k.bottleneck.stations)
        order.push_back(&s);
    std::stable_sort(order.begin(), order.end(),
                     [](const auto* x, const auto* y) { return x->meanActiveS > y->meanActiveS; });
    std::vector<int> rank(stationCount, 0);
    for (std::size_t i = 0; i < order.size(); ++i)
        if (order[i]->station >= 0 && std::size_t(order[i]->station) < stationCount)
            rank[std::size_t(order[i]->station)] = int(i) + 1;
    return rank;
}

} // namespace

RecordingRef parseRecordingRef(std::string_view text)
{
    RecordingRef ref{std::string(text), std::nullopt};
    const auto colon = text.rfind(':');
    if (colon == std::string_view::npos || colon == 0 || colon + 1 >= text.size())
        return ref;
    const std::string_view digits = text.substr(colon + 1);
    if (digits.size() > 18 ||
        !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return ref;
    const std::int64_t id = std::stoll(std::string(digits));
    if (id <= 0)
        return ref;
    ref.path = std::string(text.substr(0, colon));
    ref.recordingId = id;
    return ref;
}

std::optional<std::string> plantMismatch(const Plant& a, const Plant& b, std::string_view nameA,
                                         std::string_view nameB)
{
    const std::string na(nameA), nb(nameB);
    if (a.id != b.id)
        return na + " is a recording of plant \"" + a.id + "\" and " + nb + " of plant \"" + b.id +
               "\": recordings of different plants cannot be compared";
    std::set<std::string> idsA, idsB;
    for (const auto& s : a.stations)
        idsA.insert(s.id);
    for (const auto& s : b.stations)
        idsB.insert(s.id);
    std::vector<std::string> onlyA, onlyB;
    std::set_difference(idsA.begin(), idsA.end(), idsB.begin(), idsB.end(),
                        std::back_inserter(onlyA));
    std::set_difference(idsB.begin(), idsB.end(), idsA.begin(), idsA.end(),
                        std::back_inserter(onlyB));
    if (onlyA.empty() && onlyB.empty())
        return std::nullopt;
    std::string why = "both name plant \"" + a.id + "\" but their stations differ (";
    if (!onlyA.empty())
        why += "only in " + na + ": " + joined(onlyA);
    if (!onlyB.empty())
        why += std::string(onlyA.empty() ? "" : "; ") + "only in " + nb + ": " + joined(onlyB);
    return why + "): recordings of different plants cannot be compared";
}

std::vector<const StationComparison*> Comparison::ranking(bool sideB) const
{
    std::vector<const StationComparison*> r;
    for (const auto& s : stations)
        if ((sideB ? s.rankB : s.rankA) > 0)
            r.push_back(&s);
    std::sort(r.begin(), r.end(), [sideB](const auto* x, const auto* y) {
        return sideB ? x->rankB < y->rankB : x->rankA < y->rankA;
    });
    return r;
}

std::vector<ComparisonRow> lineRows(const Comparison& c)
{
    using U = KpiUnit;
    return {
        {"units", "Units", U::Count, c.units},
        {"good_units", "Good units", U::Count, c.goodUnits},
        {"throughput_per_hour", "Throughput (units/h)", U::PerHour, c.throughputPerHour},
        {"oee", "OEE", U::Share, c.oee},
        {"availability", "  availability", U::Share, c.availability},
        {"performance", "  performance", U::Share, c.performance},
        {"quality", "  quality", U::Share, c.quality},
        {"fpy_overall", "FPY overall", U::Share, c.fpyOverall},
        {"rolled_yield", "Rolled yield", U::Share, c.rolledYield},
        {"interdeparture_mean_s", "Interdeparture mean (s)", U::Seconds, c.interdepartureMeanS},
    };
}

Comparison compareRecordings(const RecordingData& a, const RecordingInfo& recA,
                             const RecordingData& b, const RecordingInfo& recB, TimeMs fromOffsetMs,
                             TimeMs toOffsetMs)
{
    if (auto why = plantMismatch(a.plant(), b.plant(), "A", "B"))
        throw Error(*why);
    if (fromOffsetMs < 0 || toOffsetMs <= fromOffsetMs)
        throw Error("the comparison window is empty");
    const TimeMs lengthA = a.endMs() - a.startMs();
    const TimeMs lengthB = b.endMs() - b.startMs();
    if (toOffsetMs > std::min(lengthA, lengthB))
        throw Error("the comparison window passes the end of recording " +
                    std::to_string(lengthA < lengthB ? recA.id : recB.id));

    Comparison c;
    c.plantId = a.plant().id;
    c.fromOffsetMs = fromOffsetMs;
    c.toOffsetMs = toOffsetMs;
    c.a.recording = recA;
    c.b.recording = recB;
    c.a.kpi = computeKpis(a, a.startMs() + fromOffsetMs, a.startMs() + toOffsetMs);
    c.b.kpi = computeKpis(b, b.startMs() + fromOffsetMs, b.startMs() + toOffsetMs);
    const KpiReport& ka = c.a.kpi;
    const KpiReport& kb = c.b.kpi;
    c.units = {double(ka.units), double(kb.units)};
    c.goodUnits = {double(ka.goodUnits), double(kb.goodUnits)};
    c.throughputPerHour = {ka.throughputPerHour, kb.throughputPerHour};
    c.oee = {ka.oee.oee, kb.oee.oee};
    c.availability = {ka.oee.availability, kb.oee.availability};
    c.performance = {ka.oee.performance, kb.oee.performance};
    c.quality = {ka.oee.quality, kb.oee.quality};
    c.fpyOverall = {ka.fpyOverall, kb.fpyOverall};
    c.rolledYield = {ka.rolledYield, kb.rolledYield};
    const auto mean = [](const DurationStats& d) { return d.samples > 0 ? d.meanS : NAN; };
    c.interdepartureMeanS = {mean(ka.lineInterdeparture), mean(kb.lineInterdeparture)};

    const auto ranksA = bottleneckRanks(ka, a.plant().stations.size());
    const auto ranksB = bottleneckRanks(kb, b.plant().stations.size());
    for (std::size_t i = 0; i < a.plant().stations.size(); ++i) {
        StationComparison s;
        s.id = a.plant().stations[i].id;
        s.stationA = int(i);
        s.stationB = b.plant().stationIndex(s.id);
        const auto kpiOf = [](const KpiReport& k, int index) -> const StationKpi* {
            for (const auto& st : k.stations)
                if (st.station == index)
                    return &st;
            return nullptr;
        };
        const StationKpi* sa = kpiOf(ka, s.stationA);
        const StationKpi* sb = kpiOf(kb, s.stationB);
        s.hasStates = (sa && sa->hasStates) || (sb && sb->hasStates);
        for (std::size_t st = 0; st < s.share.size(); ++st)
            s.share[st] = {sa ? sa->stateShare[st] : 0.0, sb ? sb->stateShare[st] : 0.0};
        s.partsOut = {sa ? double(sa->partsOut) : 0.0, sb ? double(sb->partsOut) : 0.0};
        const auto* ba = ka.bottleneck.station(s.stationA);
        const auto* bb = kb.bottleneck.station(s.stationB);
        s.meanActiveS = {ba ? ba->meanActiveS : 0.0, bb ? bb->meanActiveS : 0.0};
        s.rankA = ranksA[i];
        s.rankB = s.stationB >= 0 ? ranksB[std::size_t(s.stationB)] : 0;
        c.stations.push_back(std::move(s));
    }
    for (const auto& w : ka.warnings)
        c.warnings.push_back("A: " + w);
    for (const auto& w : kb.warnings)
        c.warnings.push_back("B: " + w);
    if (lengthA != lengthB)
        c.warnings.push_back("the recordings differ in length (" + std::to_string(lengthA / 1000) +
                             " s and " + std::to_string(lengthB / 1000) +
                             " s): they are compared over the same offsets only");
    return c;
}

} // namespace takt::twin
