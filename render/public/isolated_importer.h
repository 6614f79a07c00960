#pragma once

#include "render/flat_scene.h"

#include <QObject>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

class QProcess;
class QTemporaryDir;
class QTimer;

namespace takt::render {

/// The largest layout file imported (1 GiB); a larger one is refused before the helper starts.
inline constexpr std::uint64_t kMaxLayoutBytes = 1ull << 30;

/// Limits for one import.
struct ImportOptions {
    int timeoutMs = 120'000;   ///< The helper is killed after this long.
    int memoryLimitMb = 8'192; ///< Address-space limit of the helper process (at most).
};

/// The address-space limit given to the helper for a file of `fileBytes`: 2 GiB plus 16 times
/// the file, at most `options.memoryLimitMb`, so that a small file whose header claims
/// gigabytes fails with "out of memory" early instead of growing to the full limit.
int helperMemoryLimitMb(std::uint64_t fileBytes, const ImportOptions& options);

/// Why `file` cannot be handed to the helper at all (not a regular file, empty, larger than
/// kMaxLayoutBytes), as one line of words, or an empty string. Never blocks: a FIFO is refused
/// without being opened.
QString layoutFileProblem(const QString& file);

/// The result of an import: a scene, or the reason there is none.
struct ImportOutcome {
    bool ok = false;
    std::shared_ptr<const FlatScene> scene;
    QString file;
    QString error;      ///< One line: what went wrong (empty when ok).
    double seconds = 0; ///< Wall-clock time of the import.
};

/// Entry point of the import helper process: `args` are IN OUT [MEMORY_MB]. Sets its own
/// address-space limit, imports IN (STEP through Open CASCADE, step_loader.h; the rest through
/// Assimp) and writes the flat scene to OUT. The program that hosts the helper decides how it is
/// reached (takt: a hidden verb of app's command table) and says so to setHelperCommand().
/// Exit codes: 0 ok, 2 could not import (reason on stderr), 3 out of memory, 64 usage.
int runImportHelper(const std::vector<std::string>& args);

/// Imports CAD layouts in a separate helper process, so that Assimp crashing, hanging or eating
/// memory on a malformed file never takes the caller with it. The helper is the program set by
/// setHelperCommand, run with its words and then IN OUT MEMORY_MB (runImportHelper). GUI thread.
class IsolatedImporter : public QObject {
    Q_OBJECT
public:
    explicit IsolatedImporter(QObject* parent = nullptr);
    ~IsolatedImporter() override;

    /// How the helper is started: `program` (empty: the running executable) with `words` before
    /// IN OUT MEMORY_MB, as the program hosting runImportHelper reaches it. Until this is called
    /// no import starts (each fails with a reason). Call it before any import, from any thread
    /// that does not import at the same time.
    static void setHelperCommand(const QString& program, const QStringList& words);
    /// The program run as helper.
    static QString helperProgram();

    /// Starts importing `file`; finished() follows. A running import is cancelled first.
    void start(const QString& file, const ImportOptions& options = {});
    void cancel();
    bool isRunning() const;

    /// Imports and waits (runs no event loop of the caller's). Any thread that may own a
    /// QProcess.
    static ImportOutcome importBlocking(const QString& file, const ImportOptions& options = {});

signals:
    void finished(const takt::render::ImportOutcome& outcome);

private:
    void onProcessFinished();
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace takt::render

Q_DECLARE_METATYPE(takt::render::ImportOutcome)
