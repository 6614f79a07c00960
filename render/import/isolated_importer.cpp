#include "render/isolated_importer.h"

#include "twin/input_file.h"
#include "twin/log.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <csignal>
#include <fstream>

namespace takt::render {
namespace {

QString g_helperProgram;
QStringList g_helperWords;
bool g_helperSet = false;

/// Why `file` cannot be imported before any helper runs (no helper set, or layoutFileProblem),
/// or an empty string.
QString startProblem(const QString& file)
{
    if (QString why = layoutFileProblem(file); !why.isEmpty())
        return why;
    return g_helperSet
               ? QString()
               : QStringLiteral("no import helper is set (IsolatedImporter::setHelperCommand)");
}

QString describeCrash(int exitCode, QProcess::ExitStatus status, const QString& stderrText,
                      bool timedOut, const ImportOptions& options)
{
    if (timedOut)
        return QStringLiteral("timed out after %1 s").arg(options.timeoutMs / 1000.0);
    if (status == QProcess::CrashExit)
        return QStringLiteral("the importer crashed (the file is probably malformed)");
    const QString reason = stderrText.trimmed().section(QLatin1Char('\n'), -1);
    switch (exitCode) {
    case 3:
        return QStringLiteral("out of memory (limit %1 MB)").arg(options.memoryLimitMb);
    case 2:
        return reason.isEmpty() ? QStringLiteral("could not import") : reason;
    default:
        return QStringLiteral("the importer failed (exit code %1)%2")
            .arg(exitCode)
            .arg(reason.isEmpty() ? QString() : QStringLiteral(": ") + reason);
    }
}

ImportOutcome readResult(const QString& file, const QString& outPath)
{
    QElapsedTimer clock;
    clock.start();
    ImportOutcome o;
    o.file = file;
    try {
        std::ifstream in(outPath.toStdString(), std::ios::binary);
        auto scene = std::make_shared<FlatScene>(readFlatScene(in));
        o.scene = std::move(scene);
        o.ok = true;
        twin::logger("render")->info("import: read {} meshes from the helper in {} ms",
                                     o.scene->meshes.size(), clock.elapsed());
    } catch (const std::exception& e) {
        o.error = QStringLiteral("the importer returned unreadable data: %1").arg(e.what());
    }
    return o;
}

QStringList helperArguments(const QString& file, const QString& outPath,
                            const ImportOptions& options)
{
    const QFileInfo info(file);
    return g_helperWords +
           QStringList{info.absoluteFilePath(), outPath,
                       QString::number(helperMemoryLimitMb(std::uint64_t(info.size()), options))};
}

/// The helper's environment: this process's, with glibc's malloc backing large blocks by
/// transparent huge pages unless GLIBC_TUNABLES already says (the helper copies every vertex of
/// a layout into fresh memory more than once, and a page fault every 4 KiB costs a virtual
/// machine dearly: takt's reexecWithHugePages() does the same for the GUI).
QProcessEnvironment helperEnvironment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    const QString tunables = env.value(QStringLiteral("GLIBC_TUNABLES"));
    if (!tunables.contains(QLatin1String("glibc.malloc.hugetlb")))
        env.insert(QStringLiteral("GLIBC_TUNABLES"),
                   (tunables.isEmpty() ? QString() : tunables + QLatin1Char(':')) +
                       QStringLiteral("glibc.malloc.hugetlb=1"));
    return env;
}

/// An outcome that failed before the helper ran.
ImportOutcome refused(const QString& file, const QString& why)
{
    ImportOutcome o;
    o.file = file;
    o.error = why;
    return o;
}

} // namespace

int helperMemoryLimitMb(std::uint64_t fileBytes, const ImportOptions& options)
{
    const std::uint64_t mb = 2048 + 16 * (fileBytes >> 20);
    return int(std::min<std::uint64_t>(mb, std::uint64_t(std::max(options.memoryLimitMb, 1))));
}

QString layoutFileProblem(const QString& file)
{
    const auto problem = twin::inputFileProblem(file.toStdString(), kMaxLayoutBytes);
    return problem ? QString::fromStdString(*problem) : QString();
}

struct IsolatedImporter::Private {
    std::unique_ptr<QProcess> process;
    std::unique_ptr<QTemporaryDir> tmp;
    QTimer timer;
    QElapsedTimer clock;
    QString file;
    ImportOptions options;
    bool timedOut = false;
};

IsolatedImporter::IsolatedImporter(QObject* parent) : QObject(parent), d(new Private)
{
    d->timer.setSingleShot(true);
    connect(&d->timer, &QTimer::timeout, this, [this] {
        if (d->process) {
            d->timedOut = true;
            d->process->kill();
        }
    });
}

IsolatedImporter::~IsolatedImporter()
{
    cancel();
}

void IsolatedImporter::setHelperCommand(const QString& program, const QStringList& words)
{
    g_helperProgram = program;
    g_helperWords = words;
    g_helperSet = true;
}

QString IsolatedImporter::helperProgram()
{
    return g_helperProgram.isEmpty() ? QCoreApplication::applicationFilePath() : g_helperProgram;
}

bool IsolatedImporter::isRunning() const
{
    return d->process != nullptr;
}

void IsolatedImporter::cancel()
{
    if (!d->process)
        return;
    d->process->disconnect(this);
    d->process->kill();
    d->process->waitForFinished(2000);
    d->process.reset();
    d->tmp.reset();
    d->timer.stop();
}

void IsolatedImporter::start(const QString& file, const ImportOptions& options)
{
    cancel();
    if (const QString why = startProblem(file); !why.isEmpty()) {
        // Said after start() returns, as for an import that ran.
        QMetaObject::invokeMethod(
            this, [this, o = refused(file, why)] { emit finished(o); }, Qt::QueuedConnection);
        return;
    }
    d->file = file;
    d->options = options;
    // What the helper gets (helperArguments), so that "out of memory" names the real limit.
    d->options.memoryLimitMb = helperMemoryLimitMb(std::uint64_t(QFileInfo(file).size()), options);
    d->timedOut = false;
    d->tmp = std::make_unique<QTemporaryDir>();
    d->process = std::make_unique<QProcess>();
    d->process->setProcessChannelMode(QProcess::SeparateChannels);
    d->process->setProcessEnvironment(helperEnvironment());
    connect(d->process.get(), &QProcess::finished, this, [this] { onProcessFinished(); });
    connect(d->process.get(), &QProcess::errorOccurred, this, [this](QProcess::ProcessError e) {
        if (e == QProcess::FailedToStart)
            onProcessFinished();
    });
    d->clock.start();
    d->timer.start(options.timeoutMs);
    d->process->start(
        helperProgram(),
        helperArguments(file, d->tmp->filePath(QStringLiteral("scene.bin")), options));
}

void IsolatedImporter::onProcessFinished()
{
    if (!d->process)
        return;
    d->timer.stop();
    ImportOutcome o;
    const bool started = d->process->error() != QProcess::FailedToStart;
    if (started && !d->timedOut && d->process->exitStatus() == QProcess::NormalExit &&
        d->process->exitCode() == 0) {
        o = readResult(d->file, d->tmp->filePath(QStringLiteral("scene.bin")));
    } else {
        o.file = d->file;
        o.error = started
                      ? describeCrash(d->process->exitCode(), d->process->exitStatus(),
                                      QString::fromLocal8Bit(d->process->readAllStandardError()),
                                      d->timedOut, d->options)
                      : QStringLiteral("cannot start the import helper %1").arg(helperProgram());
    }
    o.seconds = d->clock.elapsed() / 1000.0;
    d->process.release()->deleteLater();
    d->tmp.reset();
    emit finished(o);
}

ImportOutcome IsolatedImporter::importBlocking(const QString& file, const ImportOptions& options)
{
    QElapsedTimer clock;
    clock.start();
    if (const QString why = startProblem(file); !why.isEmpty())
        return refused(file, why);
    QTemporaryDir tmp;
    const QString outPath = tmp.filePath(QStringLiteral("scene.bin"));
    QProcess p;
    p.setProcessEnvironment(helperEnvironment());
    p.start(helperProgram(), helperArguments(file, outPath, options));
    ImportOptions effective = options; // as the helper was given it
    effective.memoryLimitMb = helperMemoryLimitMb(std::uint64_t(QFileInfo(file).size()), options);
    ImportOutcome o;
    if (!p.waitForStarted()) {
        o.file = file;
        o.error = QStringLiteral("cannot start the import helper %1").arg(helperProgram());
        return o;
    }
    bool timedOut = false;
    if (!p.waitForFinished(options.timeoutMs)) {
        timedOut = true;
        p.kill();
        p.waitForFinished(2000);
    }
    if (!timedOut && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0) {
        o = readResult(file, outPath);
    } else {
        o.file = file;
        o.error =
            describeCrash(p.exitCode(), p.exitStatus(),
                          QString::fromLocal8Bit(p.readAllStandardError()), timedOut, effective);
    }
    o.seconds = clock.elapsed() / 1000.0;
    return o;
}

} // namespace takt::render
