#include "app/app_settings.h"

#include "app/main_window.h"
#include "app/replay_controller.h"

#include <QCoreApplication>
#include <QDir>
#include <QEvent>
#include <QFileInfo>
#include <QMenu>
#include <QSettings>

namespace takt::app {
namespace {
const QString kGeometry = QStringLiteral("window/geometry");
const QString kState = QStringLiteral("window/state");
const QString kSpeed = QStringLiteral("replay/speed");
const QString kLastDir = QStringLiteral("files/lastDirectory");
const QString kRecent = QStringLiteral("files/recent");
} // namespace

bool AppSettings::s_persistent = true;

void AppSettings::setPersistent(bool on)
{
    s_persistent = on;
}

AppSettings::AppSettings(MainWindow* window) : QObject(window), m_window(window)
{
    if (!s_persistent)
        return;
    QSettings s;
    m_window->restoreGeometry(s.value(kGeometry).toByteArray());
    m_window->restoreState(s.value(kState).toByteArray());
    m_window->installEventFilter(this);
    connect(qApp, &QCoreApplication::aboutToQuit, this, &AppSettings::save);
    connect(m_window, &MainWindow::documentShown, this, [this] {
        const auto* doc = m_window->document();
        if (!doc)
            return;
        noteOpened(doc->path);
        // The controller starts every recording at its own speed; the user's last one wins.
        const double speed = QSettings().value(kSpeed, 0.0).toDouble();
        if (speed > 0 && m_window->replay()->hasRecording())
            m_window->replay()->setSpeed(speed);
    });
}

void AppSettings::save()
{
    if (!s_persistent)
        return;
    QSettings s;
    s.setValue(kGeometry, m_window->saveGeometry());
    s.setValue(kState, m_window->saveState());
    if (m_window->replay()->hasRecording())
        s.setValue(kSpeed, m_window->replay()->speed());
}

bool AppSettings::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_window && event->type() == QEvent::Close)
        save();
    return QObject::eventFilter(watched, event);
}

QString AppSettings::lastDirectory() const
{
    return QSettings().value(kLastDir).toString();
}

QStringList AppSettings::recentFiles() const
{
    return QSettings().value(kRecent).toStringList();
}

void AppSettings::noteOpened(const QString& path)
{
    if (!s_persistent)
        return;
    const QString file = QFileInfo(path).absoluteFilePath();
    QStringList recent = recentFiles();
    recent.removeAll(file);
    recent.prepend(file);
    while (recent.size() > kMaxRecent)
        recent.removeLast();
    QSettings s;
    s.setValue(kRecent, recent);
    s.setValue(kLastDir, QFileInfo(file).absolutePath());
    fillRecentMenu();
}

void AppSettings::attachRecentMenu(QMenu* menu)
{
    m_recentMenu = menu;
    fillRecentMenu();
}

void AppSettings::fillRecentMenu()
{
    if (!m_recentMenu)
        return;
    m_recentMenu->clear();
    const QStringList recent = recentFiles();
    for (int i = 0; i < recent.size(); ++i) {
        const QString path = recent[i];
        auto* a = m_recentMenu->addAction(
            QStringLiteral("&%1 %2").arg(i + 1).arg(QFileInfo(path).fileName()), m_window,
            [this, path] { m_window->openFile(path); });
        a->setToolTip(QDir::toNativeSeparators(path));
        a->setEnabled(QFileInfo::exists(path));
    }
    if (recent.isEmpty())
        m_recentMenu->addAction(tr("(none)"))->setEnabled(false);
    m_recentMenu->addSeparator();
    m_recentMenu->addAction(tr("&Clear Recent Files"), this, [this] {
        QSettings().remove(kRecent);
        fillRecentMenu();
    });
}

} // namespace takt::app
