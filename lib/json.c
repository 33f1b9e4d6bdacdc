/* json.c: the /api/stats and /api/status objects (json-c), shared by the
 * FastCGI programs and the sampler's JSONL export. */
#include "sysdash.h"

#include <json.h>
#include <stdio.h>

/* A double printed with fixed decimals: json-c would otherwise print
 * 43.1 as 43.100000000000001. */
static json_object *
num(double v, int decimals)
{
	char buf[64];

	util_fmt_fixed(buf, sizeof(buf), v, decimals);
	return json_object_new_double_s(v, buf);
}

static void
add(json_object *o, const char *key, json_object *v)
{
	json_object_object_add(o, key, v);
}

static json_object *
container_object(const struct cgroup_info *cg)
{
	json_object *o = json_object_new_object();

	if (cg->mem_limited) {
		add(o, "memory_limit_gib", num(util_gib(cg->mem_max), 2));
		add(o, "memory_used_gib", num(util_gib(cg->mem_used), 2));
		add(o, "memory_percent",
		    num(util_round(cg->mem_max ? (double)cg->mem_used * 100.0 /
		                                         (double)cg->mem_max :
		                                 0,
		                   1),
		        1));
	} else {
		add(o, "memory_limit_gib", NULL);
		add(o, "memory_used_gib", NULL);
		add(o, "memory_percent", NULL);
	}
	add(o, "cpu_quota_cores",
	    cg->cpu_limited ? num(util_round(cg->cpu_quota_cores, 2), 2) :
	                      NULL);
	return o;
}

json_object *
json_metrics(const struct metrics *m)
{
	json_object *o = json_object_new_object();
	json_object *alerts = json_object_new_object();
	json_object *load = json_object_new_array_ext(3);
	json_object *thr = json_object_new_object();

	add(o, "timestamp", json_object_new_string(m->timestamp));
	add(o, "cpu_percent", num(m->cpu_percent, 1));
	add(o, "ram_percent", num(m->ram_percent, 1));
	add(o, "ram_used_gib", num(m->ram_used_gib, 2));
	add(o, "ram_total_gib", num(m->ram_total_gib, 2));
	add(o, "disk_percent", num(m->disk_percent, 1));
	add(o, "disk_used_gib", num(m->disk_used_gib, 2));
	add(o, "disk_total_gib", num(m->disk_total_gib, 2));
	add(o, "uptime_seconds", num(m->uptime_seconds, 2));
	add(o, "uptime_hms", json_object_new_string(m->uptime_hms));
	add(alerts, "cpu", json_object_new_boolean(m->cpu_alert));
	add(alerts, "ram", json_object_new_boolean(m->ram_alert));
	add(o, "alerts", alerts);
	add(o, "alert_active",
	    json_object_new_boolean(m->cpu_alert || m->ram_alert));
	/* extras, beyond the old tool's fields */
	add(thr, "cpu", num(m->cpu_alert_threshold, 1));
	add(thr, "ram", num(m->ram_alert_threshold, 1));
	add(o, "thresholds", thr);
	add(o, "hostname", json_object_new_string(m->hostname));
	add(o, "cpu_count", json_object_new_int(m->cpu_count));
	for (int i = 0; i < 3; i++)
		json_object_array_add(load, num(m->load[i], 2));
	add(o, "load_average", load);
	add(o, "swap_total_gib", num(m->swap_total_gib, 2));
	add(o, "swap_used_gib", num(m->swap_used_gib, 2));
	add(o, "swap_percent", num(m->swap_percent, 1));
	add(o, "boot_time",
	    m->boot_time ? json_object_new_int64(m->boot_time) : NULL);
	if (m->cg.mem_limited || m->cg.cpu_limited)
		add(o, "container", container_object(&m->cg));
	return o;
}

json_object *
json_status(const struct metrics *m)
{
	json_object *o = json_metrics(m);
	json_object *h = json_object_new_object();
	json_object *comp = json_object_new_object();
	struct health hs;

	health_compute(m->cpu_percent, m->ram_percent, m->disk_percent, &hs);
	add(h, "score", json_object_new_int(hs.score));
	add(h, "status", json_object_new_string(health_status_name(hs.status)));
	add(comp, "cpu", json_object_new_int(hs.cpu));
	add(comp, "ram", json_object_new_int(hs.ram));
	add(comp, "disk", json_object_new_int(hs.disk));
	add(h, "components", comp);
	add(o, "health", h);
	return o;
}
