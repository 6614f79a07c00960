// Not a test: shows the sample charts in VtkViews in a real window and writes, into the folder
// given as the only argument, each chart rendered offscreen and a grab of the window from the
// screen. For looking at the charts by eye: xvfb-run -a vtk_chart_gallery /tmp/vtk
#include "chart_samples.h"

#include "render/heatmap.h"
#include "render/vtk_view.h"

#include <QApplication>
#include <QDir>
#include <QGridLayout>
#include <QPainter>
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

        {
            // A heatmap over a 60 m × 30 m hall, drawn over a grey floor with a 5 m grid.
            takt::render::HeatmapOptions o;
            o.maxX = 60;
            o.maxZ = 30;
            o.metresPerPixel = 0.1;
            o.radius = 5;
            std::vector<takt::render::HeatPoint> points;
            for (int i = 0; i < 12; ++i)
                points.push_back(
                    {4.0 + i * 4.8, i % 2 ? 10.0 : 20.0, 0.2 + 0.8 * ((i * 7) % 12) / 11.0});
            const QImage heat = takt::render::makeFloorHeatmap(points, o);
            heat.save(out + "/heatmap_rgba.png");
            QImage floor(heat.size(), QImage::Format_RGB32);
            floor.fill(QColor(200, 200, 200));
            QPainter p(&floor);
            p.setPen(QColor(150, 150, 150));
            for (int x = 0; x <= 60; x += 5)
                p.drawLine(x * 10, 0, x * 10, floor.height());
            for (int z = 0; z <= 30; z += 5)
                p.drawLine(0, z * 10, floor.width(), z * 10);
            p.drawImage(0, 0, heat);
            p.setPen(Qt::black);
            for (const auto& pt : points)
                p.drawEllipse(QPointF(pt.x * 10, pt.z * 10), 3, 3);
            p.end();
            floor.save(out + "/heatmap_on_floor.png");
        }

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
