/* csv.c: the CSV row of docs/API.md, formatted in one place for every writer.
 */
#include "sysdash.h"

#include <stdio.h>

static const char *
pybool(bool b)
{
	return b ? "True" : "False"; /* the old tool wrote Python's str(bool) */
}

int
csv_row_format(const struct metrics *m, char *buf, size_t n)
{
	char f[8][32];
	int len;

	util_fmt_fixed(f[0], sizeof(f[0]), m->cpu_percent, 1);
	util_fmt_fixed(f[1], sizeof(f[1]), m->ram_percent, 1);
	util_fmt_fixed(f[2], sizeof(f[2]), m->ram_used_gib, 2);
	util_fmt_fixed(f[3], sizeof(f[3]), m->ram_total_gib, 2);
	util_fmt_fixed(f[4], sizeof(f[4]), m->disk_percent, 1);
	util_fmt_fixed(f[5], sizeof(f[5]), m->disk_used_gib, 2);
	util_fmt_fixed(f[6], sizeof(f[6]), m->disk_total_gib, 2);
	util_fmt_fixed(f[7], sizeof(f[7]), m->uptime_seconds, 2);
	len = snprintf(buf, n, "%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s\n",
	               m->timestamp, f[0], f[1], f[2], f[3], f[4], f[5], f[6],
	               f[7], m->uptime_hms, pybool(m->cpu_alert),
	               pybool(m->ram_alert));
	return len < 0 || (size_t)len >= n ? -1 : len;
}
