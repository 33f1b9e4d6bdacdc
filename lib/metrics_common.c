/* metrics_common.c: the parts of a sample that are the same on every
 * platform (metrics.c reads Linux's /proc, win_metrics.c Windows' APIs). */
#include "sysdash.h"

void
metrics_set_alerts(const struct sd_config *c, struct metrics *m)
{
	m->cpu_alert_threshold = c->cpu_alert;
	m->ram_alert_threshold = c->ram_alert;
	m->cpu_alert = m->cpu_percent >= c->cpu_alert;
	m->ram_alert = m->ram_percent >= c->ram_alert;
}

int
metrics_collect(const struct sd_config *c, const struct cpu_times *prev,
                struct cpu_times *now, struct metrics *m, char *err,
                size_t errlen)
{
	struct sd_sources s;
	int rc;

	sources_open(&s, c);
	rc = metrics_sample(&s, prev, now, m, err, errlen);
	sources_close(&s);
	return rc;
}
