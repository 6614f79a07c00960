#include "app/presentation_tiles.h"

#include <QEvent>
#include <QFontMetrics>
#include <QLabel>
#include <QWidget>

#include <algorithm>

namespace takt::app {

PresentationTiles::PresentationTiles(QWidget* view, int count) : QObject(view), m_view(view)
{
    for (int i = 0; i < count; ++i) {
        // Over the OpenGL window only another window shows (a native child would make the view's
        // container native again and blank it): each tile is a frameless window of its own,
        // placed by Takt itself so that it lies over the view with or without a window manager.
        auto* label =
            new QLabel(view, Qt::Tool | Qt::FramelessWindowHint | Qt::WindowDoesNotAcceptFocus |
                                 Qt::X11BypassWindowManagerHint);
        label->setAttribute(Qt::WA_ShowWithoutActivating);
        label->setTextFormat(Qt::RichText);
        label->setWordWrap(true);
        label->setAlignment(Qt::AlignLeft | Qt::AlignTop);
        label->setAutoFillBackground(true);
        label->setStyleSheet(QStringLiteral(
            "QLabel { background:#161b22; border:2px solid #2f3a48; padding:10px 16px; }"));
        label->hide();
        m_labels.push_back(label);
    }
    m_tiles.resize(std::size_t(count));
    view->installEventFilter(this);
}

void PresentationTiles::setTiles(const std::vector<PresentationTile>& tiles)
{
    for (std::size_t i = 0; i < m_labels.size() && i < tiles.size(); ++i) {
        m_tiles[i] = tiles[i];
        m_labels[i]->setText(html(tiles[i]));
    }
    place();
}

void PresentationTiles::setVisible(bool visible)
{
    for (auto* label : m_labels) {
        label->setVisible(visible);
        if (visible)
            label->raise();
    }
    if (visible)
        place();
}

bool PresentationTiles::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_view && (event->type() == QEvent::Resize || event->type() == QEvent::Move ||
                              event->type() == QEvent::Show))
        place();
    return QObject::eventFilter(watched, event);
}

QString PresentationTiles::html(const PresentationTile& tile) const
{
    // Sizes follow the tile: about a sixth of its width for the value.
    // ... and the view's height: on 960 × 540 (1,920 × 1,080 at scale 2) the tiles would
    // otherwise cover more than 30 % of the screen.
    const int w = m_tileWidth;
    const int h = m_view->height();
    const int caption = std::min(std::clamp(w / 16, 13, 26), std::max(11, h / 40));
    int value = std::min(std::clamp(w / 6, 26, 72), std::max(22, h / 18));
    // A long value ("GA-BM020" on a 1,366-pixel screen) shrinks to stay on one line rather than
    // break in two and make every tile taller over the view.
    QFont font = m_labels.empty() ? QFont() : m_labels.front()->font();
    font.setBold(true);
    const int room = w - 2 * 16 - 2 * 2 - 4; // the stylesheet's padding and border
    for (; value > 18; value -= 2) {
        font.setPixelSize(value);
        if (QFontMetrics(font).horizontalAdvance(tile.value) <= room)
            break;
    }
    const int detail = std::min(std::clamp(w / 20, 11, 22), std::max(10, h / 48));
    return QStringLiteral("<div style='color:#9fb0c3; font-size:%5px'>%1</div>"
                          "<div style='color:%4; font-size:%6px; font-weight:bold'>%2</div>"
                          "<div style='color:#dce4ee; font-size:%7px'>%3</div>")
        .arg(tile.label.toHtmlEscaped(), tile.value.toHtmlEscaped(), tile.detail.toHtmlEscaped(),
             tile.colour)
        .arg(caption)
        .arg(value)
        .arg(detail);
}

void PresentationTiles::place()
{
    if (m_labels.empty())
        return;
    const int n = int(m_labels.size());
    const int margin = std::max(10, m_view->width() / 90);
    const int width = std::min(460, (m_view->width() - (n + 1) * margin) / n);
    if (width != m_tileWidth || m_view->height() != m_viewHeight) {
        m_tileWidth = width;
        m_viewHeight = m_view->height();
        for (std::size_t i = 0; i < m_labels.size(); ++i)
            m_labels[i]->setText(html(m_tiles[i]));
    }
    int height = 0;
    for (auto* label : m_labels)
        height = std::max(height, label->heightForWidth(width));
    const QPoint origin = m_view->mapToGlobal(QPoint(0, 0));
    for (int i = 0; i < n; ++i) {
        auto* label = m_labels[std::size_t(i)];
        label->setGeometry(
            QRect(origin + QPoint(margin + i * (width + margin), margin), QSize(width, height)));
        if (label->isVisible())
            label->raise();
    }
}

} // namespace takt::app
