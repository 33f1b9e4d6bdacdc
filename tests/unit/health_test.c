/* health_test.c: the health score of docs/API.md ("Health score"), as
 * lib/health.c computes it; expected values are worked out by hand from
 * that formula. */
#include "sysdash.h"
#include "testutil.h"

static void
expect(double cpu, double ram, double disk, int score, enum health_status st,
       int c, int r, int d)
{
	struct health h;

	health_compute(cpu, ram, disk, &h);
	if (h.score != score || h.status != st || h.cpu != c || h.ram != r ||
	    h.disk != d)
		fail_msg("health(%g, %g, %g) = score %d status %d {%d %d %d}, "
		         "want %d %d {%d %d %d}",
		         cpu, ram, disk, h.score, (int)h.status, h.cpu, h.ram,
		         h.disk, score, (int)st, c, r, d);
}

/* idle machine: 1, 1, 1 -> 100 ok */
static void
idle_is_100(void **state)
{
	(void)state;
	expect(0, 0, 0, 100, HEALTH_OK, 100, 100, 100);
	expect(50, 60, 70, 100, HEALTH_OK, 100, 100, 100);
}

/* 75/80/85: 1-25/50 = .5, 1-20/40 = .5, 1-15/30 = .5 -> 50 critical */
static void
halfway_is_50(void **state)
{
	(void)state;
	expect(75, 80, 85, 50, HEALTH_CRITICAL, 50, 50, 50);
}

/* 100/100/100: 0, 0, 0 -> 0 critical */
static void
saturated_is_0(void **state)
{
	(void)state;
	expect(100, 100, 100, 0, HEALTH_CRITICAL, 0, 0, 0);
}

/* 60/70/80: .8, .75, .6667; .35*.8 + .35*.75 + .3*.6667 = .28 + .2625
 * + .2 = .7425 -> 74 warn; components 80, 75, 67 */
static void
mixed_is_warn(void **state)
{
	(void)state;
	expect(60, 70, 80, 74, HEALTH_WARN, 80, 75, 67);
}

/* 51/62/73: .98, .95, .9 -> .343 + .3325 + .27 = .9455 -> 95 ok */
static void
rounding(void **state)
{
	(void)state;
	expect(51, 62, 73, 95, HEALTH_OK, 98, 95, 90);
}

/* disk 90: 1/3 -> .7 + .1 = .8 -> 80 ok (boundary);
 * disk 91: .3 -> .79 -> 79 warn;
 * 100/0/75: 0, 1, .8333 -> .35 + .25 = .6 -> 60 warn (boundary);
 * 100/0/76: 0, 1, .8 -> .35 + .24 = .59 -> 59 critical */
static void
status_boundaries(void **state)
{
	(void)state;
	expect(0, 0, 90, 80, HEALTH_OK, 100, 100, 33);
	expect(0, 0, 91, 79, HEALTH_WARN, 100, 100, 30);
	expect(100, 0, 75, 60, HEALTH_WARN, 0, 100, 83);
	expect(100, 0, 76, 59, HEALTH_CRITICAL, 0, 100, 80);
}

/* 150/-10/200: components clamp to 0, 1, 0 -> .35 -> 35 critical */
static void
out_of_range_clamps(void **state)
{
	(void)state;
	expect(150, -10, 200, 35, HEALTH_CRITICAL, 0, 100, 0);
}

static void
status_names(void **state)
{
	(void)state;
	assert_string_equal(health_status_name(HEALTH_OK), "ok");
	assert_string_equal(health_status_name(HEALTH_WARN), "warn");
	assert_string_equal(health_status_name(HEALTH_CRITICAL), "critical");
	assert_non_null(health_status_name(HEALTH_MAX));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(idle_is_100),
		cmocka_unit_test(halfway_is_50),
		cmocka_unit_test(saturated_is_0),
		cmocka_unit_test(mixed_is_warn),
		cmocka_unit_test(rounding),
		cmocka_unit_test(status_boundaries),
		cmocka_unit_test(out_of_range_clamps),
		cmocka_unit_test(status_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
