#pragma once

// The one function of Takt's STEP module (libtakt_step.so, render/step_reader.cpp), which links
// Open CASCADE. Only the import helper process loads it (dlopen, render/step_loader.cpp), so the
// GUI process never maps Open CASCADE's forty libraries nor pays their start-up.

#include <cstddef>

namespace takt::render {
struct FlatScene;
}

/// The module's file name, and where it lies relative to the folder of the `takt` executable
/// (the same in the build tree and in an installed prefix).
#define TAKT_STEP_MODULE_FILE "libtakt_step.so"
#define TAKT_STEP_MODULE_DIR "../lib/takt"
/// The exported symbol: kTaktStepReadFn.
#define TAKT_STEP_READ_SYMBOL "takt_step_read"

/// Reads the STEP file `path` into `out`. Returns 0 on success; 2 with a one-line reason in
/// `error` (NUL-terminated, at most `errorSize` bytes); 3 when memory ran out. Never throws.
using TaktStepReadFn = int (*)(const char* path, takt::render::FlatScene* out, char* error,
                               std::size_t errorSize);
