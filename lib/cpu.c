/* cpu.c: aggregate CPU time from /proc/stat and the busy share between two
 * readings, as psutil.cpu_percent computes it. */
#include "sysdash.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* proc(5) "cpu" line: user nice system idle iowait irq softirq steal guest
 * guest_nice, in USER_HZ. Kernels before 2.6 give only the first four. */
enum {
	F_USER,
	F_NICE,
	F_SYSTEM,
	F_IDLE,
	F_IOWAIT,
	F_IRQ,
	F_SOFTIRQ,
	F_STEAL,
	F_GUEST,
	F_GUEST_NICE,
	F_MAX
};

static int
parse_cpu_line(const char *p, struct cpu_times *t)
{
	unsigned long long f[F_MAX] = {0}, total = 0, idle;
	int n;

	for (n = 0; n < F_MAX; n++) {
		const char *q = p;

		while (*q == ' ')
			q++;
		if (*q == '\n' || *q == '\0')
			break;
		if (util_scan_ull(&p, &f[n]) < 0)
			return -1;
		if (*p != ' ' && *p != '\n' && *p != '\0') {
			errno = EINVAL;
			return -1;
		}
	}
	/* a line cut short (no newline) may hold a cut number */
	while (*p == ' ')
		p++;
	if (n < 4 || *p != '\n') {
		errno = EINVAL;
		return -1;
	}
	/* guest and guest_nice are already counted in user and nice */
	for (int i = 0; i < F_GUEST; i++) {
		if (f[i] > ~0ULL - total) {
			errno = ERANGE;
			return -1;
		}
		total += f[i];
	}
	idle = f[F_IDLE] + f[F_IOWAIT];
	t->total = total;
	t->busy = total >= idle ? total - idle : 0;
	return 0;
}

int
cpu_parse(const char *buf, struct cpu_times *t, int *ncpu, long *btime)
{
	const char *line;
	bool have_cpu = false;
	int n = 0;

	if (btime)
		*btime = 0;
	for (line = buf; *line; line = util_next_line(line)) {
		if (!strncmp(line, "cpu ", 4)) {
			if (parse_cpu_line(line + 4, t) < 0)
				return -1;
			have_cpu = true;
		} else if (!strncmp(line, "cpu", 3) && line[3] >= '0' &&
		           line[3] <= '9') {
			n++;
		} else if (btime && !strncmp(line, "btime ", 6)) {
			const char *p = line + 6;
			unsigned long long v;

			if (util_scan_ull(&p, &v) == 0 && v < (1ULL << 40))
				*btime = (long)v;
		}
	}
	if (!have_cpu) {
		errno = EINVAL;
		return -1;
	}
	if (ncpu)
		*ncpu = n;
	return 0;
}

int
cpu_read(const char *root, struct cpu_times *t, int *ncpu, long *btime)
{
	char *buf = util_read_file(root, "stat", SD_FILE_MAX, NULL);
	int rc;

	if (!buf)
		return -1;
	rc = cpu_parse(buf, t, ncpu, btime);
	free(buf);
	return rc;
}

double
cpu_percent(const struct cpu_times *prev, const struct cpu_times *now)
{
	unsigned long long dt, db;

	/* counters can go backwards (CPU hotplug, a restored state file):
	 * saturate instead of wrapping */
	dt = now->total > prev->total ? now->total - prev->total : 0;
	db = now->busy > prev->busy ? now->busy - prev->busy : 0;
	if (dt == 0)
		return 0;
	if (db > dt)
		db = dt;
	return (double)db * 100.0 / (double)dt;
}
