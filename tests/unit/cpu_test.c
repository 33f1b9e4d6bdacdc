/* cpu_test.c: cpu_parse, cpu_read and cpu_percent (lib/cpu.c) against the
 * fixture trees and hostile /proc/stat text. */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "sysdash.h"
#include "testutil.h"

/* tests/fixtures/real/proc/stat, aggregate line:
 *   cpu  3329 0 2026 65877 424 0 91 5 0 0
 *   user nice system idle iowait irq softirq steal guest guest_nice
 * total = 3329+0+2026+65877+424+0+91+5 = 71752 (guest columns excluded)
 * idle  = 65877 + 424 = 66301, busy = 71752 - 66301 = 5451
 * two "cpuN" lines, btime 1795633413. */
#define REAL_BUSY 5451ULL
#define REAL_TOTAL 71752ULL
#define REAL_BTIME 1795633413L

static void
parse_real_stat(void **state)
{
	char *buf = tu_slurp("real/proc/stat");
	struct cpu_times t;
	int ncpu = -1;
	long btime = -1;

	(void)state;
	assert_int_equal(cpu_parse(buf, &t, &ncpu, &btime), 0);
	assert_int_equal(t.busy, REAL_BUSY);
	assert_int_equal(t.total, REAL_TOTAL);
	assert_int_equal(ncpu, 2);
	assert_int_equal(btime, REAL_BTIME);
	free(buf);
}

/* cpu64: aggregate "cpu  8416 128 3200 64000 640 0 320 64 192 64"
 * total = 8416+128+3200+64000+640+0+320+64 = 76768
 * busy  = 76768 - (64000+640) = 12128; guest 192 and guest_nice 64 are
 * already inside user and nice and must not be added again. */
static void
parse_64_cpus(void **state)
{
	char *buf = tu_slurp("cpu64/proc/stat");
	struct cpu_times t;
	int ncpu = 0;
	long btime = 0;

	(void)state;
	assert_int_equal(cpu_parse(buf, &t, &ncpu, &btime), 0);
	assert_int_equal(t.busy, 12128);
	assert_int_equal(t.total, 76768);
	assert_int_equal(ncpu, 64);
	assert_int_equal(btime, 1795600000L);
	free(buf);
}

/* total = 100+10+50+800+40+5+5+0 = 1010 (guest 30, guest_nice 5 left out)
 * busy = 1010 - 800 - 40 = 170 */
static void
parse_excludes_guest(void **state)
{
	struct cpu_times t;

	(void)state;
	assert_int_equal(
		cpu_parse("cpu  100 10 50 800 40 5 5 0 30 5\n", &t, NULL, NULL),
		0);
	assert_int_equal(t.total, 1010);
	assert_int_equal(t.busy, 170);
}

/* Linux 2.4 had only user nice system idle: the later columns are absent,
 * not fatal. busy = 10+20+30 = 60, total = 100. */
static void
parse_old_kernel_four_fields(void **state)
{
	struct cpu_times t;
	long btime = 0;
	int ncpu = 0;

	(void)state;
	assert_int_equal(cpu_parse("cpu  10 20 30 40\ncpu0 10 20 30 40\n"
	                           "btime 5\n",
	                           &t, &ncpu, &btime),
	                 0);
	assert_int_equal(t.busy, 60);
	assert_int_equal(t.total, 100);
	assert_int_equal(ncpu, 1);
	assert_int_equal(btime, 5);
}

static void
parse_without_btime_gives_zero(void **state)
{
	struct cpu_times t;
	long btime = 77;
	int ncpu = 77;

	(void)state;
	assert_int_equal(
		cpu_parse("cpu  1 0 1 8 0 0 0 0 0 0\n", &t, &ncpu, &btime), 0);
	assert_int_equal(btime, 0);
	assert_int_equal(ncpu, 0);
	assert_int_equal(t.busy, 2);
	assert_int_equal(t.total, 10);
}

/* An offline CPU leaves a gap: cpu0 cpu1 cpu3 are three lines. */
static void
parse_counts_cpu_lines(void **state)
{
	struct cpu_times t;
	int ncpu = 0;

	(void)state;
	assert_int_equal(cpu_parse("cpu  4 0 0 4 0 0 0 0 0 0\n"
	                           "cpu0 1 0 0 1 0 0 0 0 0 0\n"
	                           "cpu1 1 0 0 1 0 0 0 0 0 0\n"
	                           "cpu3 2 0 0 2 0 0 0 0 0 0\n"
	                           "intr 1 2 3\nctxt 9\n",
	                           &t, &ncpu, NULL),
	                 0);
	assert_int_equal(ncpu, 3);
	assert_int_equal(t.busy, 4);
	assert_int_equal(t.total, 8);
}

static void
expect_parse_fails(const char *buf)
{
	struct cpu_times t;
	int ncpu = 0;
	long btime = 0;

	tu_expect_parse_fails(cpu_parse(buf, &t, &ncpu, &btime), buf);
}

static void
expect_fixture_fails(const char *rel)
{
	char *buf = tu_slurp(rel);

	expect_parse_fails(buf);
	free(buf);
}

static void
parse_rejects_empty(void **state)
{
	(void)state;
	expect_parse_fails("");
	expect_fixture_fails("empty/proc/stat");
	expect_parse_fails("\n\n");
}

/* Only per-CPU lines, no aggregate "cpu " line: cpu0 is not the total. */
static void
parse_rejects_missing_aggregate(void **state)
{
	(void)state;
	expect_fixture_fails("missing/proc/stat");
	expect_parse_fails("cpu0 1 2 3 4 5 6 7 8 0 0\nbtime 5\n");
}

/* "cpu  3329 0 2026 65877 42" with no newline: iowait cut from 424 to 42
 * would be a wrong number, so it is an error. */
static void
parse_rejects_truncated(void **state)
{
	(void)state;
	expect_fixture_fails("truncated/proc/stat");
	expect_parse_fails("cpu  1 2 3\n");
	expect_parse_fails("cpu  1 2 3 4 5 6");
	expect_parse_fails("cpu\n");
}

static void
parse_rejects_letters(void **state)
{
	(void)state;
	expect_fixture_fails("letters/proc/stat");
	expect_parse_fails("cpu  1 2 x 4 5 6 7 8 0 0\n");
	expect_parse_fails("cpu  1 2 3 4 5 6 7 8 0 0x\n");
	expect_parse_fails("cpu  -1 2 3 4 5 6 7 8 0 0\n");
}

static void
parse_rejects_garbage(void **state)
{
	(void)state;
	expect_fixture_fails("garbage/proc/stat");
	expect_parse_fails("}{ not a proc file ]]\n");
}

/* 2^64 does not fit; neither does a sum that wraps. */
static void
parse_rejects_overflow(void **state)
{
	(void)state;
	expect_parse_fails("cpu  18446744073709551616 0 0 0 0 0 0 0 0 0\n");
	expect_parse_fails(
		"cpu  99999999999999999999999999 0 0 1 0 0 0 0 0 0\n");
	expect_parse_fails("cpu  18446744073709551615 1 0 1 0 0 0 0 0 0\n");
}

/* One 2 MiB line of digits: an error, never a crash. */
static void
parse_rejects_huge_line(void **state)
{
	char *buf = tu_huge_line("cpu  ", '7', 2 * 1024 * 1024);

	(void)state;
	expect_parse_fails(buf);
	free(buf);
}

/* Every prefix of the real stat file (a read cut at any byte): either an
 * error, or exactly the real counters; never a wrong number. The
 * aggregate line is whole only once its newline is in. */
static void
every_prefix_is_error_or_exact(void **state)
{
	static char full[8192], p[8192];
	char *f = tu_slurp("real/proc/stat");
	size_t n, first, len;
	struct cpu_times t;

	(void)state;
	assert_true(strlen(f) < sizeof full);
	strcpy(full, f);
	free(f);
	n = strlen(full);
	first = strcspn(full, "\n") + 1;
	for (len = 0; len <= n; len++) {
		int rc;

		memcpy(p, full, len);
		p[len] = '\0';
		rc = cpu_parse(p, &t, NULL, NULL);
		if (rc == 0 && (t.busy != REAL_BUSY || t.total != REAL_TOTAL))
			fail_msg("prefix of %zu bytes parsed as busy %llu "
			         "total %llu",
			         len, t.busy, t.total);
		if (len >= first && rc != 0)
			fail_msg(
				"prefix of %zu bytes (whole cpu line) rejected",
				len);
	}
}

static void
read_real_tree(void **state)
{
	struct cpu_times t;
	int ncpu = 0;
	long btime = 0;

	(void)state;
	assert_int_equal(cpu_read(tu_fixture("real/proc"), &t, &ncpu, &btime),
	                 0);
	assert_int_equal(t.busy, REAL_BUSY);
	assert_int_equal(t.total, REAL_TOTAL);
	assert_int_equal(ncpu, 2);
	assert_int_equal(btime, REAL_BTIME);
}

/* The live /proc/stat: st_size is 0 there, so a reader that trusts it
 * reads nothing. */
static void
read_live_proc(void **state)
{
	struct cpu_times t;
	int ncpu = 0;
	long btime = 0;
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	(void)state;
	assert_int_equal(cpu_read("/proc", &t, &ncpu, &btime), 0);
	assert_true(t.total > 0 && t.busy <= t.total);
	assert_true(ncpu >= n && n > 0);
	assert_true(btime > 946684800L); /* after 2000-01-01 */
}

static void
read_missing_file(void **state)
{
	struct cpu_times t;

	(void)state;
	errno = 0;
	assert_int_equal(
		cpu_read(tu_fixture("no-such-case/proc"), &t, NULL, NULL), -1);
	assert_int_equal(errno, ENOENT);
}

static void
read_hostile_trees(void **state)
{
	static const char *const cases[] = {
		"empty/proc",   "truncated/proc", "letters/proc",
		"garbage/proc", "missing/proc",
	};
	struct cpu_times t;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		errno = 0;
		if (cpu_read(tu_fixture(cases[i]), &t, NULL, NULL) != -1)
			fail_msg("cpu_read %s succeeded", cases[i]);
		assert_true(errno == EINVAL || errno == ERANGE);
	}
}

/* A 1.5 MiB stat is over SD_FILE_MAX: EFBIG, generated at run time. */
static void
read_huge_file(void **state)
{
	char *dir = tu_mkdtemp();
	char *big = tu_huge_line("cpu  1 2 3 4 5 6 7 8 0 0\nintr ", '0',
	                         SD_FILE_MAX + SD_FILE_MAX / 2);
	struct cpu_times t;

	(void)state;
	tu_write_str(dir, "stat", big);
	errno = 0;
	assert_int_equal(cpu_read(dir, &t, NULL, NULL), -1);
	assert_int_equal(errno, EFBIG);
	free(big);
	tu_rmtree(dir);
}

static void
read_root_too_long(void **state)
{
	char root[8192];
	struct cpu_times t;

	(void)state;
	memset(root, 'a', sizeof root - 1);
	root[0] = '/';
	root[sizeof root - 1] = '\0';
	errno = 0;
	assert_int_equal(cpu_read(root, &t, NULL, NULL), -1);
	assert_int_equal(errno, ENAMETOOLONG);
}

/* busy 100 -> 300, total 1000 -> 2000: 200 / 1000 = 20 % */
static void
percent_simple(void **state)
{
	struct cpu_times a = {.busy = 100, .total = 1000};
	struct cpu_times b = {.busy = 300, .total = 2000};

	(void)state;
	assert_near(cpu_percent(&a, &b), 20.0, 1e-9);
}

/* 64-CPU fixture, then every CPU adds user 25 and idle 75 ticks:
 * busy 12128 + 64*25 = 13728, total 76768 + 64*100 = 83168;
 * 1600 / 6400 = 25 %. */
static void
percent_from_fixture(void **state)
{
	char *buf = tu_slurp("cpu64/proc/stat");
	struct cpu_times a, b;

	(void)state;
	assert_int_equal(cpu_parse(buf, &a, NULL, NULL), 0);
	assert_int_equal(cpu_parse("cpu  10016 128 3200 68800 640 0 320 64 "
	                           "192 64\n",
	                           &b, NULL, NULL),
	                 0);
	assert_int_equal(b.busy, 13728);
	assert_int_equal(b.total, 83168);
	assert_near(cpu_percent(&a, &b), 25.0, 1e-9);
	free(buf);
}

/* 1 busy tick in 3: 33.33 %, rounded or not. */
static void
percent_third(void **state)
{
	struct cpu_times a = {.busy = 0, .total = 0};
	struct cpu_times b = {.busy = 1, .total = 3};

	(void)state;
	assert_near(cpu_percent(&a, &b), 100.0 / 3, 0.05);
}

static void
percent_all_busy_and_idle(void **state)
{
	struct cpu_times a = {.busy = 50, .total = 100};
	struct cpu_times busy = {.busy = 150, .total = 200};
	struct cpu_times idle = {.busy = 50, .total = 200};

	(void)state;
	assert_near(cpu_percent(&a, &busy), 100.0, 1e-9);
	assert_near(cpu_percent(&a, &idle), 0.0, 1e-9);
}

/* No time passed: 0, not NaN. */
static void
percent_zero_total(void **state)
{
	struct cpu_times a = {.busy = 50, .total = 100};

	(void)state;
	assert_near(cpu_percent(&a, &a), 0.0, 1e-9);
}

/* Counters that went backwards (a reboot between --once runs, a
 * hotplugged CPU) saturate to 0 instead of wrapping to 2^64. */
static void
percent_backwards_saturates(void **state)
{
	struct cpu_times a = {.busy = 5000, .total = 90000};
	struct cpu_times rebooted = {.busy = 10, .total = 100};
	struct cpu_times busy_back = {.busy = 4000, .total = 91000};
	double p;

	(void)state;
	p = cpu_percent(&a, &rebooted);
	assert_near(p, 0.0, 1e-9);
	p = cpu_percent(&a, &busy_back);
	assert_near(p, 0.0, 1e-9);
}

/* busy grew more than total (bogus counters): exactly 100, never above
 * and not 0. 500 busy of 400 ticks, and 600 of 300: the busy delta is cut
 * to the total's, 400/400 and 300/300. */
static void
percent_clamped_to_100(void **state)
{
	struct cpu_times a = {.busy = 0, .total = 0};
	struct cpu_times b = {.busy = 500, .total = 400};
	struct cpu_times c = {.busy = 100, .total = 1000};
	struct cpu_times d = {.busy = 700, .total = 1300};

	(void)state;
	assert_near(cpu_percent(&a, &b), 100.0, 0);
	assert_near(cpu_percent(&c, &d), 100.0, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parse_real_stat),
		cmocka_unit_test(parse_64_cpus),
		cmocka_unit_test(parse_excludes_guest),
		cmocka_unit_test(parse_old_kernel_four_fields),
		cmocka_unit_test(parse_without_btime_gives_zero),
		cmocka_unit_test(parse_counts_cpu_lines),
		cmocka_unit_test(parse_rejects_empty),
		cmocka_unit_test(parse_rejects_missing_aggregate),
		cmocka_unit_test(parse_rejects_truncated),
		cmocka_unit_test(parse_rejects_letters),
		cmocka_unit_test(parse_rejects_garbage),
		cmocka_unit_test(parse_rejects_overflow),
		cmocka_unit_test(parse_rejects_huge_line),
		cmocka_unit_test(every_prefix_is_error_or_exact),
		cmocka_unit_test(read_real_tree),
		cmocka_unit_test(read_live_proc),
		cmocka_unit_test(read_missing_file),
		cmocka_unit_test(read_hostile_trees),
		cmocka_unit_test(read_huge_file),
		cmocka_unit_test(read_root_too_long),
		cmocka_unit_test(percent_simple),
		cmocka_unit_test(percent_from_fixture),
		cmocka_unit_test(percent_third),
		cmocka_unit_test(percent_all_busy_and_idle),
		cmocka_unit_test(percent_zero_total),
		cmocka_unit_test(percent_backwards_saturates),
		cmocka_unit_test(percent_clamped_to_100),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
