/* state_test.c: the --once state file (sampler/state.c): the exact line
 * written, a save/load round trip, folders made on the way, and the
 * hostile cases: no file, empty, cut, garbage, huge, and a FIFO, a link
 * or a folder where the file should be (refused, nothing replaced). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "state.h"
#include "testutil.h"

/* real/proc/stat's counters: btime 1795633413, total 71752, busy 5451 */
#define REAL_LINE "sysdash-cpu 1 1795633413 71752 5451 1795634000.500\n"

static const struct cpu_state real = {
	.cpu = {.busy = 5451, .total = 71752},
	.btime = 1795633413,
	.when = 1795634000.5,
};

static char *
path_in(const char *dir, const char *name)
{
	char *p;

	if (asprintf(&p, "%s/%s", dir, name) < 0)
		fail_msg("asprintf");
	return p;
}

/* Entries of dir other than . and .. (a leftover temp file shows here). */
static int
entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	assert_non_null(d);
	while ((e = readdir(d)))
		n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
	closedir(d);
	return n;
}

static void
expect_load_fails(const char *path, int err)
{
	struct cpu_state s;

	errno = 0;
	if (state_load(path, &s) != -1)
		fail_msg("state_load %s: accepted (total %llu)", path,
		         s.cpu.total);
	if (errno != err)
		fail_msg("state_load %s: errno %d (%s), want %d (%s)", path,
		         errno, strerror(errno), err, strerror(err));
}

static void
expect_parse_fails(const char *buf)
{
	struct cpu_state s;

	tu_expect_parse_fails(state_parse(buf, &s), buf);
}

static void
parse_exact_values(void **state)
{
	struct cpu_state s;

	(void)state;
	assert_int_equal(state_parse(REAL_LINE, &s), 0);
	assert_int_equal(s.btime, 1795633413L);
	assert_int_equal(s.cpu.total, 71752);
	assert_int_equal(s.cpu.busy, 5451);
	assert_near(s.when, 1795634000.5, 0);
	/* the largest counters a 64-bit kernel can give; busy == total */
	assert_int_equal(state_parse("sysdash-cpu 1 1 18446744073709551615 "
	                             "18446744073709551615 1.25\n",
	                             &s),
	                 0);
	assert_int_equal(s.cpu.total, ULLONG_MAX);
	assert_int_equal(s.cpu.busy, ULLONG_MAX);
	assert_near(s.when, 1.25, 0);
}

static void
parse_rejects_bad_text(void **state)
{
	struct cpu_state s;

	(void)state;
	/* each case below is this valid line with one thing changed */
	assert_int_equal(state_parse("sysdash-cpu 1 17 700 50 9.5\n", &s), 0);
	expect_parse_fails("");
	expect_parse_fails("\n");
	/* cut before the last field */
	expect_parse_fails("sysdash-cpu 1 17 700 50");
	expect_parse_fails("sysdash-cpu 1 17 700 50 \n");
	expect_parse_fails("sysdash-cpu 1 17");
	expect_parse_fails("sysdash-cpu");
	/* another format or version */
	expect_parse_fails("sysdash-cpu 2 17 700 50 9.5\n");
	expect_parse_fails("sysdash-mem 1 17 700 50 9.5\n");
	expect_parse_fails(" sysdash-cpu 1 17 700 50 9.5\n");
	/* letters where digits go, junk after the last field */
	expect_parse_fails("sysdash-cpu 1 1x7 700 50 9.5\n");
	expect_parse_fails("sysdash-cpu 1 17 7l0 50 9.5\n");
	expect_parse_fails("sysdash-cpu 1 17 700 50 9.5x\n");
	expect_parse_fails("sysdash-cpu 1 17 700 50 9 5\n");
	expect_parse_fails("}{ not a state file ]]\n");
	/* impossible values: busy above total, no boot time, no time */
	expect_parse_fails("sysdash-cpu 1 17 50 700 9.5\n");
	expect_parse_fails("sysdash-cpu 1 0 700 50 9.5\n");
	expect_parse_fails("sysdash-cpu 1 -5 700 50 9.5\n");
	expect_parse_fails("sysdash-cpu 1 17 700 50 0\n");
	expect_parse_fails("sysdash-cpu 1 17 700 50 -3.5\n");
	expect_parse_fails("sysdash-cpu 1 17 700 50 nan\n");
	/* cut inside the last field, or more after the line */
	expect_parse_fails("sysdash-cpu 1 17 700 50 9.5");
	expect_parse_fails("sysdash-cpu 1 17 700 50 9.");
	expect_parse_fails("sysdash-cpu 1 17 700 50 9.5\n\n");
	/* signs, overflow, other spellings of numbers, other blanks */
	expect_parse_fails("sysdash-cpu 1 17 -1 0 9.5\n");
	expect_parse_fails("sysdash-cpu 1 17 +700 50 9.5\n");
	expect_parse_fails("sysdash-cpu 1 17 18446744073709551616 50 9.5\n");
	expect_parse_fails("sysdash-cpu 1 99999999999999999999 700 50 9.5\n");
	expect_parse_fails("sysdash-cpu 1 17 700 50 inf\n");
	expect_parse_fails("sysdash-cpu 1 17 700 50 0x10\n");
	expect_parse_fails("sysdash-cpu 1 17 700 50 1e3\n");
	expect_parse_fails("sysdash-cpu 1 17 700 50 .5\n");
	expect_parse_fails("sysdash-cpu 1 17  700 50 9.5\n");
	expect_parse_fails("sysdash-cpu 1 17\t700 50 9.5\n");
}

/* The line is REAL_LINE byte for byte, mode 0600, and reads back. */
static void
save_load_round_trip(void **state)
{
	char *dir = tu_mkdtemp(), *path = path_in(dir, "sampler.state");
	char *got;
	struct cpu_state s;
	struct stat st;

	(void)state;
	assert_int_equal(state_save(path, &real), 0);
	got = tu_slurp_path(path);
	assert_string_equal(got, REAL_LINE);
	free(got);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);
	memset(&s, 0, sizeof s);
	assert_int_equal(state_load(path, &s), 0);
	assert_int_equal(s.btime, real.btime);
	assert_int_equal(s.cpu.total, 71752);
	assert_int_equal(s.cpu.busy, 5451);
	assert_near(s.when, 1795634000.5, 0);
	/* a second save replaces the first whole, and leaves no temp file */
	s.cpu.total = 80000;
	s.cpu.busy = 6000;
	s.when = 1795634060.25;
	assert_int_equal(state_save(path, &s), 0);
	got = tu_slurp_path(path);
	assert_string_equal(got, "sysdash-cpu 1 1795633413 80000 6000 "
	                         "1795634060.250\n");
	free(got);
	assert_int_equal(entries(dir), 1);
	free(path);
	tu_rmtree(dir);
}

/* mkdir -p with mode 0700 (under umask 022), the string given back. */
static void
save_makes_folders(void **state)
{
	char *dir = tu_mkdtemp(), *path = path_in(dir, "a/b/c/sampler.state");
	char *sub = path_in(dir, "a/b"), *got, *want;
	struct stat st;
	mode_t um = umask(022);

	(void)state;
	assert_int_equal(state_save(path, &real), 0);
	umask(um);
	got = tu_slurp_path(path);
	assert_string_equal(got, REAL_LINE);
	free(got);
	assert_int_equal(stat(sub, &st), 0);
	assert_true(S_ISDIR(st.st_mode));
	assert_int_equal(st.st_mode & 0777, 0700);
	free(sub);
	/* the walk cuts the string at each '/' and puts it back */
	sub = path_in(dir, "x/y");
	want = path_in(dir, "x/y");
	assert_int_equal(state_make_dirs(sub), 0);
	assert_string_equal(sub, want);
	assert_int_equal(stat(sub, &st), 0);
	assert_true(S_ISDIR(st.st_mode));
	/* already there: fine */
	assert_int_equal(state_make_dirs(sub), 0);
	free(want);
	free(sub);
	free(path);
	tu_rmtree(dir);
}

static void
load_missing_empty_cut_garbage(void **state)
{
	char *dir = tu_mkdtemp(), *path = path_in(dir, "s");

	(void)state;
	expect_load_fails(path, ENOENT);
	tu_write_str(dir, "s", "");
	expect_load_fails(path, EINVAL);
	/* a save cut short (not ours: ours rename a whole file in place) */
	tu_write_str(dir, "s", "sysdash-cpu 1 1795633413 71752");
	expect_load_fails(path, EINVAL);
	tu_write(dir, "s", "\0\0\0\0", 4);
	expect_load_fails(path, EINVAL);
	tu_write_str(dir, "s", "\xff\xfe garbage \x01\x02\n");
	expect_load_fails(path, EINVAL);
	free(path);
	tu_rmtree(dir);
}

/* 4 KiB at most is read: a state line with 4 KiB of blanks after it still
 * loads, one byte more is EFBIG, and so is one huge line. */
static void
load_huge_file(void **state)
{
	char *dir = tu_mkdtemp(), *path = path_in(dir, "s"), *big;
	struct cpu_state s;
	size_t line = strlen(REAL_LINE);

	(void)state;
	big = malloc(4097);
	assert_non_null(big);
	memcpy(big, REAL_LINE, line);
	memset(big + line, ' ', 4097 - line);
	/* 4096 bytes are read, and refused for what follows the line;
	 * 4097 are not read at all */
	tu_write(dir, "s", big, 4096);
	expect_load_fails(path, EINVAL);
	tu_write(dir, "s", big, line);
	assert_int_equal(state_load(path, &s), 0);
	assert_int_equal(s.cpu.total, 71752);
	tu_write(dir, "s", big, 4097);
	expect_load_fails(path, EFBIG);
	free(big);
	big = tu_huge_line("sysdash-cpu 1 1795633413 ", '7', 1 << 20);
	tu_write_str(dir, "s", big);
	expect_load_fails(path, EFBIG);
	free(big);
	free(path);
	tu_rmtree(dir);
}

/* A FIFO: refused at once by both (load never blocks on it, save never
 * renames over it). */
static void
fifo_refused(void **state)
{
	char *dir = tu_mkdtemp(), *path = path_in(dir, "s");
	struct stat st;

	(void)state;
	assert_int_equal(mkfifo(path, 0600), 0);
	expect_load_fails(path, EFTYPE_SD);
	errno = 0;
	assert_int_equal(state_save(path, &real), -1);
	assert_int_equal(errno, EFTYPE_SD);
	assert_int_equal(lstat(path, &st), 0);
	assert_true(S_ISFIFO(st.st_mode));
	assert_int_equal(entries(dir), 1);
	free(path);
	tu_rmtree(dir);
}

/* A link to a file the sampler may write but must not touch: neither read
 * through nor replaced; a folder at the path likewise. */
static void
link_and_folder_refused(void **state)
{
	char *dir = tu_mkdtemp(), *path = path_in(dir, "s");
	char *victim = path_in(dir, "victim"), *got;
	struct stat st;

	(void)state;
	tu_write_str(dir, "victim", REAL_LINE);
	assert_int_equal(symlink(victim, path), 0);
	expect_load_fails(path, ELOOP);
	errno = 0;
	assert_int_equal(state_save(path, &real), -1);
	assert_int_equal(errno, ELOOP);
	assert_int_equal(lstat(path, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	got = tu_slurp_path(victim);
	assert_string_equal(got, REAL_LINE);
	free(got);
	assert_int_equal(unlink(path), 0);
	assert_int_equal(mkdir(path, 0700), 0);
	expect_load_fails(path, EFTYPE_SD);
	errno = 0;
	assert_int_equal(state_save(path, &real), -1);
	assert_int_equal(errno, EFTYPE_SD);
	assert_int_equal(entries(dir), 2);
	free(victim);
	free(path);
	tu_rmtree(dir);
}

/* A file where a folder of the path should be, and a path too long. */
static void
save_errors(void **state)
{
	char *dir = tu_mkdtemp(), *path = path_in(dir, "f/s"), *lng;

	(void)state;
	tu_write_str(dir, "f", "a file\n");
	errno = 0;
	assert_int_equal(state_save(path, &real), -1);
	assert_int_equal(errno, ENOTDIR);
	lng = tu_huge_line("/tmp/", 'a', 5000);
	lng[4999] = '\0';
	errno = 0;
	assert_int_equal(state_save(lng, &real), -1);
	assert_int_equal(errno, ENAMETOOLONG);
	free(lng);
	free(path);
	tu_rmtree(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parse_exact_values),
		cmocka_unit_test(parse_rejects_bad_text),
		cmocka_unit_test(save_load_round_trip),
		cmocka_unit_test(save_makes_folders),
		cmocka_unit_test(load_missing_empty_cut_garbage),
		cmocka_unit_test(load_huge_file),
		cmocka_unit_test(fifo_refused),
		cmocka_unit_test(link_and_folder_refused),
		cmocka_unit_test(save_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
