/* actions_test.c: the approved actions (lib/actions.c) on temporary trees:
 * only approved names; cleanup_temp removes top-level regular *.tmp files
 * of ours and nothing else (links, folders, FIFOs, nested files, another
 * user's file); cleanup_teams empties the caches without following a link;
 * availability and its reasons; the privileged path through the test hook
 * (success, failure with its output). Another user's file needs root: as
 * another user that case is left out. */
#include "actions.h"
#include "testutil.h"

#include <fcntl.h>

static struct action_result res;      /* 4 KiB path: keep it off the stack */
static struct action_scratch scratch; /* action_run's working memory */

static char *
join(const char *dir, const char *name)
{
	char *p;

	if (asprintf(&p, "%s/%s", dir, name) < 0)
		fail_msg("asprintf");
	return p;
}

static void
mkdir_in(const char *dir, const char *name)
{
	char *p = join(dir, name);

	if (mkdir(p, 0755) < 0)
		fail_msg("mkdir %s: %s", p, strerror(errno));
	free(p);
}

static void
symlink_in(const char *target, const char *dir, const char *name)
{
	char *p = join(dir, name);

	if (symlink(target, p) < 0)
		fail_msg("symlink %s: %s", p, strerror(errno));
	free(p);
}

static int
exists_in(const char *dir, const char *name)
{
	char *p = join(dir, name);
	struct stat st;
	int ok = lstat(p, &st) == 0;

	free(p);
	return ok;
}

static void
chown_in(const char *dir, const char *name, uid_t uid)
{
	char *p = join(dir, name);

	if (lchown(p, uid, (gid_t)uid) < 0)
		fail_msg("lchown %s: %s", p, strerror(errno));
	free(p);
}

/* An executable script at dir/name. */
static char *
script(const char *dir, const char *name, const char *body)
{
	char *p = join(dir, name);

	tu_write_str(dir, name, body);
	assert_int_equal(chmod(p, 0755), 0);
	return p;
}

static void
only_approved_names(void **state)
{
	static const char *const names[] = {
		"flush_dns",     "restart_spooler", "cleanup_temp",
		"cleanup_teams", "cleanup_outlook", "collect_logs",
	};
	static const char *const hostile[] = {
		"",
		"../../bin/sh",
		"/usr/bin/resolvectl",
		"FLUSH_DNS",
		"flush_dns ",
		" flush_dns",
		"flush_dns\n",
		"flush_dns;id",
		"flush",
		"cleanup_*",
		"collect_logs/../flush_dns",
	};
	enum action_id id;

	(void)state;
	for (int i = 0; i < ACT_MAX; i++) {
		assert_int_equal(action_lookup(names[i], &id), 0);
		assert_int_equal(id, i);
		assert_string_equal(action_name(id), names[i]);
	}
	for (size_t i = 0; i < sizeof hostile / sizeof hostile[0]; i++) {
		errno = 0;
		if (action_lookup(hostile[i], &id) != -1 || errno != EINVAL)
			fail_msg("action_lookup(\"%s\") accepted", hostile[i]);
	}
	assert_string_equal(action_name(ACT_MAX), "unknown");
}

/* sizes in messages: bytes, then KiB and MiB with one decimal */
static void
fmt_size_units(void **state)
{
	char b[32];

	(void)state;
	action_fmt_size(0, b, sizeof b);
	assert_string_equal(b, "0 B");
	action_fmt_size(1023, b, sizeof b);
	assert_string_equal(b, "1023 B");
	action_fmt_size(1024, b, sizeof b);
	assert_string_equal(b, "1.0 KiB");
	action_fmt_size(1536, b, sizeof b);
	assert_string_equal(b, "1.5 KiB");
	action_fmt_size(1048575, b, sizeof b);
	assert_string_equal(b, "1024.0 KiB");
	action_fmt_size(12 * 1048576LL + 104858, b, sizeof b);
	assert_string_equal(b, "12.1 MiB");
}

/* the list the API's 400 names, from the same table */
static void
list_names_every_action(void **state)
{
	static const char want[] =
		"flush_dns, restart_spooler, cleanup_temp, "
		"cleanup_teams, cleanup_outlook, collect_logs";
	char buf[ACT_LIST_MAX];

	(void)state;
	assert_int_equal(action_list(buf, sizeof buf), (int)strlen(want));
	assert_string_equal(buf, want);
	assert_int_equal(action_list(buf, sizeof want), (int)strlen(want));
	assert_int_equal(action_list(buf, sizeof want - 1), -1);
	assert_int_equal(action_list(buf, 0), -1);
}

/* The temp folder of issue 6: one .tmp file of ours goes; a .tmp link to
 * a file outside, a .tmp folder, a .tmp FIFO, a nested .tmp, a non-.tmp
 * file and (as root) another user's .tmp stay. */
static void
cleanup_temp_takes_only_ours(void **state)
{
	char *tmp = tu_mkdtemp(), *outside = tu_mkdtemp(), *fifo, want[1024];
	char blob[100];
	struct action_env env = {.tmpdir = tmp,
	                         .home = "/nonexistent",
	                         .data_dir = "/nonexistent"};
	uid_t other = geteuid() == 65534 ? 1 : 65534;

	(void)state;
	memset(blob, 'x', sizeof blob);
	tu_write(tmp, "ours.tmp", blob, sizeof blob);
	tu_write_str(tmp, "keep.txt", "not a .tmp");
	tu_write_str(outside, "precious.tmp", "keep me");
	{
		char *target = join(outside, "precious.tmp");

		symlink_in(target, tmp, "link.tmp");
		free(target);
	}
	symlink_in(outside, tmp, "dirlink.tmp");
	mkdir_in(tmp, "dir.tmp");
	tu_write_str(tmp, "dir.tmp/inside.tmp", "in a .tmp folder");
	mkdir_in(tmp, "sub");
	tu_write_str(tmp, "sub/nested.tmp", "nested");
	fifo = join(tmp, "fifo.tmp");
	assert_int_equal(mkfifo(fifo, 0600), 0);
	free(fifo);
	if (geteuid() == 0) {
		tu_write_str(tmp, "theirs.tmp", "another user's");
		chown_in(tmp, "theirs.tmp", other);
	}

	action_run(ACT_CLEANUP_TEMP, &env, &scratch, &res);
	assert_true(res.ok);
	assert_true(res.has_counts);
	assert_int_equal(res.files, 1);
	assert_int_equal(res.bytes, 100);
	snprintf(want, sizeof want, "Removed 1 temporary file (100 B) from %s.",
	         tmp);
	assert_string_equal(res.message, want);
	assert_false(exists_in(tmp, "ours.tmp"));
	assert_true(exists_in(tmp, "keep.txt"));
	assert_true(exists_in(tmp, "link.tmp"));
	assert_true(exists_in(tmp, "dirlink.tmp"));
	assert_true(exists_in(tmp, "dir.tmp/inside.tmp"));
	assert_true(exists_in(tmp, "sub/nested.tmp"));
	assert_true(exists_in(tmp, "fifo.tmp"));
	assert_true(exists_in(outside, "precious.tmp"));
	if (geteuid() == 0)
		assert_true(exists_in(tmp, "theirs.tmp"));

	action_run(ACT_CLEANUP_TEMP, &env, &scratch,
	           &res); /* nothing left to take */
	assert_true(res.ok);
	assert_int_equal(res.files, 0);
	assert_int_equal(res.bytes, 0);
	tu_rmtree(tmp);
	tu_rmtree(outside);
}

static void
cleanup_temp_without_the_folder(void **state)
{
	struct action_env env = {.tmpdir = "/nonexistent/sysdash-tmp",
	                         .home = "/nonexistent",
	                         .data_dir = "/nonexistent"};
	char reason[256];

	(void)state;
	assert_false(action_available(ACT_CLEANUP_TEMP, &env, reason,
	                              sizeof reason));
	assert_string_equal(reason, "The temporary folder does not exist.");
	action_run(ACT_CLEANUP_TEMP, &env, &scratch, &res);
	assert_false(res.ok);
	assert_string_equal(res.message, reason);
}

/* A Teams cache with files, a subfolder and a link out; a second cache
 * path that is itself a link out. Links go, their targets stay. */
static void
cleanup_teams_never_follows_links(void **state)
{
	char *home = tu_mkdtemp(), *outside = tu_mkdtemp(),
	     *outside2 = tu_mkdtemp();
	const char *cache = ".config/teams-for-linux/Cache";
	char path[1024];
	struct action_env env = {
		.tmpdir = "/tmp", .home = home, .data_dir = "/nonexistent"};
	char reason[256];

	(void)state;
	assert_false(action_available(ACT_CLEANUP_TEAMS, &env, reason,
	                              sizeof reason));
	assert_true(tu_contains(reason, "Not found"));
	mkdir_in(home, ".config");
	mkdir_in(home, ".config/teams-for-linux");
	mkdir_in(home, cache);
	snprintf(path, sizeof path, "%s/sub", cache);
	mkdir_in(home, path);
	snprintf(path, sizeof path, "%s/a", cache);
	tu_write(home, path, "12345", 5);
	snprintf(path, sizeof path, "%s/b", cache);
	tu_write(home, path, "1234567", 7);
	snprintf(path, sizeof path, "%s/sub/c", cache);
	tu_write(home, path, "123", 3);
	snprintf(path, sizeof path, "%s/out", cache);
	symlink_in(outside, home, path);
	tu_write_str(outside, "precious", "keep me");
	/* the Microsoft Teams cache path is a link to a folder outside */
	mkdir_in(home, ".config/Microsoft");
	mkdir_in(home, ".config/Microsoft/Microsoft Teams");
	symlink_in(outside2, home, ".config/Microsoft/Microsoft Teams/Cache");
	tu_write_str(outside2, "precious2", "keep me too");

	assert_true(action_available(ACT_CLEANUP_TEAMS, &env, reason,
	                             sizeof reason));
	action_run(ACT_CLEANUP_TEAMS, &env, &scratch, &res);
	assert_true(res.ok);
	assert_int_equal(res.files, 4); /* a, b, sub/c and the link */
	assert_int_equal(res.bytes, 15);
	assert_string_equal(res.message,
	                    "Emptied 1 Teams cache folder: 4 files (15 B).");
	assert_true(exists_in(home, cache));
	snprintf(path, sizeof path, "%s/sub", cache);
	assert_false(exists_in(home, path));
	snprintf(path, sizeof path, "%s/out", cache);
	assert_false(exists_in(home, path));
	assert_true(exists_in(outside, "precious"));
	assert_true(exists_in(outside2, "precious2"));
	tu_rmtree(home);
	tu_rmtree(outside);
	tu_rmtree(outside2);
}

/* As root: another user's file in the cache stays, and so does its folder. */
static void
cleanup_teams_leaves_other_users_files(void **state)
{
	char *home = tu_mkdtemp();
	struct action_env env = {
		.tmpdir = "/tmp", .home = home, .data_dir = "/nonexistent"};

	(void)state;
	if (geteuid() != 0) {
		tu_rmtree(home);
		skip();
	}
	mkdir_in(home, ".config");
	mkdir_in(home, ".config/teams-for-linux");
	mkdir_in(home, ".config/teams-for-linux/Cache");
	mkdir_in(home, ".config/teams-for-linux/Cache/d");
	tu_write_str(home, ".config/teams-for-linux/Cache/d/theirs",
	             "another user's");
	chown_in(home, ".config/teams-for-linux/Cache/d/theirs", 65534);
	tu_write_str(home, ".config/teams-for-linux/Cache/ours", "ours");
	action_run(ACT_CLEANUP_TEAMS, &env, &scratch, &res);
	assert_true(res.ok);
	assert_int_equal(res.files, 1);
	assert_true(exists_in(home, ".config/teams-for-linux/Cache/d/theirs"));
	assert_false(exists_in(home, ".config/teams-for-linux/Cache/ours"));
	tu_rmtree(home);
}

static void
outlook_says_why(void **state)
{
	struct action_env env = {.tmpdir = "/tmp",
	                         .home = "/nonexistent",
	                         .data_dir = "/nonexistent"};
	char reason[256];

	(void)state;
	assert_false(action_available(ACT_CLEANUP_OUTLOOK, &env, reason,
	                              sizeof reason));
	assert_true(tu_contains(reason, "Outlook"));
	action_run(ACT_CLEANUP_OUTLOOK, &env, &scratch, &res);
	assert_false(res.ok);
	assert_string_equal(res.message, reason);
}

static void
collect_logs_needs_a_writable_folder(void **state)
{
	struct action_env env = {.tmpdir = "/tmp",
	                         .home = "/nonexistent",
	                         .data_dir = "/nonexistent/sysdash-data",
	                         .csv_path = "/nonexistent/metrics.csv"};
	char reason[256];

	(void)state;
	assert_false(action_available(ACT_COLLECT_LOGS, &env, reason,
	                              sizeof reason));
	assert_true(tu_contains(reason, "not writable"));
	action_run(ACT_COLLECT_LOGS, &env, &scratch, &res);
	assert_false(res.ok);
	assert_false(res.has_path);
}

/* Through the test hook both privileged actions run it with their fixed
 * argv; a failure answers ok false with the exit code and first line. */
static void
privileged_actions_through_the_hook(void **state)
{
	char *dir = tu_mkdtemp(), *log, *ok, *bad, *args;
	struct action_env env = {.tmpdir = "/tmp",
	                         .home = "/nonexistent",
	                         .data_dir = "/nonexistent"};
	char reason[256], body[1024];

	(void)state;
	log = join(dir, "argv");
	/* $0 is the script's path (the kernel puts it there), so only $* */
	snprintf(body, sizeof body,
	         "#!/bin/sh\necho \"$*\" >> '%s'\necho done\n", log);
	ok = script(dir, "ok", body);
	bad = script(
		dir, "bad",
		"#!/bin/sh\necho \"no such unit: $2\"\necho more\nexit 4\n");
	env.test_exec = ok;
	assert_true(
		action_available(ACT_FLUSH_DNS, &env, reason, sizeof reason));
	assert_true(action_available(ACT_RESTART_SPOOLER, &env, reason,
	                             sizeof reason));
	action_run(ACT_FLUSH_DNS, &env, &scratch, &res);
	assert_true(res.ok);
	assert_string_equal(res.message,
	                    "DNS cache flushed (systemd-resolved).");
	action_run(ACT_RESTART_SPOOLER, &env, &scratch, &res);
	assert_true(res.ok);
	assert_string_equal(res.message, "Print spooler (CUPS) restarted.");
	args = tu_slurp_path(log);
	assert_string_equal(args, "flush-caches\nrestart cups.service\n");
	free(args);

	env.test_exec = bad;
	action_run(ACT_RESTART_SPOOLER, &env, &scratch, &res);
	assert_false(res.ok);
	assert_string_equal(res.message,
	                    "systemctl restart cups.service failed (exit 4): "
	                    "no such unit: cups.service");
	free(log);
	free(ok);
	free(bad);
	tu_rmtree(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(only_approved_names),
		cmocka_unit_test(list_names_every_action),
		cmocka_unit_test(fmt_size_units),
		cmocka_unit_test(cleanup_temp_takes_only_ours),
		cmocka_unit_test(cleanup_temp_without_the_folder),
		cmocka_unit_test(cleanup_teams_never_follows_links),
		cmocka_unit_test(cleanup_teams_leaves_other_users_files),
		cmocka_unit_test(outlook_says_why),
		cmocka_unit_test(collect_logs_needs_a_writable_folder),
		cmocka_unit_test(privileged_actions_through_the_hook),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
