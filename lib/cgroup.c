/* cgroup.c: the memory limit and CPU quota a cgroup v2 container runs under
 * (on Render, /proc/meminfo shows the whole host). */
#include "sysdash.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static bool
is_max(const char *p)
{
	return !strncmp(p, "max", 3) &&
	       (p[3] == '\n' || p[3] == '\0' || p[3] == ' ');
}

/* cgroupfs ends every file in a newline: without it the number may be cut */
static bool
at_end(const char *p)
{
	return *p == '\n' && p[1] == '\0';
}

int
cgroup_parse_max(const char *buf, unsigned long long *v, bool *limited)
{
	/* memory.max: a byte count, or "max" for no limit */
	if (is_max(buf) && at_end(buf + 3)) {
		*limited = false;
		return 0;
	}
	if (util_scan_ull(&buf, v) < 0 || !at_end(buf)) {
		errno = EINVAL;
		return -1;
	}
	*limited = true;
	return 0;
}

int
cgroup_parse_cpu_max(const char *buf, double *cores, bool *limited)
{
	unsigned long long quota, period;
	const char *p = buf;

	/* cpu.max: "$MAX $PERIOD" in microseconds, $MAX may be "max" */
	if (is_max(p)) {
		p += 3;
		if (util_scan_ull(&p, &period) < 0 || !at_end(p) || !period) {
			errno = EINVAL;
			return -1;
		}
		*limited = false;
		return 0;
	}
	if (util_scan_ull(&p, &quota) < 0 || util_scan_ull(&p, &period) < 0 ||
	    !at_end(p) || !period) {
		errno = EINVAL;
		return -1;
	}
	*cores = (double)quota / (double)period;
	*limited = true;
	return 0;
}

/* memory.stat "inactive_file N": page cache the kernel reclaims before it
 * kills; docker stats and cAdvisor leave it out of the working set. */
static unsigned long long
inactive_file(const char *dir)
{
	char *buf = util_read_file(dir, "memory.stat", SD_FILE_MAX, NULL);
	unsigned long long v = 0;
	const char *line;

	if (!buf)
		return 0;
	for (line = buf; *line; line = util_next_line(line)) {
		const char *p = line + 14;

		if (!strncmp(line, "inactive_file ", 14) &&
		    util_scan_ull(&p, &v) == 0)
			break;
		v = 0;
	}
	free(buf);
	return v;
}

/* Reads a cgroup file; a file that is not there means "no such limit"
 * (*buf NULL, 0), any other failure is an error. */
static int
read_optional(const char *dir, const char *name, char **buf)
{
	*buf = util_read_file(dir, name, 4096, NULL);
	return *buf || errno == ENOENT ? 0 : -1;
}

int
cgroup_read(const char *dir, struct cgroup_info *c)
{
	char *buf;
	int rc = 0;

	memset(c, 0, sizeof(*c));
	rc |= read_optional(dir, "memory.max", &buf);
	if (buf) {
		rc |= cgroup_parse_max(buf, &c->mem_max, &c->mem_limited);
		free(buf);
	}
	if (rc == 0 && c->mem_limited &&
	    (buf = util_read_file(dir, "memory.current", 4096, NULL))) {
		unsigned long long cur = 0, inact;
		bool lim;

		rc |= cgroup_parse_max(buf, &cur, &lim);
		free(buf);
		inact = inactive_file(dir);
		c->mem_used = cur > inact ? cur - inact : cur;
	}
	if (rc == 0)
		rc |= read_optional(dir, "cpu.max", &buf);
	if (rc == 0 && buf) {
		rc |= cgroup_parse_cpu_max(buf, &c->cpu_quota_cores,
		                           &c->cpu_limited);
		free(buf);
	}
	if (rc) {
		memset(c, 0, sizeof(*c));
		errno = EINVAL;
		return -1;
	}
	return 0;
}
