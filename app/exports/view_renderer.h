#pragma once

#include "app/document.h"
#include "twin/events.h"

#include <QImage>
#include <QObject>
#include <QSize>
#include <QString>

#include <memory>
#include <optional>

class QWidget;

namespace takt::render {
class SceneView;
}

namespace takt::app {

class FrameGrabber;
class ReplayController;

/// Renders a document's 3D view, with its overlays, into images without the main window: a
/// frameless window of exactly the asked size holding a SceneView, fed by the same
/// DocumentLoader and ReplayController as the GUI. Used by `takt render`, `takt report` and
/// `takt video`. Needs an X display (Xvfb when headless). GUI thread only; the blocking calls
/// run a local event loop.
class ViewRenderer : public QObject {
    Q_OBJECT
public:
    /// `size`: the image size in pixels (at least 320×240).
    explicit ViewRenderer(QSize size, QObject* parent = nullptr);
    ~ViewRenderer() override;

    /// Opens a session, a plant manifest or a layout and shows it. Returns the reason of a
    /// failure in one line, or an empty string.
    QString openBlocking(const QString& path);

    std::shared_ptr<const Document> document() const { return m_document; }
    ReplayController* replay() const { return m_replay; }
    render::SceneView* view() const { return m_view; }
    QSize size() const { return m_size; }

    /// Moves the replay to `t` (when given and the document has a recording) and returns the
    /// drawn frame; `blank` tells whether it stayed blank.
    QImage renderAt(std::optional<twin::TimeMs> t, bool* blank = nullptr);

private:
    QSize m_size;
    std::unique_ptr<QWidget> m_window;
    render::SceneView* m_view;
    ReplayController* m_replay;
    FrameGrabber* m_grabber;
    std::shared_ptr<const Document> m_document;
    bool m_firstFrame = true;
};

} // namespace takt::app
