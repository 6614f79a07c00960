#pragma once

#include <QImage>
#include <QString>

#include <vector>

namespace takt::app {

struct ShiftStory;

/// Writes a shift story as a PDF (A4 landscape), one page per moment: its time, caption and
/// costliest loss, the 3D view at that moment (`views`, one per moment, rendered by the caller;
/// a null image is noted as missing) and the KPIs of the window around it. GUI thread (QPainter
/// on a QPdfWriter). Throws twin::Error when the file cannot be written.
void writeStoryPdf(const ShiftStory& story, const std::vector<QImage>& views, const QString& path);

} // namespace takt::app
