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

/// The Scenarios dock (issue 13): what-if changes to the model calibrated from the open
/// recording, and "Where to improve" (the sensitivity ranking). Replications run on every core
/// in a background thread with a progress bar and Cancel; results fill a table (baseline →
/// scenario with 95 % intervals and significance, or the ranking) and a verdict line.
/// GUI thread; the worker touches only its own copies and the session file (read-only).
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

public slots:
    void runWhatIf();
    void runWhereToImprove();
    void cancel();

signals:
    /// A run ended: finished, cancelled or failed (the verdict line says which).
    void finished();

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
    QProgressBar* m_progress;
    QTableWidget* m_table;
    QLabel* m_verdict;
};

} // namespace takt::app
