/* settings_test.c: desktop.ini (desktop/settings.c, GKeyFile): where it
 * lives, defaults, a round trip, and hostile files (empty, huge, not a key
 * file, bad values, a folder in its place). Built only with GTK 4. */
#include "testutil.h"

#include "settings.h"

static void
path_follows_xdg_then_home(void **state)
{
	char buf[4096], big[5000];

	(void)state;
	setenv("XDG_CONFIG_HOME", "/cfg", 1);
	setenv("HOME", "/home/ana", 1);
	assert_int_equal(settings_path(buf, sizeof(buf)), 0);
	assert_string_equal(buf, "/cfg/sysdash/desktop.ini");
	setenv("XDG_CONFIG_HOME", "relative/cfg", 1); /* invalid per the spec */
	assert_int_equal(settings_path(buf, sizeof(buf)), 0);
	assert_string_equal(buf, "/home/ana/.config/sysdash/desktop.ini");
	unsetenv("XDG_CONFIG_HOME");
	assert_int_equal(settings_path(buf, sizeof(buf)), 0);
	assert_string_equal(buf, "/home/ana/.config/sysdash/desktop.ini");
	setenv("HOME", "", 1);
	assert_int_equal(settings_path(buf, sizeof(buf)), -1);
	memset(big, 'a', sizeof(big) - 1);
	big[0] = '/';
	big[sizeof(big) - 1] = '\0';
	setenv("XDG_CONFIG_HOME", big, 1);
	assert_int_equal(settings_path(buf, sizeof(buf)), -1);
	unsetenv("XDG_CONFIG_HOME");
}

static void
round_trip_and_defaults(void **state)
{
	char *dir = tu_mkdtemp(), file[1024], err[4400];
	struct settings s = {0}, back;
	struct stat st;

	(void)state;
	snprintf(file, sizeof(file), "%s/new/sysdash/desktop.ini", dir);
	/* no file: export on, Desktop default */
	back.export_on = false;
	strcpy(back.path, "junk");
	assert_int_equal(settings_load(file, &back, err, sizeof(err)), 0);
	assert_true(back.export_on);
	assert_string_equal(back.path, "");
	/* saving makes the folders (0700) */
	s.export_on = false;
	strcpy(s.path, "/home/ana/Bureau/métriques [1]=x;#.csv");
	assert_int_equal(settings_save(file, &s, err, sizeof(err)), 0);
	assert_int_equal(stat(file, &st), 0);
	snprintf(file, sizeof(file), "%s/new/sysdash", dir);
	assert_int_equal(stat(file, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0700);
	snprintf(file, sizeof(file), "%s/new/sysdash/desktop.ini", dir);
	assert_int_equal(settings_load(file, &back, err, sizeof(err)), 0);
	assert_false(back.export_on);
	assert_string_equal(back.path, s.path);
	tu_rmtree(dir);
}

static void
expect_load(const char *text, int rc, bool on, const char *path,
            const char *msg)
{
	char *dir = tu_mkdtemp(), file[1024], err[4400] = "";
	struct settings s;

	tu_write_str(dir, "desktop.ini", text);
	snprintf(file, sizeof(file), "%s/desktop.ini", dir);
	if (settings_load(file, &s, err, sizeof(err)) != rc)
		fail_msg("rc for %.40s: err %s", text, err);
	assert_int_equal(s.export_on, on);
	assert_string_equal(s.path, path);
	if (msg && !tu_contains(err, msg))
		fail_msg("'%s' not in '%s'", msg, err);
	if (rc < 0)
		assert_true(tu_contains(err, file));
	tu_rmtree(dir);
}

static void
hostile_files(void **state)
{
	char *huge, *dir, file[1024], err[4400];
	struct settings s;

	(void)state;
	expect_load("", 0, true, "", NULL);
	expect_load("[export]\nenabled=false\n", 0, false, "", NULL);
	expect_load("[other]\nx=1\n", 0, true, "", NULL);
	expect_load("not a key file at all\n", -1, true, "", "desktop.ini");
	expect_load("[export]\nenabled=maybe\npath=/a.csv\n", -1, true,
	            "/a.csv", "[export] enabled");
	expect_load("[export]\nenabled=true\npath=relative.csv\n", -1, true, "",
	            "not absolute");
	expect_load("[export]\npath=/a\\nb.csv\n", -1, true, "", "line break");
	expect_load("[export]\npath=\n", 0, true, "", NULL);
	expect_load("\xff\xfe[export]\n", -1, true, "", NULL);
	/* a path longer than any file name */
	huge = tu_huge_line("[export]\npath=/", 'p', 6000);
	expect_load(huge, -1, true, "", "too long");
	free(huge);
	/* over 64 KiB: refused before parsing */
	huge = tu_huge_line("[export]\n#", 'c', SETTINGS_MAX + 2);
	expect_load(huge, -1, true, "", "larger than 64 KiB");
	free(huge);
	/* a folder where the file should be */
	dir = tu_mkdtemp();
	snprintf(file, sizeof(file), "%s/desktop.ini", dir);
	assert_int_equal(mkdir(file, 0755), 0);
	assert_int_equal(settings_load(file, &s, err, sizeof(err)), -1);
	assert_true(tu_contains(err, "not a file"));
	s.export_on = true;
	strcpy(s.path, "/x.csv");
	assert_int_equal(settings_save(file, &s, err, sizeof(err)), -1);
	assert_true(*err != '\0');
	tu_rmtree(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(path_follows_xdg_then_home),
		cmocka_unit_test(round_trip_and_defaults),
		cmocka_unit_test(hostile_files),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
