// Compiled with app's include directories by the test app_cannot_include_private_render, which
// passes when the compiler cannot find this header: render/lit_material.h (a Qt 3D material) is
// private to render, outside the view of render/public/ that render exports (issue 11, item 3).
#include "render/lit_material.h"
