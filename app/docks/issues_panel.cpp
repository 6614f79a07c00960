#include "app/issues_panel.h"

#include "app/damage_notice.h"
#include "app/display_text.h"
#include "app/replay_controller.h"

#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QStyle>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace takt::app {

namespace {

/// Ids and names come from files: shown with their bidi and control characters escaped.
QString q(const std::string& s)
{
    return displayText(s);
}

QString count(int n, const QString& one, const QString& many)
{
    return QStringLiteral("%1 %2").arg(n).arg(n == 1 ? one : many);
}

} // namespace

IssuesPanel::IssuesPanel(ReplayController* replay, QWidget* parent)
    : QWidget(parent), m_replay(replay), m_damageTimer(new QTimer(this)),
      m_summary(new QLabel(this)), m_list(new QTreeWidget(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    // Wrapped: the summary grows with the issues found as the replay moves, and unwrapped it would
    // widen the dock (and the window's minimum) with it, past the width a layout saved.
    m_summary->setWordWrap(true);
    layout->addWidget(m_summary);
    layout->addWidget(m_list, 1);
    m_list->setColumnCount(2);
    m_list->setHeaderLabels({tr("Severity"), tr("Issue")});
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->header()->setStretchLastSection(true);
    connect(m_list, &QTreeWidget::itemActivated, this,
            [this](QTreeWidgetItem* item) { activate(m_list->indexOfTopLevelItem(item)); });
    connect(m_replay, &ReplayController::positionChanged, this, &IssuesPanel::updateOutOfSpec);
    // Charts read samples outside a position change: damage they meet shows within a second.
    connect(m_damageTimer, &QTimer::timeout, this, &IssuesPanel::checkDamage);
    m_damageTimer->start(1000);
    rebuild();
}

IssuesPanel::~IssuesPanel() = default;

void IssuesPanel::setDocument(std::shared_ptr<const Document> doc)
{
    m_doc = std::move(doc);
    m_static.clear();
    m_outOfSpec.clear();
    m_damageShown = false;
    if (m_doc && m_doc->plant) {
        const auto& plant = *m_doc->plant;
        for (const auto& id : m_doc->binding.unboundStations)
            m_static.push_back(
                {Severity::Error,
                 tr("Station %1 matches no node of the layout: it is not drawn").arg(q(id)),
                 plant.stationIndex(id), -1});
        for (const auto& name : m_doc->binding.unboundNodes)
            m_static.push_back({Severity::Info,
                                tr("Layout node “%1” belongs to no station").arg(q(name)), -1, -1});
    }
    if (m_doc && m_doc->replay) {
        if (const auto dropped = m_doc->replay->data().droppedEvents(); dropped > 0)
            m_static.push_back({Severity::Warning,
                                tr("%1 recorded events name unknown stations, checkpoints or "
                                   "control points and were dropped")
                                    .arg(QLocale(QLocale::English).toString(qulonglong(dropped))),
                                -1, -1});
    }
    updateOutOfSpec();
    rebuild();
}

void IssuesPanel::checkDamage()
{
    if (m_damageShown)
        return;
    const auto damage = DamageNotice::damageOf(m_doc);
    if (!damage)
        return;
    m_damageShown = true;
    m_static.push_back({Severity::Error, DamageNotice::describe(*m_doc, *damage), -1, -1});
    rebuild();
}

void IssuesPanel::updateOutOfSpec()
{
    checkDamage();
    std::vector<int> now;
    if (m_doc && m_doc->plant && m_replay->hasRecording()) {
        const auto& cps = m_replay->lineState().controlPoints;
        for (std::size_t c = 0; c < cps.size(); ++c)
            if (cps[c].value && cps[c].outOfSpec)
                now.push_back(int(c));
    }
    // Rebuilding the list on every frame would reset the user's selection and scroll position:
    // while the same control points stay out of spec, only their values are updated.
    if (now == m_outOfSpec) {
        for (std::size_t i = 0; i < m_issues.size(); ++i)
            if (m_issues[i].controlPoint >= 0) {
                m_issues[i].text = outOfSpecText(m_issues[i].controlPoint);
                m_list->topLevelItem(int(i))->setText(1, m_issues[i].text);
                m_list->topLevelItem(int(i))->setToolTip(1, m_issues[i].text);
            }
        return;
    }
    m_outOfSpec = std::move(now);
    rebuild();
}

void IssuesPanel::rebuild()
{
    m_issues = m_static;
    if (m_doc && m_doc->plant) {
        const auto& plant = *m_doc->plant;
        for (int c : m_outOfSpec)
            m_issues.push_back({Severity::Error, outOfSpecText(c),
                                plant.stationIndex(plant.controlPoints[std::size_t(c)].station),
                                c});
    }
    // What the user must act on first comes first.
    std::stable_sort(m_issues.begin(), m_issues.end(), [](const Issue& a, const Issue& b) {
        return int(a.severity) < int(b.severity);
    });
    m_list->clear();
    int errors = 0, warnings = 0;
    for (const auto& issue : m_issues) {
        auto* item = new QTreeWidgetItem(m_list);
        QStyle::StandardPixmap icon = QStyle::SP_MessageBoxInformation;
        QString severity = tr("Info");
        if (issue.severity == Severity::Error) {
            icon = QStyle::SP_MessageBoxCritical;
            severity = tr("Error");
            ++errors;
        } else if (issue.severity == Severity::Warning) {
            icon = QStyle::SP_MessageBoxWarning;
            severity = tr("Warning");
            ++warnings;
        }
        item->setIcon(0, style()->standardIcon(icon));
        item->setText(0, severity);
        item->setText(1, issue.text);
        item->setToolTip(1, issue.text);
    }
    m_list->resizeColumnToContents(0);
    m_summary->setText(m_issues.empty() ? tr("No issues")
                                        : tr("%1 · %2 · %3 — double-click a row to go to its cause")
                                              .arg(count(errors, tr("error"), tr("errors")),
                                                   count(warnings, tr("warning"), tr("warnings")),
                                                   count(int(m_issues.size()) - errors - warnings,
                                                         tr("note"), tr("notes"))));
    emit countChanged(int(m_issues.size()));
}

QString IssuesPanel::outOfSpecText(int c) const
{
    const auto& cp = m_doc->plant->controlPoints[std::size_t(c)];
    const auto& v = m_replay->lineState().controlPoints[std::size_t(c)];
    return tr("%1 at %2 out of spec: %3 %4 (limits %5 … %6)")
        .arg(q(cp.name), q(cp.station))
        .arg(v.value ? *v.value : 0.0, 0, 'g', 5)
        .arg(q(cp.unit))
        .arg(cp.lsl, 0, 'g', 5)
        .arg(cp.usl, 0, 'g', 5);
}

void IssuesPanel::activate(int row)
{
    if (row < 0 || std::size_t(row) >= m_issues.size())
        return;
    const Issue issue = m_issues[std::size_t(row)]; // a copy: the signals may rebuild the list
    if (issue.station >= 0)
        emit stationRequested(issue.station);
    if (issue.controlPoint >= 0)
        emit controlPointRequested(issue.controlPoint);
}

} // namespace takt::app
