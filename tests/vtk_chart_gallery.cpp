// Not a test: shows the sample charts in VtkViews in a real window and writes, into the folder
// given as the only argument, each chart rendered offscreen and a grab of the window from the
// screen. For looking at the charts by eye: xvfb-run -a vtk_chart_gallery /tmp/vtk
#include "chart_samples.h"

#include "render/vtk_view.h"

#include <QApplication>
#include <QDir>
#include <QGridLayout>
#include <QScreen>
#include <QTimer>
#include <QWidget>

#include <cstdio>
#include <exception>

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    const QString out = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral(".");
    QDir().mkpath(out);
    try {
        const std::vector<std::pair<QString, std::shared_ptr<const takt::render::Chart>>> charts{
            {"state_timeline", takt::samples::stateTimeline()},
            {"throughput", takt::samples::throughput()},
            {"spc", takt::samples::spc()},
            {"pareto", takt::samples::pareto()}};
        for (const auto& [name, chart] : charts)
            chart->renderImage({960, 540}).save(out + "/offscreen_" + name + ".png");

        QWidget window;
        window.setWindowTitle("Takt VTK charts");
        auto* grid = new QGridLayout(&window);
        int i = 0;
        for (const auto& [name, chart] : charts) {
            auto* view = new takt::render::VtkView(&window);
            view->setChart(chart);
            grid->addWidget(view, i / 2, i % 2);
            ++i;
        }
        window.resize(1500, 900);
        window.move(20, 20);
        window.show();
        QTimer::singleShot(800, [&] {
            QScreen* screen = window.screen();
            screen->grabWindow(window.winId()).save(out + "/window_grab.png");
            screen->grabWindow(0).save(out + "/screen_grab.png");
            if (qEnvironmentVariableIsEmpty("TAKT_GALLERY_STAY"))
                app.quit();
        });
        return app.exec();
    } catch (const std::exception& e) {
        std::fprintf(stderr, "vtk_chart_gallery: %s\n", e.what());
        return 1;
    }
}
