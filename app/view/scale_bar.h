#pragma once

#include <QWidget>

namespace takt::app {

/// A scale bar for the plan view: a bar of a round length (1, 2 or 5 × 10ⁿ metres) drawn as
/// many pixels long as that length spans in the view, with the length written beside it.
/// GUI thread only.
class ScaleBar : public QWidget {
    Q_OBJECT
public:
    explicit ScaleBar(QWidget* parent = nullptr);

    /// The view's scale; the bar is redrawn to match.
    void setMetresPerPixel(double metresPerPixel);
    /// The round length the bar shows (metres) and its length in pixels.
    double barMetres() const { return m_metres; }
    int barPixels() const { return m_pixels; }
    /// The text beside the bar ("10 m", "500 mm").
    QString label() const;

    /// The longest round length (1, 2 or 5 × 10ⁿ metres) that fits in `maxPixels`.
    static double roundLength(double metresPerPixel, int maxPixels);

    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    double m_metres = 0;
    int m_pixels = 0;
};

} // namespace takt::app
