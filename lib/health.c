/* health.c: the health score and status of docs/API.md. */
#include "sysdash.h"

static double
clamp01(double v)
{
	return v < 0 ? 0 : v > 1 ? 1 : v;
}

/* 1 at or below the knee, falling linearly to 0 over span points above it */
static double
component(double value, double knee, double span)
{
	double over = (value - knee) / span;

	return clamp01(1 - (over > 0 ? over : 0));
}

void
health_compute(double cpu, double ram, double disk, struct health *h)
{
	double c = component(cpu, 50, 50);
	double r = component(ram, 60, 40);
	double d = component(disk, 70, 30);
	double overall = 0.35 * c + 0.35 * r + 0.30 * d;

	/* Python's round() is half-to-even; the old tool used it, so do we */
	h->score = (int)util_rint(overall * 100);
	h->cpu = (int)util_rint(c * 100);
	h->ram = (int)util_rint(r * 100);
	h->disk = (int)util_rint(d * 100);
	h->status = h->score >= 80 ? HEALTH_OK :
	            h->score >= 60 ? HEALTH_WARN : HEALTH_CRITICAL;
}

const char *
health_status_name(enum health_status s)
{
	static const char *const names[HEALTH_MAX] = {"ok", "warn", "critical"};

	return s < HEALTH_MAX ? names[s] : "unknown";
}
