#include "app/plant_tree.h"

#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QTreeView>
#include <QVBoxLayout>

#include <functional>
#include <map>

namespace takt::app {

namespace {

QStandardItem* makeItem(const QString& text, const QString& detail, PlantTree::Kind kind, int index)
{
    auto* item = new QStandardItem(text);
    item->setEditable(false);
    item->setData(int(kind), PlantTree::KindRole);
    item->setData(index, PlantTree::IndexRole);
    item->setToolTip(detail);
    return item;
}

QList<QStandardItem*> row(QStandardItem* first, const QString& second)
{
    auto* detail = new QStandardItem(second);
    detail->setEditable(false);
    return {first, detail};
}

QString q(const std::string& s)
{
    return QString::fromStdString(s);
}

} // namespace

PlantTree::PlantTree(QWidget* parent)
    : QWidget(parent), m_filter(new QLineEdit(this)), m_view(new QTreeView(this)),
      m_model(new QStandardItemModel(this)), m_proxy(new QSortFilterProxyModel(this))
{
    m_filter->setPlaceholderText(tr("Filter stations, checkpoints, control points…"));
    m_filter->setClearButtonEnabled(true);
    m_proxy->setSourceModel(m_model);
    m_proxy->setRecursiveFilteringEnabled(true);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterKeyColumn(-1);
    m_view->setModel(m_proxy);
    m_view->setUniformRowHeights(true);
    m_view->header()->setStretchLastSection(true);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_filter);
    layout->addWidget(m_view, 1);
    connect(m_filter, &QLineEdit::textChanged, this, &PlantTree::setFilter);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex& current) { onCurrentChanged(current); });
}

PlantTree::~PlantTree() = default;

void PlantTree::setDocument(std::shared_ptr<const Document> doc)
{
    m_doc = std::move(doc);
    const QSignalBlocker blocker(m_view->selectionModel());
    m_model->clear();
    m_model->setHorizontalHeaderLabels({tr("Name"), tr("Id / kind")});
    if (!m_doc || !m_doc->plant)
        return;
    const auto& plant = *m_doc->plant;
    std::map<std::string, QStandardItem*> segments;
    for (std::size_t i = 0; i < plant.segments.size(); ++i) {
        const auto& s = plant.segments[i];
        auto* item = makeItem(q(s.name), q(s.id), SegmentItem, int(i));
        m_model->appendRow(row(item, q(s.id)));
        segments[s.id] = item;
    }
    std::vector<QStandardItem*> stations(plant.stations.size());
    for (std::size_t i = 0; i < plant.stations.size(); ++i) {
        const auto& s = plant.stations[i];
        auto* item = makeItem(q(s.name), q(s.id), StationItem, int(i));
        auto it = segments.find(s.segment);
        auto cells = row(
            item, QStringLiteral("%1 · %2").arg(q(s.id), q(std::string(twin::toString(s.kind)))));
        if (it != segments.end())
            it->second->appendRow(cells);
        else
            m_model->appendRow(cells);
        stations[i] = item;
    }
    for (std::size_t c = 0; c < plant.checkpoints.size(); ++c) {
        const auto& cp = plant.checkpoints[c];
        const int st = plant.stationIndex(cp.station);
        if (st < 0)
            continue;
        auto* item = makeItem(tr("✓ %1").arg(q(cp.name)), q(cp.id), CheckpointItem, int(c));
        stations[std::size_t(st)]->appendRow(row(item, q(cp.id)));
    }
    for (std::size_t c = 0; c < plant.controlPoints.size(); ++c) {
        const auto& cp = plant.controlPoints[c];
        const int st = plant.stationIndex(cp.station);
        if (st < 0)
            continue;
        auto* item = makeItem(q(cp.name), q(cp.id), ControlPointItem, int(c));
        stations[std::size_t(st)]->appendRow(
            row(item, QStringLiteral("%1 [%2]").arg(q(cp.id), q(cp.unit))));
    }
    m_view->expandToDepth(0);
    m_view->resizeColumnToContents(0);
}

QModelIndex PlantTree::findStation(int station) const
{
    const auto hits = m_model->match(m_model->index(0, 0), IndexRole, station, -1,
                                     Qt::MatchExactly | Qt::MatchRecursive);
    for (const auto& hit : hits)
        if (hit.data(KindRole).toInt() == StationItem)
            return hit;
    return {};
}

void PlantTree::selectStation(int station)
{
    if (station == selectedStation())
        return;
    m_quiet = true;
    const QModelIndex index = m_proxy->mapFromSource(findStation(station));
    if (index.isValid()) {
        m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                             QItemSelectionModel::Rows);
        m_view->scrollTo(index);
    } else {
        m_view->selectionModel()->clear();
    }
    m_quiet = false;
}

int PlantTree::selectedStation() const
{
    QModelIndex index = m_proxy->mapToSource(m_view->currentIndex());
    index = index.siblingAtColumn(0);
    while (index.isValid() && index.data(KindRole).toInt() != StationItem)
        index = index.parent();
    return index.isValid() && m_view->selectionModel()->hasSelection()
               ? index.data(IndexRole).toInt()
               : -1;
}

void PlantTree::onCurrentChanged(const QModelIndex& current)
{
    if (m_quiet)
        return;
    const QModelIndex source = m_proxy->mapToSource(current).siblingAtColumn(0);
    if (source.data(KindRole).toInt() == ControlPointItem)
        emit controlPointSelected(source.data(IndexRole).toInt());
    if (const int st = selectedStation(); st >= 0)
        emit stationSelected(st);
}

void PlantTree::setFilter(const QString& text)
{
    if (m_filter->text() != text)
        m_filter->setText(text); // comes back here through textChanged
    m_proxy->setFilterFixedString(text);
    if (!text.isEmpty())
        m_view->expandAll();
}

int PlantTree::visibleRows() const
{
    int n = 0;
    std::function<void(const QModelIndex&)> count = [&](const QModelIndex& parent) {
        for (int r = 0; r < m_proxy->rowCount(parent); ++r) {
            ++n;
            count(m_proxy->index(r, 0, parent));
        }
    };
    count({});
    return n;
}

} // namespace takt::app
