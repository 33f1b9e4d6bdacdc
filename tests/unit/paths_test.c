/* paths_test.c: paths_export_dir (lib/paths.c), the default export folder:
 * XDG_DESKTOP_DIR, then user-dirs.dirs (under XDG_CONFIG_HOME or
 * ~/.config), then ~/Desktop, each only when it is a folder, else "."; and
 * a buffer too small for a candidate. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "paths.h"
#include "testutil.h"

struct fx {
	char *home;  /* $HOME, a fresh temp folder */
	char *other; /* a folder outside it */
};

static int
setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);

	assert_non_null(f);
	f->home = tu_mkdtemp();
	f->other = tu_mkdtemp();
	setenv("HOME", f->home, 1);
	unsetenv("XDG_DESKTOP_DIR");
	unsetenv("XDG_CONFIG_HOME");
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *f = *state;

	tu_rmtree(f->home);
	tu_rmtree(f->other);
	free(f);
	return 0;
}

/* dir/rel as a new folder; returns its path in a static buffer (the next
 * call overwrites it). */
static const char *
make_dir(const char *dir, const char *rel)
{
	static char p[1024];

	snprintf(p, sizeof p, "%s/%s", dir, rel);
	if (mkdir(p, 0700) < 0)
		fail_msg("mkdir %s: %s", p, strerror(errno));
	return p;
}

static void
expect_dir(const char *want)
{
	char buf[1024];

	memset(buf, 'x', sizeof buf);
	assert_int_equal(paths_export_dir(buf, sizeof buf), 0);
	assert_string_equal(buf, want);
}

/* Nothing anywhere: the current folder. No HOME at all: the same. */
static void
nothing_gives_current_folder(void **state)
{
	(void)state;
	expect_dir(".");
	unsetenv("HOME");
	expect_dir(".");
	setenv("HOME", "", 1);
	expect_dir(".");
}

static void
home_desktop(void **state)
{
	struct fx *f = *state;
	char want[1024];

	snprintf(want, sizeof want, "%s/Desktop", f->home);
	/* a file named Desktop is not a folder */
	tu_write_str(f->home, "Desktop", "not a folder\n");
	expect_dir(".");
	assert_int_equal(remove(want), 0);
	make_dir(f->home, "Desktop");
	expect_dir(want);
}

/* XDG_DESKTOP_DIR beats everything, when it is a folder; empty or missing
 * or a file, it is skipped. */
static void
xdg_desktop_dir_first(void **state)
{
	struct fx *f = *state;
	char want[1024], file[1024];

	make_dir(f->home, "Desktop");
	snprintf(want, sizeof want, "%s/Desktop", f->home);
	setenv("XDG_DESKTOP_DIR", "", 1);
	expect_dir(want);
	setenv("XDG_DESKTOP_DIR", "/nonexistent/sysdash-desk", 1);
	expect_dir(want);
	tu_write_str(f->other, "plain", "x\n");
	snprintf(file, sizeof file, "%s/plain", f->other);
	setenv("XDG_DESKTOP_DIR", file, 1);
	expect_dir(want);
	setenv("XDG_DESKTOP_DIR", f->other, 1);
	expect_dir(f->other);
	/* not even HOME is needed then */
	unsetenv("HOME");
	expect_dir(f->other);
}

/* A French desktop: ~/.config/user-dirs.dirs names $HOME/Bureau. */
static void
user_dirs_home_relative(void **state)
{
	struct fx *f = *state;
	const char *cfg;
	char want[1024];

	make_dir(f->home, "Desktop");
	cfg = make_dir(f->home, ".config");
	tu_write_str(cfg, "user-dirs.dirs",
	             "# written by xdg-user-dirs-update\n"
	             "XDG_DOWNLOAD_DIR=\"$HOME/Downloads\"\n"
	             "XDG_DESKTOP_DIR=\"$HOME/Bureau\"\n"
	             "XDG_MUSIC_DIR=\"$HOME/Musique\"\n");
	/* named but not made yet: ~/Desktop */
	snprintf(want, sizeof want, "%s/Desktop", f->home);
	expect_dir(want);
	make_dir(f->home, "Bureau");
	snprintf(want, sizeof want, "%s/Bureau", f->home);
	expect_dir(want);
}

/* XDG_CONFIG_HOME replaces ~/.config; an absolute path is taken as is; a
 * relative one is skipped for a later line. */
static void
user_dirs_config_home_absolute(void **state)
{
	struct fx *f = *state;
	char text[2048], abs[1024];

	snprintf(abs, sizeof abs, "%s", make_dir(f->other, "Escritorio"));
	snprintf(text, sizeof text,
	         "#XDG_DESKTOP_DIR=\"$HOME/commented\"\n"
	         "XDG_DESKTOP_DIR=\"Relative\"\n"
	         "XDG_DESKTOP_DIR=\"%s\"\n",
	         abs);
	tu_write_str(f->other, "user-dirs.dirs", text);
	/* under ~/.config nothing is found */
	expect_dir(".");
	setenv("XDG_CONFIG_HOME", f->other, 1);
	expect_dir(abs);
	/* an empty XDG_CONFIG_HOME means ~/.config again */
	setenv("XDG_CONFIG_HOME", "", 1);
	expect_dir(".");
}

/* An unterminated quote ends the search (never a half path, nor a later
 * line); binary junk and a huge file are ignored. */
static void
user_dirs_hostile(void **state)
{
	struct fx *f = *state;
	char cfg[1024], *huge;

	snprintf(cfg, sizeof cfg, "%s", make_dir(f->home, ".config"));
	make_dir(f->home, "Bureau");
	make_dir(f->home, "Bur");
	tu_write_str(cfg, "user-dirs.dirs",
	             "XDG_DESKTOP_DIR=\"$HOME/Bur\n"
	             "XDG_DESKTOP_DIR=\"$HOME/Bureau\"\n");
	expect_dir(".");
	tu_write_str(cfg, "user-dirs.dirs", "\x01\xff\xfe binary junk\n");
	expect_dir(".");
	/* a file over 64 KiB is not read at all, valid first line or not */
	huge = tu_huge_line("XDG_DESKTOP_DIR=\"$HOME/Bureau\"\n#", 'a',
	                    100 * 1024);
	tu_write_str(cfg, "user-dirs.dirs", huge);
	free(huge);
	expect_dir(".");
}

/* The result must fit whole: a candidate that does not fit is skipped,
 * "." needs 2 bytes, less is -1 with ENAMETOOLONG. */
static void
small_buffer(void **state)
{
	struct fx *f = *state;
	char buf[1024], want[1024];
	size_t n;

	setenv("XDG_DESKTOP_DIR", f->other, 1);
	n = strlen(f->other) + 1;
	assert_int_equal(paths_export_dir(buf, n), 0);
	assert_string_equal(buf, f->other);
	assert_int_equal(paths_export_dir(buf, n - 1), 0);
	assert_string_equal(buf, ".");
	unsetenv("XDG_DESKTOP_DIR");
	make_dir(f->home, "Desktop");
	snprintf(want, sizeof want, "%s/Desktop", f->home);
	n = strlen(want) + 1;
	assert_int_equal(paths_export_dir(buf, n), 0);
	assert_string_equal(buf, want);
	assert_int_equal(paths_export_dir(buf, n - 1), 0);
	assert_string_equal(buf, ".");
	assert_int_equal(paths_export_dir(buf, 2), 0);
	assert_string_equal(buf, ".");
	errno = 0;
	assert_int_equal(paths_export_dir(buf, 1), -1);
	assert_int_equal(errno, ENAMETOOLONG);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(nothing_gives_current_folder,
	                                        setup, teardown),
		cmocka_unit_test_setup_teardown(home_desktop, setup, teardown),
		cmocka_unit_test_setup_teardown(xdg_desktop_dir_first, setup,
	                                        teardown),
		cmocka_unit_test_setup_teardown(user_dirs_home_relative, setup,
	                                        teardown),
		cmocka_unit_test_setup_teardown(user_dirs_config_home_absolute,
	                                        setup, teardown),
		cmocka_unit_test_setup_teardown(user_dirs_hostile, setup,
	                                        teardown),
		cmocka_unit_test_setup_teardown(small_buffer, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
