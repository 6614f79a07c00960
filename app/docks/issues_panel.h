#pragma once

#include "app/document.h"

#include <QWidget>

#include <memory>
#include <vector>

class QLabel;
class QTimer;
class QTreeWidget;
class QTreeWidgetItem;

namespace takt::app {

class ReplayController;

/// Problems the user must act on, each with a severity and one line of text: stations the
/// layout does not show, named layout nodes no station claims, events the recording dropped,
/// and control points out of specification at the current replay time. Double-clicking a row
/// jumps to its cause (stationRequested / controlPointRequested). GUI thread.
class IssuesPanel : public QWidget {
    Q_OBJECT
public:
    enum class Severity { Error, Warning, Info };
    /// One row, as shown.
    struct Issue {
        Severity severity = Severity::Info;
        QString text;
        int station = -1;      ///< Station the row jumps to, or -1.
        int controlPoint = -1; ///< Control point the row jumps to, or -1.
    };

    IssuesPanel(ReplayController* replay, QWidget* parent = nullptr);
    ~IssuesPanel() override;

    void setDocument(std::shared_ptr<const Document> doc);
    const std::vector<Issue>& issues() const { return m_issues; }
    /// Acts as a double click on row `row`.
    void activate(int row);
    QTreeWidget* list() const { return m_list; }

signals:
    void stationRequested(int station);
    void controlPointRequested(int controlPoint);
    /// The number of rows changed (for the dock title).
    void countChanged(int count);

private:
    void updateOutOfSpec();
    /// Adds the row that says the session file is damaged, once, when a read has met damage.
    void checkDamage();
    void rebuild();
    QString outOfSpecText(int controlPoint) const;

    ReplayController* m_replay;
    std::shared_ptr<const Document> m_doc;
    std::vector<Issue> m_static; ///< From the document: binding, dropped events, damage.
    bool m_damageShown = false;
    QTimer* m_damageTimer;
    std::vector<int> m_outOfSpec; ///< Control points out of spec now.
    std::vector<Issue> m_issues;  ///< m_static then one row per out-of-spec control point.
    QLabel* m_summary;
    QTreeWidget* m_list;
};

} // namespace takt::app
