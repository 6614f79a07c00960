#pragma once

#include "app/shift_story.h"
#include "render/scene_view.h"

#include <QElapsedTimer>
#include <QRect>
#include <QObject>
#include <QTimer>

#include <vector>

class QAction;
class QLabel;
class QMenu;
class QShortcut;

namespace takt::app {

class MainWindow;
class PresentationTiles;

/// View › Presentation (F11): the window covers its screen (full screen, and the screen's
/// geometry set outright so that it does so without a window manager too); every dock, the menus,
/// the status bar and the legend are hidden and the 3D view fills the screen, with large KPI tiles
/// (throughput against takt, OEE, FPY, bottleneck) over it and a slim timeline under it; labels in
/// the view are 1.35 times larger. The camera tours the session's saved camera views (or, without
/// any, generated views: the overview and close-ups along the line) with smooth interpolation; a
/// clicker's Page Down / Page Up (or the arrow keys) flies to the next or previous view. The
/// replay keeps running. Esc or F11 leaves and restores the exact layout (saveState /
/// restoreState) and geometry. GUI thread; owned by the window.
class PresentationMode : public QObject {
    Q_OBJECT
public:
    PresentationMode(MainWindow* window, QMenu* viewMenu);

    bool isActive() const { return m_active; }
    void setActive(bool active);

    /// Camera views of the tour for the current document: the views saved by name in the
    /// session (SessionNotes::cameraViews(), not the bookmarks' cameras), else generated ones.
    std::vector<twin::CameraView> tourViews() const;
    /// The views the running tour goes through (empty before the first presentation).
    const std::vector<twin::CameraView>& tour() const { return m_tour; }

    /// Camera between `a` and `b` at `t` (0..1) with an ease-in-out, so that moves start and
    /// stop gently.
    static twin::CameraView interpolate(const twin::CameraView& a, const twin::CameraView& b,
                                        double t);

    /// Flies to the tour's next (`delta` 1) or previous (-1) view and holds there: the clicker.
    void step(int delta);
    /// Index in tour() of the view the camera is at or flying to.
    std::size_t tourIndex() const { return m_index; }
    /// The tiles over the 3D view.
    PresentationTiles* tiles() const { return m_tiles; }

    /// View › Play Story (Shift+F11): presents the session's bookmarks and annotations as a story
    /// (app/shift_story.h). The tour becomes the moments: for each, the camera flies to its view
    /// (the whole layout for a moment without one), its station is highlighted, the replay plays
    /// from kStoryLeadMs before it at kStorySpeed and its caption (with the costliest loss of
    /// its minutes) stays on screen; the clicker goes to the next or previous moment, nothing
    /// advances on its own. Returns false (and shows nothing) without moments.
    bool playStory();
    bool storyPlaying() const { return m_storyPlaying; }
    const ShiftStory& story() const { return m_story; }
    /// The caption on screen while a story plays.
    QLabel* storyCaption() const { return m_caption; }
    static constexpr twin::TimeMs kStoryLeadMs = 120'000;
    static constexpr double kStorySpeed = 10.0;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void enter();
    void leave();
    void startTour();
    void updateKpis();
    void tourFrame();
    void showMoment(std::size_t index);
    void placeCaption();
    QString captionHtml(std::size_t index, int viewHeight) const;

    MainWindow* m_window;
    QAction* m_action;
    PresentationTiles* m_tiles = nullptr;
    std::vector<QShortcut*> m_clicker;
    QTimer m_kpiTimer;
    QTimer m_tourTimer;
    QElapsedTimer m_tourClock;
    std::vector<twin::CameraView> m_tour;
    std::size_t m_index = 0; ///< The view held, or flown to.
    bool m_moving = false;   ///< Flying from m_from to m_tour[m_index].
    twin::CameraView m_from;
    twin::CameraView m_before;
    QByteArray m_state;            ///< saveState() on entry.
    QRect m_geometry;              ///< geometry() on entry.
    bool m_restorePending = false; ///< Restore the state again when the old size is back.
    bool m_legendVisible = true;
    bool m_active = false;
    ShiftStory m_story;
    bool m_storyPlaying = false;
    QLabel* m_caption = nullptr;
    std::size_t m_captionIndex = 0; ///< The moment the caption tells.
    int m_captionViewHeight = -1;   ///< The view's height its text was sized for.
    bool m_wasMaximized = false;
    bool m_wasFullScreen = false;
};

} // namespace takt::app
