#include "render/heatmap.h"

#include "twin/error.h"

#include <vtkColorTransferFunction.h>
#include <vtkDoubleArray.h>
#include <vtkGaussianSplatter.h>
#include <vtkImageData.h>
#include <vtkImageMapToColors.h>
#include <vtkLookupTable.h>
#include <vtkNew.h>
#include <vtkPointData.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkUnsignedCharArray.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>

namespace takt::render {
namespace {

constexpr int kMaxSide = 8192;
constexpr int kRampSize = 256;

void check(bool ok, const std::string& what)
{
    if (!ok)
        throw twin::Error("floor heatmap: " + what);
}

/// Transparent → yellow → orange → red, opacity rising with the value (sequential and
/// colour-blind friendly; "YlOrRd" from ColorBrewer).
vtkNew<vtkLookupTable> makeRamp(double maxValue, double maxAlpha)
{
    vtkNew<vtkColorTransferFunction> ctf;
    ctf->AddRGBPoint(0.00, 1.000, 0.929, 0.627);
    ctf->AddRGBPoint(0.35, 0.996, 0.698, 0.298);
    ctf->AddRGBPoint(0.65, 0.988, 0.306, 0.165);
    ctf->AddRGBPoint(1.00, 0.741, 0.000, 0.149);
    vtkNew<vtkLookupTable> lut;
    lut->SetNumberOfTableValues(kRampSize);
    lut->SetRange(0.0, maxValue);
    lut->SetBelowRangeColor(0, 0, 0, 0);
    lut->SetUseBelowRangeColor(true);
    // Entries set last: Build() keeps a table whose entries were inserted after its other
    // settings changed, and would otherwise regenerate its own ramp.
    for (int i = 0; i < kRampSize; ++i) {
        const double t = double(i) / (kRampSize - 1);
        double rgb[3];
        ctf->GetColor(t, rgb);
        // Square-root opacity: weak heat is already visible, yet zero stays fully clear.
        lut->SetTableValue(i, rgb[0], rgb[1], rgb[2], maxAlpha * std::sqrt(t));
    }
    return lut;
}

} // namespace

QImage makeFloorHeatmap(const std::vector<HeatPoint>& points, const HeatmapOptions& o)
{
    check(std::isfinite(o.minX) && std::isfinite(o.maxX) && o.maxX > o.minX,
          "empty or invalid x bounds");
    check(std::isfinite(o.minZ) && std::isfinite(o.maxZ) && o.maxZ > o.minZ,
          "empty or invalid z bounds");
    check(o.metresPerPixel > 0.0, "metresPerPixel must be positive");
    check(o.radius > 0.0, "radius must be positive");
    const double w = std::ceil((o.maxX - o.minX) / o.metresPerPixel) + 1.0;
    const double h = std::ceil((o.maxZ - o.minZ) / o.metresPerPixel) + 1.0;
    check(w <= kMaxSide && h <= kMaxSide, "image of " + std::to_string(int(w)) + "x" +
                                              std::to_string(int(h)) +
                                              " pixels is too large; choose a coarser resolution");
    const int nx = std::max(2, int(w));
    const int nz = std::max(2, int(h));

    double maxValue = 0.0;
    for (const HeatPoint& p : points)
        maxValue = std::max(maxValue, p.value);
    if (o.maxValue)
        maxValue = *o.maxValue;
    if (!(maxValue > 0.0))
        maxValue = 1.0; // nothing is hot: a fully transparent image

    if (points.empty()) {
        QImage clear(nx, nz, QImage::Format_RGBA8888);
        clear.fill(Qt::transparent);
        return clear;
    }

    vtkNew<vtkPoints> pts;
    vtkNew<vtkDoubleArray> values;
    values->SetName("value");
    for (const HeatPoint& p : points) {
        // The image's y axis is the floor's z axis; points lie in the z = 0 plane.
        pts->InsertNextPoint(p.x, p.z, 0.0);
        values->InsertNextValue(std::max(0.0, p.value));
    }
    vtkNew<vtkPolyData> input;
    input->SetPoints(pts);
    input->GetPointData()->SetScalars(values);

    vtkNew<vtkGaussianSplatter> splatter;
    splatter->SetInputData(input);
    // A third sample row above and below the floor plane keeps the splatter's spacing finite;
    // the middle slice (k = 1) lies exactly in the plane.
    const double slab = o.metresPerPixel;
    splatter->SetModelBounds(o.minX, o.minX + (nx - 1) * o.metresPerPixel, o.minZ,
                             o.minZ + (nz - 1) * o.metresPerPixel, -slab, slab);
    splatter->SetSampleDimensions(nx, nz, 3);
    const double longest =
        std::max({(nx - 1) * o.metresPerPixel, (nz - 1) * o.metresPerPixel, 2 * slab});
    splatter->SetRadius(o.radius / longest);
    splatter->SetExponentFactor(-4.0);
    splatter->ScalarWarpingOn();
    splatter->NormalWarpingOff();
    splatter->CappingOff(); // capping would zero the image's border pixels
    splatter->SetAccumulationModeToMax();
    splatter->SetNullValue(0.0);

    vtkNew<vtkImageMapToColors> colours;
    colours->SetInputConnection(splatter->GetOutputPort());
    auto lut = makeRamp(maxValue, std::clamp(o.maxAlpha, 0.0, 1.0));
    colours->SetLookupTable(lut);
    colours->SetOutputFormatToRGBA();
    colours->Update();

    vtkImageData* rgba = colours->GetOutput();
    auto* scalars = vtkUnsignedCharArray::SafeDownCast(rgba->GetPointData()->GetScalars());
    check(scalars && scalars->GetNumberOfComponents() == 4,
          "colour mapping produced no RGBA image");
    QImage image(nx, nz, QImage::Format_RGBA8888);
    const unsigned char* slice = scalars->GetPointer(0) + std::size_t(nx) * nz * 4; // k = 1
    for (int row = 0; row < nz; ++row)
        std::memcpy(image.scanLine(row), slice + std::size_t(row) * nx * 4, std::size_t(nx) * 4);
    return image;
}

} // namespace takt::render
