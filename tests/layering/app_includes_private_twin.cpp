// Compiled with app's include directories by the test app_cannot_include_private_twin, which
// passes when the compiler cannot find this header: twin/sqlite_db.h (the SQLite wrapper) is
// private to twin, outside the view of twin/public/ that twin exports (issue 11, item 3).
#include "twin/sqlite_db.h"
