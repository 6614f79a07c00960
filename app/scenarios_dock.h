#pragma once

#include "app/document.h"

#include <QDockWidget>

#include <atomic>
#include <memory>

class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace takt::app {

class CalibrationPage;

/// The Scenarios dock (issue 13): what-if changes to the model calibrated from the open
/// recording, and "Where to improve" (the sensitivity ranking). Replications run on every core
/// in a background thread with a progress bar and Cancel; results fill a table (baseline →
/// scenario with 95 % intervals and significance, or the ranking) and a verdict line. "Save as
/// recording" stores the last what-if's first run in the session as a recording of kind
/// scenario (the only time the dock writes to the session); "Calibration report" shows the
/// calibration of the recording (CalibrationPage).
/// GUI thread; the workers touch only their own copies and the session file.
class ScenariosDock : public QDockWidget {
    Q_OBJECT
public:
    explicit ScenariosDock(QWidget* parent = nullptr);
    ~ScenariosDock() override;

    /// Follows the window's document; enabled for sessions only.
    void setDocument(std::shared_ptr<const Document> doc);
    /// The session and recording to calibrate from (what setDocument uses; tests call it).
    void setSession(const QString& path, std::int64_t recordingId);

    bool running() const { return m_running; }
    QTableWidget* table() const { return m_table; }
    QLabel* verdict() const { return m_verdict; }
    QLineEdit* changes() const { return m_changes; }
    QSpinBox* replications() const { return m_replications; }
    QDoubleSpinBox* hours() const { return m_hours; }
    QPushButton* saveButton() const { return m_save; }

public slots:
    void runWhatIf();
    void runWhereToImprove();
    void cancel();
    /// Stores the first run (seed 1) of the last what-if in the session; recordingSaved() or
    /// saveFailed() follows. Does nothing without a finished what-if.
    void saveAsRecording();
    /// Opens the calibration report of the recording in a window of its own; returns its page.
    CalibrationPage* showCalibrationReport();

signals:
    /// A run ended: finished, cancelled or failed (the verdict line says which).
    void finished();
    /// A scenario run was stored as recording `recordingId` of `path`.
    void recordingSaved(const QString& path, qint64 recordingId);
    void saveFailed(const QString& reason);

private:
    struct Job;
    void start(bool sensitivity);
    void showProgress(int done, int total);
    void showResult(const std::shared_ptr<Job>& job);
    void setRunning(bool running);

    QString m_path;
    std::int64_t m_recordingId = 0;
    bool m_running = false;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    QLineEdit* m_changes;
    QSpinBox* m_replications;
    QDoubleSpinBox* m_hours;
    QPushButton* m_run;
    QPushButton* m_improve;
    QPushButton* m_cancelButton;
    QPushButton* m_save;
    QPushButton* m_calibration;
    std::shared_ptr<Job> m_lastWhatIf; ///< The last finished what-if, for "Save as recording".
    bool m_saving = false;
    QProgressBar* m_progress;
    QTableWidget* m_table;
    QLabel* m_verdict;
};

} // namespace takt::app
