/* disk_test.c: disk_read (statvfs) and disk_percent (lib/disk.c) with
 * psutil.disk_usage semantics, exact on a tmpfs of known size. */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdlib.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sysdash.h"
#include "testutil.h"

#define MIB (1024ULL * 1024)

/* A real file system: whatever its size, the figures hold together (the
 * exact values are checked on a tmpfs of known size below). */
static void
check_consistent(const char *path)
{
	struct disk_info d;
	double p;

	assert_int_equal(disk_read(path, &d), 0);
	assert_true(d.total > 0);
	assert_true(d.used <= d.total && d.avail <= d.total - d.used);
	p = disk_percent(&d);
	assert_true(p >= 0.0 && p <= 100.0);
}

static void
read_root(void **state)
{
	(void)state;
	check_consistent("/");
}

static void
read_temp_dir(void **state)
{
	char *dir = tu_mkdtemp();

	(void)state;
	check_consistent(dir);
	tu_rmtree(dir);
}

/* statvfs of a regular file describes its file system. */
static void
read_fixture_file(void **state)
{
	(void)state;
	check_consistent(tu_fixture("real/proc/stat"));
}

/* What the child of on_tmpfs reports. */
struct tmpfs_report {
	int rc;                /* 0, or the step that failed */
	int err;               /* its errno */
	struct disk_info d[3]; /* empty, 1 MiB written, 3 MiB written */
};

static int
put_file(const char *dir, const char *name, size_t len)
{
	static char zeros[64 * 1024];
	char path[1024];
	int fd;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600)) < 0)
		return -1;
	for (size_t done = 0; done < len; done += sizeof zeros)
		if (write(fd, zeros, sizeof zeros) != (ssize_t)sizeof zeros) {
			close(fd);
			return -1;
		}
	return close(fd);
}

static int
write_id_map(const char *file, const char *text)
{
	int fd = open(file, O_WRONLY), rc;

	if (fd < 0)
		return -1;
	rc = write(fd, text, strlen(text)) == (ssize_t)strlen(text) ? 0 : -1;
	close(fd);
	return rc;
}

/* In a mount namespace of its own (as root, else in a user namespace too:
 * what `unshare -rm` does), mounts a 4 MiB tmpfs on dir and reads it. */
static void
tmpfs_child(const char *dir, struct tmpfs_report *r)
{
	char map[64];
	uid_t uid = getuid();
	gid_t gid = getgid();

	r->rc = 1;
	if (unshare(CLONE_NEWNS) < 0) {
		if (unshare(CLONE_NEWUSER | CLONE_NEWNS) < 0)
			return;
		snprintf(map, sizeof map, "0 %ld 1\n", (long)uid);
		if (write_id_map("/proc/self/setgroups", "deny") < 0 ||
		    write_id_map("/proc/self/uid_map", map) < 0)
			return;
		snprintf(map, sizeof map, "0 %ld 1\n", (long)gid);
		if (write_id_map("/proc/self/gid_map", map) < 0)
			return;
	}
	if (mount("none", "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0 ||
	    mount("tmpfs", dir, "tmpfs", 0, "size=4m,mode=0700") < 0)
		return;
	r->rc = 2;
	if (disk_read(dir, &r->d[0]) < 0 || put_file(dir, "a", MIB) < 0 ||
	    disk_read(dir, &r->d[1]) < 0 || put_file(dir, "b", 2 * MIB) < 0 ||
	    disk_read(dir, &r->d[2]) < 0)
		return;
	r->rc = 0;
}

/* tmpfs counts whole pages of file data and reserves nothing for root:
 * size=4m is total 4 MiB = 4194304 bytes (1024 pages of 4 KiB, or 64 of
 * 64 KiB); a file of 1 MiB uses 1048576 of it, leaving 3145728 available:
 *   1 MiB of 4: 1048576 / (1048576 + 3145728) = 1/4 = 25 %
 *   3 MiB of 4: 3145728 / (3145728 + 1048576) = 3/4 = 75 %
 * Skipped where no mount namespace can be had (a container without
 * CAP_SYS_ADMIN and user namespaces). */
static void
exact_on_tmpfs_of_known_size(void **state)
{
	char *dir = tu_mkdtemp();
	struct tmpfs_report r = {.rc = 9};
	int fds[2], status;
	pid_t pid;

	(void)state;
	assert_int_equal(pipe(fds), 0);
	if ((pid = fork()) == 0) {
		close(fds[0]);
		tmpfs_child(dir, &r);
		r.err = errno;
		_exit(write(fds[1], &r, sizeof r) == (ssize_t)sizeof r ? 0 : 1);
	}
	assert_true(pid > 0);
	close(fds[1]);
	assert_int_equal(read(fds[0], &r, sizeof r), (ssize_t)sizeof r);
	close(fds[0]);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	tu_rmtree(dir);
	if (r.rc == 1) {
		print_message("no mount namespace (%s): skipped\n",
		              strerror(r.err));
		skip();
	}
	if (r.rc != 0)
		fail_msg("on tmpfs: step %d: %s", r.rc, strerror(r.err));
	assert_int_equal(r.d[0].total, 4194304);
	assert_int_equal(r.d[0].used, 0);
	assert_int_equal(r.d[0].avail, 4194304);
	assert_near(disk_percent(&r.d[0]), 0.0, 0);
	assert_int_equal(r.d[1].total, 4194304);
	assert_int_equal(r.d[1].used, 1048576);
	assert_int_equal(r.d[1].avail, 3145728);
	assert_near(disk_percent(&r.d[1]), 25.0, 0);
	assert_int_equal(r.d[2].used, 3145728);
	assert_int_equal(r.d[2].avail, 1048576);
	assert_near(disk_percent(&r.d[2]), 75.0, 0);
}

static void
read_errors(void **state)
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
static void
read_proc_is_empty_fs(void **state)
{
	struct disk_info d;

	(void)state;
	assert_int_equal(disk_read("/proc", &d), 0);
	assert_int_equal(d.total, 0);
	assert_near(disk_percent(&d), 0.0, 0);
}

/* used / (used + avail): blocks reserved for root do not count.
 * 30 / (30 + 50) = 37.5 %; 600 / (600 + 300) = 66.67 %; full = 100 %. */
static void
percent_values(void **state)
{
	struct disk_info a = {.total = 100, .used = 30, .avail = 50};
	struct disk_info b = {.total = 1000, .used = 600, .avail = 300};
	struct disk_info full = {.total = 1000, .used = 950, .avail = 0};
	struct disk_info none = {0, 0, 0};

	(void)state;
	assert_near(disk_percent(&a), 37.5, 1e-9);
	/* 600 / 900 = 2/3: 66.666... to the last bit of a double */
	assert_near(disk_percent(&b), 66.666666666666671, 0);
	assert_near(disk_percent(&full), 100.0, 1e-9);
	assert_near(disk_percent(&none), 0.0, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(read_root),
		cmocka_unit_test(read_temp_dir),
		cmocka_unit_test(read_fixture_file),
		cmocka_unit_test(exact_on_tmpfs_of_known_size),
		cmocka_unit_test(read_errors),
		cmocka_unit_test(read_proc_is_empty_fs),
		cmocka_unit_test(percent_values),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
