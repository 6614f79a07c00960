// Benchmark (issue 10, item 7): sustained messages/s from `takt publish` (the sample shift,
// as fast as the broker takes it) through a real mosquitto into a session file, with zero loss
// checked by sequence numbers, beside `mosquitto_sub` receiving the same stream on the same
// broker. Prints both rates, the ratio, the recorder's resident memory over the run, and the CPU
// time each part spent per 100,000 messages (takt publish, mosquitto, takt record, mosquitto_sub):
// unlike the rates, those do not depend on what else the machine runs.
// TAKT_BENCH_LIVE_S sets the run length (default 60 s).
#include "bench_support.h"
#include "live_support.h"

#include "twin/live/live_commands.h"
#include "twin/live/live_recorder.h"
#include "twin/session_store.h"

#include <QtTest>

#include <sys/resource.h>
#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <fstream>
#include <sstream>

using namespace takt::twin;
using namespace takt::twin::live;
using namespace takt::twin::testing;

namespace {

/// User + system CPU seconds of a running process (/proc/PID/stat), or -1.
double cpuSecondsOf(qint64 pid)
{
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string line;
    if (!std::getline(in, line))
        return -1;
    // Fields after the command name in parentheses: state is field 3, utime 14, stime 15.
    std::istringstream rest(line.substr(line.rfind(')') + 2));
    std::string field;
    double utime = 0, stime = 0;
    for (int i = 3; i <= 15 && rest >> field; ++i) {
        if (i == 14)
            utime = std::stod(field);
        if (i == 15)
            stime = std::stod(field);
    }
    return (utime + stime) / double(::sysconf(_SC_CLK_TCK));
}

/// User and system CPU seconds of this process (who = RUSAGE_SELF) or of its children that
/// ended and were waited for (RUSAGE_CHILDREN).
std::pair<double, double> rusageSeconds(int who)
{
    rusage r{};
    ::getrusage(who, &r);
    const auto s = [](const timeval& t) { return double(t.tv_sec) + double(t.tv_usec) / 1e6; };
    return {s(r.ru_utime), s(r.ru_stime)};
}

} // namespace

class BenchLive : public QObject {
    Q_OBJECT
private slots:
    void sustainedRateIntoStore()
    {
        const int seconds = qEnvironmentVariableIsSet("TAKT_BENCH_LIVE_S")
                                ? qEnvironmentVariableIntValue("TAKT_BENCH_LIVE_S")
                                : 60;
        QTemporaryDir dir;
        OwnBroker broker(dir.path(), {QStringLiteral("persistence false")});
        QVERIFY2(broker.start(), qPrintable(broker.output()));
        const QString url = QString("mqtt://127.0.0.1:%1").arg(broker.port());

        // The reference: mosquitto_sub on the same stream, one line (receive time) per message.
        QProcess sub;
        sub.setStandardOutputFile(dir.filePath("sub.txt"));
        sub.start(QStringLiteral("mosquitto_sub"),
                  {"-h", "127.0.0.1", "-p", QString::number(broker.port()), "-q", "1", "-t",
                   "takt/#", "-F", "%U", "-i", "bench-mosquitto-sub"});
        QVERIFY(sub.waitForStarted(5000));

        const std::string file = dir.filePath("live.takt").toStdString();
        const auto shift = SessionStore::open(TAKT_SAMPLE_SHIFT);
        auto store = SessionStore::create(file, shift.plant());
        const auto rec =
            store.beginRecording(RecordingKind::Live, "bench", nowMs(), R"({"format":"json"})");
        LiveRecorderOptions o;
        o.mqtt.broker = parseBrokerUrl(url.toStdString());
        o.mqtt.clientId = "bench-recorder";
        LiveRecorder recorder(file, rec, shift.plant(), o);
        recorder.start();
        QVERIFY(
            waitFor([&] { return recorder.stats().connection.state == ConnectionState::Connected; },
                    10'000));
        QThread::msleep(500); // mosquitto_sub subscribed too

        // The machine may be shared: the load average goes beside the figures.
        double loadStart[3] = {0, 0, 0};
        ::getloadavg(loadStart, 3);

        // The sample shift (~270,000 events) goes out in seconds at full speed: publish it
        // again and again (a new producer each time) until the run is long enough.
        double rssMin = 1e9, rssMax = 0;
        const double brokerCpu0 = cpuSecondsOf(broker.pid());
        const double subCpu0 = cpuSecondsOf(sub.processId());
        const auto self0 = rusageSeconds(RUSAGE_SELF);
        const auto children0 = rusageSeconds(RUSAGE_CHILDREN);
        QElapsedTimer run;
        run.start();
        unsigned long long published = 0;
        int rounds = 0;
        while (run.elapsed() < seconds * 1000LL) {
            QProcess publish;
            publish.setProcessChannelMode(QProcess::ForwardedErrorChannel);
            publish.start(QStringLiteral(TAKT_EXECUTABLE),
                          {"publish", TAKT_SAMPLE_SHIFT, "--broker", url, "--speed", "max"});
            QVERIFY(publish.waitForStarted(5000));
            while (publish.state() == QProcess::Running) {
                publish.waitForFinished(1000);
                const double rss = bench::residentMiB();
                if (run.elapsed() > 5000) { // after the start-up
                    rssMin = std::min(rssMin, rss);
                    rssMax = std::max(rssMax, rss);
                }
                // SIGINT: publish stops and waits for its acks. (processId() is 0 once it ended:
                // kill(0) would signal this whole process group.)
                if (run.elapsed() >= seconds * 1000LL && publish.processId() > 0)
                    ::kill(static_cast<pid_t>(publish.processId()), SIGINT);
            }
            const auto words = publish.readAllStandardOutput().split(' ');
            QVERIFY(words.size() > 2);
            published += words[1].toULongLong();
            ++rounds;
        }
        QVERIFY2(
            waitFor([&] { return recorder.stats().received >= published; }, 120'000),
            qPrintable(QString("received %1 of %2").arg(recorder.stats().received).arg(published)));
        // CPU time per part, before anything stops: the publishers (children that ended), the
        // broker and mosquitto_sub (still running), this process (the recorder's threads).
        const auto self1 = rusageSeconds(RUSAGE_SELF);
        const auto children1 = rusageSeconds(RUSAGE_CHILDREN);
        const double brokerCpu = cpuSecondsOf(broker.pid()) - brokerCpu0;
        const double subCpu = cpuSecondsOf(sub.processId()) - subCpu0;
        const double recorderUser = self1.first - self0.first;
        const double recorderSys = self1.second - self0.second;
        const double publishUser = children1.first - children0.first;
        const double publishSys = children1.second - children0.second;
        recorder.stop();
        QThread::msleep(500);
        sub.terminate();
        sub.waitForFinished(5000);

        const auto s = recorder.stats();
        // Rates from receive times: first to last message of each subscriber.
        const auto raw = liveMessages(file, rec);
        QCOMPARE(raw.size(), std::size_t(published));
        const double takeS = double(raw.back().receivedMs - raw.front().receivedMs) / 1000.0;
        const double taktRate = double(raw.size()) / std::max(takeS, 1e-3);
        QFile subOut(dir.filePath("sub.txt"));
        QVERIFY(subOut.open(QIODevice::ReadOnly));
        const auto lines = subOut.readAll().trimmed().split('\n');
        const double subS = lines.back().toDouble() - lines.front().toDouble();
        const double subRate = double(lines.size()) / std::max(subS, 1e-3);

        std::printf("live ingest: %llu messages in %.1f s (%d runs of takt publish --speed max)\n",
                    published, takeS, rounds);
        std::printf("  takt record (into the session): %.0f messages/s, lost %lld, gaps %llu, "
                    "duplicates %llu, rejected %llu, queue high-water %zu\n",
                    taktRate,
                    static_cast<long long>(published) - static_cast<long long>(s.rawCommitted),
                    static_cast<unsigned long long>(s.decoder.gaps),
                    static_cast<unsigned long long>(s.decoder.duplicates),
                    static_cast<unsigned long long>(s.decoder.errorTotal()), s.queueHighWater);
        std::printf("  mosquitto_sub (reference):      %.0f messages/s (%d messages)\n", subRate,
                    int(lines.size()));
        std::printf("  ratio %.0f %% (target >= 80 %%); target >= 20000 messages/s\n",
                    100.0 * taktRate / subRate);
        std::printf("  recorder process RSS after start-up: %.0f .. %.0f MiB\n", rssMin, rssMax);
        const double per = 1e5 / double(std::max<unsigned long long>(published, 1));
        std::printf(
            "  CPU seconds per 100,000 messages (user + system):\n"
            "    takt publish   %.2f (%.2f + %.2f)\n"
            "    mosquitto      %.2f (the broker: one publisher in, two subscribers out)\n"
            "    takt record    %.2f (%.2f + %.2f; this process: the recorder's threads)\n"
            "    mosquitto_sub  %.2f\n"
            "    all four       %.2f: %.0f messages/s would use both of 2 cores whole\n",
            (publishUser + publishSys) * per, publishUser * per, publishSys * per, brokerCpu * per,
            (recorderUser + recorderSys) * per, recorderUser * per, recorderSys * per, subCpu * per,
            (publishUser + publishSys + brokerCpu + recorderUser + recorderSys + subCpu) * per,
            2.0 * 1e5 /
                std::max(1e-9, (publishUser + publishSys + brokerCpu + recorderUser + recorderSys +
                                subCpu) *
                                   per));
        double loadEnd[3] = {0, 0, 0};
        ::getloadavg(loadEnd, 3);
        std::printf("  load average: %.2f at the start, %.2f at the end (1 min; %d CPUs)\n",
                    loadStart[0], loadEnd[0], QThread::idealThreadCount());

        bench::reportFigure({"takt record ingest rate", taktRate, "messages/s",
                             "mosquitto_sub on the same feed", subRate, ">=", 20000},
                            "bench_live");
        bench::reportFigure({"takt record beside mosquitto_sub", taktRate, "messages/s",
                             "mosquitto_sub on the same feed", subRate, ">=", 0.8, true},
                            "bench_live");
        QCOMPARE(s.rawCommitted, std::uint64_t(published));
        QCOMPARE(s.decoder.gaps, std::uint64_t(0));
        QCOMPARE(s.decoder.errorTotal(), std::uint64_t(0));
    }
};

QTEST_GUILESS_MAIN(BenchLive)
#include "bench_live.moc"
