#include "twin/compare_command.h"

#include "twin/compare.h"
#include "twin/compare_format.h"
#include "twin/error.h"
#include "twin/recording_data.h"
#include "twin/session_store.h"

#include <ostream>

namespace takt::twin {
namespace {

struct Opened {
    std::string session;
    SessionStore store;
    RecordingInfo rec;
};

Opened openRef(const std::string& text)
{
    const RecordingRef ref = parseRecordingRef(text);
    auto store = SessionStore::open(ref.path);
    const auto recordings = store.recordings();
    if (recordings.empty())
        throw Error(ref.path + ": holds no recording");
    RecordingInfo rec = ref.recordingId ? store.recording(*ref.recordingId) : recordings.back();
    return {ref.path, std::move(store), std::move(rec)};
}

/// The shift offset a --from/--to names: an offset as written, or an ISO time in recording A
/// turned into its offset; it must lie inside both recordings.
TimeMs offsetOf(const TimeArgument& arg, const char* option, const RecordingData& a,
                const RecordingData& b)
{
    const TimeMs inA = timeInRecording(arg, option, a.startMs(), a.endMs());
    const TimeMs offset = inA - a.startMs();
    try {
        timeInRecording(TimeArgument{arg.text, false, offset}, option, b.startMs(), b.endMs());
    } catch (const ArgumentError& e) {
        throw ArgumentError(std::string("in recording B: ") + e.what());
    }
    return offset;
}

} // namespace

CommandStatus runCompareCommand(const CompareOptions& options, std::ostream& out, std::ostream& err)
{
    try {
        Opened a = openRef(options.a);
        Opened b = openRef(options.b);
        if (auto why = plantMismatch(a.store.plant(), b.store.plant(), a.session, b.session)) {
            err << "takt compare: error: " << *why << "\n";
            return CommandStatus::Failed;
        }
        const auto dataA = RecordingData::load(a.store, a.rec.id);
        const auto dataB = RecordingData::load(b.store, b.rec.id);
        for (const auto* side : {&a, &b}) {
            const auto& d = side == &a ? dataA : dataB;
            if (d.endMs() <= d.startMs())
                throw Error(side->session + ": recording " + std::to_string(side->rec.id) +
                            " holds no events");
        }
        const TimeMs from = options.from ? offsetOf(*options.from, "--from", dataA, dataB) : 0;
        const TimeMs to =
            options.to ? offsetOf(*options.to, "--to", dataA, dataB)
                       : std::min(dataA.endMs() - dataA.startMs(), dataB.endMs() - dataB.startMs());
        if (to <= from) {
            err << "takt compare: the window is empty: --to is not after --from\n";
            return CommandStatus::BadArguments;
        }
        Comparison c = compareRecordings(dataA, a.rec, dataB, b.rec, from, to);
        // Figures computed without the samples of a damaged page are not printed: exit 1.
        dataA.throwIfFileDamaged();
        dataB.throwIfFileDamaged();
        c.a.session = a.session;
        c.b.session = b.session;
        if (options.json)
            out << comparisonToJson(c).dump(2) << "\n";
        else
            printComparisonTable(out, c);
        return CommandStatus::Ok;
    } catch (const ArgumentError& e) {
        err << "takt compare: " << e.what() << "\n";
        return CommandStatus::BadArguments;
    } catch (const std::exception& e) {
        err << "takt compare: error: " << e.what() << "\n";
        return CommandStatus::Failed;
    }
}

} // namespace takt::twin
