#pragma once

#include "app/document.h"

#include <QObject>

#include <cstdint>
#include <memory>
#include <optional>

namespace takt::render {
class IsolatedImporter;
struct ImportOutcome;
} // namespace takt::render

namespace takt::app {

/// Opens what the user asks for — a session (`.takt`: plant, layout and a recording), a plant
/// manifest (`.json`) and its layout, or a bare CAD layout — without blocking the GUI: the
/// recording is read on a worker thread and the layout by the isolated importer.
class DocumentLoader : public QObject {
    Q_OBJECT
public:
    explicit DocumentLoader(QObject* parent = nullptr);
    ~DocumentLoader() override;

    /// Opens `path`; for a session, recording `recordingId` (default: its last), also written
    /// `SESSION.takt:ID`.
    void open(const QString& path, std::optional<std::int64_t> recordingId = std::nullopt);
    bool isBusy() const;

signals:
    void progress(const QString& message);
    void loaded(std::shared_ptr<takt::app::Document> document);
    void failed(const QString& path, const QString& reason);

private:
    void importLayout(std::shared_ptr<Document> doc, const QString& layout);
    void onImported(const render::ImportOutcome& outcome);
    render::IsolatedImporter* m_importer;
    std::shared_ptr<Document> m_pending;
    int m_generation = 0; ///< Ignores results of an open that a newer one replaced.
};

} // namespace takt::app
