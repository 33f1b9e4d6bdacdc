/* disk_test.c: disk_read (statvfs) and disk_percent (lib/disk.c) with
 * psutil.disk_usage semantics. */
#include <errno.h>
#include <stdlib.h>
#include <sys/statvfs.h>

#include "sysdash.h"
#include "testutil.h"

#define MIB (1024ULL * 1024)

/* psutil.disk_usage: total = f_blocks*f_frsize,
 * used = (f_blocks - f_bfree)*f_frsize, free = f_bavail*f_frsize. Other
 * processes write meanwhile, so used/avail get 256 MiB of slack; total is
 * exact. */
static void check_against_statvfs(const char *path)
{
	struct disk_info d;
	struct statvfs sv;
	unsigned long long total, used, avail;

	assert_int_equal(disk_read(path, &d), 0);
	assert_int_equal(statvfs(path, &sv), 0);
	total = (unsigned long long)sv.f_blocks * sv.f_frsize;
	used = (unsigned long long)(sv.f_blocks - sv.f_bfree) * sv.f_frsize;
	avail = (unsigned long long)sv.f_bavail * sv.f_frsize;
	assert_int_equal(d.total, total);
	assert_near((double)d.used, (double)used, 256.0 * MIB);
	assert_near((double)d.avail, (double)avail, 256.0 * MIB);
	assert_true(d.used <= d.total && d.avail <= d.total);
	assert_near(disk_percent(&d),
	            (double)used / (double)(used + avail) * 100, 0.5);
}

static void read_root(void **state)
{
	(void)state;
	check_against_statvfs("/");
}

static void read_temp_dir(void **state)
{
	char *dir = tu_mkdtemp();

	(void)state;
	check_against_statvfs(dir);
	tu_rmtree(dir);
}

/* statvfs of a regular file describes its file system. */
static void read_fixture_file(void **state)
{
	(void)state;
	check_against_statvfs(tu_fixture("real/proc/stat"));
}

static void read_errors(void **state)
{
	struct disk_info d;

	(void)state;
	errno = 0;
	assert_int_equal(disk_read("/no/such/dir", &d), -1);
	assert_int_equal(errno, ENOENT);
	errno = 0;
	assert_int_equal(disk_read("", &d), -1);
	assert_int_equal(errno, ENOENT);
}

/* procfs has no blocks: total 0, and the percent is 0, not NaN. */
static void read_proc_is_empty_fs(void **state)
{
	struct disk_info d;

	(void)state;
	assert_int_equal(disk_read("/proc", &d), 0);
	assert_int_equal(d.total, 0);
	assert_near(disk_percent(&d), 0.0, 0);
}

/* used / (used + avail): blocks reserved for root do not count.
 * 30 / (30 + 50) = 37.5 %; 600 / (600 + 300) = 66.67 %; full = 100 %. */
static void percent_values(void **state)
{
	struct disk_info a = {.total = 100, .used = 30, .avail = 50};
	struct disk_info b = {.total = 1000, .used = 600, .avail = 300};
	struct disk_info full = {.total = 1000, .used = 950, .avail = 0};
	struct disk_info none = {0, 0, 0};

	(void)state;
	assert_near(disk_percent(&a), 37.5, 1e-9);
	assert_near(disk_percent(&b), 200.0 / 3, 0.05);
	assert_near(disk_percent(&full), 100.0, 1e-9);
	assert_near(disk_percent(&none), 0.0, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(read_root),
		cmocka_unit_test(read_temp_dir),
		cmocka_unit_test(read_fixture_file),
		cmocka_unit_test(read_errors),
		cmocka_unit_test(read_proc_is_empty_fs),
		cmocka_unit_test(percent_values),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
