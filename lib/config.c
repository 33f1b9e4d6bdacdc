/* config.c: configuration from the environment (docs/API.md), validated once at
 * start-up so a bad value is a clear message, never a silent default. */
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
env_path(const char *name, const char *def, char *dst, size_t n, char *err,
         size_t errlen)
{
	const char *v = env(name);

	if (!v)
		v = def;
	if (strlen(v) >= n) {
		snprintf(err, errlen, "%s: path longer than %zu bytes", name, n - 1);
		return -1;
	}
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

int
config_load(struct sd_config *c, char *err, size_t errlen)
{
	memset(c, 0, sizeof(*c));
	if (env_path("SYSDASH_PROC_ROOT", "/proc", c->proc_root,
	             sizeof(c->proc_root), err, errlen) < 0 ||
	    env_path("SYSDASH_DISK_PATH", "/", c->disk_path,
	             sizeof(c->disk_path), err, errlen) < 0 ||
	    env_path("SYSDASH_CGROUP_ROOT", "/sys/fs/cgroup", c->cgroup_root,
	             sizeof(c->cgroup_root), err, errlen) < 0 ||
	    env_path("SYSDASH_DATA_DIR", "./data", c->data_dir,
	             sizeof(c->data_dir), err, errlen) < 0 ||
	    env_number("CPU_ALERT", 80, 0, 100, &c->cpu_alert, err, errlen) < 0 ||
	    env_number("RAM_ALERT", 90, 0, 100, &c->ram_alert, err, errlen) < 0 ||
	    env_number("SYSDASH_INTERVAL", 2, SD_INTERVAL_MIN, SD_INTERVAL_MAX,
	               &c->interval, err, errlen) < 0) {
		errno = EINVAL;
		return -1;
	}
	return 0;
}
