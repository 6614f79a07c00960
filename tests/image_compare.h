#pragma once
// Image comparison for render tests: a tolerance for the small differences between GL drivers
// and font rasterisers, and the actual image saved next to the build when a check fails, with
// a diff image beside it that shows where the two differ.

#include <QColor>
#include <QDir>
#include <QHash>
#include <QImage>
#include <QString>

#include <algorithm>
#include <cstdlib>

namespace takt::testing {

/// How far two images of the same size are apart.
struct ImageDiff {
    bool sameSize = false;
    double meanAbs = 0.0;        ///< mean absolute difference per RGB channel, 0..255
    double differingShare = 0.0; ///< share of pixels with a channel off by more than `threshold`
};

inline ImageDiff compareImages(const QImage& actual, const QImage& expected, int threshold = 48)
{
    ImageDiff diff;
    if (actual.size() != expected.size() || actual.isNull())
        return diff;
    diff.sameSize = true;
    const QImage a = actual.convertToFormat(QImage::Format_RGB32);
    const QImage b = expected.convertToFormat(QImage::Format_RGB32);
    double sum = 0.0;
    long differing = 0;
    for (int y = 0; y < a.height(); ++y) {
        const auto* pa = reinterpret_cast<const QRgb*>(a.constScanLine(y));
        const auto* pb = reinterpret_cast<const QRgb*>(b.constScanLine(y));
        for (int x = 0; x < a.width(); ++x) {
            const int dr = std::abs(qRed(pa[x]) - qRed(pb[x]));
            const int dg = std::abs(qGreen(pa[x]) - qGreen(pb[x]));
            const int db = std::abs(qBlue(pa[x]) - qBlue(pb[x]));
            sum += dr + dg + db;
            if (std::max({dr, dg, db}) > threshold)
                ++differing;
        }
    }
    const double pixels = double(a.width()) * a.height();
    diff.meanAbs = sum / (3.0 * pixels);
    diff.differingShare = double(differing) / pixels;
    return diff;
}

/// Pixels of `image` within `tolerance` (per channel) of `colour`.
inline int countColour(const QImage& image, const QColor& colour, int tolerance = 6)
{
    const QImage img = image.convertToFormat(QImage::Format_RGB32);
    int n = 0;
    for (int y = 0; y < img.height(); ++y) {
        const auto* p = reinterpret_cast<const QRgb*>(img.constScanLine(y));
        for (int x = 0; x < img.width(); ++x)
            if (std::abs(qRed(p[x]) - colour.red()) <= tolerance &&
                std::abs(qGreen(p[x]) - colour.green()) <= tolerance &&
                std::abs(qBlue(p[x]) - colour.blue()) <= tolerance)
                ++n;
    }
    return n;
}

/// Share of the most common colour among every 4th pixel: 1.0 is a flat, empty image.
inline double dominantShare(const QImage& image)
{
    QHash<QRgb, int> counts;
    int n = 0;
    for (int y = 0; y < image.height(); y += 4)
        for (int x = 0; x < image.width(); x += 4, ++n)
            ++counts[image.pixel(x, y) & 0xF8F8F8u];
    int most = 0;
    for (int c : counts)
        most = std::max(most, c);
    return n ? double(most) / n : 1.0;
}

/// Where a failing test leaves its actual image: <build>/tests/actual/<name>.png.
inline QString saveActual(const QImage& image, const QString& name)
{
    const QString dir = QStringLiteral(TAKT_BINARY_DIR "/tests/actual");
    QDir().mkpath(dir);
    const QString path = dir + "/" + name + ".png";
    image.save(path);
    return path;
}

/// Where a failing comparison leaves its diff image: <build>/tests/actual/<name>-diff.png, the
/// actual image faded to grey with every pixel off by more than `threshold` (any channel)
/// painted magenta, so that a person sees at a glance what moved. Images of different sizes
/// give no diff image (empty path).
inline QString saveDiff(const QImage& actual, const QImage& expected, const QString& name,
                        int threshold = 48)
{
    if (actual.isNull() || actual.size() != expected.size())
        return {};
    const QImage a = actual.convertToFormat(QImage::Format_RGB32);
    const QImage b = expected.convertToFormat(QImage::Format_RGB32);
    QImage out(a.size(), QImage::Format_RGB32);
    for (int y = 0; y < a.height(); ++y) {
        const auto* pa = reinterpret_cast<const QRgb*>(a.constScanLine(y));
        const auto* pb = reinterpret_cast<const QRgb*>(b.constScanLine(y));
        auto* po = reinterpret_cast<QRgb*>(out.scanLine(y));
        for (int x = 0; x < a.width(); ++x) {
            const int d = std::max({std::abs(qRed(pa[x]) - qRed(pb[x])),
                                    std::abs(qGreen(pa[x]) - qGreen(pb[x])),
                                    std::abs(qBlue(pa[x]) - qBlue(pb[x]))});
            const int grey = 160 + qGray(pa[x]) * 95 / 255; // faded: the differences stand out
            po[x] = d > threshold ? qRgb(255, 0, 255) : qRgb(grey, grey, grey);
        }
    }
    const QString dir = QStringLiteral(TAKT_BINARY_DIR "/tests/actual");
    QDir().mkpath(dir);
    const QString path = dir + "/" + name + "-diff.png";
    out.save(path);
    return path;
}

/// The outcome of comparing an image with its baseline in tests/baselines/NAME.png.
struct BaselineCheck {
    bool ok = false;      ///< Matches within tolerance, or the baseline was (re)written.
    bool written = false; ///< TAKT_UPDATE_BASELINES was set: the baseline was rewritten.
    QString message;      ///< Why it failed (naming the actual and diff images kept for a person).
};

/// Compares `actual` with `baselineDir`/`name`.png: passes when the mean channel difference
/// is at most `maxMean` and at most `maxShare` of the pixels differ. On failure the actual
/// image is saved (saveActual) with a diff image beside it (saveDiff). With
/// TAKT_UPDATE_BASELINES set, writes the baseline instead and passes, so that the test goes on
/// to its other assertions (a rewrite must not hide a broken test).
inline BaselineCheck checkBaselineIn(const QString& baselineDir, const QImage& actual,
                                     const QString& name, double maxMean, double maxShare)
{
    const QString baseline = baselineDir + "/" + name + ".png";
    if (qEnvironmentVariableIsSet("TAKT_UPDATE_BASELINES")) {
        const bool saved = !actual.isNull() && actual.save(baseline);
        if (saved)
            qInfo("%s: baseline rewritten (TAKT_UPDATE_BASELINES)", qPrintable(name));
        return {saved, true, saved ? QString() : "cannot write " + baseline};
    }
    const QImage expected(baseline);
    if (expected.isNull())
        return {false, false,
                "no baseline " + baseline + "; actual image in " + saveActual(actual, name)};
    const ImageDiff diff = compareImages(actual, expected);
    qInfo("%s: mean channel difference %.3f, %.3f%% pixels differ", qPrintable(name), diff.meanAbs,
          diff.differingShare * 100);
    if (diff.sameSize && diff.meanAbs <= maxMean && diff.differingShare <= maxShare)
        return {true, false, QString()};
    const QString diffPath = saveDiff(actual, expected, name);
    return {false, false,
            QStringLiteral("%1 differs from its baseline (mean %2, %3% of pixels%4); actual image "
                           "in %5%6")
                .arg(name)
                .arg(diff.meanAbs)
                .arg(diff.differingShare * 100)
                .arg(diff.sameSize ? QString()
                                   : QStringLiteral(", size %1x%2 against %3x%4")
                                         .arg(actual.width())
                                         .arg(actual.height())
                                         .arg(expected.width())
                                         .arg(expected.height()))
                .arg(saveActual(actual, name))
                .arg(diffPath.isEmpty() ? QString() : ", diff image in " + diffPath)};
}

/// checkBaselineIn() on the baselines of the source tree, tests/baselines/.
inline BaselineCheck checkBaseline(const QImage& actual, const QString& name, double maxMean,
                                   double maxShare)
{
    return checkBaselineIn(QStringLiteral(TAKT_SOURCE_DIR "/tests/baselines"), actual, name,
                           maxMean, maxShare);
}

} // namespace takt::testing
