#pragma once

#include <QIcon>
#include <QString>
#include <QStringList>

namespace takt::app {

/// The application's window icon, from the PNG sizes compiled in (resources/takt.qrc).
QIcon applicationIcon();

/// Where Takt looks for the data it ships (the sample plant, its layout and recorded shift), in
/// order: $TAKT_DATA_DIR when set, then `share/takt` beside the folder that holds the
/// executable. Installed, that is PREFIX/share/takt for PREFIX/bin/takt; in the build tree the
/// build stages the same folder as BUILD/share/takt for BUILD/app/takt. No path of the machine
/// that built the program is baked in. Needs a QCoreApplication (for the executable's folder).
QStringList dataDirectories();

/// The first of dataDirectories() that holds `relative` (for example "sample/plant.json"), as
/// a clean absolute path; empty when none does.
QString findDataFile(const QString& relative);

/// What `takt` opens with no arguments: $TAKT_SAMPLE_SHIFT when it names a file, else the
/// sample's recorded shift (sample/sample-shift.takt), else the sample plant manifest
/// ($TAKT_SAMPLE_DIR/plant.json, or sample/plant.json) from the data directories. When none
/// exists, the path where the installed shift would be, so that the error names it.
QString defaultDocumentPath();

} // namespace takt::app
