#pragma once

#include <QString>

namespace Qt3DExtras {
class Qt3DWindow;
}
namespace Qt3DRender {
class QFrameGraphNode;
class QLayer;
class QRenderCapture;
} // namespace Qt3DRender

namespace takt::render {

/// The OpenGL renderer this process gets (GL_RENDERER), and whether it rasterises in software
/// (Mesa llvmpipe, softpipe, swrast). Asked of a throw-away context once per process and
/// logged. GUI thread, after the QGuiApplication exists.
struct OpenGlInfo {
    QString renderer;
    bool software = false;
};
const OpenGlInfo& openGlInfo();

/// How the 3D view draws a frame, in three passes over the window's camera:
///  1. the opaque scene through Qt3DWindow's forward renderer, depth-tested, both sides of
///     faces drawn (CAD exports mix windings), without the two layers below;
///  2. `translucent` (the floor heatmap): after everything opaque, still depth-tested;
///  3. `labels`: over everything, without depth test, farthest first.
/// `capture` closes the last pass, so that read-back frames hold the labels.
struct SceneFrameGraph {
    Qt3DRender::QFrameGraphNode* root = nullptr;
    Qt3DRender::QRenderCapture* capture = nullptr;
};
SceneFrameGraph buildSceneFrameGraph(Qt3DExtras::Qt3DWindow* window, Qt3DRender::QLayer* labels,
                                     Qt3DRender::QLayer* translucent);

} // namespace takt::render
