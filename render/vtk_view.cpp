#include "render/vtk_view.h"

#include "render/chart_base.h"
#include "render/vtk_chart_scene.h"
#include "twin/log.h"

#include <vtkCallbackCommand.h>
#include <vtkCommand.h>
#include <vtkContextActor.h>
#include <vtkContextScene.h>
#include <vtkGenericOpenGLRenderWindow.h>
#include <vtkOpenGLState.h>
#include <vtkRenderer.h>
#include <vtkSmartPointer.h>

#include <QMouseEvent>
#include <QOpenGLContext>
#include <QOpenGLExtraFunctions>
#include <QSurfaceFormat>
#include <QWheelEvent>

#include <cmath>
#include <optional>

namespace takt::render {

struct VtkView::Private {
    explicit Private(VtkView* view) : q(view) {}

    VtkView* q;
    std::shared_ptr<const Chart> chart;
    vtkSmartPointer<vtkGenericOpenGLRenderWindow> window;
    vtkSmartPointer<vtkRenderer> renderer;
    vtkSmartPointer<vtkContextActor> actor;
    std::optional<ChartScene> scene;
    QMetaObject::Connection contextGone;
    std::optional<QPointF> dragFrom;
    std::optional<std::int64_t> cursorMs;
    int frames = 0;

    double dpr() const { return q->devicePixelRatioF(); }

    /// VTK asks the host to make the context current and whether it is; the context is
    /// Qt's, so both questions go to the widget.
    static void onWindowEvent(vtkObject*, unsigned long event, void* clientData, void* callData)
    {
        auto* self = static_cast<Private*>(clientData);
        // The one restoration that proved essential: QOpenGLWidget::makeCurrent() also binds
        // the widget's framebuffer, behind the back of VTK's cache of the GL state, and VTK
        // asks for MakeCurrent several times in a frame (e.g. in Frame(), between rendering
        // and resolving its framebuffers). Rebinding there made every view black on screen.
        // So switch contexts only when another one is current.
        if (event == vtkCommand::WindowMakeCurrentEvent) {
            if (QOpenGLContext::currentContext() != self->q->context())
                self->q->makeCurrent();
        } else if (event == vtkCommand::WindowIsCurrentEvent)
            *static_cast<bool*>(callData) = QOpenGLContext::currentContext() == self->q->context();
    }

    /// Makes the VTK side for the widget's (current) context.
    void createPipeline()
    {
        window = vtkSmartPointer<vtkGenericOpenGLRenderWindow>::New();
        vtkNew<vtkCallbackCommand> cb;
        cb->SetCallback(&Private::onWindowEvent);
        cb->SetClientData(this);
        window->AddObserver(vtkCommand::WindowMakeCurrentEvent, cb);
        window->AddObserver(vtkCommand::WindowIsCurrentEvent, cb);
        window->SetOwnContext(false);
        window->SetMultiSamples(0);
        // VTK must not blit into framebuffer 0 at the end of a frame: the widget draws into
        // its own framebuffer object; paintGL blits there itself.
        window->SetFrameBlitModeToNoBlit();
        window->SetReadyForRendering(false);
        window->SetMapped(1);
        window->SetSize(int(q->width() * dpr()), int(q->height() * dpr()));
        if (!window->InitializeFromCurrentContext())
            twin::logger("render")->error("VtkView: VTK could not use the widget's OpenGL context");
        renderer = vtkSmartPointer<vtkRenderer>::New();
        renderer->SetBackground(1.0, 1.0, 1.0);
        window->AddRenderer(renderer);
        actor = vtkSmartPointer<vtkContextActor>::New();
        renderer->AddActor(actor);
        scene.emplace(actor->GetScene(), dpr());
        scene->setTimeCursor(cursorHours());
        populate();
    }

    std::optional<double> cursorHours() const
    {
        if (!cursorMs)
            return std::nullopt;
        return double(*cursorMs) / 3'600'000.0;
    }

    /// The cursor's device pixel column (rounded), to tell whether a new time moves it.
    std::optional<long> cursorColumn() const
    {
        const auto x = scene ? scene->timeCursorX() : std::nullopt;
        return x ? std::optional<long>(std::lround(*x)) : std::nullopt;
    }

    void populate()
    {
        if (!scene)
            return;
        scene->scale = dpr();
        if (chart)
            scene->populate(*chart);
        else
            scene->scene->ClearItems();
    }

    void releasePipeline()
    {
        if (!window)
            return;
        q->makeCurrent();
        scene.reset();
        window->Finalize(); // frees VTK's GL objects while their context is current
        actor = nullptr;
        renderer = nullptr;
        window = nullptr;
        q->doneCurrent();
    }
};

VtkView::VtkView(QWidget* parent) : QOpenGLWidget(parent), d(std::make_unique<Private>(this))
{
    // What VTK's OpenGL2 backend needs (same as QVTKOpenGLNativeWidget::defaultFormat()).
    QSurfaceFormat format = QSurfaceFormat::defaultFormat();
    format.setRenderableType(QSurfaceFormat::OpenGL);
    format.setVersion(3, 2);
    format.setProfile(QSurfaceFormat::CoreProfile);
    format.setDepthBufferSize(24);
    format.setStencilBufferSize(8);
    format.setSamples(0);
    setFormat(format);
    setMouseTracking(false);
    setFocusPolicy(Qt::WheelFocus);
}

VtkView::~VtkView()
{
    // The context outlives this body (QOpenGLWidget's destructor deletes it); its
    // aboutToBeDestroyed must not reach the pipeline after `d` is gone.
    disconnect(d->contextGone);
    d->releasePipeline();
}

void VtkView::setChart(std::shared_ptr<const Chart> chart)
{
    d->chart = std::move(chart);
    d->populate();
    update();
}

std::shared_ptr<const Chart> VtkView::chart() const
{
    return d->chart;
}

bool VtkView::zoomTime(double factor, double x)
{
    if (!d->scene || !d->scene->zoomTime(factor, x * d->dpr()))
        return false;
    update();
    return true;
}

bool VtkView::panTime(double dx)
{
    if (!d->scene || !d->scene->panTime(dx * d->dpr()))
        return false;
    update();
    return true;
}

bool VtkView::resetTime()
{
    if (!d->scene || !d->scene->resetTime())
        return false;
    update();
    return true;
}

void VtkView::setTimeCursor(std::optional<std::int64_t> msFromStart)
{
    if (msFromStart == d->cursorMs)
        return;
    d->cursorMs = msFromStart;
    if (!d->scene)
        return; // the pipeline takes it when it is made
    const auto before = d->cursorColumn();
    d->scene->setTimeCursor(d->cursorHours());
    // Before the first frame there is no layout to compare with: paint anyway.
    if (before != d->cursorColumn() || d->frames == 0)
        update();
}

std::optional<std::int64_t> VtkView::timeCursor() const
{
    return d->cursorMs;
}

std::optional<double> VtkView::timeCursorX() const
{
    const auto x = d->scene ? d->scene->timeCursorX() : std::nullopt;
    return x ? std::optional<double>(*x / d->dpr()) : std::nullopt;
}

int VtkView::renderedFrames() const
{
    return d->frames;
}

QSize VtkView::sizeHint() const
{
    return {800, 450};
}

void VtkView::initializeGL()
{
    // A new context (first show, or the widget moved to another window): VTK's objects of the
    // old one are gone with it.
    d->scene.reset();
    d->window = nullptr;
    d->createPipeline();
    disconnect(d->contextGone);
    d->contextGone = connect(context(), &QOpenGLContext::aboutToBeDestroyed, this,
                             [this] { d->releasePipeline(); });
}

void VtkView::resizeGL(int w, int h)
{
    if (d->window)
        d->window->SetSize(int(w * d->dpr()), int(h * d->dpr()));
    if (d->scene && std::abs(d->scene->scale - d->dpr()) > 1e-6)
        d->populate(); // moved to a screen of another pixel ratio: fonts follow
}

void VtkView::paintGL()
{
    if (!d->window)
        return;
    const int w = int(width() * d->dpr());
    const int h = int(height() * d->dpr());
    d->window->SetSize(w, h);
    vtkOpenGLState* state = d->window->GetState();
    // Qt drew with this context since VTK last did: VTK's cache of the GL state is stale.
    state->Reset();
    state->Push();
    state->vtkglDepthFunc(GL_LEQUAL); // Qt leaves GL_LESS; VTK expects GL_LEQUAL
    if (d->scene)
        d->scene->prepare(w, h);
    d->window->SetReadyForRendering(true);
    d->window->Render(); // into VTK's own framebuffers; nothing reaches Qt's yet
    d->window->SetReadyForRendering(false);
    // Render may have let other GL work run (progress events repainting other widgets): make
    // this context current again if so, and have VTK re-read the bindings that changed.
    if (QOpenGLContext::currentContext() != context()) {
        makeCurrent();
        state->ResetFramebufferBindings();
    }
    state->PushDrawFramebufferBinding();
    state->vtkglBindFramebuffer(GL_DRAW_FRAMEBUFFER, defaultFramebufferObject());
    state->vtkglViewport(0, 0, w, h);
    d->window->BlitDisplayFramebuffer(0, 0, 0, w, h, 0, 0, w, h, GL_COLOR_BUFFER_BIT, GL_NEAREST);
    state->PopDrawFramebufferBinding();
    state->Pop();
    // What Qt assumes when paintGL returns (it reads this framebuffer for composition and
    // grabFramebuffer(), and a subclass may paint over it with QPainter): its framebuffer
    // bound for drawing and reading, the full viewport, no program, no vertex array, texture
    // unit 0, no scissor or depth test. With Qt 6.4 and Mesa the screen looked right without
    // this block too (test_vtk_view_gui); it is kept because nothing guarantees that for
    // other drivers or Qt versions, and it costs a dozen GL calls a frame.
    QOpenGLExtraFunctions* f = context()->extraFunctions();
    f->glBindFramebuffer(GL_FRAMEBUFFER, defaultFramebufferObject());
    f->glViewport(0, 0, w, h);
    f->glDisable(GL_SCISSOR_TEST);
    f->glDisable(GL_DEPTH_TEST);
    f->glDisable(GL_BLEND);
    f->glDepthMask(GL_TRUE);
    f->glColorMask(GL_TRUE, GL_TRUE, GL_TRUE, GL_TRUE);
    f->glUseProgram(0);
    f->glBindVertexArray(0);
    f->glActiveTexture(GL_TEXTURE0);
    f->glBindTexture(GL_TEXTURE_2D, 0);
    ++d->frames;
}

void VtkView::wheelEvent(QWheelEvent* event)
{
    const double steps = event->angleDelta().y() / 120.0;
    if (steps != 0.0 && zoomTime(std::pow(0.8, steps), event->position().x()))
        event->accept();
    else
        QOpenGLWidget::wheelEvent(event);
}

void VtkView::mousePressEvent(QMouseEvent* event)
{
    if (event->button() == Qt::LeftButton && d->chart && d->chart->hasTimeAxis()) {
        d->dragFrom = event->position();
        setCursor(Qt::ClosedHandCursor);
        event->accept();
        return;
    }
    QOpenGLWidget::mousePressEvent(event);
}

void VtkView::mouseMoveEvent(QMouseEvent* event)
{
    if (d->dragFrom) {
        panTime(event->position().x() - d->dragFrom->x());
        d->dragFrom = event->position();
        event->accept();
        return;
    }
    QOpenGLWidget::mouseMoveEvent(event);
}

void VtkView::mouseReleaseEvent(QMouseEvent* event)
{
    if (d->dragFrom && event->button() == Qt::LeftButton) {
        d->dragFrom.reset();
        unsetCursor();
        event->accept();
        return;
    }
    QOpenGLWidget::mouseReleaseEvent(event);
}

void VtkView::mouseDoubleClickEvent(QMouseEvent* event)
{
    if (resetTime())
        event->accept();
    else
        QOpenGLWidget::mouseDoubleClickEvent(event);
}

} // namespace takt::render
