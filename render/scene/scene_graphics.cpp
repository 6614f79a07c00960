#include "render/scene_graphics.h"

#include "twin/log.h"

#include <Qt3DExtras/QForwardRenderer>
#include <Qt3DExtras/Qt3DWindow>
#include <Qt3DRender/QCamera>
#include <Qt3DRender/QCameraSelector>
#include <Qt3DRender/QCullFace>
#include <Qt3DRender/QDepthTest>
#include <Qt3DRender/QFilterKey>
#include <Qt3DRender/QLayer>
#include <Qt3DRender/QLayerFilter>
#include <Qt3DRender/QRenderCapture>
#include <Qt3DRender/QRenderStateSet>
#include <Qt3DRender/QRenderSurfaceSelector>
#include <Qt3DRender/QSortPolicy>
#include <Qt3DRender/QTechniqueFilter>
#include <Qt3DRender/QViewport>

#include <QColor>
#include <QOffscreenSurface>
#include <QOpenGLContext>
#include <QOpenGLFunctions>

namespace takt::render {

const OpenGlInfo& openGlInfo()
{
    static const OpenGlInfo info = [] {
        OpenGlInfo out;
        QOffscreenSurface surface;
        surface.create();
        QOpenGLContext context;
        if (!context.create() || !context.makeCurrent(&surface)) {
            out.renderer = QStringLiteral("unknown (no OpenGL context)");
            return out;
        }
        const auto* name = context.functions()->glGetString(GL_RENDERER);
        out.renderer = name ? QString::fromLatin1(reinterpret_cast<const char*>(name))
                            : QStringLiteral("unknown");
        context.doneCurrent();
        const QString lower = out.renderer.toLower();
        out.software = lower.contains(QLatin1String("llvmpipe")) ||
                       lower.contains(QLatin1String("softpipe")) ||
                       lower.contains(QLatin1String("swrast")) ||
                       lower.contains(QLatin1String("software"));
        twin::logger("render")->info("OpenGL renderer: {}{}", out.renderer.toStdString(),
                                     out.software ? " (software rasteriser)" : "");
        return out;
    }();
    return info;
}

SceneFrameGraph buildSceneFrameGraph(Qt3DExtras::Qt3DWindow* window, Qt3DRender::QLayer* labels,
                                     Qt3DRender::QLayer* translucent)
{
    auto* forward = window->defaultFrameGraph();
    forward->setClearColor(QColor(0x2b, 0x30, 0x38));
    // Three passes. First the scene without labels and see-through things, through the default
    // forward renderer, with both sides of faces drawn: CAD exports often mix face windings.
    auto* graph = new Qt3DRender::QFrameGraphNode();
    auto* sceneOnly = new Qt3DRender::QLayerFilter(graph);
    sceneOnly->addLayer(labels);
    sceneOnly->addLayer(translucent);
    sceneOnly->setFilterMode(Qt3DRender::QLayerFilter::DiscardAnyMatchingLayers);
    // A render state set stands in for all of Qt 3D's default states below it, the depth test
    // among them: without one the scene was drawn in painter's order (rings over stations,
    // bins over crates).
    const auto depthTestedBothSides = [](Qt3DRender::QRenderStateSet* states) {
        auto* cull = new Qt3DRender::QCullFace(states);
        cull->setMode(Qt3DRender::QCullFace::NoCulling);
        states->addRenderState(cull);
        auto* less = new Qt3DRender::QDepthTest(states);
        less->setDepthFunction(Qt3DRender::QDepthTest::Less);
        states->addRenderState(less);
    };
    auto* states = new Qt3DRender::QRenderStateSet(sceneOnly);
    depthTestedBothSides(states);
    forward->setParent(states);
    // Then what is see-through (the floor heatmap): after everything opaque, which would
    // otherwise paint over it where it happens to be drawn first (it does not write depth),
    // but still depth-tested so that stations stand on it.
    const auto addPass = [window, graph](Qt3DRender::QLayer* layer) {
        auto* style = new Qt3DRender::QTechniqueFilter(graph);
        auto* key = new Qt3DRender::QFilterKey(style);
        key->setName(QStringLiteral("renderingStyle"));
        key->setValue(QStringLiteral("forward"));
        style->addMatch(key);
        auto* surface = new Qt3DRender::QRenderSurfaceSelector(style);
        surface->setSurface(window);
        auto* viewport = new Qt3DRender::QViewport(surface);
        auto* cameraSelector = new Qt3DRender::QCameraSelector(viewport);
        cameraSelector->setCamera(window->camera());
        auto* only = new Qt3DRender::QLayerFilter(cameraSelector);
        only->addLayer(layer);
        only->setFilterMode(Qt3DRender::QLayerFilter::AcceptAnyMatchingLayers);
        return new Qt3DRender::QRenderStateSet(only);
    };
    depthTestedBothSides(addPass(translucent));
    // Then the labels over it, without depth test (no station, beacon or wall may cut into a
    // label), farthest first so that a nearer label covers a farther one (their material does
    // not write depth).
    auto* labelStates = addPass(labels);
    auto* always = new Qt3DRender::QDepthTest(labelStates);
    always->setDepthFunction(Qt3DRender::QDepthTest::Always);
    labelStates->addRenderState(always);
    auto* bothSides = new Qt3DRender::QCullFace(labelStates);
    bothSides->setMode(Qt3DRender::QCullFace::NoCulling);
    labelStates->addRenderState(bothSides);
    auto* order = new Qt3DRender::QSortPolicy(labelStates);
    order->setSortTypes(
        QList<Qt3DRender::QSortPolicy::SortType>{Qt3DRender::QSortPolicy::BackToFront});
    // The capture node closes the last pass, so that frames read back for screenshots and
    // render tests hold the scene and its labels (a capture is taken after the first pass
    // whose path holds the node).
    return {graph, new Qt3DRender::QRenderCapture(order)};
}

} // namespace takt::render
