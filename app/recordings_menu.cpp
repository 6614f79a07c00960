#include "app/recordings_menu.h"

#include "app/main_window.h"
#include "twin/session_store.h"

#include <QAction>
#include <QMenu>

namespace takt::app {

RecordingsMenu::RecordingsMenu(MainWindow* window, QMenu* parent)
    : QObject(parent), m_window(window), m_menu(parent->addMenu(tr("Re&cording")))
{
    m_menu->setObjectName(QStringLiteral("recordingsMenu"));
    connect(m_menu, &QMenu::aboutToShow, this, &RecordingsMenu::fill);
    fill(); // never an empty menu, even before it is first opened
}

QString RecordingsMenu::label(const twin::RecordingInfo& r)
{
    QString name = QString::fromStdString(r.name);
    name.replace(QLatin1Char('&'), QStringLiteral("&&")); // no accelerator from a name
    return QStringLiteral("%1  %2 · %3")
        .arg(r.id)
        .arg(name, QString::fromLatin1(twin::toString(r.kind).data()));
}

void RecordingsMenu::fill()
{
    m_menu->clear();
    const Document* doc = m_window->document();
    if (!doc || !doc->isSession()) {
        m_menu->addAction(tr("No session open"))->setEnabled(false);
        return;
    }
    std::vector<twin::RecordingInfo> recordings;
    try {
        recordings = twin::SessionStore::open(doc->path.toStdString()).recordings();
    } catch (const std::exception& e) {
        m_menu->addAction(QString::fromStdString(e.what()))->setEnabled(false);
        return;
    }
    const QString path = doc->path;
    const std::int64_t current = doc->recordingId;
    for (const auto& r : recordings) {
        auto* a = m_menu->addAction(label(r));
        a->setCheckable(true);
        a->setChecked(r.id == current);
        a->setData(QVariant::fromValue<qint64>(r.id));
        connect(a, &QAction::triggered, this,
                [this, path, id = r.id] { m_window->openRecording(path, id); });
    }
}

} // namespace takt::app
