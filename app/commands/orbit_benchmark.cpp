#include "app/orbit_benchmark.h"

#include "app/command_table.h"
#include "app/frame_grabber.h"
#include "app/main_window.h"
#include "render/full_detail.h"
#include "render/scene_view.h"
#include "twin/log.h"

#include <QDateTime>
#include <QTimer>
#include <QWindow>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

namespace takt::app {
namespace {

constexpr int kLevelsTimeoutMs = 600'000;

/// One BENCH_RESULT line (docs/benchmarks.md), printed and appended to $TAKT_BENCH_RESULTS.
void reportFigure(const std::string& figure, double value, const std::string& unit,
                  const std::string& reference, double referenceValue, const std::string& op,
                  double target, const std::string& targetOn = "value")
{
    const double bounded =
        targetOn == "ratio" && referenceValue > 0 ? value / referenceValue : value;
    bool pass = true;
    if (op == ">=")
        pass = bounded >= target;
    else if (op == "<=")
        pass = bounded <= target;
    char number[32];
    std::snprintf(number, sizeof number, "%g", target);
    const std::string targetText = op.empty() ? "" : op + " " + number;
    char line[1024];
    std::snprintf(line, sizeof line,
                  "BENCH_RESULT {\"benchmark\": \"bench_orbit\", \"figure\": \"%s\", \"value\": "
                  "%.4g, \"unit\": \"%s\", \"reference\": \"%s\", \"reference_value\": %.4g, "
                  "\"target\": \"%s\", \"target_on\": \"%s\", \"pass\": %s}",
                  figure.c_str(), value, unit.c_str(), reference.c_str(), referenceValue,
                  targetText.c_str(), targetOn.c_str(), pass ? "true" : "false");
    std::printf("%s\n", line);
    if (const char* path = std::getenv("TAKT_BENCH_RESULTS"); path && *path)
        std::ofstream(path, std::ios::app) << line << "\n";
}

/// The first frame may take this much longer than the reference's: the two runs are separate
/// processes, and on a shared machine they differ by about this much from load alone.
constexpr double kFirstFrameRatio = 1.1;

/// The first frame of the same file with no cells and no levels (`takt FILE --first-frame
/// --no-lod`, as every layout was drawn before them), measured just before by bench/orbit.sh and
/// passed in TAKT_ORBIT_FIRST_FRAME_REFERENCE (seconds); 0 when not given.
double firstFrameReference()
{
    const char* text = std::getenv("TAKT_ORBIT_FIRST_FRAME_REFERENCE");
    return text && *text ? std::max(0.0, std::atof(text)) : 0.0;
}

} // namespace

OrbitBenchmark::OrbitBenchmark(MainWindow* window, qint64 startMs, bool detailOff)
    : QObject(window), m_window(window), m_grabber(new FrameGrabber(window->sceneView(), this)),
      m_startMs(startMs), m_detailOff(detailOff)
{
    // The first stop is measured at the half-pixel rule (the view's default; the target applies
    // to it), the second with every triangle, as a reference.
    window->sceneView()->setStillPixelError(render::kFullDetailPixelError);
    connect(window, &MainWindow::documentShown, this, [this] {
        m_grabber->grab(FrameGrabber::Pacing{600, 25, 0});
    });
    connect(window, &MainWindow::openFailed, this, [] {
        std::fprintf(stderr, "takt: --orbit-benchmark: the file could not be opened\n");
        std::_Exit(kExitFailure);
    });
    connect(m_grabber, &FrameGrabber::grabbed, this,
            [this](const QImage&, bool blank) { onFirstFrame(blank); });
    connect(window->sceneView(), &render::SceneView::frameCaptured, this, [this] {
        if (!m_waiting)
            return;
        m_waiting = false;
        auto* view = m_window->sceneView();
        if (m_still == 1) {
            m_fullDetailS = double(m_clock.nsecsElapsed()) / 1e9;
            m_stillTriangles = view->detailStats().triangles + view->detailStats().points;
            // The same stop again, drawing every triangle once still (setStillPixelError(0),
            // the rule before kFullDetailPixelError): one step of motion, then the wait.
            m_still = 0;
            view->setStillPixelError(0.0f);
            view->setCameraView(turned(1));
            m_waiting = true;
            m_moved = true;
            view->requestCapture(QRect(0, 0, 1, 1));
        } else if (m_moved) {
            m_moved = false;
            measureStill(true);
        } else if (m_still == 2) {
            m_everyTriangleS = double(m_clock.nsecsElapsed()) / 1e9;
            m_everyTriangles = view->detailStats().triangles + view->detailStats().points;
            m_still = 0;
            view->setStillPixelError(render::kFullDetailPixelError);
            startOrbit(false);
        } else {
            onStepDrawn();
        }
    });
}

void OrbitBenchmark::onFirstFrame(bool blank)
{
    m_firstFrameS = double(QDateTime::currentMSecsSinceEpoch() - m_startMs) / 1000.0;
    if (blank) {
        std::fprintf(stderr, "takt: --orbit-benchmark: the 3D view stayed blank\n");
        std::_Exit(kExitBlank);
    }
    m_sinceFirstFrame.start();
    auto* view = m_window->sceneView();
    if (m_detailOff) {
        startOrbit(false);
        return;
    }
    if (view->detailStats().levelsReady) {
        m_levelsS = 0;
        startOrbit(true);
        return;
    }
    connect(
        view, &render::SceneView::detailLevelsReady, this,
        [this] {
            m_levelsS = double(m_sinceFirstFrame.elapsed()) / 1000.0;
            startOrbit(true);
        },
        Qt::SingleShotConnection);
    QTimer::singleShot(kLevelsTimeoutMs, this, [this] {
        if (m_levelsS < 0 && m_orbits.empty()) {
            twin::logger("app")->warn("orbit benchmark: levels of detail not ready in {} s",
                                      kLevelsTimeoutMs / 1000);
            startOrbit(true);
        }
    });
}

void OrbitBenchmark::startOrbit(bool detail)
{
    auto* view = m_window->sceneView();
    view->setDetail(detail, detail);
    m_orbits.push_back({detail, 0, 0, 0});
    m_step = 0;
    m_trianglesSum = 0;
    m_cellsSum = 0;
    view->fitAll();
    m_clock.start();
    step();
}

void OrbitBenchmark::step()
{
    auto* view = m_window->sceneView();
    if (m_step++ == 0)
        m_base = view->cameraView();
    view->setCameraView(turned(m_step));
    const render::DetailStats stats = view->detailStats();
    m_trianglesSum += stats.triangles + stats.points; // a point cloud's points count alike
    m_cellsSum += stats.cellsDrawn;
    m_waiting = true;
    view->requestCapture(QRect(0, 0, 1, 1));
}

twin::CameraView OrbitBenchmark::turned(int step) const
{
    // Turn the fitted view about the vertical through its centre.
    const twin::CameraView& base = m_base;
    const double a = 2.0 * M_PI * step / kSteps, c = std::cos(a), s = std::sin(a);
    const auto turn = [c, s](std::array<double, 3> v) {
        return std::array<double, 3>{v[0] * c + v[2] * s, v[1], -v[0] * s + v[2] * c};
    };
    twin::CameraView v = base;
    std::array<double, 3> offset;
    for (int i = 0; i < 3; ++i)
        offset[std::size_t(i)] = base.position[std::size_t(i)] - base.viewCenter[std::size_t(i)];
    offset = turn(offset);
    for (int i = 0; i < 3; ++i)
        v.position[std::size_t(i)] = base.viewCenter[std::size_t(i)] + offset[std::size_t(i)];
    v.up = turn(base.up);
    return v;
}

void OrbitBenchmark::onStepDrawn()
{
    if (m_step < kSteps) {
        step();
        return;
    }
    Orbit& o = m_orbits.back();
    o.seconds = double(m_clock.nsecsElapsed()) / 1e9;
    o.trianglesPerFrame = double(m_trianglesSum) / kSteps;
    o.cellsDrawn = m_cellsSum / kSteps;
    if (o.detail) {
        measureStill(false);
        return;
    }
    finish();
}

void OrbitBenchmark::measureStill(bool everyTriangle)
{
    // The camera has stopped: time until a frame at full detail is drawn.
    m_clock.start();
    auto* poll = new QTimer(this);
    poll->setInterval(5);
    connect(poll, &QTimer::timeout, this, [this, poll, everyTriangle] {
        const render::DetailStats stats = m_window->sceneView()->detailStats();
        if (!(everyTriangle ? stats.everyTriangle : stats.fullDetail))
            return;
        poll->deleteLater();
        m_still = everyTriangle ? 2 : 1;
        m_waiting = true;
        m_window->sceneView()->requestCapture(QRect(0, 0, 1, 1));
    });
    poll->start();
}

void OrbitBenchmark::finish()
{
    auto* view = m_window->sceneView();
    const render::SceneStats stats = view->stats();
    const QSize size = view->renderWindow()->size();
    std::printf("orbit benchmark: %zu triangles, %zu points, %zu cells, %dx%d pixels, %s, %d "
                "steps of %g degrees\n",
                stats.triangles, stats.points, view->detailStats().cells, size.width(),
                size.height(), render::SceneView::openGlRenderer().toStdString().c_str(), kSteps,
                360.0 / kSteps);
    double load[1] = {0};
    if (getloadavg(load, 1) == 1)
        std::printf("load average %.1f (this machine's other work slows every figure)\n", load[0]);
    std::printf("first_frame_s %.3f\n", m_firstFrameS);
    if (m_levelsS >= 0)
        std::printf("levels_s %.3f (built on a worker thread after the first frame)\n", m_levelsS);
    if (m_fullDetailS >= 0)
        std::printf("full_detail_after_stop_s %.3f (%zu triangles, none more than %g pixel off "
                    "the original)\n",
                    m_fullDetailS, m_stillTriangles, double(render::kFullDetailPixelError));
    if (m_everyTriangleS >= 0)
        std::printf("every_triangle_after_stop_s %.3f (%zu triangles, level 0 everywhere)\n",
                    m_everyTriangleS, m_everyTriangles);
    const double reference = firstFrameReference();
    if (reference > 0)
        std::printf("first_frame_reference_s %.3f (takt FILE --first-frame --no-lod: no cells, "
                    "no levels, run just before)\n",
                    reference);
    std::printf("\n| orbit | frames/s | triangles/frame | cells drawn/frame | seconds |\n"
                "|---|---|---|---|---|\n");
    for (const Orbit& o : m_orbits)
        std::printf("| %s | %.1f | %.0f | %zu | %.2f |\n",
                    o.detail ? "LOD + culling" : "LOD and culling off", o.fps(),
                    o.trianglesPerFrame, o.cellsDrawn, o.seconds);
    std::printf("\n");
    const Orbit* on = nullptr;
    const Orbit* off = nullptr;
    for (const Orbit& o : m_orbits)
        (o.detail ? on : off) = &o;
    // A point cloud (no triangles) is measured by its points, against the same targets.
    const std::size_t primitives = stats.triangles > 0 ? stats.triangles : stats.points;
    const std::string what = stats.triangles > 0 ? "triangles" : "points";
    const bool large = primitives >= 5'000'000;
    const double target = large ? 10 : 30;
    const std::string size_ = std::to_string((primitives + 500'000) / 1'000'000) + " M";
    const std::string offName = "same orbit, LOD and culling off";
    if (on) {
        reportFigure("orbit at " + size_ + " " + what + ", frames/s", on->fps(), "frames/s",
                     off ? offName : "", off ? off->fps() : 0, ">=", target);
        reportFigure("orbit at " + size_ + " " + what + ", " + what + " drawn/frame",
                     on->trianglesPerFrame, what, off ? offName : "",
                     off ? off->trianglesPerFrame : 0, "", 0);
        if (m_fullDetailS >= 0)
            reportFigure("full detail (within half a pixel) after the camera stops, " + size_,
                         m_fullDetailS, "s",
                         m_everyTriangleS >= 0 ? "every triangle after a stop (still rule 0)" : "",
                         std::max(0.0, m_everyTriangleS), "<=", 0.5);
        if (m_everyTriangleS >= 0)
            reportFigure("every triangle after the camera stops, " + size_, m_everyTriangleS, "s",
                         "", 0, "", 0);
    } else if (off) {
        reportFigure("orbit at " + size_ + " " + what + ", LOD and culling off, frames/s",
                     off->fps(), "frames/s", "", 0, "", 0);
    }
    if (reference > 0)
        reportFigure("first frame, " + size_ + " " + what, m_firstFrameS, "s",
                     "takt --first-frame --no-lod (no cells, no levels), same file", reference,
                     "<=", kFirstFrameRatio, "ratio");
    else
        reportFigure("first frame, " + size_ + " " + what, m_firstFrameS, "s", "", 0, "", 0);
    std::fflush(stdout);
    // What is measured ends here; tearing the 3D scene down is not part of it.
    std::_Exit(kExitOk);
}

} // namespace takt::app
