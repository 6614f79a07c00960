#pragma once

#include "twin/camera_view.h"

#include <QElapsedTimer>
#include <QObject>

#include <cstddef>
#include <vector>

namespace takt::app {

class FrameGrabber;
class MainWindow;

/// `takt FILE --orbit-benchmark`: once the first frame is drawn, orbits the camera 360° about
/// the fitted view's centre (vertical axis, kSteps steps of equal angle, each step drawn before
/// the next) with levels of detail and culling on, then the same orbit with both off, and
/// prints frames/s, triangles drawn per frame, the first-frame time and how long full detail
/// takes to come back once the camera stops, as a table and as BENCH_RESULT lines
/// (docs/benchmarks.md; appended to $TAKT_BENCH_RESULTS when set). With `--no-lod` only the
/// orbit with both off runs. Quits when done: 0, or 3 when nothing was drawn.
class OrbitBenchmark : public QObject {
    Q_OBJECT
public:
    static constexpr int kSteps = 72; ///< 5° a step.

    /// `startMs`: milliseconds since the epoch when the program started.
    OrbitBenchmark(MainWindow* window, qint64 startMs, bool detailOff);

private:
    struct Orbit {
        bool detail = false;
        double seconds = 0;
        double trianglesPerFrame = 0;
        std::size_t cellsDrawn = 0;
        double fps() const { return seconds > 0 ? kSteps / seconds : 0; }
    };
    void onFirstFrame(bool blank);
    void startOrbit(bool detail);
    void step();
    void onStepDrawn();
    void measureStill(bool everyTriangle);
    /// The fitted view turned `step` steps about the vertical through its centre.
    twin::CameraView turned(int step) const;
    void finish();

    MainWindow* m_window;
    FrameGrabber* m_grabber;
    qint64 m_startMs;
    bool m_detailOff;
    double m_firstFrameS = 0;
    double m_levelsS = -1; ///< Levels ready this long after the first frame; -1: not used.
    double m_fullDetailS = -1;
    std::size_t m_stillTriangles = 0; ///< Drawn in the full-detail frame once still.
    double m_everyTriangleS = -1;     ///< The same stop with every triangle drawn when still.
    std::size_t m_everyTriangles = 0;
    QElapsedTimer m_clock;
    QElapsedTimer m_sinceFirstFrame;
    int m_step = 0;
    twin::CameraView m_base; ///< The fitted view the orbit turns.
    std::vector<Orbit> m_orbits;
    std::size_t m_trianglesSum = 0;
    std::size_t m_cellsSum = 0;
    bool m_waiting = false; ///< A capture of ours is outstanding.
    /// Waiting for the frame that shows the camera stopped: 0 no, 1 full detail (within
    /// half a pixel), 2 every triangle (the same stop again, level 0 everywhere).
    int m_still = 0;
    bool m_moved = false; ///< Waiting for the frame of the one step before the second stop.
};

} // namespace takt::app
