/* csv.c: the CSV row of API.md, formatted in one place for every writer. */
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
	int len = snprintf(buf, n, "%s,%.1f,%.1f,%.2f,%.2f,%.1f,%.2f,%.2f,%.2f,%s,%s,%s\n",
	                   m->timestamp, m->cpu_percent, m->ram_percent,
	                   m->ram_used_gib, m->ram_total_gib, m->disk_percent,
	                   m->disk_used_gib, m->disk_total_gib, m->uptime_seconds,
	                   m->uptime_hms, pybool(m->cpu_alert), pybool(m->ram_alert));

	return len < 0 || (size_t)len >= n ? -1 : len;
}
