#pragma once
// Opens a document in a real, shown main window and waits until it is on screen — the first
// step of the GUI tests that drive the whole window.

#include "app/main_window.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

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

} // namespace takt::testing
