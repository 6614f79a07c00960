#include "app/screen_fit.h"

#include <QDockWidget>
#include <QLayout>
#include <QMainWindow>
#include <QScreen>

#include <algorithm>

namespace takt::app {
namespace {

QDockWidget* dock(QMainWindow* window, const char* name)
{
    return window->findChild<QDockWidget*>(QLatin1String(name), Qt::FindDirectChildrenOnly);
}

/// Tabs `names` into one group in `area`, the first in front; those missing are skipped.
QDockWidget* tabTogether(QMainWindow* window, Qt::DockWidgetArea area,
                         std::initializer_list<const char*> names)
{
    QDockWidget* first = nullptr;
    for (const char* name : names) {
        auto* d = dock(window, name);
        if (!d)
            continue;
        if (!first) {
            window->addDockWidget(area, d);
            first = d;
        } else {
            window->tabifyDockWidget(first, d);
        }
    }
    if (first)
        first->raise();
    return first;
}

} // namespace

bool isCompactScreen(const QScreen* screen)
{
    const QSize avail = screen ? screen->availableGeometry().size() : kDefaultWindowSize;
    return avail.width() < 1700 || avail.height() < 950;
}

void tabifyDocksForSmallScreen(QMainWindow* window, int screenWidth)
{
    // Under 1,100 pixels (960 × 540, a 1,920 × 1,080 screen at scale 2) two groups would leave
    // the 3D view under 480 pixels: every dock goes into the one on the right.
    const bool oneGroup = screenWidth < kOneDockGroupBelow;
    auto* left = oneGroup
                     ? nullptr
                     : tabTogether(window, Qt::LeftDockWidgetArea, {"plantTreeDock", "issuesDock"});
    auto* right = oneGroup
                      ? tabTogether(window, Qt::RightDockWidgetArea,
                                    {"kpiDock", "inspectorDock", "BookmarksDock", "scenariosDock",
                                     "chartsDock", "plantTreeDock", "issuesDock"})
                      : tabTogether(window, Qt::RightDockWidgetArea,
                                    {"kpiDock", "inspectorDock", "BookmarksDock", "scenariosDock",
                                     "chartsDock"});
    // The dock layout hands each group its size hint (the plant tree asks for ~420 px) whatever
    // resizeDocks() said, and the 3D view gets what is left: cap the groups at a fifth and a
    // third of the screen, so that the view keeps about half of it.
    for (auto [d, share] : {std::pair{left, 0.2}, std::pair{right, 0.32}})
        for (auto* w : window->findChildren<QDockWidget*>(Qt::FindDirectChildrenOnly))
            if (d && window->dockWidgetArea(w) == window->dockWidgetArea(d))
                w->setMaximumWidth(
                    std::max(int(screenWidth * share), w->minimumSizeHint().width()));
}

void fitToScreen(QMainWindow* window, const QScreen* screen, std::optional<QSize> requested)
{
    QSize size = requested.value_or(kDefaultWindowSize);
    if (screen) {
        const QRect avail = screen->availableGeometry();
        // An explicit --size is kept (screenshots at a fixed size); the default fits the screen.
        if (!requested)
            size = size.boundedTo(avail.size());
        // Tabbed first: a window is never made smaller than its minimum, which the docks side
        // by side set higher than a 960 × 540 screen (it opened 611 px high there).
        if (isCompactScreen(screen)) {
            tabifyDocksForSmallScreen(window, avail.width());
            window->layout()->activate(); // the window's minimum size follows now, not later
        }
        window->resize(size);
        QRect frame(window->pos(), size);
        if (!avail.contains(frame))
            window->move(avail.topLeft());
        return;
    }
    window->resize(size);
}

} // namespace takt::app
