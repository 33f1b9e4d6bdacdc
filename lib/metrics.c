/* metrics.c: one sample of every source, rounded once so that the line, the
 * CSV row and the JSON object all say the same numbers. */
#include "sysdash.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int
fail(char *err, size_t errlen, const char *what, const char *dir,
     const char *name)
{
	int saved = errno;

	snprintf(err, errlen, "%s %s%s%s: %s", what, dir, name ? "/" : "",
	         name ? name : "", strerror(saved));
	errno = saved;
	return -1;
}

/* The host's name: root/sys/kernel/hostname names the watched host when a
 * container reads a host's /proc; else our own. The kernel takes any bytes:
 * it is made valid UTF-8 here, once, for every JSON, CSV, label and message
 * that prints it. */
static void
read_hostname(const char *root, char *buf, size_t n)
{
	char *h = util_read_file(root, "sys/kernel/hostname", 4096, NULL);
	char raw[256];

	if (h && *h) {
		h[strcspn(h, "\n")] = '\0';
		snprintf(raw, sizeof(raw), "%s", h);
	} else if (gethostname(raw, sizeof(raw)) < 0) {
		snprintf(raw, sizeof(raw), "unknown");
	}
	raw[sizeof(raw) - 1] = '\0';
	util_utf8_clean(buf, n, raw);
	free(h);
}

static void
fill_mem(struct metrics *m, const struct mem_info *mi)
{
	unsigned long long swap_used;

	m->ram_percent = util_round(mem_percent(mi), 1);
	m->ram_used_gib = util_gib(mem_used(mi));
	m->ram_total_gib = util_gib(mi->total);
	swap_used = mi->swap_total > mi->swap_free ?
	                    mi->swap_total - mi->swap_free :
	                    0;
	m->swap_total_gib = util_gib(mi->swap_total);
	m->swap_used_gib = util_gib(swap_used);
	m->swap_percent = mi->swap_total ?
	                          util_round((double)swap_used * 100.0 /
	                                             (double)mi->swap_total,
	                                     1) :
	                          0;
}

static int
fail_source(const struct sd_sources *s, enum sd_source f, char *err,
            size_t errlen)
{
	return fail(err, errlen, "read", s->cfg->proc_root, sources_name(f));
}

static int
read_mem(struct sd_sources *s, struct mem_info *mi)
{
	const char *text;
	char *zone;

	if (!(text = sources_read(s, SRC_MEMINFO)) || mem_parse(text, mi) < 0)
		return -1;
	if (!mi->avail_known) { /* kernel < 3.14: psutil's estimate */
		zone = util_read_file(s->cfg->proc_root, "zoneinfo",
		                      SD_FILE_MAX, NULL);
		mem_fallback_avail(mi, zone, sysconf(_SC_PAGESIZE));
		free(zone);
	}
	return 0;
}

int
metrics_sample(struct sd_sources *s, const struct cpu_times *prev,
               struct cpu_times *now, struct metrics *m, char *err,
               size_t errlen)
{
	const struct sd_config *c = s->cfg;
	struct mem_info mi;
	struct disk_info di;
	const char *text;

	memset(m, 0, sizeof(*m));
	clock_gettime(CLOCK_REALTIME, &m->when);
	if (util_iso8601(&m->when, m->timestamp, sizeof(m->timestamp)) < 0)
		return fail(err, errlen, "format", "timestamp", NULL);
	if (!(text = sources_read(s, SRC_STAT)) ||
	    cpu_parse(text, now, &m->cpu_count, &m->boot_time) < 0)
		return fail_source(s, SRC_STAT, err, errlen);
	m->cpu_percent = util_round(cpu_percent(prev, now), 1);
	if (read_mem(s, &mi) < 0)
		return fail_source(s, SRC_MEMINFO, err, errlen);
	fill_mem(m, &mi);
	if (disk_read(c->disk_path, &di) < 0)
		return fail(err, errlen, "statvfs", c->disk_path, NULL);
	m->disk_percent = util_round(disk_percent(&di), 1);
	m->disk_used_gib = util_gib(di.used);
	m->disk_total_gib = util_gib(di.total);
	if (!(text = sources_read(s, SRC_UPTIME)) ||
	    uptime_parse(text, &m->uptime_seconds) < 0)
		return fail_source(s, SRC_UPTIME, err, errlen);
	m->uptime_seconds = util_round(m->uptime_seconds, 2);
	util_hms(m->uptime_seconds, m->uptime_hms, sizeof(m->uptime_hms));
	metrics_set_alerts(c, m);
	/* extras: absent on odd kernels or outside containers, never fatal */
	if (!(text = sources_read(s, SRC_LOADAVG)) ||
	    loadavg_parse(text, m->load) < 0)
		memset(m->load, 0, sizeof(m->load));
	if (sources_extras_due(s)) {
		read_hostname(c->proc_root, s->hostname, sizeof(s->hostname));
		if (cgroup_read(c->cgroup_root, &s->cg) < 0)
			memset(&s->cg, 0, sizeof(s->cg));
	}
	memcpy(m->hostname, s->hostname, sizeof(m->hostname));
	m->cg = s->cg;
	return 0;
}

int
metrics_collect_fresh(const struct sd_config *c, int ms, struct cpu_times *now,
                      struct metrics *m, char *err, size_t errlen)
{
	struct cpu_times first;
	struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};

	if (cpu_read(c->proc_root, &first, NULL, NULL) < 0)
		return fail(err, errlen, "read", c->proc_root, "stat");
	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
	return metrics_collect(c, &first, now, m, err, errlen);
}
