#pragma once

#include "app/document.h"
#include "twin/kpi.h"

#include <QColor>
#include <QMap>
#include <QWidget>

#include <memory>

class QCheckBox;
class QLabel;

namespace takt::app {

class KpiCache;
class ReplayController;

/// KPI tiles for the window [recording start, current time) or, with "Whole shift" ticked,
/// the whole recording: throughput against the takt rate, OEE and its three factors, overall
/// first-pass yield, the momentary and the average bottleneck. Big numbers, coloured green /
/// amber / red against targets. GUI thread.
class KpiPanel : public QWidget {
    Q_OBJECT
public:
    /// Tile keys, in display order.
    static const QStringList& tileKeys();

    KpiPanel(ReplayController* replay, KpiCache* kpis, QWidget* parent = nullptr);
    ~KpiPanel() override;

    void setDocument(std::shared_ptr<const Document> doc);
    void setWholeShift(bool whole);
    bool wholeShift() const;
    /// The report the tiles show (the cache's current or whole-shift report).
    const twin::KpiReport& shownReport() const;
    /// The big number of a tile ("throughput", "oee", "availability", "performance",
    /// "quality", "fpy", "bottleneckNow", "bottleneckAvg"), as shown.
    QString tileValue(const QString& key) const;

signals:
    /// The "Whole shift" box changed (by the user or setWholeShift()).
    void wholeShiftChanged(bool whole);

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    struct Tile {
        QWidget* frame = nullptr;
        QLabel* value = nullptr;
        QLabel* detail = nullptr;
        QColor colour;
    };
    /// Sets a tile's value in bold, 20 pt or less so that it fits the tile's width.
    void fitValue(const Tile& tile) const;
    void refresh();
    void refreshBottleneckNow();
    void setTile(const QString& key, const QString& value, const QString& detail,
                 const QColor& colour);
    QString stationLabel(int station) const;

    ReplayController* m_replay;
    KpiCache* m_kpis;
    std::shared_ptr<const Document> m_doc;
    QCheckBox* m_whole;
    QLabel* m_window;
    QMap<QString, Tile> m_tiles;
};

} // namespace takt::app
