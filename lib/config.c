/* config.c: every setting of docs/API.md resolved in one place, from the
 * environment, with one default each (per profile: the stack or the CLI),
 * validated once at start-up so a bad value is a clear message, never a
 * silent default. */
#include "paths.h"
#include "sysdash.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
		snprintf(err, errlen,
		         "%s: must be a number from %g to %g, got '%.40s'",
		         name, min, max, v);
		return -1;
	}
	return 0;
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
		len = snprintf(dst, n, "%s/.local/state/sysdash",
		               home ? home : ".");
	/* too_long names the variable and its room: n less the suffix */
	if (len < 0 || (size_t)len >= n)
		return too_long(
			xdg ? "XDG_STATE_HOME" : "HOME",
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
	} else if (state_dir(c->data_dir, sizeof(c->data_dir), err, errlen) <
	           0) {
		return -1;
	}
	if (p == SD_CLI) {
		/* the Desktop as lib/paths.c finds it; "." when none fits */
		if (paths_export_dir(desk, sizeof(desk)) < 0)
			snprintf(desk, sizeof(desk), ".");
		dir = desk;
	}
	return export_path("SYSDASH_CSV", dir, "metrics.csv", c->csv,
	                   sizeof(c->csv), err, errlen) < 0 ||
	                       export_path("SYSDASH_JSONL", dir,
	                                   "metrics.jsonl", c->jsonl,
	                                   sizeof(c->jsonl), err, errlen) < 0 ?
	               -1 :
	               0;
}

int
config_load(struct sd_config *c, enum sd_profile p, char *err, size_t errlen)
{
	memset(c, 0, sizeof(*c));
	if (p != SD_SERVER && p != SD_CLI) {
		snprintf(err, errlen, "config_load: unknown profile %d",
		         (int)p);
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
	    env_number("CPU_ALERT", 80, 0, 100, &c->cpu_alert, err, errlen) <
	            0 ||
	    env_number("RAM_ALERT", 90, 0, 100, &c->ram_alert, err, errlen) <
	            0 ||
	    env_number("SYSDASH_INTERVAL", 2, SD_INTERVAL_MIN, SD_INTERVAL_MAX,
	               &c->interval, err, errlen) < 0) {
		errno = EINVAL;
		return -1;
	}
	return 0;
}
