#pragma once

#include <QObject>
#include <QString>

#include <vector>

class QLabel;
class QWidget;

namespace takt::app {

/// What one presentation tile shows: a caption, a large value, a line of detail and the value's
/// colour (#rrggbb).
struct PresentationTile {
    QString label;
    QString value;
    QString detail;
    QString colour = QStringLiteral("#dce4ee");
};

/// The large KPI tiles of presentation mode, laid over the 3D view (not beside it) in a row
/// along its top. The view is an OpenGL window, so each tile is a frameless window of its own
/// stacked above it (the window's child, placed in screen coordinates); tiles and fonts scale with
/// the view's width so that they read from across a room at 1,280 × 720 as at 4K. GUI thread;
/// `view` owns the tiles.
class PresentationTiles : public QObject {
    Q_OBJECT
public:
    PresentationTiles(QWidget* view, int count);

    void setTiles(const std::vector<PresentationTile>& tiles);
    void setVisible(bool visible);
    /// The tiles' widgets (for tests: where they are, what they say).
    const std::vector<QLabel*>& widgets() const { return m_labels; }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void place();
    QString html(const PresentationTile& tile) const;

    QWidget* m_view;
    std::vector<QLabel*> m_labels;
    std::vector<PresentationTile> m_tiles;
    int m_tileWidth = 400;
    int m_viewHeight = -1; ///< The view's height the tiles' text was sized for.
};

} // namespace takt::app
