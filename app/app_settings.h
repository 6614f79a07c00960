#pragma once

#include <QObject>
#include <QStringList>

class QMenu;

namespace takt::app {

class MainWindow;

/// What the application keeps between runs (QSettings, organisation and application name from
/// the QApplication): the window's geometry and dock layout, the replay speed, the last
/// directory of the Open dialog and the recent files behind File › Open Recent. Restores the
/// window when created (call after the docks exist) and saves when the window closes or the
/// application quits. GUI thread.
class AppSettings : public QObject {
    Q_OBJECT
public:
    static constexpr int kMaxRecent = 8;

    explicit AppSettings(MainWindow* window);

    /// Off: windows made afterwards neither restore nor save anything (screenshot and benchmark
    /// runs, which must look the same whatever the user did last).
    static void setPersistent(bool on);

    /// Fills `menu` with the recent files (and keeps it filled); choosing one opens it.
    void attachRecentMenu(QMenu* menu);
    QString lastDirectory() const;
    QStringList recentFiles() const;
    /// Puts a file first in the recent files and remembers its directory.
    void noteOpened(const QString& path);
    void save();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void fillRecentMenu();

    static bool s_persistent;
    MainWindow* m_window;
    QMenu* m_recentMenu = nullptr;
};

} // namespace takt::app
