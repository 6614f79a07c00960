#include "app/document_loader.h"

#include "render/isolated_importer.h"
#include "twin/manifest.h"

#include <QFileInfo>

namespace takt::app {

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

bool DocumentLoader::isBusy() const { return m_importer->isRunning(); }

void DocumentLoader::open(const QString& path)
{
    auto doc = std::make_shared<Document>();
    doc->path = QFileInfo(path).absoluteFilePath();
    QString layout = doc->path;
    if (!QFileInfo::exists(path)) {
        emit failed(path, tr("file not found"));
        return;
    }
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
    m_pending = doc;
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
