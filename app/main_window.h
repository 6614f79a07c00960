#pragma once

#include "app/document.h"

#include <QMainWindow>

#include <memory>

class QLabel;

namespace takt::render {
class SceneView;
struct OverlayFrame;
} // namespace takt::render

namespace takt::app {

class AppSettings;
class BookmarksDock;
class ScenariosDock;
class DocumentLoader;
class HeatmapController;
class OverlayLegend;
class ReplayController;
class SessionNotes;
class TimelineBar;
class WorkstationDocks;

/// The main window: the 3D view in the centre, menus and the status bar. It assembles the
/// widgets and controllers; the work happens in them.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    /// Opens a plant manifest or a CAD layout; failures are shown, the window stays usable.
    void openFile(const QString& path);
    /// Opens recording `recordingId` of the session `path` (Replay › Recording).
    void openRecording(const QString& path, std::int64_t recordingId);
    render::SceneView* sceneView() const { return m_view; }
    ReplayController* replay() const { return m_replay; }
    TimelineBar* timeline() const { return m_timeline; }
    OverlayLegend* legend() const { return m_legend; }
    SessionNotes* notes() const { return m_notes; }
    const Document* document() const { return m_document.get(); }
    /// Shows a document already loaded (a live view builds its own).
    void showDocument(std::shared_ptr<Document> doc);

signals:
    /// The document is shown in the 3D view.
    void documentShown();
    /// Opening a file failed; `reason` is one line.
    void openFailed(const QString& path, const QString& reason);

private:
    void createMenus();
    void showFailure(const QString& path, const QString& reason);
    void chooseFile();

    void showBottleneck(const render::OverlayFrame& frame);

    render::SceneView* m_view;
    DocumentLoader* m_loader;
    ReplayController* m_replay;
    TimelineBar* m_timeline;
    OverlayLegend* m_legend;
    HeatmapController* m_heatmap;
    QLabel* m_bottleneckLabel;
    std::shared_ptr<Document> m_document;
    QLabel* m_plantLabel;
    QLabel* m_statsLabel;
    QLabel* m_timeLabel;
    WorkstationDocks* m_docks;
    SessionNotes* m_notes = nullptr;
    BookmarksDock* m_bookmarks = nullptr;
    ScenariosDock* m_scenarios = nullptr;
    AppSettings* m_settings = nullptr;
};

} // namespace takt::app
