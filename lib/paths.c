/* paths.c: the default export folder, found as xdg-user-dir finds it. */
#include "paths.h"

#include "sysdash.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int
is_dir(const char *p)
{
	struct stat st;

	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* user-dirs.dirs holds XDG_DESKTOP_DIR="$HOME/Bureau" on a French desktop */
static int
from_user_dirs(const char *home, char *buf, size_t n)
{
	const char *cfg = getenv("XDG_CONFIG_HOME");
	char dir[4096], *text;
	const char *line;
	int found = -1;

	if (snprintf(dir, sizeof(dir), "%s", cfg && *cfg ? cfg : home) >=
	    (int)sizeof(dir))
		return -1;
	if (!(cfg && *cfg) && strlen(dir) + 8 < sizeof(dir))
		strcat(dir, "/.config");
	if (!(text = util_read_file(dir, "user-dirs.dirs", 64 * 1024, NULL)))
		return -1;
	for (line = text; *line && found < 0; line = util_next_line(line)) {
		const char *v = line + strlen("XDG_DESKTOP_DIR=\"");
		size_t len;

		if (strncmp(line, "XDG_DESKTOP_DIR=\"", 17))
			continue;
		len = strcspn(v, "\"\n");
		if (v[len] != '"')
			break;
		if (!strncmp(v, "$HOME", 5))
			found = snprintf(buf, n, "%s%.*s", home, (int)len - 5,
			                 v + 5);
		else if (*v == '/')
			found = snprintf(buf, n, "%.*s", (int)len, v);
		if (found >= (int)n)
			found = -1;
	}
	free(text);
	return found < 0 ? -1 : 0;
}

int
paths_export_dir(char *buf, size_t n)
{
	const char *env = getenv("XDG_DESKTOP_DIR");
	const char *home = getenv("HOME");

	if (env && *env && is_dir(env) &&
	    (size_t)snprintf(buf, n, "%s", env) < n)
		return 0;
	if (home && *home) {
		if (from_user_dirs(home, buf, n) == 0 && is_dir(buf))
			return 0;
		if ((size_t)snprintf(buf, n, "%s/Desktop", home) < n &&
		    is_dir(buf))
			return 0;
	}
	if (n < 2) {
		errno = ENAMETOOLONG;
		return -1;
	}
	strcpy(buf, ".");
	return 0;
}
