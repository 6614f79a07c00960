#pragma once

#include <QStringList>
#include <QWidget>

#include <cstdint>
#include <memory>

class QLabel;
class QTabWidget;
class QTableWidget;

namespace takt::twin {
struct CalibrationReport;
struct CheckpointCalibration;
struct Plant;
struct RecordingInfo;
struct StationCalibration;
} // namespace takt::twin

namespace takt::app {

/// The calibration report as a page (issue 13 item 1; the text and JSON of `takt calibrate`
/// in a window): each station's processing-time fit, mean and standard deviation, MTBF, MTTR
/// and setups, each checkpoint's defect rate and rework share, every estimate with its sample
/// size and 95 % interval beside the session's own value, and the stations and checkpoints
/// with too little data flagged with the reason. load() calibrates on a worker thread (the
/// session is only read); setReport() shows a report already computed. GUI thread.
class CalibrationPage : public QWidget {
    Q_OBJECT
public:
    explicit CalibrationPage(QWidget* parent = nullptr);
    ~CalibrationPage() override;

    /// Calibrates recording `recordingId` of the session `path` in the background; loaded() or
    /// failed() follows.
    void load(const QString& path, std::int64_t recordingId);
    void setReport(const twin::CalibrationReport& report, const twin::Plant& session,
                   const twin::RecordingInfo& recording);

    /// Why a station's estimates are short of data: a processing time without enough parts to
    /// fit, fewer failures, repairs or setups than an estimate needs, a conveyor whose transport
    /// time no free part showed. Empty when it has data enough (no failure at all is not a
    /// flag: the MTBF is then unknown, and said so in its cell).
    static QStringList tooLittleData(const twin::StationCalibration& station);
    /// The same for a checkpoint: too few inspections for a defect rate.
    static QStringList tooLittleData(const twin::CheckpointCalibration& checkpoint);

    QLabel* summary() const { return m_summary; }
    QTableWidget* stations() const { return m_stations; }
    QTableWidget* checkpoints() const { return m_checkpoints; }
    QTabWidget* tabs() const { return m_tabs; }

signals:
    void loaded();
    void failed(const QString& reason);

private:
    struct Result;
    void showResult(const std::shared_ptr<Result>& result);
    QLabel* m_summary;
    QTabWidget* m_tabs;
    QTableWidget* m_stations;
    QTableWidget* m_checkpoints;
    std::shared_ptr<Result> m_pending; ///< The newest load(); older ones are dropped.
};

} // namespace takt::app
