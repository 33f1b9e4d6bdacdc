/* settings.h: the desktop window's remembered choices,
 * $XDG_CONFIG_HOME/sysdash/desktop.ini (else ~/.config/sysdash/), read and
 * written with GLib's GKeyFile:
 *
 *     [export]
 *     enabled=true
 *     path=/home/ana/Bureau/metrics_desktop.csv
 */
#ifndef SETTINGS_H
#define SETTINGS_H

#include <stdbool.h>
#include <stddef.h>

/* Larger files are refused (a desktop.ini is a few hundred bytes). */
#define SETTINGS_MAX (64 * 1024)

struct settings {
	bool export_on;  /* default true */
	char path[4096]; /* "" means the Desktop default */
};

/* Where the file lives. 0, or -1 when neither XDG_CONFIG_HOME nor HOME
 * gives an absolute folder, or the path does not fit. */
int settings_path(char *buf, size_t n);

/* Defaults, then the file at path. A missing file is not an error. A file
 * that is too big, not a key file, or holds a bad value gives -1 with a
 * message naming the file in err, and s keeps the defaults for what was
 * bad (a bad path: ""; a bad enabled: true). */
int settings_load(const char *path, struct settings *s, char *err,
                  size_t errlen);

/* Writes s to path atomically (a temporary file renamed), creating the
 * folder (0700) when needed. 0, or -1 with a message in err. */
int settings_save(const char *path, const struct settings *s, char *err,
                  size_t errlen);

#endif
