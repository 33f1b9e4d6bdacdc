/* metrics_test.c: metrics_collect, metrics_collect_fresh and the
 * open-sources path metrics_sample (lib/metrics.c, lib/sources.c) on
 * fixture trees, configured through config_load's environment. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statvfs.h>
#include <time.h>

#include "sysdash.h"
#include "testutil.h"

#define GIB (1024.0 * 1024 * 1024)

struct fx {
	char *disk; /* a temp dir: SYSDASH_DISK_PATH */
	char *tree; /* a temp proc tree some tests build */
	struct sd_config c;
};

static int
setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	char err[256];

	assert_non_null(f);
	f->disk = tu_mkdtemp();
	f->tree = tu_mkdtemp();
	setenv("SYSDASH_PROC_ROOT", tu_fixture("real/proc"), 1);
	setenv("SYSDASH_DISK_PATH", f->disk, 1);
	setenv("SYSDASH_CGROUP_ROOT", tu_fixture("cgroup-limited/cgroup"), 1);
	setenv("CPU_ALERT", "25", 1);
	setenv("RAM_ALERT", "1.4", 1);
	unsetenv("SYSDASH_INTERVAL");
	if (config_load(&f->c, SD_SERVER, err, sizeof err) != 0)
		fail_msg("config_load: %s", err);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *f = *state;

	tu_rmtree(f->disk);
	tu_rmtree(f->tree);
	free(f);
	return 0;
}

static void
set_root(struct fx *f, const char *root)
{
	assert_true(strlen(root) < sizeof f->c.proc_root);
	strcpy(f->c.proc_root, root);
}

static double
secs(const struct timespec *a, const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) +
	       (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

/* Disk figures of the temp dir, psutil's way, for comparison (other
 * processes write meanwhile: 0.05 GiB / 0.1 point of slack). */
static void
check_disk(const struct metrics *m, const char *path)
{
	struct statvfs sv;
	double total, used, avail;

	assert_int_equal(statvfs(path, &sv), 0);
	total = (double)sv.f_blocks * sv.f_frsize;
	used = (double)(sv.f_blocks - sv.f_bfree) * sv.f_frsize;
	avail = (double)sv.f_bavail * sv.f_frsize;
	assert_near(m->disk_total_gib, util_round(total / GIB, 2), 1e-9);
	assert_near(m->disk_used_gib, used / GIB, 0.05);
	assert_near(m->disk_percent, used / (used + avail) * 100, 0.15);
}

/* real/proc with prev = now - (500 busy, 2000 total) ticks:
 *   cpu  (5451 - 4951) / (71752 - 69752) = 500 / 2000 = 25.0 %
 *   ram  1.4 %, used 84468 kB / 2^20 = 0.0806 -> 0.08 GiB,
 *        total 24683656 kB / 2^20 = 23.5401 -> 23.54 GiB
 *   uptime 359.53 s = 00:05:59; load 0.03 0.09 0.05; 2 CPUs;
 *   btime 1795633413; no swap.
 * Alerts compare the published (rounded) values, as docs/API.md's
 * "cpu_percent >= CPU_ALERT" reads: 25.0 >= 25 and 1.4 >= 1.4. */
static void
collect_real_tree(void **state)
{
	struct fx *f = *state;
	struct cpu_times prev = {.busy = 4951, .total = 69752}, now;
	struct metrics m;
	struct timespec t0, t1;
	char err[256] = "", ts[64];

	clock_gettime(CLOCK_REALTIME, &t0);
	if (metrics_collect(&f->c, &prev, &now, &m, err, sizeof err) != 0)
		fail_msg("metrics_collect: %s", err);
	clock_gettime(CLOCK_REALTIME, &t1);
	assert_int_equal(now.busy, 5451);
	assert_int_equal(now.total, 71752);
	assert_true(m.cpu_percent == 25.0);
	assert_true(m.ram_percent == 1.4);
	assert_true(m.ram_used_gib == 0.08);
	assert_true(m.ram_total_gib == 23.54);
	assert_true(m.uptime_seconds == 359.53);
	assert_string_equal(m.uptime_hms, "00:05:59");
	assert_true(m.cpu_alert);
	assert_true(m.ram_alert);
	assert_near(m.cpu_alert_threshold, 25.0, 0);
	assert_near(m.ram_alert_threshold, 1.4, 0);
	assert_int_equal(m.cpu_count, 2);
	assert_near(m.load[0], 0.03, 1e-9);
	assert_near(m.load[1], 0.09, 1e-9);
	assert_near(m.load[2], 0.05, 1e-9);
	assert_int_equal(m.boot_time, 1795633413L);
	assert_near(m.swap_total_gib, 0, 0);
	assert_near(m.swap_percent, 0, 0);
	/* real/proc/sys/kernel/hostname is "vm\n" */
	assert_string_equal(m.hostname, "vm");
	/* cgroup-limited: 512 MiB, used 264 - 64 = 200 MiB, 2 cores */
	assert_true(m.cg.mem_limited);
	assert_int_equal(m.cg.mem_max, 536870912ULL);
	assert_int_equal(m.cg.mem_used, 209715200ULL);
	assert_true(m.cg.cpu_limited);
	assert_near(m.cg.cpu_quota_cores, 2.0, 1e-12);
	check_disk(&m, f->disk);
	/* the timestamp is `when` in ISO 8601, taken during the call */
	assert_true(secs(&t0, &m.when) >= -0.001 &&
	            secs(&m.when, &t1) >= -0.001);
	assert_int_equal(util_iso8601(&m.when, ts, sizeof ts), 0);
	assert_string_equal(m.timestamp, ts);
}

/* Below the thresholds: no alert (25.0 < 25.1, 1.4 < 1.5). */
static void
no_alert_below_threshold(void **state)
{
	struct fx *f = *state;
	struct cpu_times prev = {.busy = 4951, .total = 69752}, now;
	struct metrics m;
	char err[256] = "";

	f->c.cpu_alert = 25.1;
	f->c.ram_alert = 1.5;
	assert_int_equal(
		metrics_collect(&f->c, &prev, &now, &m, err, sizeof err), 0);
	assert_false(m.cpu_alert);
	assert_false(m.ram_alert);
}

/* nomemavail: the zoneinfo fallback gives 51.3 %; used 3400000 kB =
 * 3.2424 -> 3.24 GiB; total 8000000 kB = 7.6294 -> 7.63 GiB; swap total
 * 2000000 kB = 1.9073 -> 1.91 GiB, used 500000 kB = 0.4768 -> 0.48 GiB,
 * 25.0 %. */
static void
collect_without_memavailable(void **state)
{
	struct fx *f = *state;
	struct cpu_times prev = {0, 0}, now;
	struct metrics m;
	char err[256] = "";

	if (sysconf(_SC_PAGESIZE) != 4096)
		skip();
	set_root(f, tu_fixture("nomemavail/proc"));
	if (metrics_collect(&f->c, &prev, &now, &m, err, sizeof err) != 0)
		fail_msg("metrics_collect: %s", err);
	assert_true(m.ram_percent == 51.3);
	assert_true(m.ram_used_gib == 3.24);
	assert_true(m.ram_total_gib == 7.63);
	assert_true(m.swap_total_gib == 1.91);
	assert_true(m.swap_used_gib == 0.48);
	assert_true(m.swap_percent == 25.0);
	/* prev all zero: the whole history since boot, 5451 / 71752 = 7.6 % */
	assert_true(m.cpu_percent == 7.6);
}

static void
expect_failure(struct fx *f, const char *root, const char *name)
{
	struct cpu_times prev = {0, 0}, now;
	struct metrics m;
	char err[512] = "";

	set_root(f, root);
	if (metrics_collect(&f->c, &prev, &now, &m, err, sizeof err) != -1)
		fail_msg("metrics_collect on %s (bad %s) succeeded", root,
		         name);
	if (!tu_contains(err, name))
		fail_msg("message does not name %s: \"%s\"", name, err);
}

/* A failing source is an error naming the file, never a made-up number. */
static void
hostile_trees_fail(void **state)
{
	struct fx *f = *state;

	expect_failure(f, tu_fixture("empty/proc"), "stat");
	expect_failure(f, tu_fixture("garbage/proc"), "stat");
	expect_failure(f, tu_fixture("no-such-case/proc"), "stat");
	expect_failure(f, tu_fixture("cpu64/proc"), "meminfo");
}

/* The real tree with one file broken at a time: the message names it. */
static void
each_broken_file_is_named(void **state)
{
	static const char *const files[] = {"stat", "meminfo", "uptime"};
	struct fx *f = *state;
	size_t i, j;

	for (i = 0; i < sizeof files / sizeof files[0]; i++) {
		for (j = 0; j < sizeof files / sizeof files[0]; j++) {
			char rel[64];

			snprintf(rel, sizeof rel, "%s/proc/%s",
			         i == j ? "letters" : "real", files[j]);
			tu_copy_fixture(rel, f->tree, files[j]);
		}
		tu_copy_fixture("real/proc/loadavg", f->tree, "loadavg");
		expect_failure(f, f->tree, files[i]);
	}
}

static void
disk_path_missing_is_named(void **state)
{
	struct fx *f = *state;
	struct cpu_times prev = {0, 0}, now;
	struct metrics m;
	char err[512] = "";

	strcpy(f->c.disk_path, "/no/such/disk");
	assert_int_equal(
		metrics_collect(&f->c, &prev, &now, &m, err, sizeof err), -1);
	if (!tu_contains(err, "/no/such/disk"))
		fail_msg("message does not name the disk path: \"%s\"", err);
}

/* A garbled cgroup file or a missing loadavg are extras: the sample
 * still comes, without them. */
static void
extras_are_not_fatal(void **state)
{
	struct fx *f = *state;
	struct cpu_times prev = {0, 0}, now;
	struct metrics m;
	char err[256] = "";

	tu_copy_fixture("real/proc/stat", f->tree, "stat");
	tu_copy_fixture("real/proc/meminfo", f->tree, "meminfo");
	tu_copy_fixture("real/proc/uptime", f->tree, "uptime");
	set_root(f, f->tree);
	strcpy(f->c.cgroup_root, tu_fixture("cgroup-garbage/cgroup"));
	if (metrics_collect(&f->c, &prev, &now, &m, err, sizeof err) != 0)
		fail_msg("metrics_collect: %s", err);
	assert_true(m.ram_percent == 1.4);
	assert_false(m.cg.mem_limited);
	assert_near(m.load[0], 0, 0);
}

/* No previous reading: two readings ms apart. The fixture does not move,
 * so CPU is 0.0, and the call takes at least the 100 ms asked. */
static void
collect_fresh_waits(void **state)
{
	struct fx *f = *state;
	struct cpu_times now;
	struct metrics m;
	struct timespec t0, t1;
	char err[256] = "";

	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (metrics_collect_fresh(&f->c, 100, &now, &m, err, sizeof err) != 0)
		fail_msg("metrics_collect_fresh: %s", err);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	assert_true(secs(&t0, &t1) >= 0.099);
	assert_true(m.cpu_percent == 0.0);
	assert_int_equal(now.total, 71752);
}

/* Files kept open between samples must still show what the kernel (here:
 * a rewrite in place) says now. stat goes from the real fixture to
 * +150 user +50 system +700 idle +100 iowait: 200 / 1000 = 20.0 %. */
static void
sample_sees_rewritten_files(void **state)
{
	struct fx *f = *state;
	struct sd_sources s;
	struct cpu_times prev = {0, 0}, now;
	struct metrics m;
	char err[256] = "";

	tu_copy_fixture("real/proc/stat", f->tree, "stat");
	tu_copy_fixture("real/proc/meminfo", f->tree, "meminfo");
	tu_copy_fixture("real/proc/uptime", f->tree, "uptime");
	tu_copy_fixture("real/proc/loadavg", f->tree, "loadavg");
	set_root(f, f->tree);
	sources_open(&s, &f->c);
	if (metrics_sample(&s, &prev, &now, &m, err, sizeof err) != 0)
		fail_msg("metrics_sample: %s", err);
	assert_int_equal(now.total, 71752);
	prev = now;
	tu_write_str(f->tree, "stat",
	             "cpu  3479 0 2076 66577 524 0 91 5 0 0\n"
	             "cpu0 1 0 0 0 0 0 0 0 0 0\n"
	             "btime 1795633413\n");
	tu_write_str(f->tree, "uptime", "369.53 678.78\n");
	if (metrics_sample(&s, &prev, &now, &m, err, sizeof err) != 0)
		fail_msg("metrics_sample: %s", err);
	assert_int_equal(now.total, 72752);
	assert_true(m.cpu_percent == 20.0);
	assert_int_equal(m.cpu_count, 1);
	assert_true(m.uptime_seconds == 369.53);
	assert_string_equal(m.uptime_hms, "00:06:09");
	/* and a source that turns huge is an error, not a stale answer */
	{
		char *big = tu_huge_line("359.53 ", '1', SD_FILE_MAX + 10);

		tu_write_str(f->tree, "uptime", big);
		free(big);
	}
	prev = now;
	assert_int_equal(metrics_sample(&s, &prev, &now, &m, err, sizeof err),
	                 -1);
	if (!tu_contains(err, "uptime"))
		fail_msg("message does not name uptime: \"%s\"", err);
	sources_close(&s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(collect_real_tree, setup,
	                                        teardown),
		cmocka_unit_test_setup_teardown(no_alert_below_threshold, setup,
	                                        teardown),
		cmocka_unit_test_setup_teardown(collect_without_memavailable,
	                                        setup, teardown),
		cmocka_unit_test_setup_teardown(hostile_trees_fail, setup,
	                                        teardown),
		cmocka_unit_test_setup_teardown(each_broken_file_is_named,
	                                        setup, teardown),
		cmocka_unit_test_setup_teardown(disk_path_missing_is_named,
	                                        setup, teardown),
		cmocka_unit_test_setup_teardown(extras_are_not_fatal, setup,
	                                        teardown),
		cmocka_unit_test_setup_teardown(collect_fresh_waits, setup,
	                                        teardown),
		cmocka_unit_test_setup_teardown(sample_sees_rewritten_files,
	                                        setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
