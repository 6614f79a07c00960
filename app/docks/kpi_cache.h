#pragma once

#include "app/document.h"
#include "twin/kpi.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <memory>

namespace takt::app {

class ReplayController;

/// KPIs of the document's recording over [recording start, current replay time), shared by the
/// docks that show them. Recomputes at most every `kMinIntervalMs` while the replay plays (a
/// trailing update catches the last position); while paused, at once for a single seek or step
/// and at most every `kScrubIntervalMs` while the user drags the scrubber.
/// The whole-shift report is computed once per document. GUI thread.
class KpiCache : public QObject {
    Q_OBJECT
public:
    static constexpr int kMinIntervalMs = 500;
    static constexpr int kScrubIntervalMs = 150;

    KpiCache(ReplayController* replay, QObject* parent = nullptr);

    void setDocument(std::shared_ptr<const Document> doc);
    bool hasReport() const { return m_hasReport; }
    /// KPIs over [start, position) (empty report before a document with a recording is set).
    const twin::KpiReport& current() const { return m_current; }
    /// KPIs over the whole recording.
    const twin::KpiReport& wholeShift() const { return m_whole; }
    /// Live: current() covers only the last `ms` before the position ("last hour"); 0: from the
    /// recording's start ("shift so far"). Recomputes at once.
    void setTrailingWindow(twin::TimeMs ms);
    twin::TimeMs trailingWindow() const { return m_trailingWindow; }
    /// Recomputes the current window now (tests, explicit refresh).
    void refresh();
    /// Times computeKpis ran for the current window (diagnostics and tests).
    int computations() const { return m_computations; }

signals:
    /// current() (and after a new document, wholeShift()) changed.
    void updated();

private:
    void onPosition(qint64 t);

    ReplayController* m_replay;
    std::shared_ptr<const Document> m_doc;
    twin::KpiReport m_current;
    twin::KpiReport m_whole;
    bool m_hasReport = false;
    int m_computations = 0;
    twin::TimeMs m_computedAt = -1;
    twin::TimeMs m_trailingWindow = 0;
    QElapsedTimer m_sinceLast;
    QTimer m_trailing;
};

} // namespace takt::app
