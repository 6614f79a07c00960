#include "app/time_format.h"

#include <algorithm>

namespace takt::app {

QString formatOffsetHms(twin::TimeMs offsetMs)
{
    const twin::TimeMs s = std::max<twin::TimeMs>(0, offsetMs) / 1000;
    return QStringLiteral("%1:%2:%3")
        .arg(s / 3600, 2, 10, QLatin1Char('0'))
        .arg((s / 60) % 60, 2, 10, QLatin1Char('0'))
        .arg(s % 60, 2, 10, QLatin1Char('0'));
}

QString formatOffsetHm(twin::TimeMs offsetMs)
{
    const twin::TimeMs minutesTotal = std::max<twin::TimeMs>(0, offsetMs) / 60'000;
    return QStringLiteral("%1:%2")
        .arg(minutesTotal / 60)
        .arg(minutesTotal % 60, 2, 10, QLatin1Char('0'));
}

} // namespace takt::app
