/* win_metrics.c: one sample on Windows (the metrics.c of this platform):
 * the same struct metrics, rounded once, from the win_*.c readers. The
 * struct sd_sources of sysdash.h only carries the configuration and the
 * host name here: Windows has no files to keep open. */
#include "win.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

#define EXTRAS_TTL 60

void
sources_open(struct sd_sources *s, const struct sd_config *c)
{
	memset(s, 0, sizeof(*s));
	s->cfg = c;
	for (int i = 0; i < SRC_MAX; i++)
		s->fd[i] = -1;
}

void
sources_close(struct sd_sources *s)
{
	free(s->buf);
	s->buf = NULL;
}

bool
sources_extras_due(struct sd_sources *s)
{
	time_t now = (time_t)(GetTickCount64() / 1000);

	if (s->extras_valid && now - s->extras_at < EXTRAS_TTL)
		return false;
	s->extras_at = now;
	s->extras_valid = true;
	return true;
}

static int
fail(char *err, size_t errlen, const char *what)
{
	int saved = errno;

	snprintf(err, errlen, "%s: %s", what, strerror(saved));
	errno = saved;
	return -1;
}

static void
read_hostname(char *buf, size_t n)
{
	wchar_t w[256];
	DWORD len = 256;
	char *s;

	if (GetComputerNameExW(ComputerNameDnsHostname, w, &len) &&
	    (s = win_utf8(w))) {
		util_utf8_clean(buf, n, s);
		free(s);
	} else {
		snprintf(buf, n, "unknown");
	}
}

static void
fill_mem(struct metrics *m, const struct mem_info *mi)
{
	unsigned long long swap_used = mi->swap_total - mi->swap_free;

	m->ram_percent = util_round(mem_percent(mi), 1);
	m->ram_used_gib = util_gib(mem_used(mi));
	m->ram_total_gib = util_gib(mi->total);
	m->swap_total_gib = util_gib(mi->swap_total);
	m->swap_used_gib = util_gib(swap_used);
	m->swap_percent = mi->swap_total ?
	                          util_round((double)swap_used * 100.0 /
	                                             (double)mi->swap_total,
	                                     1) :
	                          0;
}

int
metrics_sample(struct sd_sources *s, const struct cpu_times *prev,
               struct cpu_times *now, struct metrics *m, char *err,
               size_t errlen)
{
	const struct sd_config *c = s->cfg;
	struct mem_info mi;
	struct disk_info di;
	char what[600];

	memset(m, 0, sizeof(*m));
	win_now(&m->when);
	if (util_iso8601(&m->when, m->timestamp, sizeof(m->timestamp)) < 0)
		return fail(err, errlen, "format timestamp");
	if (win_cpu_read(now, &m->cpu_count) < 0)
		return fail(err, errlen, "GetSystemTimes");
	m->cpu_percent = util_round(cpu_percent(prev, now), 1);
	if (win_mem_read(&mi) < 0)
		return fail(err, errlen, "GlobalMemoryStatusEx");
	fill_mem(m, &mi);
	if (disk_read(c->disk_path, &di) < 0) {
		snprintf(what, sizeof(what), "GetDiskFreeSpaceExW %s",
		         strcmp(c->disk_path, "/") ? c->disk_path :
		                                     "(system drive)");
		return fail(err, errlen, what);
	}
	m->disk_percent = util_round(disk_percent(&di), 1);
	m->disk_used_gib = util_gib(di.used);
	m->disk_total_gib = util_gib(di.total);
	m->uptime_seconds = util_round(win_uptime(), 2);
	util_hms(m->uptime_seconds, m->uptime_hms, sizeof(m->uptime_hms));
	m->boot_time = (long)(m->when.tv_sec - (time_t)m->uptime_seconds);
	metrics_set_alerts(c, m);
	if (sources_extras_due(s))
		read_hostname(s->hostname, sizeof(s->hostname));
	memcpy(m->hostname, s->hostname, sizeof(m->hostname));
	return 0;
}

int
metrics_collect_fresh(const struct sd_config *c, int ms, struct cpu_times *now,
                      struct metrics *m, char *err, size_t errlen)
{
	struct cpu_times first;

	if (win_cpu_read(&first, NULL) < 0)
		return fail(err, errlen, "GetSystemTimes");
	Sleep((DWORD)ms);
	return metrics_collect(c, &first, now, m, err, errlen);
}
