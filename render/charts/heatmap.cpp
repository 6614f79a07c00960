#include "render/heatmap.h"

#include "twin/error.h"

#include <vtkColorTransferFunction.h>
#include <vtkDataArray.h>
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
#include <vector>

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

/// Gaussian splatting over the floor grid: each point's value falling off with distance, the
/// maximum kept where splats overlap. The output has three z slices; the middle one (k = 1)
/// lies in the floor plane.
void configureSplatter(vtkGaussianSplatter* splatter, const HeatmapOptions& o, int nx, int nz)
{
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
}

/// The floor-plane slice of the splatted magnitudes of the points whose value has `sign`
/// (+1 or -1); zeros when there are none.
std::vector<double> splatMagnitudes(const std::vector<HeatPoint>& points, double sign,
                                    const HeatmapOptions& o, int nx, int nz)
{
    std::vector<double> out(std::size_t(nx) * std::size_t(nz), 0.0);
    vtkNew<vtkPoints> pts;
    vtkNew<vtkDoubleArray> values;
    for (const HeatPoint& p : points)
        if (p.value * sign > 0.0) {
            pts->InsertNextPoint(p.x, p.z, 0.0);
            values->InsertNextValue(p.value * sign);
        }
    if (pts->GetNumberOfPoints() == 0)
        return out;
    vtkNew<vtkPolyData> input;
    input->SetPoints(pts);
    input->GetPointData()->SetScalars(values);
    vtkNew<vtkGaussianSplatter> splatter;
    splatter->SetInputData(input);
    configureSplatter(splatter, o, nx, nz);
    splatter->Update();
    vtkDataArray* grid = splatter->GetOutput()->GetPointData()->GetScalars();
    check(grid && grid->GetNumberOfTuples() >= vtkIdType(out.size()) * 3,
          "splatting produced no grid");
    const vtkIdType slice = vtkIdType(out.size()); // k = 1
    for (std::size_t i = 0; i < out.size(); ++i)
        out[i] = grid->GetTuple1(slice + vtkIdType(i));
    return out;
}

/// ColorBrewer RdBu (7 classes), blue for -1, near white at 0, red for +1: the light classes
/// sit close to zero, so that differences of half the scale are already saturated enough to
/// read on a light floor.
void divergingRgb(double t, double rgb[3])
{
    static const double stops[7][4] = {{-1.0, 0.129, 0.400, 0.675},  {-0.5, 0.263, 0.576, 0.765},
                                       {-0.15, 0.573, 0.773, 0.871}, {0.0, 0.969, 0.969, 0.969},
                                       {0.15, 0.957, 0.647, 0.510},  {0.5, 0.839, 0.376, 0.302},
                                       {1.0, 0.698, 0.094, 0.169}};
    t = std::clamp(t, -1.0, 1.0);
    int i = 0;
    while (i < 5 && t > stops[i + 1][0])
        ++i;
    const double f = (t - stops[i][0]) / (stops[i + 1][0] - stops[i][0]);
    for (int c = 0; c < 3; ++c)
        rgb[c] = stops[i][c + 1] + f * (stops[i + 1][c + 1] - stops[i][c + 1]);
}

/// Blue ↔ clear ↔ red over [-maxValue, maxValue], opacity rising with the magnitude.
vtkNew<vtkLookupTable> makeDivergingRamp(double maxValue, double maxAlpha)
{
    // An odd number of entries puts zero exactly on the middle one: no difference stays clear.
    constexpr int kSize = kRampSize + 1;
    vtkNew<vtkLookupTable> lut;
    lut->SetNumberOfTableValues(kSize);
    lut->SetRange(-maxValue, maxValue);
    for (int i = 0; i < kSize; ++i) {
        const double t = 2.0 * double(i) / (kSize - 1) - 1.0;
        double rgb[3];
        divergingRgb(t, rgb);
        lut->SetTableValue(i, rgb[0], rgb[1], rgb[2], maxAlpha * std::sqrt(std::fabs(t)));
    }
    return lut;
}

QImage makeDivergingHeatmap(const std::vector<HeatPoint>& points, const HeatmapOptions& o, int nx,
                            int nz)
{
    double maxValue = 0.0;
    for (const HeatPoint& p : points)
        if (std::isfinite(p.value))
            maxValue = std::max(maxValue, std::fabs(p.value));
    if (o.maxValue)
        maxValue = *o.maxValue;
    if (!(maxValue > 0.0))
        maxValue = 1.0;
    const auto gain = splatMagnitudes(points, 1.0, o, nx, nz);
    const auto loss = splatMagnitudes(points, -1.0, o, nx, nz);
    vtkNew<vtkImageData> signedImage;
    signedImage->SetDimensions(nx, nz, 1);
    vtkNew<vtkDoubleArray> values;
    values->SetNumberOfTuples(vtkIdType(gain.size()));
    for (std::size_t i = 0; i < gain.size(); ++i)
        values->SetValue(vtkIdType(i), gain[i] >= loss[i] ? gain[i] : -loss[i]);
    signedImage->GetPointData()->SetScalars(values);

    vtkNew<vtkImageMapToColors> colours;
    colours->SetInputData(signedImage);
    auto lut = makeDivergingRamp(maxValue, std::clamp(o.maxAlpha, 0.0, 1.0));
    colours->SetLookupTable(lut);
    colours->SetOutputFormatToRGBA();
    colours->Update();
    auto* rgba =
        vtkUnsignedCharArray::SafeDownCast(colours->GetOutput()->GetPointData()->GetScalars());
    check(rgba && rgba->GetNumberOfComponents() == 4, "colour mapping produced no RGBA image");
    QImage image(nx, nz, QImage::Format_RGBA8888);
    for (int row = 0; row < nz; ++row)
        std::memcpy(image.scanLine(row), rgba->GetPointer(0) + std::size_t(row) * nx * 4,
                    std::size_t(nx) * 4);
    return image;
}

} // namespace

QColor heatmapColour(double t, HeatmapPalette palette, double maxAlpha)
{
    if (palette == HeatmapPalette::Diverging) {
        double rgb[3];
        divergingRgb(t, rgb);
        return QColor::fromRgbF(float(rgb[0]), float(rgb[1]), float(rgb[2]),
                                float(maxAlpha * std::sqrt(std::min(1.0, std::fabs(t)))));
    }
    auto lut = makeRamp(1.0, maxAlpha);
    double rgba[4];
    lut->GetTableValue(std::clamp(int(std::lround(t * (kRampSize - 1))), 0, kRampSize - 1), rgba);
    return QColor::fromRgbF(float(rgba[0]), float(rgba[1]), float(rgba[2]), float(rgba[3]));
}

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
    if (o.palette == HeatmapPalette::Diverging)
        return makeDivergingHeatmap(points, o, nx, nz);

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
    configureSplatter(splatter, o, nx, nz);

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
