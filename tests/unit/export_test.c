/* export_test.c: the append-only export files (lib/export.c): header once,
 * the open refusing links and FIFOs, a rotation by rename followed, and a
 * failed write cut back to a row boundary. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <json.h>

#include "export.h"
#include "sysdash.h"
#include "testutil.h"

#define HEADER "a,b\n"

static void
write_ok(struct export *e, const char *line)
{
	char err[512];

	if (export_write(e, line, strlen(line), err, sizeof err) < 0)
		fail_msg("export_write: %s", err);
}

static void
header_once_and_mode(void **state)
{
	char *dir = tu_mkdtemp(), path[1024], err[512], *got;
	struct export e;
	struct stat st;

	(void)state;
	snprintf(path, sizeof path, "%s/audit.jsonl", dir);
	assert_int_equal(
		export_open_mode(&e, path, HEADER, 0640, err, sizeof err), 0);
	write_ok(&e, "1,2\n");
	write_ok(&e, "3,4\n");
	export_close(&e);
	got = tu_slurp_path(path);
	assert_string_equal(got, HEADER "1,2\n3,4\n");
	free(got);
	assert_int_equal(stat(path, &st), 0);
	{
		mode_t um = umask(0);

		umask(um);
		assert_int_equal(st.st_mode & 0777, 0640 & ~um);
	}
	tu_rmtree(dir);
}

/* JSON lines as the API writes them: one per object, "/" not escaped,
 * created with the asked mode, appended after what is there */
static void
json_lines_plain_and_appended(void **state)
{
	char *dir = tu_mkdtemp(), path[1024], err[512], *got;
	json_object *o = json_object_new_object();
	struct export e;
	struct stat st;
	mode_t um = umask(0);

	(void)state;
	umask(um);
	json_object_object_add(o, "url", json_object_new_string("https://x/y"));
	json_object_object_add(o, "n", json_object_new_int(3));
	snprintf(path, sizeof path, "%s/log.jsonl", dir);
	assert_int_equal(export_append_json(path, 0600, o, err, sizeof err), 0);
	assert_int_equal(export_append_json(path, 0644, o, err, sizeof err), 0);
	assert_int_equal(export_open(&e, path, NULL, err, sizeof err), 0);
	assert_int_equal(export_write_json(&e, o, err, sizeof err), 0);
	export_close(&e);
	got = tu_slurp_path(path);
	assert_string_equal(got, "{\"url\":\"https://x/y\",\"n\":3}\n"
	                         "{\"url\":\"https://x/y\",\"n\":3}\n"
	                         "{\"url\":\"https://x/y\",\"n\":3}\n");
	free(got);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600 & ~um);
	/* a folder that does not exist: an error naming the path */
	snprintf(path, sizeof path, "%s/none/log.jsonl", dir);
	assert_int_equal(export_append_json(path, 0600, o, err, sizeof err),
	                 -1);
	assert_non_null(strstr(err, path));
	json_object_put(o);
	tu_rmtree(dir);
}

/* The probe's reproduction: the file swapped for a link to a file the
 * writer may write but must not (root's, in the real attack). */
static void
link_swapped_in_is_refused(void **state)
{
	char *dir = tu_mkdtemp(), path[1024], victim[1024], moved[1024];
	char err[512], *got;
	struct export e;

	(void)state;
	snprintf(path, sizeof path, "%s/metrics.csv", dir);
	snprintf(victim, sizeof victim, "%s/victim", dir);
	snprintf(moved, sizeof moved, "%s/x", dir);
	tu_write_str(dir, "victim", "precious\n");
	assert_int_equal(export_open(&e, path, HEADER, err, sizeof err), 0);
	write_ok(&e, "1,2\n");
	/* mv metrics.csv x && ln -s victim metrics.csv && rm x */
	assert_int_equal(rename(path, moved), 0);
	assert_int_equal(symlink(victim, path), 0);
	assert_int_equal(unlink(moved), 0);
	assert_int_equal(export_write(&e, "5,6\n", 4, err, sizeof err), -1);
	assert_non_null(strstr(err, "is a symbolic link (refused)"));
	got = tu_slurp_path(victim);
	assert_string_equal(got, "precious\n");
	free(got);
	/* the link removed: the next write makes a new file, header first */
	assert_int_equal(unlink(path), 0);
	write_ok(&e, "7,8\n");
	got = tu_slurp_path(path);
	assert_string_equal(got, HEADER "7,8\n");
	free(got);
	export_close(&e);

	/* a FIFO at the path: refused at once, no hang */
	assert_int_equal(unlink(path), 0);
	assert_int_equal(mkfifo(path, 0644), 0);
	assert_int_equal(export_open(&e, path, HEADER, err, sizeof err), -1);
	assert_non_null(strstr(err, "not a regular file"));
	assert_int_equal(export_write(&e, "1,2\n", 4, err, sizeof err), -1);
	export_close(&e);
	tu_rmtree(dir);
}

/* logrotate without copytruncate: rename, then maybe create. */
static void
rotation_by_rename_is_followed(void **state)
{
	char *dir = tu_mkdtemp(), path[1024], old[1024], err[512], *got;
	struct export e;

	(void)state;
	snprintf(path, sizeof path, "%s/m.csv", dir);
	snprintf(old, sizeof old, "%s/m.csv.1", dir);
	assert_int_equal(export_open(&e, path, HEADER, err, sizeof err), 0);
	write_ok(&e, "1,1\n");
	assert_int_equal(rename(path, old), 0);
	write_ok(&e, "2,2\n");
	/* a second rotation, this time with `create` making the new file */
	got = tu_slurp_path(old);
	assert_string_equal(got, HEADER "1,1\n");
	free(got);
	assert_int_equal(rename(path, old), 0);
	tu_write_str(dir, "m.csv", "");
	write_ok(&e, "3,3\n");
	export_close(&e);
	got = tu_slurp_path(old);
	assert_string_equal(got, HEADER "2,2\n");
	free(got);
	got = tu_slurp_path(path);
	assert_string_equal(got, HEADER "3,3\n");
	free(got);
	tu_rmtree(dir);
}

/* A write that fits only in part (a full disk; here RLIMIT_FSIZE, which
 * makes write(2) short the same way) leaves no half row behind. */
static void
short_write_is_cut_back(void **state)
{
	char *dir = tu_mkdtemp(), path[1024], err[512], *got;
	struct export e;
	/* header (4) + 8 + 8 = 20 bytes fit, and 4 of the next row */
	struct rlimit lim = {.rlim_cur = 24, .rlim_max = RLIM_INFINITY};
	pid_t pid;
	int status;

	(void)state;
	snprintf(path, sizeof path, "%s/m.csv", dir);
	if ((pid = fork()) == 0) {
		signal(SIGXFSZ, SIG_IGN);
		if (export_open(&e, path, HEADER, err, sizeof err) < 0)
			_exit(10);
		if (export_write(&e, "1111,11\n", 8, err, sizeof err) < 0 ||
		    export_write(&e, "2222,22\n", 8, err, sizeof err) < 0)
			_exit(11);
		if (setrlimit(RLIMIT_FSIZE, &lim) < 0)
			_exit(12);
		if (export_write(&e, "3333,33\n", 8, err, sizeof err) == 0)
			_exit(13);
		lim.rlim_cur = RLIM_INFINITY;
		if (setrlimit(RLIMIT_FSIZE, &lim) < 0)
			_exit(14);
		if (export_write(&e, "4444,44\n", 8, err, sizeof err) < 0)
			_exit(15);
		_exit(0);
	}
	assert_true(pid > 0);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	got = tu_slurp_path(path);
	assert_string_equal(got, HEADER "1111,11\n2222,22\n4444,44\n");
	free(got);
	tu_rmtree(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(header_once_and_mode),
		cmocka_unit_test(json_lines_plain_and_appended),
		cmocka_unit_test(link_swapped_in_is_refused),
		cmocka_unit_test(rotation_by_rename_is_followed),
		cmocka_unit_test(short_write_is_cut_back),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
