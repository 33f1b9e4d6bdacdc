/* config_test.c: config_load (lib/config.c): docs/API.md's environment names,
 * defaults, and a message naming the variable for every bad value. */
#include <stdlib.h>
#include <string.h>

#include "sysdash.h"
#include "testutil.h"

static const char *const vars[] = {
	"SYSDASH_PROC_ROOT", "SYSDASH_DISK_PATH", "SYSDASH_CGROUP_ROOT",
	"SYSDASH_DATA_DIR", "CPU_ALERT", "RAM_ALERT", "SYSDASH_INTERVAL",
};

static int clear_env(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof vars / sizeof vars[0]; i++)
		unsetenv(vars[i]);
	return 0;
}

static void defaults(void **state)
{
	struct sd_config c;
	char err[256] = "";

	(void)state;
	assert_int_equal(config_load(&c, err, sizeof err), 0);
	assert_string_equal(c.proc_root, "/proc");
	assert_string_equal(c.disk_path, "/");
	assert_string_equal(c.cgroup_root, "/sys/fs/cgroup");
	assert_string_equal(c.data_dir, "./data");
	assert_near(c.cpu_alert, 80.0, 0);
	assert_near(c.ram_alert, 90.0, 0);
	assert_near(c.interval, 2.0, 0);
}

static void overrides(void **state)
{
	struct sd_config c;
	char err[256] = "";

	(void)state;
	setenv("SYSDASH_PROC_ROOT", "/host/proc", 1);
	setenv("SYSDASH_DISK_PATH", "/host", 1);
	setenv("SYSDASH_CGROUP_ROOT", "/tmp/cg", 1);
	setenv("SYSDASH_DATA_DIR", "/var/lib/sysdash", 1);
	setenv("CPU_ALERT", "75.5", 1);
	setenv("RAM_ALERT", "0", 1);
	setenv("SYSDASH_INTERVAL", "0.5", 1);
	assert_int_equal(config_load(&c, err, sizeof err), 0);
	assert_string_equal(c.proc_root, "/host/proc");
	assert_string_equal(c.disk_path, "/host");
	assert_string_equal(c.cgroup_root, "/tmp/cg");
	assert_string_equal(c.data_dir, "/var/lib/sysdash");
	assert_near(c.cpu_alert, 75.5, 0);
	assert_near(c.ram_alert, 0.0, 0);
	assert_near(c.interval, 0.5, 0);
}

/* Bounds are inclusive: thresholds 0..100, interval 0.1..86400 s. */
static void boundaries_accepted(void **state)
{
	struct sd_config c;
	char err[256] = "";

	(void)state;
	setenv("CPU_ALERT", "100", 1);
	setenv("RAM_ALERT", "100", 1);
	setenv("SYSDASH_INTERVAL", "0.1", 1);
	assert_int_equal(config_load(&c, err, sizeof err), 0);
	assert_near(c.cpu_alert, 100.0, 0);
	assert_near(c.interval, 0.1, 0);
	setenv("SYSDASH_INTERVAL", "86400", 1);
	assert_int_equal(config_load(&c, err, sizeof err), 0);
	assert_near(c.interval, 86400.0, 0);
}

static void expect_bad(const char *var, const char *value)
{
	struct sd_config c;
	char err[256] = "";

	clear_env(NULL);
	setenv(var, value, 1);
	if (config_load(&c, err, sizeof err) != -1)
		fail_msg("config_load accepted %s=\"%.40s\"", var, value);
	if (!tu_contains(err, var))
		fail_msg("message for %s=\"%.40s\" does not name it: \"%s\"",
		         var, value, err);
}

static void bad_thresholds(void **state)
{
	static const char *const bad[] = {
		"abc", "101", "-1", "nan", "inf", "80%", "1e999", "8 0",
		"100.01",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		expect_bad("CPU_ALERT", bad[i]);
		expect_bad("RAM_ALERT", bad[i]);
	}
}

static void bad_interval(void **state)
{
	static const char *const bad[] = {
		"0", "-1", "0.05", "86401", "abc", "nan", "inf", "1e999", "2s",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
		expect_bad("SYSDASH_INTERVAL", bad[i]);
}

/* A path longer than the 512-byte field is refused, never cut short
 * (a cut path would read some other directory). */
static void path_too_long(void **state)
{
	static const char *const pathvars[] = {
		"SYSDASH_PROC_ROOT", "SYSDASH_DISK_PATH", "SYSDASH_CGROUP_ROOT",
		"SYSDASH_DATA_DIR",
	};
	char longpath[600];
	size_t i;

	(void)state;
	memset(longpath, 'p', sizeof longpath - 1);
	longpath[0] = '/';
	longpath[sizeof longpath - 1] = '\0';
	for (i = 0; i < sizeof pathvars / sizeof pathvars[0]; i++)
		expect_bad(pathvars[i], longpath);
}

/* A tiny error buffer gets a cut, NUL-terminated message (ASan checks
 * the bounds). */
static void small_error_buffer(void **state)
{
	struct sd_config c;
	char err[16];

	(void)state;
	memset(err, 'Z', sizeof err);
	setenv("CPU_ALERT", "abc", 1);
	assert_int_equal(config_load(&c, err, 6), -1);
	assert_true(strlen(err) < 6);
	assert_int_equal(err[6], 'Z');
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(defaults, clear_env),
		cmocka_unit_test_setup(overrides, clear_env),
		cmocka_unit_test_setup(boundaries_accepted, clear_env),
		cmocka_unit_test_setup(bad_thresholds, clear_env),
		cmocka_unit_test_setup(bad_interval, clear_env),
		cmocka_unit_test_setup(path_too_long, clear_env),
		cmocka_unit_test_setup(small_error_buffer, clear_env),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
