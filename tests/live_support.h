#pragma once
// Helpers of the `live` tests: the fixture broker's port, brokers of their own, sessions to
// publish, and event comparison.

#include "twin/commands.h"
#include "twin/events.h"

#include <QtTest>

#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <sstream>
#include <tuple>

namespace takt::twin::testing {

/// The port of the broker the ctest fixture (tests/live/broker.sh) started.
inline int fixtureBrokerPort()
{
    QFile f(QStringLiteral(TAKT_BINARY_DIR "/tests/live/broker/broker.port"));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    return f.readAll().trimmed().toInt();
}

/// A TCP port of 127.0.0.1 nobody listens on right now.
inline int freePort()
{
    const int s = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = 0;
    ::bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a);
    socklen_t len = sizeof a;
    ::getsockname(s, reinterpret_cast<sockaddr*>(&a), &len);
    ::close(s);
    return ntohs(a.sin_port);
}

/// A mosquitto of the test's own (restart, TLS): config lines after the listener.
class OwnBroker {
public:
    OwnBroker(QString dir, QStringList extraConfig, int port = 0)
        : m_dir(std::move(dir)), m_port(port ? port : freePort())
    {
        QFile conf(m_dir + "/mosquitto.conf");
        conf.open(QIODevice::WriteOnly);
        QTextStream out(&conf);
        out << "listener " << m_port << " 127.0.0.1\n";
        for (const auto& line : extraConfig)
            out << line << "\n";
        // Started as root, mosquitto drops to user "mosquitto", which cannot write the test's
        // folder (its persistence file): stay the user we are.
        const passwd* pw = ::getpwuid(::getuid());
        out << "user " << (pw ? pw->pw_name : "root") << "\n"
            << "allow_anonymous true\nmax_queued_messages 0\nmax_inflight_messages 0\n"
            << "persistence_location " << m_dir << "/\n";
    }
    ~OwnBroker() { stop(); }
    int port() const { return m_port; }
    qint64 pid() const { return m_process.processId(); }
    bool start()
    {
        m_process.setProgram(QStringLiteral("/usr/sbin/mosquitto"));
        m_process.setArguments({QStringLiteral("-c"), m_dir + "/mosquitto.conf"});
        m_process.setProcessChannelMode(QProcess::MergedChannels);
        m_process.start();
        if (!m_process.waitForStarted(5000))
            return false;
        // Listening once a connect succeeds.
        for (int i = 0; i < 50; ++i) {
            QThread::msleep(100);
            const int s = ::socket(AF_INET, SOCK_STREAM, 0);
            sockaddr_in a{};
            a.sin_family = AF_INET;
            a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
            a.sin_port = htons(static_cast<std::uint16_t>(m_port));
            const bool ok = ::connect(s, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
            ::close(s);
            if (ok)
                return true;
            if (m_process.state() != QProcess::Running)
                return false;
        }
        return false;
    }
    /// SIGTERM: mosquitto saves its persistence file and exits.
    void stop()
    {
        if (m_process.state() == QProcess::NotRunning)
            return;
        m_process.terminate();
        if (!m_process.waitForFinished(10000))
            m_process.kill();
        m_process.waitForFinished(2000);
    }
    QString output() { return QString::fromLocal8Bit(m_process.readAll()); }

private:
    QString m_dir;
    int m_port;
    QProcess m_process;
};

/// Simulates the small test plant into a new session; returns false on failure.
inline bool simulateSmallPlant(const std::string& out, double hours, int seed)
{
    std::ostringstream o, e;
    SimulateOptions options;
    options.plantPath = TAKT_SOURCE_DIR "/tests/data/small_plant.json";
    options.outPath = out;
    options.hours = hours;
    options.seed = std::uint64_t(seed);
    options.quiet = true;
    const int rc = int(runSimulateCommand(options, o, e));
    if (rc != 0)
        qWarning("simulate failed: %s", e.str().c_str());
    return rc == 0;
}

/// Events in one canonical order (time, then every field), for comparing multisets.
inline std::vector<Event> sortedEvents(std::vector<Event> v)
{
    std::sort(v.begin(), v.end(), [](const Event& a, const Event& b) {
        return std::tie(a.t, a.kind, a.channel, a.code, a.part, a.config, a.value, a.text) <
               std::tie(b.t, b.kind, b.channel, b.code, b.part, b.config, b.value, b.text);
    });
    return v;
}

/// Warns about the first event where two sorted lists differ (a failing comparison says where).
inline void warnFirstDifference(const std::vector<Event>& a, const std::vector<Event>& b)
{
    const auto show = [](const Event& e) {
        return QString("t=%1 %2 ch=%3 code=%4 part=%5 config=%6 value=%7 text=%8")
            .arg(e.t)
            .arg(QString::fromStdString(std::string(toString(e.kind))))
            .arg(e.channel)
            .arg(e.code)
            .arg(e.part)
            .arg(e.config)
            .arg(e.value, 0, 'g', 17)
            .arg(QString::fromStdString(e.text));
    };
    for (std::size_t i = 0; i < std::min(a.size(), b.size()); ++i)
        if (!(a[i] == b[i])) {
            qWarning("first difference at %zu:\n  %s\n  %s", i, qPrintable(show(a[i])),
                     qPrintable(show(b[i])));
            return;
        }
    if (a.size() != b.size())
        qWarning("sizes differ: %zu and %zu", a.size(), b.size());
}

/// Polls `done` every 10 ms for up to `ms`.
template <typename F> bool waitFor(F done, int ms)
{
    QElapsedTimer t;
    t.start();
    while (!done()) {
        if (t.elapsed() > ms)
            return false;
        QThread::msleep(10);
    }
    return true;
}

} // namespace takt::twin::testing
