/* cgroup_test.c: cgroup v2 limits (lib/cgroup.c): memory.max, cpu.max,
 * memory.current and memory.stat, from the cgroup-* fixture dirs. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "sysdash.h"
#include "testutil.h"

#define MIB (1024ULL * 1024)

static void
parse_max_number_and_max(void **state)
{
	unsigned long long v = 0;
	bool lim = false;

	(void)state;
	assert_int_equal(cgroup_parse_max("536870912\n", &v, &lim), 0);
	assert_true(lim);
	assert_int_equal(v, 536870912);
	assert_int_equal(cgroup_parse_max("max\n", &v, &lim), 0);
	assert_false(lim);
	assert_int_equal(cgroup_parse_max("18446744073709551615\n", &v, &lim),
	                 0);
	assert_true(lim);
	assert_true(v == 18446744073709551615ULL);
}

static void
parse_max_rejects(void **state)
{
	static const char *const bad[] = {
		"",          "\n",        "lots\n", "-1\n",
		"12abc\n",   "maximum\n", "1.5\n",  "18446744073709551616\n",
		"max max\n", "0x100\n",
	};
	unsigned long long v;
	bool lim;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		errno = 0;
		if (cgroup_parse_max(bad[i], &v, &lim) != -1)
			fail_msg("cgroup_parse_max accepted \"%s\"", bad[i]);
		assert_true(errno == EINVAL || errno == ERANGE);
	}
}

/* cpu.max is "$QUOTA $PERIOD" in microseconds: 200000/100000 = 2 cores,
 * 50000/100000 = 0.5, 150000/100000 = 1.5; "max 100000" = no quota. */
static void
parse_cpu_max(void **state)
{
	double cores = -1;
	bool lim = false;

	(void)state;
	assert_int_equal(cgroup_parse_cpu_max("200000 100000\n", &cores, &lim),
	                 0);
	assert_true(lim);
	assert_near(cores, 2.0, 1e-12);
	assert_int_equal(cgroup_parse_cpu_max("50000 100000\n", &cores, &lim),
	                 0);
	assert_near(cores, 0.5, 1e-12);
	assert_int_equal(cgroup_parse_cpu_max("150000 100000\n", &cores, &lim),
	                 0);
	assert_near(cores, 1.5, 1e-12);
	assert_int_equal(cgroup_parse_cpu_max("max 100000\n", &cores, &lim), 0);
	assert_false(lim);
}

static void
parse_cpu_max_rejects(void **state)
{
	static const char *const bad[] = {
		"",
		"\n",
		"fast 100000\n",
		"200000 0\n",
		"200000 abc\n",
		"-200000 100000\n",
		"200000 -100000\n",
		"2e5 100000\n",
		"99999999999999999999999 100000\n",
	};
	double cores;
	bool lim;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		errno = 0;
		if (cgroup_parse_cpu_max(bad[i], &cores, &lim) != -1)
			fail_msg("cgroup_parse_cpu_max accepted \"%s\"",
			         bad[i]);
		assert_true(errno == EINVAL || errno == ERANGE);
	}
}

/* Every prefix of "536870912\n" and "200000 100000\n" (a cut read): an
 * error, "no limit" never, and a limit only when it is the true one. */
static void
every_prefix_is_error_or_exact(void **state)
{
	static const char mem[] = "536870912\n";
	static const char cpu[] = "200000 100000\n";
	char p[64];
	size_t len;

	(void)state;
	for (len = 0; len < sizeof mem; len++) {
		unsigned long long v = 0;
		bool lim = false;

		memcpy(p, mem, len);
		p[len] = '\0';
		if (cgroup_parse_max(p, &v, &lim) == 0 &&
		    (!lim || v != 536870912ULL))
			fail_msg("memory.max \"%s\" parsed as %s %llu", p,
			         lim ? "limit" : "no limit", v);
	}
	for (len = 0; len < sizeof cpu; len++) {
		double cores = 0;
		bool lim = false;

		memcpy(p, cpu, len);
		p[len] = '\0';
		if (cgroup_parse_cpu_max(p, &cores, &lim) == 0 &&
		    (!lim || cores != 2.0))
			fail_msg("cpu.max \"%s\" parsed as %s %g", p,
			         lim ? "quota" : "no quota", cores);
	}
}

/* cgroup-limited: memory.max 536870912 (512 MiB), memory.current
 * 276824064 (264 MiB), memory.stat inactive_file 67108864 (64 MiB):
 * used = 264 - 64 = 200 MiB = 209715200; cpu.max 200000 100000 = 2. */
static void
read_limited(void **state)
{
	struct cgroup_info c;

	(void)state;
	assert_int_equal(cgroup_read(tu_fixture("cgroup-limited/cgroup"), &c),
	                 0);
	assert_true(c.mem_limited);
	assert_int_equal(c.mem_max, 512 * MIB);
	assert_int_equal(c.mem_used, 200 * MIB);
	assert_true(c.cpu_limited);
	assert_near(c.cpu_quota_cores, 2.0, 1e-12);
}

static void
read_unlimited(void **state)
{
	struct cgroup_info c;

	(void)state;
	assert_int_equal(cgroup_read(tu_fixture("cgroup-unlimited/cgroup"), &c),
	                 0);
	assert_false(c.mem_limited);
	assert_false(c.cpu_limited);
}

/* No files (cgroup v1 host, or outside any container): no limits, no
 * error. A missing directory is the same. */
static void
read_absent_files(void **state)
{
	struct cgroup_info c;

	(void)state;
	assert_int_equal(cgroup_read(tu_fixture("cgroup-none/cgroup"), &c), 0);
	assert_false(c.mem_limited);
	assert_false(c.cpu_limited);
	assert_int_equal(cgroup_read(tu_fixture("no-such-case/cgroup"), &c), 0);
	assert_false(c.mem_limited);
	assert_false(c.cpu_limited);
}

static void
read_garbage(void **state)
{
	struct cgroup_info c;

	(void)state;
	assert_int_equal(cgroup_read(tu_fixture("cgroup-garbage/cgroup"), &c),
	                 -1);
	assert_int_equal(
		cgroup_read(tu_fixture("cgroup-garbage-cpu/cgroup"), &c), -1);
}

/* cgroup-overcount: inactive_file 4 MiB > memory.current 1 MiB (the two
 * files are read at different moments). Like docker stats
 * (calculateMemUsageUnixNoCache) the subtraction is skipped and used is
 * memory.current, 1 MiB, never a wrapped or zero figure;
 * cpu 50000/100000 = 0.5. */
static void
read_overcount_saturates(void **state)
{
	struct cgroup_info c;

	(void)state;
	assert_int_equal(cgroup_read(tu_fixture("cgroup-overcount/cgroup"), &c),
	                 0);
	assert_true(c.mem_limited);
	assert_int_equal(c.mem_max, 1024 * MIB);
	assert_int_equal(c.mem_used, 1 * MIB);
	assert_true(c.cpu_limited);
	assert_near(c.cpu_quota_cores, 0.5, 1e-12);
}

/* No memory.stat: used is memory.current (3 MiB). */
static void
read_without_memory_stat(void **state)
{
	char *dir = tu_mkdtemp();
	struct cgroup_info c;

	(void)state;
	tu_write_str(dir, "memory.max", "1073741824\n");
	tu_write_str(dir, "memory.current", "3145728\n");
	assert_int_equal(cgroup_read(dir, &c), 0);
	assert_true(c.mem_limited);
	assert_int_equal(c.mem_used, 3 * MIB);
	assert_false(c.cpu_limited);
	tu_rmtree(dir);
}

/* A memory.max over 1 MiB is garbled, not absent: -1, not "no limit". */
static void
read_huge_file(void **state)
{
	char *dir = tu_mkdtemp();
	char *big = tu_huge_line("1", '0', SD_FILE_MAX + 100);
	struct cgroup_info c;

	(void)state;
	tu_write_str(dir, "memory.max", big);
	assert_int_equal(cgroup_read(dir, &c), -1);
	free(big);
	tu_rmtree(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parse_max_number_and_max),
		cmocka_unit_test(parse_max_rejects),
		cmocka_unit_test(parse_cpu_max),
		cmocka_unit_test(parse_cpu_max_rejects),
		cmocka_unit_test(every_prefix_is_error_or_exact),
		cmocka_unit_test(read_limited),
		cmocka_unit_test(read_unlimited),
		cmocka_unit_test(read_absent_files),
		cmocka_unit_test(read_garbage),
		cmocka_unit_test(read_overcount_saturates),
		cmocka_unit_test(read_without_memory_stat),
		cmocka_unit_test(read_huge_file),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
