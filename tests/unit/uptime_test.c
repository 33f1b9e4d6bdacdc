/* uptime_test.c: uptime_parse/read and loadavg_parse/read
 * (lib/uptime.c). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "sysdash.h"
#include "testutil.h"

/* real/proc/uptime is "359.53 658.78\n": seconds since boot, then the
 * idle seconds summed over CPUs. */
static void
parse_real_uptime(void **state)
{
	char *buf = tu_slurp("real/proc/uptime");
	double s = -1;

	(void)state;
	assert_int_equal(uptime_parse(buf, &s), 0);
	assert_near(s, 359.53, 1e-9);
	free(buf);
}

static void
parse_uptime_values(void **state)
{
	double s = -1;

	(void)state;
	assert_int_equal(uptime_parse("12345.67 1.00\n", &s), 0);
	assert_near(s, 12345.67, 1e-9);
	assert_int_equal(uptime_parse("0.00 0.00\n", &s), 0);
	assert_near(s, 0.0, 0);
	assert_int_equal(uptime_parse("31536000.99 60000000.12\n", &s), 0);
	assert_near(s, 31536000.99, 1e-6);
}

static void
expect_uptime_fails(const char *buf)
{
	double s = -1;

	errno = 0;
	if (uptime_parse(buf, &s) != -1)
		fail_msg("uptime_parse accepted \"%.40s\" as %g", buf, s);
	assert_true(errno == EINVAL || errno == ERANGE);
}

static void
expect_uptime_fixture_fails(const char *rel)
{
	char *buf = tu_slurp(rel);

	expect_uptime_fails(buf);
	free(buf);
}

/* "359" alone (truncated before the idle column), letters, NaN, negative
 * and out-of-range values are errors, never a number. */
static void
parse_uptime_rejects(void **state)
{
	char *huge = tu_huge_line("1", '1', 2 * 1024 * 1024);

	(void)state;
	expect_uptime_fixture_fails("empty/proc/uptime");
	expect_uptime_fixture_fails("missing/proc/uptime");
	expect_uptime_fixture_fails("truncated/proc/uptime");
	expect_uptime_fixture_fails("letters/proc/uptime");
	expect_uptime_fixture_fails("garbage/proc/uptime");
	expect_uptime_fails("");
	expect_uptime_fails("-5.00 1.00\n");
	expect_uptime_fails("nan 1.00\n");
	expect_uptime_fails("inf 1.00\n");
	expect_uptime_fails("1e999 1.00\n");
	expect_uptime_fails("12x.5 1.00\n");
	expect_uptime_fails(huge);
	free(huge);
}

/* Every prefix of "359.53 658.78\n" and of the loadavg line: an error or
 * the true value. */
static void
every_prefix_is_error_or_exact(void **state)
{
	static const char up[] = "359.53 658.78\n";
	static const char la[] = "0.03 0.09 0.05 1/82 6949\n";
	char p[64];
	size_t len;

	(void)state;

	for (len = 0; len < sizeof up; len++) {
		double s = -1;

		memcpy(p, up, len);
		p[len] = '\0';
		if (uptime_parse(p, &s) == 0 && s != 359.53)
			fail_msg("uptime prefix \"%s\" parsed as %.17g", p, s);
	}
	for (len = 0; len < sizeof la; len++) {
		double l[3] = {-1, -1, -1};

		memcpy(p, la, len);
		p[len] = '\0';
		if (loadavg_parse(p, l) == 0 &&
		    (l[0] != 0.03 || l[1] != 0.09 || l[2] != 0.05))
			fail_msg("loadavg prefix \"%s\" parsed as %g %g %g", p,
			         l[0], l[1], l[2]);
	}
}

static void
read_uptime(void **state)
{
	double s = -1;

	(void)state;
	assert_int_equal(uptime_read(tu_fixture("real/proc"), &s), 0);
	assert_near(s, 359.53, 1e-9);
	assert_int_equal(uptime_read("/proc", &s), 0);
	assert_true(s > 0);
	errno = 0;
	assert_int_equal(uptime_read(tu_fixture("cpu64/proc"), &s), -1);
	assert_int_equal(errno, ENOENT);
	errno = 0;
	assert_int_equal(uptime_read(tu_fixture("letters/proc"), &s), -1);
	assert_int_equal(errno, EINVAL);
}

static void
read_uptime_huge(void **state)
{
	char *dir = tu_mkdtemp();
	char *big = tu_huge_line("359.53 658.78\n", ' ', SD_FILE_MAX + 10);
	double s;

	(void)state;
	tu_write_str(dir, "uptime", big);
	errno = 0;
	assert_int_equal(uptime_read(dir, &s), -1);
	assert_int_equal(errno, EFBIG);
	free(big);
	tu_rmtree(dir);
}

/* real/proc/loadavg: "0.03 0.09 0.05 1/82 6949\n" */
static void
parse_real_loadavg(void **state)
{
	char *buf = tu_slurp("real/proc/loadavg");
	double l[3] = {-1, -1, -1};

	(void)state;
	assert_int_equal(loadavg_parse(buf, l), 0);
	assert_near(l[0], 0.03, 1e-9);
	assert_near(l[1], 0.09, 1e-9);
	assert_near(l[2], 0.05, 1e-9);
	assert_int_equal(loadavg_parse("12.50 8.25 3.00 7/512 31337\n", l), 0);
	assert_near(l[0], 12.5, 1e-9);
	assert_near(l[1], 8.25, 1e-9);
	assert_near(l[2], 3.0, 1e-9);
	free(buf);
}

static void
expect_loadavg_fails(const char *buf)
{
	double l[3];

	errno = 0;
	if (loadavg_parse(buf, l) != -1)
		fail_msg("loadavg_parse accepted \"%.40s\"", buf);
	assert_true(errno == EINVAL || errno == ERANGE);
}

static void
parse_loadavg_rejects(void **state)
{
	static const char *const rels[] = {
		"empty/proc/loadavg",     "missing/proc/loadavg",
		"truncated/proc/loadavg", "letters/proc/loadavg",
		"garbage/proc/loadavg",
	};
	size_t i;
	char *buf;

	(void)state;
	for (i = 0; i < sizeof rels / sizeof rels[0]; i++) {
		buf = tu_slurp(rels[i]);
		expect_loadavg_fails(buf);
		free(buf);
	}
	expect_loadavg_fails("");
	expect_loadavg_fails("0.03 nan 0.05 1/82 6949\n");
	expect_loadavg_fails("-0.03 0.09 0.05 1/82 6949\n");
}

static void
read_loadavg(void **state)
{
	double l[3];

	(void)state;
	assert_int_equal(loadavg_read(tu_fixture("real/proc"), l), 0);
	assert_near(l[1], 0.09, 1e-9);
	assert_int_equal(loadavg_read("/proc", l), 0);
	assert_true(l[0] >= 0 && l[1] >= 0 && l[2] >= 0);
	errno = 0;
	assert_int_equal(loadavg_read(tu_fixture("cpu64/proc"), l), -1);
	assert_int_equal(errno, ENOENT);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parse_real_uptime),
		cmocka_unit_test(parse_uptime_values),
		cmocka_unit_test(parse_uptime_rejects),
		cmocka_unit_test(every_prefix_is_error_or_exact),
		cmocka_unit_test(read_uptime),
		cmocka_unit_test(read_uptime_huge),
		cmocka_unit_test(parse_real_loadavg),
		cmocka_unit_test(parse_loadavg_rejects),
		cmocka_unit_test(read_loadavg),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
