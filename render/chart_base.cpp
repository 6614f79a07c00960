#include "render/chart_base.h"

#include "render/vtk_chart_scene.h"
#include "twin/error.h"

#include <vtkContextActor.h>
#include <vtkImageData.h>
#include <vtkNew.h>
#include <vtkPointData.h>
#include <vtkRenderWindow.h>
#include <vtkRenderer.h>
#include <vtkUnsignedCharArray.h>
#include <vtkWindowToImageFilter.h>

#include <QOpenGLContext>
#include <QSurface>

#include <cstring>

namespace takt::render {

Chart::~Chart() = default;

QImage Chart::renderImage(QSize size, double scale) const
{
    if (size.isEmpty())
        throw twin::Error("chart image: empty size");
    if (qEnvironmentVariableIsEmpty("DISPLAY"))
        throw twin::Error("chart image: rendering needs an X display (DISPLAY is unset); "
                          "run under xvfb-run");
    // VTK makes its own GLX context current; put back whatever Qt had current, so that a
    // caller inside a paint handler keeps drawing into its own surface.
    QOpenGLContext* previous = QOpenGLContext::currentContext();
    QSurface* previousSurface = previous ? previous->surface() : nullptr;

    // A bare window, renderer and context actor: vtkContextView would also make an
    // interactor, which an image does not need.
    vtkNew<vtkRenderWindow> window;
    window->SetOffScreenRendering(1);
    window->SetMultiSamples(0); // identical images from run to run
    window->SetSize(size.width(), size.height());
    vtkNew<vtkRenderer> renderer;
    renderer->SetBackground(1.0, 1.0, 1.0);
    window->AddRenderer(renderer);
    vtkNew<vtkContextActor> actor;
    renderer->AddActor(actor);
    ChartScene cs(actor->GetScene(), scale);
    cs.populate(*this);
    cs.prepare(size.width(), size.height());
    window->Render();

    vtkNew<vtkWindowToImageFilter> grab;
    grab->SetInput(window);
    grab->SetInputBufferTypeToRGB();
    grab->ReadFrontBufferOff();
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
    if (previous && previousSurface)
        previous->makeCurrent(previousSurface);
    return image;
}

} // namespace takt::render
