/* health.c: the health score and status of docs/API.md ("Health score"):
 * each component is 1 (healthy) up to its knee and falls linearly to 0 at
 * knee + span = 100 %; the score is their weighted sum in percent. These
 * constants are the old tool's; changing one changes the contract. */
#include "sysdash.h"

/* component knees and spans, percent */
#define CPU_KNEE 50.0
#define CPU_SPAN 50.0
#define RAM_KNEE 60.0
#define RAM_SPAN 40.0
#define DISK_KNEE 70.0
#define DISK_SPAN 30.0
/* weights of the components in the score; they sum to 1 */
#define CPU_WEIGHT 0.35
#define RAM_WEIGHT 0.35
#define DISK_WEIGHT 0.30
/* lowest scores (0..100) of the statuses ok and warn; below: critical */
#define SCORE_OK 80
#define SCORE_WARN 60

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
	double c = component(cpu, CPU_KNEE, CPU_SPAN);
	double r = component(ram, RAM_KNEE, RAM_SPAN);
	double d = component(disk, DISK_KNEE, DISK_SPAN);
	double overall = CPU_WEIGHT * c + RAM_WEIGHT * r + DISK_WEIGHT * d;

	/* Python's round() is half-to-even; the old tool used it, so do we */
	h->score = (int)util_rint(overall * 100);
	h->cpu = (int)util_rint(c * 100);
	h->ram = (int)util_rint(r * 100);
	h->disk = (int)util_rint(d * 100);
	h->status = h->score >= SCORE_OK   ? HEALTH_OK :
	            h->score >= SCORE_WARN ? HEALTH_WARN :
	                                     HEALTH_CRITICAL;
}

const char *
health_status_name(enum health_status s)
{
	static const char *const names[HEALTH_MAX] = {"ok", "warn", "critical"};

	return s < HEALTH_MAX ? names[s] : "unknown";
}
