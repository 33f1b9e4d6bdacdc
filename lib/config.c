/* config.c: every setting of docs/API.md resolved in one place, from the
 * environment, with one default each (per profile: the stack or the CLI),
 * validated once at start-up so a bad value is a clear message, never a
 * silent default. */
#include "sysdash.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* An unset or empty variable means "use the default". */
static const char *
env(const char *name)
{
	const char *v = getenv(name);

	return v && *v ? v : NULL;
}

static int
too_long(const char *name, size_t n, char *err, size_t errlen)
{
	snprintf(err, errlen, "%s: path longer than %zu bytes", name, n - 1);
	return -1;
}

static int
env_path(const char *name, const char *def, char *dst, size_t n, char *err,
         size_t errlen)
{
	const char *v = env(name);

	if (!v)
		v = def;
	if (strlen(v) >= n)
		return too_long(name, n, err, errlen);
	memcpy(dst, v, strlen(v) + 1);
	return 0;
}

static int
env_number(const char *name, double def, double min, double max, double *out,
           char *err, size_t errlen)
{
	const char *v = env(name);

	if (!v) {
		*out = def;
		return 0;
	}
	if (util_parse_double(v, out) < 0 || *out < min || *out > max) {
		snprintf(err, errlen, "%s: must be a number from %g to %g, got '%.40s'",
		         name, min, max, v);
		return -1;
	}
	return 0;
}

static bool
is_dir(const char *p)
{
	struct stat st;

	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* user-dirs.dirs holds XDG_DESKTOP_DIR="$HOME/Bureau" on a French
 * desktop; $HOME and absolute paths are what xdg-user-dirs writes. */
static int
from_user_dirs(const char *home, char *buf, size_t n)
{
	const char *cfg = env("XDG_CONFIG_HOME");
	char dir[4096], *text;
	const char *line;
	int found = -1;

	if ((size_t)snprintf(dir, sizeof(dir), cfg ? "%s" : "%s/.config",
	                     cfg ? cfg : home) >= sizeof(dir))
		return -1;
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
			found = snprintf(buf, n, "%s%.*s", home, (int)len - 5, v + 5);
		else if (*v == '/')
			found = snprintf(buf, n, "%.*s", (int)len, v);
		if (found >= (int)n)
			found = -1;
	}
	free(text);
	return found < 0 ? -1 : 0;
}

/* The old tool's export folder: the Desktop (XDG_DESKTOP_DIR, else the
 * one user-dirs.dirs names, else ~/Desktop) when it exists, else ".". */
static void
desktop_dir(char *buf, size_t n)
{
	const char *dir = env("XDG_DESKTOP_DIR");
	const char *home = env("HOME");

	if (dir && is_dir(dir) && (size_t)snprintf(buf, n, "%s", dir) < n)
		return;
	if (home) {
		if (from_user_dirs(home, buf, n) == 0 && is_dir(buf))
			return;
		if ((size_t)snprintf(buf, n, "%s/Desktop", home) < n && is_dir(buf))
			return;
	}
	snprintf(buf, n, ".");
}

/* The CLI's data folder without SYSDASH_DATA_DIR: the XDG state folder. */
static int
state_dir(char *dst, size_t n, char *err, size_t errlen)
{
	const char *xdg = env("XDG_STATE_HOME");
	const char *home = env("HOME");
	int len;

	if (xdg)
		len = snprintf(dst, n, "%s/sysdash", xdg);
	else
		len = snprintf(dst, n, "%s/.local/state/sysdash", home ? home : ".");
	/* too_long names the variable and its room: n less the suffix */
	if (len < 0 || (size_t)len >= n)
		return too_long(xdg ? "XDG_STATE_HOME" : "HOME",
		                n - strlen(xdg ? "/sysdash" : "/.local/state/sysdash"),
		                err, errlen);
	return 0;
}

/* name (an export variable) or dir/file. */
static int
export_path(const char *name, const char *dir, const char *file, char *dst,
            size_t n, char *err, size_t errlen)
{
	char def[SD_PATH_MAX + 32];

	if (env(name))
		return env_path(name, NULL, dst, n, err, errlen);
	if ((size_t)snprintf(def, sizeof(def), "%s/%s", dir, file) >= n)
		return too_long(name, n, err, errlen);
	memcpy(dst, def, strlen(def) + 1);
	return 0;
}

static int
load_paths(struct sd_config *c, enum sd_profile p, char *err, size_t errlen)
{
	char desk[SD_PATH_MAX];
	const char *dir = c->data_dir;

	if (env("SYSDASH_DATA_DIR") || p == SD_SERVER) {
		if (env_path("SYSDASH_DATA_DIR", "./data", c->data_dir,
		             sizeof(c->data_dir), err, errlen) < 0)
			return -1;
	} else if (state_dir(c->data_dir, sizeof(c->data_dir), err, errlen) < 0) {
		return -1;
	}
	if (p == SD_CLI) {
		desktop_dir(desk, sizeof(desk));
		dir = desk;
	}
	return export_path("SYSDASH_CSV", dir, "metrics.csv", c->csv,
	                   sizeof(c->csv), err, errlen) < 0 ||
	       export_path("SYSDASH_JSONL", dir, "metrics.jsonl", c->jsonl,
	                   sizeof(c->jsonl), err, errlen) < 0 ? -1 : 0;
}

int
config_load(struct sd_config *c, enum sd_profile p, char *err, size_t errlen)
{
	memset(c, 0, sizeof(*c));
	if (p != SD_SERVER && p != SD_CLI) {
		snprintf(err, errlen, "config_load: unknown profile %d", (int)p);
		errno = EINVAL;
		return -1;
	}
	if (env_path("SYSDASH_PROC_ROOT", "/proc", c->proc_root,
	             sizeof(c->proc_root), err, errlen) < 0 ||
	    env_path("SYSDASH_DISK_PATH", "/", c->disk_path,
	             sizeof(c->disk_path), err, errlen) < 0 ||
	    env_path("SYSDASH_CGROUP_ROOT", "/sys/fs/cgroup", c->cgroup_root,
	             sizeof(c->cgroup_root), err, errlen) < 0 ||
	    load_paths(c, p, err, errlen) < 0 ||
	    env_number("CPU_ALERT", 80, 0, 100, &c->cpu_alert, err, errlen) < 0 ||
	    env_number("RAM_ALERT", 90, 0, 100, &c->ram_alert, err, errlen) < 0 ||
	    env_number("SYSDASH_INTERVAL", 2, SD_INTERVAL_MIN, SD_INTERVAL_MAX,
	               &c->interval, err, errlen) < 0) {
		errno = EINVAL;
		return -1;
	}
	return 0;
}
