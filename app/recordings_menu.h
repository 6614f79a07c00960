#pragma once

#include <QObject>
#include <QString>

class QMenu;

namespace takt::twin {
struct RecordingInfo;
}

namespace takt::app {

class MainWindow;

/// Replay › Recording: every recording of the open session — simulated, live, imported and the
/// what-if runs stored as kind scenario — the replayed one checked; choosing one replays it in
/// the window like any shift. Read from the session file each time the menu opens, so runs
/// stored since (by the Scenarios dock or `takt whatif --save`) appear. GUI thread.
class RecordingsMenu : public QObject {
    Q_OBJECT
public:
    RecordingsMenu(MainWindow* window, QMenu* parent);

    QMenu* menu() const { return m_menu; }
    /// What the menu shows for a recording: "3  Scenario GA-BM020.cycle=-10%, seed 1 (run 1 of
    /// 10) · scenario".
    static QString label(const twin::RecordingInfo& recording);

private:
    void fill();
    MainWindow* m_window;
    QMenu* m_menu;
};

} // namespace takt::app
