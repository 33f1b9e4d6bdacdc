/* stats.c: GET /api/stats (docs/API.md metrics object) and GET /metrics
 * (Prometheus text exposition of the same sample). */
#include "http.h"
#include "live.h"
#include "sysdash.h"

#include <json.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { BODY_STATS, BODY_METRICS, BODY_MAX };

#define PROM_TYPE "text/plain; version=0.0.4; charset=utf-8"

static int
render_json(const struct metrics *m, char **out, size_t *len)
{
	return live_json_body(json_metrics(m), out, len);
}

/* A growing text buffer; failed appends are remembered, not retried. */
struct text {
	char *p;
	size_t len, cap;
	bool failed;
};

static void tprintf(struct text *t, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void
tprintf(struct text *t, const char *fmt, ...)
{
	va_list ap;
	char *np;
	int n;

	for (;;) {
		va_start(ap, fmt);
		n = t->failed ?
		            -1 :
		            vsnprintf(t->p + t->len, t->cap - t->len, fmt, ap);
		va_end(ap);
		if (n < 0) {
			t->failed = true;
			return;
		}
		if ((size_t)n < t->cap - t->len) {
			t->len += (size_t)n;
			return;
		}
		np = realloc(t->p, t->cap * 2 + (size_t)n);
		if (!np) {
			t->failed = true;
			return;
		}
		t->p = np;
		t->cap = t->cap * 2 + (size_t)n;
	}
}

static void
gauge(struct text *t, const char *name, const char *help, double v)
{
	char b[40];

	if (util_fmt_shortest(b, sizeof(b), v) < 0)
		strcpy(b, "NaN");
	tprintf(t,
	        "# HELP sysdash_%s %s\n# TYPE sysdash_%s gauge\nsysdash_%s "
	        "%s\n",
	        name, help, name, name, b);
}

/* A label value with \, " and newline escaped (exposition format). */
static void
label_value(const char *s, char *out, size_t n)
{
	size_t o = 0;

	for (; *s && o + 3 < n; s++) {
		if (*s == '\\' || *s == '"')
			out[o++] = '\\', out[o++] = *s;
		else if (*s == '\n')
			out[o++] = '\\', out[o++] = 'n';
		else
			out[o++] = *s;
	}
	out[o] = '\0';
}

static void
health_metrics(struct text *t, const struct metrics *m)
{
	struct health h;
	static const char *comp[] = {"cpu", "ram", "disk"};
	int score[3];

	health_compute(m->cpu_percent, m->ram_percent, m->disk_percent, &h);
	score[0] = h.cpu, score[1] = h.ram, score[2] = h.disk;
	gauge(t, "health_score", "Health score 0-100 (API.md /api/status).",
	      h.score);
	tprintf(t,
	        "# HELP sysdash_health_component_score Component health "
	        "score 0-100.\n# TYPE sysdash_health_component_score gauge\n");
	for (int i = 0; i < 3; i++)
		tprintf(t,
		        "sysdash_health_component_score{component=\"%s\"} %d\n",
		        comp[i], score[i]);
	tprintf(t, "# HELP sysdash_health_status 1 for the current health "
	           "status.\n# TYPE sysdash_health_status gauge\n");
	for (int s = 0; s < HEALTH_MAX; s++)
		tprintf(t, "sysdash_health_status{status=\"%s\"} %d\n",
		        health_status_name((enum health_status)s),
		        s == (int)h.status);
}

static void
container_metrics(struct text *t, const struct cgroup_info *cg)
{
	if (cg->mem_limited) {
		gauge(t, "container_memory_limit_bytes", "cgroup memory.max.",
		      (double)cg->mem_max);
		gauge(t, "container_memory_used_bytes",
		      "cgroup memory.current minus inactive_file.",
		      (double)cg->mem_used);
	}
	if (cg->cpu_limited)
		gauge(t, "container_cpu_quota_cores",
		      "cgroup cpu.max quota / period.", cg->cpu_quota_cores);
}

static int
render_prom(const struct metrics *m, char **out, size_t *len)
{
	struct text t = {.p = malloc(4096), .cap = 4096};
	char host[600];

	if (!t.p)
		return -1;
	gauge(&t, "cpu_percent",
	      "Share of non-idle CPU time over the last "
	      "sampling window, all CPUs, percent.",
	      m->cpu_percent);
	gauge(&t, "ram_percent",
	      "(MemTotal - MemAvailable) / MemTotal, percent.", m->ram_percent);
	gauge(&t, "ram_used_gib", "Used memory as psutil counts it, GiB.",
	      m->ram_used_gib);
	gauge(&t, "ram_total_gib", "MemTotal, GiB.", m->ram_total_gib);
	gauge(&t, "disk_percent",
	      "Used share of the watched filesystem, percent.",
	      m->disk_percent);
	gauge(&t, "disk_used_gib", "Used space of the watched filesystem, GiB.",
	      m->disk_used_gib);
	gauge(&t, "disk_total_gib", "Size of the watched filesystem, GiB.",
	      m->disk_total_gib);
	gauge(&t, "uptime_seconds", "Seconds since boot.", m->uptime_seconds);
	gauge(&t, "cpu_alert", "1 when cpu_percent >= CPU_ALERT.",
	      m->cpu_alert);
	gauge(&t, "ram_alert", "1 when ram_percent >= RAM_ALERT.",
	      m->ram_alert);
	gauge(&t, "alert_active", "1 when either alert is on.",
	      m->cpu_alert || m->ram_alert);
	gauge(&t, "cpu_alert_threshold_percent", "CPU_ALERT.",
	      m->cpu_alert_threshold);
	gauge(&t, "ram_alert_threshold_percent", "RAM_ALERT.",
	      m->ram_alert_threshold);
	gauge(&t, "cpus", "Number of CPUs in /proc/stat.", m->cpu_count);
	gauge(&t, "load1", "Load average over 1 minute.", m->load[0]);
	gauge(&t, "load5", "Load average over 5 minutes.", m->load[1]);
	gauge(&t, "load15", "Load average over 15 minutes.", m->load[2]);
	gauge(&t, "swap_total_gib", "SwapTotal, GiB.", m->swap_total_gib);
	gauge(&t, "swap_used_gib", "SwapTotal - SwapFree, GiB.",
	      m->swap_used_gib);
	gauge(&t, "swap_percent", "Used share of swap, percent.",
	      m->swap_percent);
	if (m->boot_time)
		gauge(&t, "boot_time_seconds",
		      "Boot time, seconds since the epoch.",
		      (double)m->boot_time);
	gauge(&t, "sample_timestamp_seconds",
	      "When this sample was taken, "
	      "seconds since the epoch.",
	      (double)m->when.tv_sec + (double)m->when.tv_nsec / 1e9);
	health_metrics(&t, m);
	container_metrics(&t, &m->cg);
	label_value(m->hostname, host, sizeof(host));
	tprintf(&t,
	        "# HELP sysdash_info Constant 1, labelled with the host name "
	        "and the sysdash version.\n# TYPE sysdash_info gauge\n"
	        "sysdash_info{hostname=\"%s\",version=\"%s\"} 1\n",
	        host, SYSDASH_VERSION);
	if (t.failed) {
		free(t.p);
		return -1;
	}
	*out = t.p;
	*len = t.len;
	return 0;
}

/* One reply buffer for the process: the accept loop is single-threaded. */
static char *reply;
static size_t reply_cap;

static void
answer(struct http_req *r, struct live *l, size_t body, const char *type)
{
	size_t len;
	int status = live_get(l, body, &reply, &reply_cap, &len);

	if (status < 0) {
		http_error(r, 500, "out of memory");
		return;
	}
	http_send(r, status, status == 200 ? type : "application/json", NULL,
	          reply, len);
}

static void
on_stats(struct http_req *r, void *arg)
{
	answer(r, arg, BODY_STATS, "application/json");
}

static void
on_metrics(struct http_req *r, void *arg)
{
	answer(r, arg, BODY_METRICS, PROM_TYPE);
}

int
main(void)
{
	static struct live live;
	static const live_render render[BODY_MAX] = {render_json, render_prom};
	static const struct http_route routes[] = {
		{"/api/stats", "GET, HEAD", on_stats},
		{"/metrics", "GET, HEAD", on_metrics},
	};
	struct sd_config cfg;
	char err[256];

	if (config_load(&cfg, SD_SERVER, err, sizeof(err)) < 0) {
		fprintf(stderr, "stats.fcgi: %s\n", err);
		return 1;
	}
	if (live_start(&live, &cfg, render, BODY_MAX, err, sizeof(err)) < 0) {
		fprintf(stderr, "stats.fcgi: %s\n", err);
		return 1;
	}
	return http_serve(routes, sizeof(routes) / sizeof(routes[0]), &live);
}
