/* config_test.c: config_load (lib/config.c): docs/API.md's environment names,
 * the defaults of each profile (the stack's data folder, the CLI's state
 * and Desktop folders), and a message naming the variable for every bad
 * value. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "sysdash.h"
#include "testutil.h"

static const char *const vars[] = {
	"SYSDASH_PROC_ROOT",
	"SYSDASH_DISK_PATH",
	"SYSDASH_CGROUP_ROOT",
	"SYSDASH_DATA_DIR",
	"CPU_ALERT",
	"RAM_ALERT",
	"SYSDASH_INTERVAL",
	"SYSDASH_CSV",
	"SYSDASH_JSONL",
	"XDG_STATE_HOME",
	"XDG_DESKTOP_DIR",
	"XDG_CONFIG_HOME",
	"HOME",
};

static int
clear_env(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof vars / sizeof vars[0]; i++)
		unsetenv(vars[i]);
	return 0;
}

static void
defaults(void **state)
{
	struct sd_config c;
	char err[256] = "";

	(void)state;
	assert_int_equal(config_load(&c, SD_SERVER, err, sizeof err), 0);
	assert_string_equal(c.proc_root, "/proc");
	assert_string_equal(c.disk_path, "/");
	assert_string_equal(c.cgroup_root, "/sys/fs/cgroup");
	assert_string_equal(c.data_dir, "./data");
	assert_string_equal(c.csv, "./data/metrics.csv");
	assert_string_equal(c.jsonl, "./data/metrics.jsonl");
	assert_near(c.cpu_alert, 80.0, 0);
	assert_near(c.ram_alert, 90.0, 0);
	assert_near(c.interval, 2.0, 0);
}

static void
overrides(void **state)
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
	assert_int_equal(config_load(&c, SD_SERVER, err, sizeof err), 0);
	assert_string_equal(c.proc_root, "/host/proc");
	assert_string_equal(c.disk_path, "/host");
	assert_string_equal(c.cgroup_root, "/tmp/cg");
	assert_string_equal(c.data_dir, "/var/lib/sysdash");
	/* the exports follow the data folder... */
	assert_string_equal(c.csv, "/var/lib/sysdash/metrics.csv");
	assert_string_equal(c.jsonl, "/var/lib/sysdash/metrics.jsonl");
	assert_near(c.cpu_alert, 75.5, 0);
	assert_near(c.ram_alert, 0.0, 0);
	assert_near(c.interval, 0.5, 0);
}

/* ...unless named: SYSDASH_CSV and SYSDASH_JSONL win in both profiles. */
static void
exports_named(void **state)
{
	struct sd_config c;
	char err[256] = "";

	(void)state;
	setenv("SYSDASH_DATA_DIR", "/srv/d", 1);
	setenv("SYSDASH_CSV", "/x/a b.csv", 1);
	setenv("SYSDASH_JSONL", "rel/m.jsonl", 1);
	for (int p = SD_SERVER; p < SD_PROFILE_MAX; p++) {
		assert_int_equal(
			config_load(&c, (enum sd_profile)p, err, sizeof err),
			0);
		assert_string_equal(c.data_dir, "/srv/d");
		assert_string_equal(c.csv, "/x/a b.csv");
		assert_string_equal(c.jsonl, "rel/m.jsonl");
	}
	/* an empty variable is unset */
	setenv("SYSDASH_CSV", "", 1);
	assert_int_equal(config_load(&c, SD_SERVER, err, sizeof err), 0);
	assert_string_equal(c.csv, "/srv/d/metrics.csv");
}

/* The CLI: the data folder is the XDG state folder, the exports go to the
 * Desktop, as the old tool's; each step of both fallbacks. */
static void
cli_defaults(void **state)
{
	struct sd_config c;
	char err[256] = "", want[1024], *home = tu_mkdtemp(),
	     *desk = tu_mkdtemp();

	(void)state;
	setenv("HOME", home, 1);
	/* no Desktop at all: the current folder */
	assert_int_equal(config_load(&c, SD_CLI, err, sizeof err), 0);
	snprintf(want, sizeof want, "%s/.local/state/sysdash", home);
	assert_string_equal(c.data_dir, want);
	assert_string_equal(c.csv, "./metrics.csv");
	assert_string_equal(c.jsonl, "./metrics.jsonl");
	/* ~/Desktop when it exists */
	snprintf(want, sizeof want, "%s/Desktop", home);
	assert_int_equal(mkdir(want, 0700), 0);
	assert_int_equal(config_load(&c, SD_CLI, err, sizeof err), 0);
	snprintf(want, sizeof want, "%s/Desktop/metrics.csv", home);
	assert_string_equal(c.csv, want);
	/* the folder user-dirs.dirs names ($HOME/Bureau), when it exists */
	snprintf(want, sizeof want, "%s/.config", home);
	assert_int_equal(mkdir(want, 0700), 0);
	tu_write_str(want, "user-dirs.dirs",
	             "# xdg-user-dirs\nXDG_DOWNLOAD_DIR=\"$HOME/T\"\n"
	             "XDG_DESKTOP_DIR=\"$HOME/Bureau\"\n");
	snprintf(want, sizeof want, "%s/Bureau", home);
	assert_int_equal(config_load(&c, SD_CLI, err, sizeof err), 0);
	assert_true(
		tu_contains(c.csv, "/Desktop/metrics.csv")); /* not made yet */
	assert_int_equal(mkdir(want, 0700), 0);
	assert_int_equal(config_load(&c, SD_CLI, err, sizeof err), 0);
	snprintf(want, sizeof want, "%s/Bureau/metrics.jsonl", home);
	assert_string_equal(c.jsonl, want);
	/* XDG_DESKTOP_DIR first, but only an existing folder */
	setenv("XDG_DESKTOP_DIR", "/nonexistent/desk", 1);
	assert_int_equal(config_load(&c, SD_CLI, err, sizeof err), 0);
	assert_string_equal(c.jsonl, want);
	setenv("XDG_DESKTOP_DIR", desk, 1);
	assert_int_equal(config_load(&c, SD_CLI, err, sizeof err), 0);
	snprintf(want, sizeof want, "%s/metrics.csv", desk);
	assert_string_equal(c.csv, want);
	/* XDG_STATE_HOME, then SYSDASH_DATA_DIR over it */
	setenv("XDG_STATE_HOME", "/xdg/state", 1);
	assert_int_equal(config_load(&c, SD_CLI, err, sizeof err), 0);
	assert_string_equal(c.data_dir, "/xdg/state/sysdash");
	setenv("SYSDASH_DATA_DIR", "/srv/d", 1);
	assert_int_equal(config_load(&c, SD_CLI, err, sizeof err), 0);
	assert_string_equal(c.data_dir, "/srv/d");
	/* the server never looks at the Desktop or the XDG state folder */
	unsetenv("SYSDASH_DATA_DIR");
	assert_int_equal(config_load(&c, SD_SERVER, err, sizeof err), 0);
	assert_string_equal(c.data_dir, "./data");
	assert_string_equal(c.csv, "./data/metrics.csv");
	tu_rmtree(home);
	tu_rmtree(desk);
}

/* Hostile user-dirs.dirs: a relative path, an unterminated quote, a huge
 * line, binary junk: never followed, the next fallback is used. */
static void
cli_hostile_user_dirs(void **state)
{
	static const char *const bad[] = {
		"XDG_DESKTOP_DIR=\"Bureau\"\n",
		"XDG_DESKTOP_DIR=\"$HOME/Bureau\n",
		"XDG_DESKTOP_DIR=\"/nonexistent\"\n",
		"\x01\xff\xfeXDG_DESKTOP_DIR\n",
		"",
	};
	struct sd_config c;
	char err[256] = "", cfg[1024], *home = tu_mkdtemp();
	char *huge = tu_huge_line("XDG_DESKTOP_DIR=\"$HOME/", 'b', 8000);

	(void)state;
	setenv("HOME", home, 1);
	snprintf(cfg, sizeof cfg, "%s/.config", home);
	assert_int_equal(mkdir(cfg, 0700), 0);
	snprintf(cfg, sizeof cfg, "%s/Bureau", home);
	assert_int_equal(mkdir(cfg, 0700), 0);
	setenv("XDG_CONFIG_HOME", home, 1); /* user-dirs.dirs right in HOME */
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		tu_write_str(home, "user-dirs.dirs", bad[i]);
		assert_int_equal(config_load(&c, SD_CLI, err, sizeof err), 0);
		assert_string_equal(c.csv, "./metrics.csv");
	}
	tu_write_str(home, "user-dirs.dirs", huge);
	assert_int_equal(config_load(&c, SD_CLI, err, sizeof err), 0);
	assert_string_equal(c.csv, "./metrics.csv");
	free(huge);
	tu_rmtree(home);
}

/* A state folder that cannot fit names the variable it came from. */
static void
cli_state_too_long(void **state)
{
	char longpath[SD_PATH_MAX + 10];

	(void)state;
	memset(longpath, 's', sizeof longpath - 1);
	longpath[0] = '/';
	longpath[sizeof longpath - 1] = '\0';
	for (int i = 0; i < 2; i++) {
		struct sd_config c;
		char err[256] = "";
		const char *var = i ? "HOME" : "XDG_STATE_HOME";

		clear_env(NULL);
		setenv(var, longpath, 1);
		assert_int_equal(config_load(&c, SD_CLI, err, sizeof err), -1);
		assert_true(tu_contains(err, var));
	}
}

static void
unknown_profile(void **state)
{
	struct sd_config c;
	char err[256] = "";

	(void)state;
	assert_int_equal(config_load(&c, SD_PROFILE_MAX, err, sizeof err), -1);
	assert_true(tu_contains(err, "profile"));
}

/* Bounds are inclusive: thresholds 0..100, interval 0.1..86400 s. */
static void
boundaries_accepted(void **state)
{
	struct sd_config c;
	char err[256] = "";

	(void)state;
	setenv("CPU_ALERT", "100", 1);
	setenv("RAM_ALERT", "100", 1);
	setenv("SYSDASH_INTERVAL", "0.1", 1);
	assert_int_equal(config_load(&c, SD_SERVER, err, sizeof err), 0);
	assert_near(c.cpu_alert, 100.0, 0);
	assert_near(c.interval, 0.1, 0);
	setenv("SYSDASH_INTERVAL", "86400", 1);
	assert_int_equal(config_load(&c, SD_SERVER, err, sizeof err), 0);
	assert_near(c.interval, 86400.0, 0);
}

static void
expect_bad(const char *var, const char *value)
{
	struct sd_config c;
	char err[256] = "";

	clear_env(NULL);
	setenv(var, value, 1);
	if (config_load(&c, SD_SERVER, err, sizeof err) != -1)
		fail_msg("config_load accepted %s=\"%.40s\"", var, value);
	if (!tu_contains(err, var))
		fail_msg("message for %s=\"%.40s\" does not name it: \"%s\"",
		         var, value, err);
}

static void
bad_thresholds(void **state)
{
	static const char *const bad[] = {
		"abc", "101",   "-1",  "nan",    "inf",
		"80%", "1e999", "8 0", "100.01",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		expect_bad("CPU_ALERT", bad[i]);
		expect_bad("RAM_ALERT", bad[i]);
	}
}

static void
bad_interval(void **state)
{
	static const char *const bad[] = {
		"0", "-1", "0.05", "86401", "abc", "nan", "inf", "1e999", "2s",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
		expect_bad("SYSDASH_INTERVAL", bad[i]);
}

/* A path longer than its SD_PATH_MAX-byte field is refused, never cut short
 * (a cut path would read some other directory). */
static void
path_too_long(void **state)
{
	static const char *const pathvars[] = {
		"SYSDASH_PROC_ROOT", "SYSDASH_DISK_PATH", "SYSDASH_CGROUP_ROOT",
		"SYSDASH_DATA_DIR",  "SYSDASH_CSV",       "SYSDASH_JSONL",
	};
	char longpath[SD_PATH_MAX + 100];
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
static void
small_error_buffer(void **state)
{
	struct sd_config c;
	char err[16];

	(void)state;
	memset(err, 'Z', sizeof err);
	setenv("CPU_ALERT", "abc", 1);
	assert_int_equal(config_load(&c, SD_SERVER, err, 6), -1);
	assert_true(strlen(err) < 6);
	assert_int_equal(err[6], 'Z');
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(defaults, clear_env),
		cmocka_unit_test_setup(overrides, clear_env),
		cmocka_unit_test_setup(boundaries_accepted, clear_env),
		cmocka_unit_test_setup(bad_thresholds, clear_env),
		cmocka_unit_test_setup(bad_interval, clear_env),
		cmocka_unit_test_setup(path_too_long, clear_env),
		cmocka_unit_test_setup(small_error_buffer, clear_env),
		cmocka_unit_test_setup(exports_named, clear_env),
		cmocka_unit_test_setup(cli_defaults, clear_env),
		cmocka_unit_test_setup(cli_hostile_user_dirs, clear_env),
		cmocka_unit_test_setup(cli_state_too_long, clear_env),
		cmocka_unit_test_setup(unknown_profile, clear_env),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
