#include "render/chart_base.h"

#include "render/vtk_chart_scene.h"
#include "twin/error.h"

#include <vtkContextActor.h>
#include <vtkContextScene.h>
#include <vtkImageData.h>
#include <vtkNew.h>
#include <vtkPointData.h>
#include <vtkRenderWindow.h>
#include <vtkRenderer.h>
#include <vtkUnsignedCharArray.h>
#include <vtkWindowToImageFilter.h>

#include <QCoreApplication>
#include <QOpenGLContext>
#include <QSurface>

#include <cstring>

namespace takt::render {

namespace {

/// One offscreen window for every chart image of the process. A window per image opened an X
/// connection per image, and under load (several test processes on one Xvfb) XOpenDisplay
/// then failed now and then, which VTK answers with abort(). One window also saves making a
/// GL context for each image of a report.
struct Offscreen {
    vtkSmartPointer<vtkRenderWindow> window;
    vtkSmartPointer<vtkRenderer> renderer;
    vtkSmartPointer<vtkContextActor> actor;
};

Offscreen* g_offscreen = nullptr;

void finalizeOffscreen()
{
    if (g_offscreen)
        g_offscreen->window->Finalize();
    delete g_offscreen;
    g_offscreen = nullptr;
}

Offscreen& offscreen()
{
    if (!g_offscreen) {
        // A bare window, renderer and context actor: vtkContextView would also make an
        // interactor, which an image does not need.
        auto* o = new Offscreen{vtkSmartPointer<vtkRenderWindow>::New(),
                                vtkSmartPointer<vtkRenderer>::New(),
                                vtkSmartPointer<vtkContextActor>::New()};
        o->window->SetOffScreenRendering(1);
        o->window->SetMultiSamples(0); // identical images from run to run
        o->renderer->SetBackground(1.0, 1.0, 1.0);
        o->window->AddRenderer(o->renderer);
        o->renderer->AddActor(o->actor);
        g_offscreen = o;
        // Freed with the application object (while X is still there), if there is one.
        qAddPostRoutine(&finalizeOffscreen);
    }
    return *g_offscreen;
}

/// Puts back the OpenGL context Qt had current (VTK makes its own GLX context current), so
/// that a caller inside an OpenGL paint handler keeps drawing into its own surface.
class RestoreCurrentContext {
public:
    RestoreCurrentContext()
        : m_context(QOpenGLContext::currentContext()),
          m_surface(m_context ? m_context->surface() : nullptr)
    {
    }
    ~RestoreCurrentContext()
    {
        if (m_context && m_surface)
            m_context->makeCurrent(m_surface);
    }
    RestoreCurrentContext(const RestoreCurrentContext&) = delete;
    RestoreCurrentContext& operator=(const RestoreCurrentContext&) = delete;

private:
    QOpenGLContext* m_context;
    QSurface* m_surface;
};

/// Empties a scene on every way out.
class ClearScene {
public:
    explicit ClearScene(vtkContextScene* scene) : m_scene(scene) {}
    ~ClearScene() { m_scene->ClearItems(); }
    ClearScene(const ClearScene&) = delete;
    ClearScene& operator=(const ClearScene&) = delete;

private:
    vtkContextScene* m_scene;
};

} // namespace

Chart::~Chart() = default;

QImage Chart::renderImage(QSize size, double scale) const
{
    if (size.isEmpty())
        throw twin::Error("chart image: empty size");
    vtkContextActor* actor = offscreenActor();
    ClearScene clear(actor->GetScene());
    ChartScene cs(actor->GetScene(), scale);
    cs.populate(*this);
    cs.prepare(size.width(), size.height());
    return renderOffscreen(actor, size);
}

vtkContextActor* offscreenActor()
{
    return offscreen().actor;
}

QImage renderOffscreen(vtkContextActor* actor, QSize size)
{
    if (size.isEmpty())
        throw twin::Error("chart image: empty size");
    if (qEnvironmentVariableIsEmpty("DISPLAY"))
        throw twin::Error("chart image: rendering needs an X display (DISPLAY is unset); "
                          "run under xvfb-run");
    Offscreen& o = offscreen();
    RestoreCurrentContext restore;
    // One actor at a time: the process's charts share this window.
    o.renderer->RemoveAllViewProps();
    o.renderer->AddActor(actor);
    o.window->SetSize(size.width(), size.height());
    o.window->Render();

    vtkNew<vtkWindowToImageFilter> grab;
    grab->SetInput(o.window);
    grab->SetInputBufferTypeToRGB();
    grab->ReadFrontBufferOff();
    grab->ShouldRerenderOff(); // the frame just rendered is the one wanted
    grab->Update();
    vtkImageData* pixels = grab->GetOutput();
    int dims[3] = {0, 0, 0};
    pixels->GetDimensions(dims);
    auto* data = vtkUnsignedCharArray::SafeDownCast(pixels->GetPointData()->GetScalars());
    if (!data || dims[0] != size.width() || dims[1] != size.height() ||
        data->GetNumberOfComponents() != 3)
        throw twin::Error("chart image: offscreen rendering returned no image");
    QImage image(dims[0], dims[1], QImage::Format_RGB888);
    // VTK's rows run bottom-up.
    for (int row = 0; row < dims[1]; ++row)
        std::memcpy(image.scanLine(dims[1] - 1 - row),
                    data->GetPointer(0) + std::size_t(row) * dims[0] * 3, std::size_t(dims[0]) * 3);
    return image;
}

void releaseOffscreen(vtkContextActor* actor)
{
    // Without the window (the application object is gone) its context, and with it the
    // actor's OpenGL objects, are gone already.
    if (!g_offscreen || !actor)
        return;
    RestoreCurrentContext restore;
    g_offscreen->renderer->RemoveActor(actor);
    g_offscreen->window->MakeCurrent();
    actor->ReleaseGraphicsResources(g_offscreen->window);
}

} // namespace takt::render
