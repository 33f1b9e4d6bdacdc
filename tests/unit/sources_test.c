/* sources_test.c: /proc files kept open and re-read with pread
 * (lib/sources.c): fresh content every read, limits, errors. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "sysdash.h"
#include "testutil.h"

struct fx {
	char *dir;
	struct sd_config c;
	struct sd_sources s;
};

static int
setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);

	assert_non_null(f);
	f->dir = tu_mkdtemp();
	strcpy(f->c.proc_root, f->dir);
	tu_copy_fixture("real/proc/stat", f->dir, "stat");
	tu_copy_fixture("real/proc/meminfo", f->dir, "meminfo");
	tu_copy_fixture("real/proc/uptime", f->dir, "uptime");
	tu_copy_fixture("real/proc/loadavg", f->dir, "loadavg");
	sources_open(&f->s, &f->c);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *f = *state;

	sources_close(&f->s);
	tu_rmtree(f->dir);
	free(f);
	return 0;
}

static void
reads_each_file(void **state)
{
	static const char *const names[SRC_MAX] = {
		"stat",
		"meminfo",
		"uptime",
		"loadavg",
	};
	struct fx *f = *state;
	int i;

	for (i = 0; i < SRC_MAX; i++) {
		char rel[64];
		char *want;
		const char *got;

		assert_string_equal(sources_name((enum sd_source)i), names[i]);
		snprintf(rel, sizeof rel, "real/proc/%s", names[i]);
		want = tu_slurp(rel);
		got = sources_read(&f->s, (enum sd_source)i);
		assert_non_null(got);
		assert_string_equal(got, want);
		free(want);
	}
}

/* A rewrite in place, shorter then longer: each read is exactly the file
 * now, with no tail left from the longer text before. */
static void
rereads_rewritten_file(void **state)
{
	struct fx *f = *state;
	const char *got;
	char *longer = tu_huge_line("359.53 658.78\n", '7', 40000);

	assert_non_null(sources_read(&f->s, SRC_UPTIME));
	tu_write_str(f->dir, "uptime", "1.00 2.00\n");
	got = sources_read(&f->s, SRC_UPTIME);
	assert_non_null(got);
	assert_string_equal(got, "1.00 2.00\n");
	tu_write_str(f->dir, "uptime", longer);
	got = sources_read(&f->s, SRC_UPTIME);
	assert_non_null(got);
	assert_int_equal(strlen(got), 40000);
	assert_string_equal(got, longer);
	tu_write_str(f->dir, "uptime", "3.00 4.00\n");
	got = sources_read(&f->s, SRC_UPTIME);
	assert_string_equal(got, "3.00 4.00\n");
	free(longer);
}

/* Over SD_FILE_MAX: NULL with EFBIG; back to normal: read again. */
static void
huge_is_efbig_then_recovers(void **state)
{
	struct fx *f = *state;
	char *big = tu_huge_line("cpu  1 2 3 4\n", '1', SD_FILE_MAX + 1);

	tu_write_str(f->dir, "stat", big);
	free(big);
	errno = 0;
	assert_null(sources_read(&f->s, SRC_STAT));
	assert_int_equal(errno, EFBIG);
	tu_write_str(f->dir, "stat", "cpu  1 2 3 4\n");
	assert_string_equal(sources_read(&f->s, SRC_STAT), "cpu  1 2 3 4\n");
}

/* Exactly SD_FILE_MAX bytes is within the limit (util_read_file's
 * contract: EFBIG only beyond it). */
static void
exactly_max_fits(void **state)
{
	struct fx *f = *state;
	char *big = tu_huge_line("cpu  1 2 3 4\n", '1', SD_FILE_MAX);
	const char *got;

	tu_write_str(f->dir, "stat", big);
	free(big);
	got = sources_read(&f->s, SRC_STAT);
	if (!got)
		fail_msg("sources_read of exactly SD_FILE_MAX bytes: %s",
		         strerror(errno));
	assert_int_equal(strlen(got), SD_FILE_MAX);
}

/* A missing file is ENOENT, and is picked up once it appears. */
static void
missing_then_appears(void **state)
{
	struct fx *f = *state;
	char path[1024];

	snprintf(path, sizeof path, "%s/loadavg", f->dir);
	assert_int_equal(remove(path), 0);
	errno = 0;
	assert_null(sources_read(&f->s, SRC_LOADAVG));
	assert_int_equal(errno, ENOENT);
	tu_write_str(f->dir, "loadavg", "1.00 2.00 3.00 1/1 1\n");
	assert_string_equal(sources_read(&f->s, SRC_LOADAVG),
	                    "1.00 2.00 3.00 1/1 1\n");
}

/* Hostname and cgroup limits: due at first, then not again at once. */
static void
extras_due_once(void **state)
{
	struct fx *f = *state;

	assert_true(sources_extras_due(&f->s));
	assert_false(sources_extras_due(&f->s));
}

static void
live_proc(void **state)
{
	struct sd_config c;
	struct sd_sources s;
	const char *got;

	(void)state;
	memset(&c, 0, sizeof c);
	strcpy(c.proc_root, "/proc");
	sources_open(&s, &c);
	got = sources_read(&s, SRC_MEMINFO);
	assert_non_null(got);
	assert_memory_equal(got, "MemTotal:", 9);
	got = sources_read(&s, SRC_STAT);
	assert_non_null(got);
	assert_memory_equal(got, "cpu ", 4);
	sources_close(&s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(reads_each_file, setup,
	                                        teardown),
		cmocka_unit_test_setup_teardown(rereads_rewritten_file, setup,
	                                        teardown),
		cmocka_unit_test_setup_teardown(huge_is_efbig_then_recovers,
	                                        setup, teardown),
		cmocka_unit_test_setup_teardown(exactly_max_fits, setup,
	                                        teardown),
		cmocka_unit_test_setup_teardown(missing_then_appears, setup,
	                                        teardown),
		cmocka_unit_test_setup_teardown(extras_due_once, setup,
	                                        teardown),
		cmocka_unit_test(live_proc),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
