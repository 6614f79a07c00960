#pragma once

#include "app/document.h"

#include <QObject>

#include <memory>

namespace takt::render {
class IsolatedImporter;
struct ImportOutcome;
} // namespace takt::render

namespace takt::app {

/// Opens what the user asks for — a plant manifest (JSON) and its layout, or a bare CAD
/// layout — without blocking the GUI: the layout is imported by the isolated importer.
class DocumentLoader : public QObject {
    Q_OBJECT
public:
    explicit DocumentLoader(QObject* parent = nullptr);
    ~DocumentLoader() override;

    void open(const QString& path);
    bool isBusy() const;

signals:
    void progress(const QString& message);
    void loaded(std::shared_ptr<takt::app::Document> document);
    void failed(const QString& path, const QString& reason);

private:
    void onImported(const render::ImportOutcome& outcome);
    render::IsolatedImporter* m_importer;
    std::shared_ptr<Document> m_pending;
};

} // namespace takt::app
