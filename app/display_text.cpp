#include "app/display_text.h"

#include <QList>

namespace takt::app {

bool isEscapedForDisplay(char32_t c)
{
    return c < 0x20 || (c >= 0x7f && c < 0xa0) || c == 0x061c || c == 0x200e || c == 0x200f ||
           (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

QString displayText(const QString& text)
{
    QString out;
    out.reserve(text.size());
    for (const char32_t c : text.toUcs4()) {
        if (isEscapedForDisplay(c))
            out += QStringLiteral("⟨U+%1⟩").arg(uint(c), 4, 16, QLatin1Char('0')).toUpper();
        else
            out += QString::fromUcs4(&c, 1);
    }
    return out;
}

QString displayText(std::string_view utf8)
{
    return displayText(QString::fromUtf8(utf8.data(), qsizetype(utf8.size())));
}

} // namespace takt::app
