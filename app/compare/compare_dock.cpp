#include "app/compare_dock.h"

#include "render/heatmap.h"
#include "twin/compare_format.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLinearGradient>
#include <QPainter>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace takt::app {

/// The diverging heatmap's key: the floor's own colours from −scale (blue, A higher) through
/// clear to +scale (red, B higher), over a checkerboard so the opacity shows.
class HeatKey : public QWidget {
public:
    explicit HeatKey(QWidget* parent) : QWidget(parent) { setMinimumHeight(34); }
    void setScale(double scale)
    {
        m_scale = scale;
        update();
    }

protected:
    void paintEvent(QPaintEvent*) override
    {
        QPainter p(this);
        const QRect bar(4, 2, width() - 8, 14);
        p.fillRect(bar, Qt::white);
        QLinearGradient g(bar.topLeft(), bar.topRight());
        for (int i = 0; i <= 20; ++i) {
            const double t = -1.0 + i / 10.0;
            g.setColorAt(i / 20.0,
                         render::heatmapColour(t, render::HeatmapPalette::Diverging, 0.85));
        }
        p.fillRect(bar, g);
        p.setPen(palette().color(QPalette::Mid));
        p.drawRect(bar.adjusted(0, 0, -1, -1));
        p.setPen(palette().color(QPalette::WindowText));
        const QString pp = QString::number(m_scale * 100.0, 'f', 1);
        const QRect text(bar.left(), bar.bottom() + 2, bar.width(), height() - bar.bottom() - 2);
        p.drawText(text, Qt::AlignLeft | Qt::AlignTop, tr("−%1 pp: A higher").arg(pp));
        p.drawText(text, Qt::AlignHCenter | Qt::AlignTop, tr("0"));
        p.drawText(text, Qt::AlignRight | Qt::AlignTop, tr("B higher: +%1 pp").arg(pp));
    }

private:
    double m_scale = 0.0;
};

namespace {

QTableWidget* makeTable(const QStringList& headers, QWidget* parent)
{
    auto* t = new QTableWidget(0, int(headers.size()), parent);
    t->setHorizontalHeaderLabels(headers);
    t->verticalHeader()->hide();
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    t->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    t->horizontalHeader()->setStretchLastSection(true);
    return t;
}

QTableWidgetItem* cell(const QString& text, bool number = true)
{
    auto* item = new QTableWidgetItem(text);
    if (number)
        item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

/// A difference cell tinted with the heatmap's colour for it (scale: full colour).
QTableWidgetItem* deltaCell(double delta, double scale, const QString& text)
{
    auto* item = cell(text);
    if (std::isfinite(delta) && scale > 0) {
        QColor c = render::heatmapColour(std::clamp(delta / scale, -1.0, 1.0),
                                         render::HeatmapPalette::Diverging, 0.6);
        item->setBackground(c);
    }
    return item;
}

QString rank(int r)
{
    return r > 0 ? QStringLiteral("#%1").arg(r) : QStringLiteral("–");
}

} // namespace

QString comparedValue(double v, twin::KpiUnit unit, bool delta)
{
    if (!std::isfinite(v))
        return QStringLiteral("–");
    const QString sign = delta && v >= 0 ? QStringLiteral("+") : QString();
    switch (unit) {
    case twin::KpiUnit::Count:
        return sign + QString::number(v, 'f', 0);
    case twin::KpiUnit::PerHour:
    case twin::KpiUnit::Seconds:
        return sign + QString::number(v, 'f', 2);
    case twin::KpiUnit::Share: {
        const double pct = std::fabs(v * 100.0) < 0.05 ? 0.0 : v * 100.0;
        return delta ? (pct >= 0 ? QStringLiteral("+") : QString()) + QString::number(pct, 'f', 1) +
                           QStringLiteral(" pp")
                     : QString::number(pct, 'f', 1) + QStringLiteral(" %");
    }
    }
    return {};
}

CompareDock::CompareDock(QWidget* parent)
    : QDockWidget(tr("Compare"), parent), m_title(new QLabel(this)), m_state(new QComboBox(this)),
      m_key(new HeatKey(this)),
      m_line(makeTable({tr("Line KPI"), tr("A"), tr("B"), tr("B − A")}, this)),
      m_ranking(makeTable({tr("#"), tr("Bottleneck A"), tr("Bottleneck B")}, this)),
      m_stations(makeTable({tr("Station"), tr("Δ working"), tr("Δ starved"), tr("Δ blocked"),
                            tr("Δ down"), tr("Δ setup"), tr("rank A"), tr("rank B")},
                           this))
{
    setObjectName(QStringLiteral("compareDock")); // for saveState()
    auto* body = new QWidget(this);
    auto* layout = new QVBoxLayout(body);
    m_title->setWordWrap(true);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_title);
    auto* heatRow = new QHBoxLayout;
    heatRow->addWidget(new QLabel(tr("Floor: difference in"), this));
    for (const twin::StationState s :
         {twin::StationState::Working, twin::StationState::Starved, twin::StationState::Blocked,
          twin::StationState::Down, twin::StationState::Setup})
        m_state->addItem(QString::fromUtf8(std::string(twin::toString(s)).c_str()), int(s));
    m_state->setToolTip(tr("The floor heatmap shows, per station, B's share of this state "
                           "minus A's: red where B spent more of the shift in it, blue less"));
    heatRow->addWidget(m_state, 1);
    layout->addLayout(heatRow);
    layout->addWidget(m_key);
    layout->addWidget(m_line, 3);
    layout->addWidget(m_ranking, 2);
    layout->addWidget(m_stations, 4);
    setWidget(body);
    connect(m_state, &QComboBox::currentIndexChanged, this,
            [this] { emit heatStateChanged(heatState()); });
}

twin::StationState CompareDock::heatState() const
{
    return static_cast<twin::StationState>(m_state->currentData().toInt());
}

void CompareDock::setHeatState(twin::StationState state)
{
    m_state->setCurrentIndex(m_state->findData(int(state)));
}

void CompareDock::setHeatScale(double heatScale)
{
    m_key->setScale(heatScale);
}

void CompareDock::setComparison(const twin::Comparison& c, const QString& nameA,
                                const QString& nameB)
{
    const auto offset = [](twin::TimeMs ms) {
        return QString::fromStdString(twin::formatOffsetHmsFraction(ms));
    };
    m_title->setText(
        tr("<b>A</b> %1 — %2<br><b>B</b> %3 — %4<br>Shift offsets %5 to %6 (%7 h)")
            .arg(nameA.toHtmlEscaped(), QString::fromStdString(c.a.recording.name).toHtmlEscaped(),
                 nameB.toHtmlEscaped(), QString::fromStdString(c.b.recording.name).toHtmlEscaped(),
                 offset(c.fromOffsetMs), offset(c.toOffsetMs))
            .arg(double(c.toOffsetMs - c.fromOffsetMs) / 3600000.0, 0, 'f', 2));

    const auto rows = twin::lineRows(c);
    m_line->setRowCount(int(rows.size()));
    for (int r = 0; r < int(rows.size()); ++r) {
        const auto& row = rows[std::size_t(r)];
        auto* label = cell(QString::fromStdString(row.label).trimmed(), false);
        label->setData(Qt::UserRole, QString::fromStdString(row.key));
        m_line->setItem(r, 0, label);
        m_line->setItem(r, 1, cell(comparedValue(row.value.a, row.unit, false)));
        m_line->setItem(r, 2, cell(comparedValue(row.value.b, row.unit, false)));
        m_line->setItem(r, 3, cell(comparedValue(row.value.delta(), row.unit, true)));
    }

    const auto ra = c.ranking(false), rb = c.ranking(true);
    const int n = int(std::min<std::size_t>(10, std::max(ra.size(), rb.size())));
    m_ranking->setRowCount(n);
    for (int i = 0; i < n; ++i) {
        const auto name = [](const twin::StationComparison* s, bool b) {
            return s ? QStringLiteral("%1 (%2 s)")
                           .arg(QString::fromStdString(s->id))
                           .arg(b ? s->meanActiveS.b : s->meanActiveS.a, 0, 'f', 1)
                     : QString();
        };
        m_ranking->setItem(i, 0, cell(QString::number(i + 1)));
        m_ranking->setItem(
            i, 1,
            cell(name(std::size_t(i) < ra.size() ? ra[std::size_t(i)] : nullptr, false), false));
        m_ranking->setItem(
            i, 2,
            cell(name(std::size_t(i) < rb.size() ? rb[std::size_t(i)] : nullptr, true), false));
    }

    double scale = 0.0;
    for (const auto& s : c.stations)
        for (const auto& p : s.share)
            scale = std::max(scale, std::fabs(p.delta()));
    m_stations->setRowCount(0);
    for (const auto& s : c.stations) {
        if (!s.hasStates)
            continue;
        const int r = m_stations->rowCount();
        m_stations->insertRow(r);
        m_stations->setItem(r, 0, cell(QString::fromStdString(s.id), false));
        int col = 1;
        for (const twin::StationState st :
             {twin::StationState::Working, twin::StationState::Starved, twin::StationState::Blocked,
              twin::StationState::Down, twin::StationState::Setup}) {
            const double d = s.share[std::size_t(st)].delta();
            m_stations->setItem(r, col++,
                                deltaCell(d, scale, comparedValue(d, twin::KpiUnit::Share, true)));
        }
        m_stations->setItem(r, 6, cell(rank(s.rankA)));
        m_stations->setItem(r, 7, cell(rank(s.rankB)));
    }
}

QString CompareDock::lineCell(const QString& key, int column) const
{
    for (int r = 0; r < m_line->rowCount(); ++r)
        if (m_line->item(r, 0)->data(Qt::UserRole).toString() == key)
            return m_line->item(r, column) ? m_line->item(r, column)->text() : QString();
    return {};
}

} // namespace takt::app
