#include "app/app_resources.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

// app is a static library: its resources are linked in only when something names them, and
// Q_INIT_RESOURCE must be called outside any namespace.
static void initTaktResources()
{
    Q_INIT_RESOURCE(takt);
}

namespace takt::app {
namespace {

const QString kSampleShift = QStringLiteral("sample/sample-shift.takt");
const QString kSamplePlant = QStringLiteral("sample/plant.json");

} // namespace

QIcon applicationIcon()
{
    static const bool initialised = (initTaktResources(), true);
    Q_UNUSED(initialised);
    QIcon icon;
    for (int size : {16, 24, 32, 48, 64, 128, 256})
        icon.addFile(QStringLiteral(":/takt/icons/%1.png").arg(size), QSize(size, size));
    return icon;
}

QStringList dataDirectories()
{
    QStringList dirs;
    if (qEnvironmentVariableIsSet("TAKT_DATA_DIR"))
        dirs << QDir::cleanPath(
            QDir::current().absoluteFilePath(qEnvironmentVariable("TAKT_DATA_DIR")));
    dirs << QDir::cleanPath(QCoreApplication::applicationDirPath() +
                            QStringLiteral("/../share/takt"));
    return dirs;
}

QString findDataFile(const QString& relative)
{
    for (const QString& dir : dataDirectories()) {
        const QString path = QDir(dir).filePath(relative);
        if (QFileInfo::exists(path))
            return path;
    }
    return {};
}

QString defaultDocumentPath()
{
    if (qEnvironmentVariableIsSet("TAKT_SAMPLE_SHIFT")) {
        const QString shift = qEnvironmentVariable("TAKT_SAMPLE_SHIFT");
        if (QFileInfo::exists(shift))
            return shift;
    }
    if (const QString shift = findDataFile(kSampleShift); !shift.isEmpty())
        return shift;
    if (qEnvironmentVariableIsSet("TAKT_SAMPLE_DIR"))
        return qEnvironmentVariable("TAKT_SAMPLE_DIR") + QStringLiteral("/plant.json");
    if (const QString plant = findDataFile(kSamplePlant); !plant.isEmpty())
        return plant;
    return QDir(dataDirectories().constLast()).filePath(kSampleShift);
}

} // namespace takt::app
