#include "app/document_loader.h"

#include "render/isolated_importer.h"
#include "twin/compare.h"
#include "twin/input_file.h"
#include "twin/manifest.h"
#include "twin/session_store.h"

#include <QDir>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

namespace takt::app {
namespace {

/// A session read off the GUI thread.
struct SessionLoad {
    std::optional<twin::Plant> plant;
    std::shared_ptr<twin::Replay> replay;
    std::shared_ptr<const twin::BottleneckAnalysis> bottlenecks;
    QString recordingName;
    std::int64_t recordingId = 0;
    QString error;
};

SessionLoad loadSession(const QString& path, std::optional<std::int64_t> recordingId)
{
    SessionLoad out;
    try {
        const auto store = twin::SessionStore::open(path.toStdString());
        out.plant = store.plant();
        const auto recordings = store.recordings();
        if (recordings.empty()) {
            out.error = QObject::tr("the session holds no recording");
            return out;
        }
        // Unless one is asked for, the most recent recording is the one a user expects to see.
        const auto info = recordingId ? store.recording(*recordingId) : recordings.back();
        out.recordingName = QString::fromStdString(info.name);
        out.recordingId = info.id;
        auto data = twin::RecordingData::load(store, info.id);
        auto replay = std::make_shared<twin::Replay>(std::move(data));
        out.bottlenecks = std::make_shared<const twin::BottleneckAnalysis>(
            twin::analyseBottlenecks(replay->data(), replay->startMs(), replay->endMs()));
        out.replay = std::move(replay);
    } catch (const std::exception& e) {
        // SessionError already names the file; keep the reason only.
        QString reason = QString::fromStdString(e.what());
        if (reason.startsWith(path + QStringLiteral(": ")))
            reason = reason.mid(path.size() + 2);
        out.error = reason;
    }
    return out;
}

/// The layout a session recorded may have moved with the session file: try the recorded path,
/// then the same file name beside the session.
QString resolveLayout(const std::string& recorded, const QString& sessionPath)
{
    const QString path = QString::fromStdString(recorded);
    if (path.isEmpty() || QFileInfo::exists(path))
        return path;
    const QString beside = QFileInfo(sessionPath).dir().filePath(QFileInfo(path).fileName());
    return QFileInfo::exists(beside) ? beside : path;
}

} // namespace

QString Document::title() const
{
    if (plant)
        return QString::fromStdString(plant->name);
    return QFileInfo(path).fileName();
}

DocumentLoader::DocumentLoader(QObject* parent)
    : QObject(parent), m_importer(new render::IsolatedImporter(this))
{
    connect(m_importer, &render::IsolatedImporter::finished, this, &DocumentLoader::onImported);
}

DocumentLoader::~DocumentLoader() = default;

bool DocumentLoader::isBusy() const
{
    return m_importer->isRunning() || m_pending != nullptr;
}

void DocumentLoader::open(const QString& given, std::optional<std::int64_t> recordingId)
{
    QString path = given;
    // SESSION.takt:ID names one recording of a session (as takt compare reads it); a file whose
    // name really ends so is opened as it is.
    if (!recordingId && !QFileInfo::exists(given)) {
        const auto ref = twin::parseRecordingRef(given.toStdString());
        if (ref.recordingId) {
            path = QString::fromStdString(ref.path);
            recordingId = ref.recordingId;
        }
    }
    const int generation = ++m_generation;
    m_importer->cancel();
    m_pending.reset();
    auto doc = std::make_shared<Document>();
    doc->path = QFileInfo(path).absoluteFilePath();
    // Refused before anything opens it: a FIFO or a device would block the reader for ever.
    if (const auto problem = twin::inputFileProblem(path.toStdString())) {
        emit failed(path, QString::fromStdString(*problem));
        return;
    }
    if (path.endsWith(QLatin1String(".takt"), Qt::CaseInsensitive)) {
        emit progress(tr("Reading %1…").arg(QFileInfo(path).fileName()));
        auto* watcher = new QFutureWatcher<SessionLoad>(this);
        connect(watcher, &QFutureWatcher<SessionLoad>::finished, this, [=, this] {
            watcher->deleteLater();
            if (generation != m_generation)
                return;
            SessionLoad s = watcher->result();
            if (!s.error.isEmpty()) {
                emit failed(path, s.error);
                return;
            }
            doc->plant = std::move(s.plant);
            doc->replay = std::move(s.replay);
            doc->bottlenecks = std::move(s.bottlenecks);
            doc->recordingName = s.recordingName;
            doc->recordingId = s.recordingId;
            const QString layout = resolveLayout(doc->plant->layoutPath, doc->path);
            if (layout.isEmpty()) {
                emit failed(path, tr("the session's plant names no layout file"));
                return;
            }
            doc->plant->layoutPath = layout.toStdString();
            importLayout(doc, layout);
        });
        watcher->setFuture(QtConcurrent::run(loadSession, doc->path, recordingId));
        return;
    }
    QString layout = doc->path;
    if (path.endsWith(QLatin1String(".json"), Qt::CaseInsensitive)) {
        try {
            doc->plant = twin::loadPlantManifest(path.toStdString());
        } catch (const twin::ManifestError& e) {
            // The error already names the file; drop it from the reason.
            QString reason = QString::fromStdString(e.what());
            const QString prefix = QString::fromStdString(e.file()) + QStringLiteral(": ");
            if (reason.startsWith(prefix))
                reason = reason.mid(prefix.size());
            emit failed(path, reason);
            return;
        }
        if (doc->plant->layoutPath.empty()) {
            emit failed(path, tr("the plant manifest names no layout file"));
            return;
        }
        layout = QString::fromStdString(doc->plant->layoutPath);
    }
    importLayout(doc, layout);
}

void DocumentLoader::importLayout(std::shared_ptr<Document> doc, const QString& layout)
{
    if (const auto problem = twin::inputFileProblem(layout.toStdString())) {
        emit failed(layout, QString::fromStdString(*problem));
        return;
    }
    m_pending = std::move(doc);
    emit progress(tr("Importing %1…").arg(QFileInfo(layout).fileName()));
    m_importer->start(layout);
}

void DocumentLoader::onImported(const render::ImportOutcome& outcome)
{
    auto doc = std::move(m_pending);
    if (!doc)
        return;
    if (!outcome.ok) {
        emit failed(outcome.file, outcome.error);
        return;
    }
    doc->scene = outcome.scene;
    doc->importSeconds = outcome.seconds;
    if (doc->plant)
        doc->binding = render::bindStations(*doc->plant, *doc->scene);
    emit loaded(doc);
}

} // namespace takt::app
