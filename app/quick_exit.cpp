#include "app/quick_exit.h"

#include "app/main_window.h"
#include "render/scene_view.h"
#include "twin/log.h"
#include "twin/session_exit.h"

#include <QElapsedTimer>
#include <QWidget>

#include <cstdio>
#include <cstdlib>
#include <iostream>

namespace takt::app {

void closeWindowAndExit(std::optional<MainWindow>& window, int code)
{
    QElapsedTimer clock;
    clock.start();
    if (window) {
        // A window container deletes its 3D window with it: unparented, it is kept (hidden)
        // until the process ends, and the views around it are destroyed as usual.
        int kept = 0;
        for (auto* view : window->findChildren<render::SceneView*>())
            for (auto* child : view->findChildren<QWidget*>(Qt::FindDirectChildrenOnly))
                if (child->inherits("QWindowContainer")) {
                    child->setParent(nullptr);
                    ++kept;
                }
        window.reset(); // closes the session files; see the header
        // Readers that outlived the window (copies of a recording share its measurement pager)
        // would leave -wal/-shm files beside the session: closed and tidied here.
        twin::closeSessionReadersForExit();
        twin::logger("app")->info("closed in {} ms ({} 3D views left to the end of the process)",
                                  clock.elapsed(), kept);
    }
    std::cout.flush();
    std::cerr.flush();
    std::fflush(nullptr);
    // Neither Qt's global teardown nor the 3D scenes kept above: what Takt owns is closed.
    std::_Exit(code);
}

} // namespace takt::app
