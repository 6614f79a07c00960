#include "app/damage_notice.h"

#include "app/document.h"
#include "app/replay_controller.h"

#include <QFileInfo>

namespace takt::app {

DamageNotice::DamageNotice(ReplayController* replay, QWidget* parent)
    : QLabel(parent), m_replay(replay)
{
    setObjectName(QStringLiteral("damageNotice"));
    setStyleSheet(QStringLiteral("QLabel { color: #c62828; font-weight: bold; }"));
    hide();
    connect(m_replay, &ReplayController::frameChanged, this, &DamageNotice::check);
    connect(&m_timer, &QTimer::timeout, this, &DamageNotice::check);
    m_timer.start(1000);
}

std::optional<std::string> DamageNotice::damageOf(const std::shared_ptr<const Document>& doc)
{
    if (!doc || !doc->replay)
        return std::nullopt;
    return doc->replay->data().fileDamage();
}

QString DamageNotice::describe(const Document& doc, const std::string& damage)
{
    return tr("The session file %1 is damaged: its control-point measurements can no longer be "
              "read, so values, charts and SPC show none from here on (states, parts and "
              "quality results are not affected). %2")
        .arg(QFileInfo(doc.path).fileName(), QString::fromStdString(damage));
}

void DamageNotice::check()
{
    const auto doc = m_replay->document();
    const auto damage = damageOf(doc);
    if (!damage) {
        hide();
        return;
    }
    const QString text = tr("⚠ %1 is damaged: measurements cannot be read (see Issues)")
                             .arg(QFileInfo(doc->path).fileName());
    if (text != this->text()) {
        setText(text);
        setToolTip(describe(*doc, *damage));
    }
    show();
}

} // namespace takt::app
