#pragma once
// Opens a document in a real, shown main window and waits until it is on screen — the first
// step of the GUI tests that drive the whole window — and the main() those tests share.

#include "app/main_window.h"
#include "render/isolated_importer.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

#include <cstdio>
#include <memory>

namespace takt::testing {

/// A 1400 x 900 main window showing `path`, or null (with a warning naming the reason) when the
/// file cannot be opened within two minutes.
inline std::unique_ptr<app::MainWindow> openMainWindow(const QString& path)
{
    auto w = std::make_unique<app::MainWindow>();
    w->resize(1400, 900);
    w->show();
    QSignalSpy shown(w.get(), &app::MainWindow::documentShown);
    QSignalSpy failed(w.get(), &app::MainWindow::openFailed);
    w->openFile(path);
    QElapsedTimer clock;
    clock.start();
    while (shown.isEmpty() && failed.isEmpty() && clock.elapsed() < 120'000)
        QTest::qWait(50);
    if (!failed.isEmpty())
        qWarning("cannot open: %s", qPrintable(failed.front().value(1).toString()));
    if (shown.isEmpty())
        return nullptr;
    return w;
}

/// main() of a test that draws the 3D view: refuses to run without an X display, renders with
/// Qt 3D's OpenGL renderer as takt does, names the application `name` (its QSettings stay apart)
/// and imports layouts through `importHelper` (`takt __import-helper`), then runs `Test`.
template <typename Test>
int runWindowTest(int argc, char** argv, const char* name, const QString& importHelper)
{
    if (!qEnvironmentVariableIsSet("DISPLAY")) {
        std::fprintf(stderr,
                     "%s draws the 3D view: run it under xvfb-run -s \"-screen 0 "
                     "1920x1080x24\" (DISPLAY is unset)\n",
                     name);
        return 1;
    }
    qputenv("QT3D_RENDERER", "opengl"); // as takt does
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("TaktTest"));
    QApplication::setApplicationName(QString::fromLatin1(name));
    render::IsolatedImporter::setHelperProgram(importHelper);
    Test test;
    return QTest::qExec(&test, argc, argv);
}

} // namespace takt::testing
