/* paths.h: where exports go when no flag or variable names a file (the
 * sampler's metrics.csv, the desktop window's metrics_desktop.csv). */
#ifndef PATHS_H
#define PATHS_H

#include <stddef.h>

/* The old tool's choice: the user's Desktop folder (XDG_DESKTOP_DIR, else
 * the one named in user-dirs.dirs, else ~/Desktop) when it exists, else the
 * current folder ("."). Writes it into buf; -1 when it does not fit. */
int paths_export_dir(char *buf, size_t n);

#endif
