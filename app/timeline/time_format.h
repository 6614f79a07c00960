#pragma once

#include "twin/events.h"

#include <QString>

namespace takt::app {

/// The app's offsets into a recording as text; each name says its format. Negative offsets
/// print as zero.

/// "02:15:07" (hours:minutes:seconds, hours at least two digits) for an offset in ms.
QString formatOffsetHms(twin::TimeMs offsetMs);

/// "2:15" (hours:minutes) for an offset in ms: the shift report's shorter form.
QString formatOffsetHm(twin::TimeMs offsetMs);

} // namespace takt::app
