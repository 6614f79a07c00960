#pragma once

#include "app/document.h"

#include <QWidget>

#include <memory>

class QLineEdit;
class QModelIndex;
class QSortFilterProxyModel;
class QStandardItem;
class QStandardItemModel;
class QTreeView;

namespace takt::app {

/// The plant as a tree: segments → stations → their quality checkpoints and control points,
/// with a filter box (matches any level; parents of matches stay visible). Selecting a station
/// or one of its children emits stationSelected(); a control point also emits
/// controlPointSelected(). GUI thread.
class PlantTree : public QWidget {
    Q_OBJECT
public:
    /// Roles of the items: what a row stands for and its index in the plant.
    enum Role { KindRole = Qt::UserRole + 1, IndexRole };
    enum Kind { SegmentItem, StationItem, CheckpointItem, ControlPointItem };

    explicit PlantTree(QWidget* parent = nullptr);
    ~PlantTree() override;

    void setDocument(std::shared_ptr<const Document> doc);
    /// Selects and reveals a station (-1: clears the selection). Emits nothing.
    void selectStation(int station);
    /// The selected station, or -1.
    int selectedStation() const;
    void setFilter(const QString& text);
    /// Rows visible under the filter, at every level (tests).
    int visibleRows() const;

signals:
    void stationSelected(int station);
    void controlPointSelected(int controlPoint);

private:
    void onCurrentChanged(const QModelIndex& current);
    QModelIndex findStation(int station) const;

    QLineEdit* m_filter;
    QTreeView* m_view;
    QStandardItemModel* m_model;
    QSortFilterProxyModel* m_proxy;
    std::shared_ptr<const Document> m_doc;
    bool m_quiet = false;
};

} // namespace takt::app
