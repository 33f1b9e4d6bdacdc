/* mem_test.c: mem_parse, mem_fallback_avail, mem_read, mem_percent and
 * mem_used (lib/mem.c) with psutil 5.9's semantics (docs/API.md). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sysdash.h"
#include "testutil.h"

#define KB 1024ULL

/* tests/fixtures/real/proc/meminfo (kB):
 *   MemTotal 24683656, MemFree 24228852, MemAvailable 24343108,
 *   Buffers 2340, Cached 295256, SReclaimable 72740,
 *   Active(file) 63524, Inactive(file) 225120, SwapTotal 0, SwapFree 0.
 * percent = (24683656 - 24343108) / 24683656 * 100 = 340548 / 24683656
 *         = 1.3796 %  -> 1.4
 * used    = 24683656 - 24228852 - 2340 - 295256 - 72740 = 84468 kB
 *         = 86495232 bytes (psutil.virtual_memory().used on this tree) */
static void
check_real(const struct mem_info *m)
{
	assert_int_equal(m->total, 24683656 * KB);
	assert_int_equal(m->free, 24228852 * KB);
	assert_int_equal(m->available, 24343108 * KB);
	assert_int_equal(m->buffers, 2340 * KB);
	assert_int_equal(m->cached, 295256 * KB);
	assert_int_equal(m->sreclaimable, 72740 * KB);
	assert_int_equal(m->active_file, 63524 * KB);
	assert_int_equal(m->inactive_file, 225120 * KB);
	assert_int_equal(m->swap_total, 0);
	assert_int_equal(m->swap_free, 0);
	assert_true(m->avail_known);
	assert_true(m->have_lru);
	assert_near(mem_percent(m), 340548.0 / 24683656 * 100, 0.05);
	assert_near(util_round(mem_percent(m), 1), 1.4, 1e-9);
	assert_int_equal(mem_used(m), 84468 * KB);
}

static void
parse_real_meminfo(void **state)
{
	char *buf = tu_slurp("real/proc/meminfo");
	struct mem_info m;

	(void)state;
	assert_int_equal(mem_parse(buf, &m), 0);
	check_real(&m);
	free(buf);
}

static void
read_real_tree(void **state)
{
	struct mem_info m;

	(void)state;
	assert_int_equal(mem_read(tu_fixture("real/proc"), &m), 0);
	check_real(&m);
}

/* nomemavail (kernel 3.10 style, kB): MemTotal 8000000, MemFree 1000000,
 * Buffers 200000, Cached 3000000, Active(file) 1200000,
 * Inactive(file) 1600000, SReclaimable 400000, SwapTotal 2000000,
 * SwapFree 1500000; zoneinfo low watermarks 6 + 5000 + 20594 = 25600
 * pages. psutil's calculate_avail_vmem with 4 KiB pages, in bytes:
 *   free      = 1000000 * 1024              = 1024000000
 *   watermark = 25600 * 4096                =  104857600
 *   avail     = free - watermark            =  919142400
 *   pagecache = (1200000 + 1600000) * 1024  = 2867200000
 *   pagecache -= min(pagecache / 2, wm)     -> 2762342400; avail 3681484800
 *   slab      = 400000 * 1024 = 409600000; slab - min(slab / 2, wm)
 *             = 304742400 (psutil 5.9.4 adds it) -> avail 3986227200
 * percent = (8192000000 - 3986227200) / 8192000000 * 100 = 51.34 -> 51.3
 * used = 8000000 - 1000000 - 200000 - 3000000 - 400000 = 3400000 kB */
#define NOAVAIL_TOTAL (8000000 * KB)
#define NOAVAIL_AVAIL 3986227200ULL

static void
parse_no_memavailable_with_zoneinfo(void **state)
{
	char *buf = tu_slurp("nomemavail/proc/meminfo");
	char *zone = tu_slurp("nomemavail/proc/zoneinfo");
	struct mem_info m;

	(void)state;
	assert_int_equal(mem_parse(buf, &m), 0);
	assert_false(m.avail_known);
	assert_true(m.have_lru);
	assert_int_equal(m.total, NOAVAIL_TOTAL);
	assert_int_equal(m.swap_total, 2000000 * KB);
	assert_int_equal(m.swap_free, 1500000 * KB);
	mem_fallback_avail(&m, zone, 4096);
	assert_int_equal(m.available, NOAVAIL_AVAIL);
	assert_near(mem_percent(&m), 51.34, 0.05);
	assert_near(util_round(mem_percent(&m), 1), 51.3, 1e-9);
	assert_int_equal(mem_used(&m), 3400000 * KB);
	free(zone);
	free(buf);
}

static void
read_no_memavailable_with_zoneinfo(void **state)
{
	struct mem_info m;

	(void)state;
	if (sysconf(_SC_PAGESIZE) != 4096)
		skip();
	assert_int_equal(mem_read(tu_fixture("nomemavail/proc"), &m), 0);
	assert_false(m.avail_known);
	assert_int_equal(m.available, NOAVAIL_AVAIL);
	assert_int_equal(mem_used(&m), 3400000 * KB);
}

/* Without zoneinfo (kernel 2.6.13) psutil falls back to MemFree + Cached
 * = 1000000 + 3000000 = 4000000 kB; percent = 4000000 / 8000000 = 50.0 */
static void
parse_no_memavailable_no_zoneinfo(void **state)
{
	char *buf = tu_slurp("nomemavail-nozone/proc/meminfo");
	struct mem_info m;

	(void)state;
	assert_int_equal(mem_parse(buf, &m), 0);
	mem_fallback_avail(&m, NULL, 4096);
	assert_int_equal(m.available, 4000000 * KB);
	assert_near(mem_percent(&m), 50.0, 1e-9);
	free(buf);
}

static void
read_no_memavailable_no_zoneinfo(void **state)
{
	struct mem_info m;

	(void)state;
	assert_int_equal(mem_read(tu_fixture("nomemavail-nozone/proc"), &m), 0);
	assert_false(m.avail_known);
	assert_int_equal(m.available, 4000000 * KB);
	assert_near(mem_percent(&m), 50.0, 1e-9);
	assert_int_equal(mem_used(&m), 3400000 * KB);
}

/* No Active(file)/Inactive(file): psutil skips zoneinfo and uses
 * MemFree + Cached = 4000000 kB again. */
static void
no_lru_fields_fall_back_to_free_plus_cached(void **state)
{
	char *buf = tu_slurp("nomemavail-nolru/proc/meminfo");
	char *zone = tu_slurp("nomemavail-nolru/proc/zoneinfo");
	struct mem_info m;

	(void)state;
	assert_int_equal(mem_parse(buf, &m), 0);
	assert_false(m.have_lru);
	mem_fallback_avail(&m, zone, 4096);
	assert_int_equal(m.available, 4000000 * KB);
	assert_int_equal(mem_read(tu_fixture("nomemavail-nolru/proc"), &m), 0);
	assert_int_equal(m.available, 4000000 * KB);
	assert_near(mem_percent(&m), 50.0, 1e-9);
	free(zone);
	free(buf);
}

/* Fallback below zero: free 10 kB, watermark 1000 pages. psutil sets
 * available to 0, so percent is 100. */
static void
fallback_negative_is_zero(void **state)
{
	struct mem_info m;

	(void)state;
	assert_int_equal(mem_parse("MemTotal: 1000 kB\nMemFree: 10 kB\n"
	                           "Cached: 0 kB\nActive(file): 0 kB\n"
	                           "Inactive(file): 0 kB\nSReclaimable: 0 kB\n",
	                           &m),
	                 0);
	mem_fallback_avail(&m, "Node 0, zone Normal\n        low      1000\n",
	                   4096);
	assert_int_equal(m.available, 0);
	assert_near(mem_percent(&m), 100.0, 1e-9);
}

/* lxc: MemAvailable 16777216 kB > MemTotal 2097152 kB (the host's figure
 * inside a container); psutil then uses MemFree = 524288 kB:
 * percent = (2097152 - 524288) / 2097152 = 75.0;
 * used = 2097152 - 524288 - 0 - 262144 - 32768 = 1277952 kB */
static void
available_above_total_uses_free(void **state)
{
	char *buf = tu_slurp("lxc/proc/meminfo");
	struct mem_info m;

	(void)state;
	assert_int_equal(mem_parse(buf, &m), 0);
	assert_near(mem_percent(&m), 75.0, 1e-9);
	assert_int_equal(mem_used(&m), 1277952 * KB);
	assert_int_equal(mem_read(tu_fixture("lxc/proc"), &m), 0);
	assert_near(mem_percent(&m), 75.0, 1e-9);
	free(buf);
}

/* used would be negative (Cached larger than Total - Free): psutil uses
 * total - free = 1000 - 100 = 900 kB. Optional fields absent = 0. */
static void
used_negative_falls_back(void **state)
{
	struct mem_info m;

	(void)state;
	assert_int_equal(mem_parse("MemTotal: 1000 kB\nMemFree: 100 kB\n"
	                           "MemAvailable: 500 kB\nCached: 2000 kB\n",
	                           &m),
	                 0);
	assert_int_equal(m.buffers, 0);
	assert_int_equal(m.sreclaimable, 0);
	assert_int_equal(mem_used(&m), 900 * KB);
	assert_near(mem_percent(&m), 50.0, 1e-9);
}

static void
expect_parse_fails(const char *buf)
{
	struct mem_info m;

	tu_expect_parse_fails(mem_parse(buf, &m), buf);
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
	expect_parse_fails("\n");
	expect_fixture_fails("empty/proc/meminfo");
}

static void
parse_rejects_missing_required(void **state)
{
	(void)state;
	expect_fixture_fails("missing/proc/meminfo");
	expect_parse_fails("MemTotal: 1000 kB\nMemAvailable: 500 kB\n");
	expect_parse_fails("MemFree: 1000 kB\nMemAvailable: 500 kB\n");
	expect_parse_fails("MemTotal: 0 kB\nMemFree: 0 kB\n");
	expect_parse_fails("MemTotal:\nMemFree: 1 kB\n");
}

/* MemAvailable cut from 24343108 to "2434" with no unit and no newline:
 * taking it would report 99.99 % RAM. */
static void
parse_rejects_truncated(void **state)
{
	(void)state;
	expect_fixture_fails("truncated/proc/meminfo");
	expect_parse_fails("MemTotal:       24683656 kB\nMemFree:        2422");
}

/* Regression (proc_fuzz, tests/fuzz/proc/regress-memfree-over-total): a
 * second MemFree line larger than MemTotal made available > total. */
static void
parse_rejects_free_over_total(void **state)
{
	(void)state;
	expect_parse_fails("MemTotal: 1000 kB\nMemFree: 1001 kB\n");
	expect_parse_fails("MemTotal: 1000 kB\nMemFree: 10 kB\n"
	                   "MemAvailable: 5000 kB\nMemFree: 2000 kB\n");
}

static void
parse_rejects_letters(void **state)
{
	(void)state;
	expect_fixture_fails("letters/proc/meminfo");
	expect_parse_fails("MemTotal: 1O00 kB\nMemFree: 100 kB\n");
	expect_parse_fails("MemTotal: -1000 kB\nMemFree: 100 kB\n");
}

static void
parse_rejects_garbage(void **state)
{
	(void)state;
	expect_fixture_fails("garbage/proc/meminfo");
}

/* 2^64 - 1 kB cannot be turned into bytes. */
static void
parse_rejects_overflow(void **state)
{
	(void)state;
	expect_parse_fails("MemTotal: 18446744073709551615 kB\n"
	                   "MemFree: 1 kB\n");
	expect_parse_fails("MemTotal: 99999999999999999999999 kB\n"
	                   "MemFree: 1 kB\n");
}

static void
parse_rejects_huge_line(void **state)
{
	char *buf = tu_huge_line("MemTotal: ", '9', 2 * 1024 * 1024);

	(void)state;
	expect_parse_fails(buf);
	free(buf);
}

/* Every prefix of the real meminfo (a read cut at any byte): an error, or
 * figures that are all true: MemTotal and MemFree exact, every other field
 * either exact or absent (0). Never a cut number taken as a value. */
static void
every_prefix_is_error_or_exact(void **state)
{
	static char full[8192], p[8192];
	char *f = tu_slurp("real/proc/meminfo");
	size_t n, len;
	struct mem_info m;

	(void)state;
	assert_true(strlen(f) < sizeof full);
	strcpy(full, f);
	free(f);
	n = strlen(full);
	for (len = 0; len <= n; len++) {
		memcpy(p, full, len);
		p[len] = '\0';
		if (mem_parse(p, &m) == 0) {
			if (m.total != 24683656 * KB ||
			    m.free != 24228852 * KB ||
			    (m.avail_known && m.available != 24343108 * KB) ||
			    (m.buffers && m.buffers != 2340 * KB) ||
			    (m.cached && m.cached != 295256 * KB) ||
			    (m.sreclaimable && m.sreclaimable != 72740 * KB) ||
			    (m.active_file && m.active_file != 63524 * KB) ||
			    (m.inactive_file && m.inactive_file != 225120 * KB))
				fail_msg("prefix of %zu bytes gave a wrong "
				         "figure "
				         "(total %llu free %llu avail %llu "
				         "buffers "
				         "%llu cached %llu)",
				         len, m.total, m.free, m.available,
				         m.buffers, m.cached);
		}
	}
}

static void
read_hostile_trees(void **state)
{
	static const char *const cases[] = {
		"empty/proc",   "truncated/proc", "letters/proc",
		"garbage/proc", "missing/proc",
	};
	struct mem_info m;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		errno = 0;
		if (mem_read(tu_fixture(cases[i]), &m) != -1)
			fail_msg("mem_read %s succeeded", cases[i]);
		assert_true(errno == EINVAL || errno == ERANGE);
	}
}

static void
read_missing_file(void **state)
{
	struct mem_info m;

	(void)state;
	errno = 0;
	assert_int_equal(mem_read(tu_fixture("cpu64/proc"), &m), -1);
	assert_int_equal(errno, ENOENT);
}

static void
read_huge_file(void **state)
{
	char *dir = tu_mkdtemp();
	char *big = tu_huge_line("MemTotal: 1000 kB\nMemFree: 10 kB\nX: ", '1',
	                         SD_FILE_MAX + 4096);
	struct mem_info m;

	(void)state;
	tu_write_str(dir, "meminfo", big);
	errno = 0;
	assert_int_equal(mem_read(dir, &m), -1);
	assert_int_equal(errno, EFBIG);
	free(big);
	tu_rmtree(dir);
}

/* The live file: MemTotal at least 16 MiB, available within total. */
static void
read_live_proc(void **state)
{
	struct mem_info m;
	double p;

	(void)state;
	assert_int_equal(mem_read("/proc", &m), 0);
	assert_true(m.total >= 16 * KB * KB);
	assert_true(m.available <= m.total && m.free <= m.total);
	p = mem_percent(&m);
	assert_true(p >= 0.0 && p <= 100.0);
	assert_true(mem_used(&m) <= m.total);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parse_real_meminfo),
		cmocka_unit_test(read_real_tree),
		cmocka_unit_test(parse_no_memavailable_with_zoneinfo),
		cmocka_unit_test(read_no_memavailable_with_zoneinfo),
		cmocka_unit_test(parse_no_memavailable_no_zoneinfo),
		cmocka_unit_test(read_no_memavailable_no_zoneinfo),
		cmocka_unit_test(no_lru_fields_fall_back_to_free_plus_cached),
		cmocka_unit_test(fallback_negative_is_zero),
		cmocka_unit_test(available_above_total_uses_free),
		cmocka_unit_test(used_negative_falls_back),
		cmocka_unit_test(parse_rejects_empty),
		cmocka_unit_test(parse_rejects_missing_required),
		cmocka_unit_test(parse_rejects_truncated),
		cmocka_unit_test(parse_rejects_letters),
		cmocka_unit_test(parse_rejects_free_over_total),
		cmocka_unit_test(parse_rejects_garbage),
		cmocka_unit_test(parse_rejects_overflow),
		cmocka_unit_test(parse_rejects_huge_line),
		cmocka_unit_test(every_prefix_is_error_or_exact),
		cmocka_unit_test(read_hostile_trees),
		cmocka_unit_test(read_missing_file),
		cmocka_unit_test(read_huge_file),
		cmocka_unit_test(read_live_proc),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
