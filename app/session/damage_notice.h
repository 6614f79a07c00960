#pragma once

#include <QLabel>
#include <QTimer>

#include <memory>
#include <optional>
#include <string>

namespace takt::app {

struct Document;
class ReplayController;

/// The status bar's word that the open session file is damaged. A recording's measurements are
/// read from the file as they are needed; a read that meets a damaged page makes every later read
/// answer "no samples" (twin::RecordingData::fileDamage()). Until now that was one line on
/// stderr: this label shows it in the window, in red, naming the file and what it affects, with
/// the full line as its tooltip; hidden while the file reads well. It looks after each new frame
/// and once a second (charts read samples outside frames). GUI thread.
class DamageNotice : public QLabel {
    Q_OBJECT
public:
    explicit DamageNotice(ReplayController* replay, QWidget* parent = nullptr);

    /// What a damaged file affects, in words, for the status bar and the Issues list: "The
    /// session file NAME is damaged: ...", ending with `damage` (fileDamage()'s line).
    static QString describe(const Document& doc, const std::string& damage);
    /// fileDamage() of the document's recording, or nullopt (none, or no recording).
    static std::optional<std::string> damageOf(const std::shared_ptr<const Document>& doc);

private:
    void check();

    ReplayController* m_replay;
    QTimer m_timer;
};

} // namespace takt::app
