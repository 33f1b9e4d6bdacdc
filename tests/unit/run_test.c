/* run_test.c: the safe command runner (lib/run.c): exactly the fixed
 * environment, descriptors 0-2 only (stdin /dev/null, stdout and stderr the
 * capture pipe) even when the parent has some of them closed, the 64 KiB
 * cap with the rest drained, exit codes and signals, a clean signal state,
 * the timeout that kills the whole process group, and bad paths. */
#include "run.h"
#include "testutil.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>

static struct run_result res; /* 64 KiB: not on the stack */

static double
now_s(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* The descriptors in `ls -l /proc/self/fd` output: target[fd] gets the
 * link's target ("" when not open), leaving out ls's own listing (a
 * /proc/<pid>/fd folder). Returns how many were kept; fails on fd >= max. */
static int
fd_targets(const char *out, char target[][256], int max)
{
	int kept = 0;

	for (int i = 0; i < max; i++)
		target[i][0] = '\0';
	for (const char *p = out; *p;
	     p = strchr(p, '\n') ? strchr(p, '\n') + 1 : p + strlen(p)) {
		size_t len = strcspn(p, "\n");
		const char *arrow = strstr(p, " -> ");
		const char *num;
		int fd;

		if (!arrow || arrow > p + len)
			continue;
		for (num = arrow; num > p && num[-1] != ' '; num--)
			;
		fd = atoi(num);
		if (fd < 0 || fd >= max)
			fail_msg("descriptor %d in: %s", fd, out);
		snprintf(target[fd], 256, "%.*s", (int)(p + len - arrow - 4),
		         arrow + 4);
		if (!strncmp(target[fd], "/proc/", 6) &&
		    !strcmp(target[fd] + strlen(target[fd]) - 3, "/fd")) {
			target[fd][0] = '\0';
			continue;
		}
		kept++;
	}
	return kept;
}

/* The child's descriptors are 0 (/dev/null), 1 and 2 (one pipe), no more. */
static void
assert_std_fds_only(const char *out)
{
	char target[256][256];
	int n = fd_targets(out, target, 256);

	if (n != 3 || strcmp(target[0], "/dev/null") ||
	    strncmp(target[1], "pipe:[", 6) || strcmp(target[1], target[2]))
		fail_msg("want 0 /dev/null, 1 and 2 the capture pipe, nothing "
		         "else; "
		         "got %d descriptors:\n%s",
		         n, out);
}

static void
env_is_exactly_the_fixed_one(void **state)
{
	char *argv[] = {"env", NULL};

	(void)state;
	setenv("LD_LIBRARY_PATH", "/x", 1);
	setenv("ACTION_TOKEN", "secret-token-0123456789", 1);
	setenv("HTTP_AUTHORIZATION", "Bearer secret-token-0123456789", 1);
	setenv("http_proxy", "http://127.0.0.1:9", 1);
	assert_int_equal(run_fixed("/usr/bin/env", argv, 5, &res), 0);
	unsetenv("LD_LIBRARY_PATH");
	unsetenv("ACTION_TOKEN");
	unsetenv("HTTP_AUTHORIZATION");
	unsetenv("http_proxy");
	assert_int_equal(res.status, 0);
	assert_string_equal(
		res.output,
		"PATH=/usr/sbin:/usr/bin:/sbin:/bin\nLANG=C.UTF-8\nHOME=/\n");
}

static void
only_descriptors_0_to_2(void **state)
{
	char *argv[] = {"ls", "-l", "/proc/self/fd", NULL};
	int leak = open("/dev/null", O_RDONLY); /* no O_CLOEXEC: would leak */
	int sv[2];

	(void)state;
	assert_true(leak >= 0);
	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	assert_int_equal(dup2(leak, 200), 200);
	assert_int_equal(run_fixed("/bin/ls", argv, 5, &res), 0);
	close(leak);
	close(200);
	close(sv[0]);
	close(sv[1]);
	assert_int_equal(res.status, 0);
	assert_std_fds_only(res.output);
}

/* In a forked copy of this process with `closed` (a mask of 0, 1, 2)
 * closed first, lists the child's descriptors into a file; returns the
 * listing (the caller frees). */
static char *
listing_with_closed(int closed)
{
	char *dir = tu_mkdtemp(), path[1024], *out;
	char *argv[] = {"ls", "-l", "/proc/self/fd", NULL};
	int fd, st;
	pid_t pid;

	snprintf(path, sizeof path, "%s/out", dir);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	assert_true(fd >= 0);
	fflush(NULL);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		for (int i = 0; i < 3; i++)
			if (closed & (1 << i))
				close(i);
		if (run_fixed("/bin/ls", argv, 5, &res) < 0)
			_exit(2);
		(void)!write(fd, res.output, res.len);
		_exit(0);
	}
	close(fd);
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	out = tu_slurp_path(path);
	tu_rmtree(dir);
	return out;
}

/* A parent started with stdout and stderr closed: the pipe takes the low
 * numbers, and the child must still get all three. */
static void
std_fds_even_when_the_parent_lacks_them(void **state)
{
	static const int masks[] = {0x6, 0x7, 0x1, 0x4, 0x2};
	char report[8192] = "";
	size_t used = 0;

	(void)state;
	for (size_t i = 0; i < sizeof masks / sizeof masks[0]; i++) {
		char *out = listing_with_closed(masks[i]);
		char target[256][256];
		int n = fd_targets(out, target, 256);

		if ((n != 3 || strcmp(target[0], "/dev/null") ||
		     strncmp(target[1], "pipe:[", 6) ||
		     strcmp(target[1], target[2])) &&
		    used < sizeof report)
			used += (size_t)snprintf(
				report + used, sizeof report - used,
				"parent without fds (mask 0x%x): got %d:\n%s",
				masks[i], n, out);
		free(out);
	}
	if (used)
		fail_msg("want 0 /dev/null, 1 and 2 the capture pipe:\n%s",
		         report);
}

static void
stdin_is_dev_null(void **state)
{
	char *argv[] = {"cat", NULL};
	double t0 = now_s();

	(void)state;
	assert_int_equal(run_fixed("/bin/cat", argv, 5, &res), 0);
	assert_false(res.timed_out);
	assert_int_equal(res.status, 0);
	assert_int_equal(res.len, 0);
	assert_true(now_s() - t0 < 2);
}

static void
output_capped_rest_drained(void **state)
{
	char *argv[] = {"sh", "-c", "head -c 1000000 /dev/zero | tr '\\0' a",
	                NULL};

	(void)state;
	assert_int_equal(run_fixed("/bin/sh", argv, 10, &res), 0);
	assert_false(res.timed_out);
	assert_int_equal(res.status, 0); /* not killed by SIGPIPE: drained */
	assert_true(res.truncated);
	assert_int_equal(res.len, RUN_OUTPUT_MAX);
	assert_int_equal(strspn(res.output, "a"), RUN_OUTPUT_MAX);
	assert_int_equal(res.output[RUN_OUTPUT_MAX], '\0');
}

static void
output_at_the_cap_and_one_over(void **state)
{
	char *exact[] = {"sh", "-c", "head -c 65536 /dev/zero | tr '\\0' b",
	                 NULL};
	char *over[] = {"sh", "-c", "head -c 65537 /dev/zero | tr '\\0' b",
	                NULL};

	(void)state;
	assert_int_equal(run_fixed("/bin/sh", exact, 10, &res), 0);
	assert_int_equal(res.len, RUN_OUTPUT_MAX);
	assert_false(res.truncated);
	assert_int_equal(run_fixed("/bin/sh", over, 10, &res), 0);
	assert_int_equal(res.len, RUN_OUTPUT_MAX);
	assert_true(res.truncated);
}

static void
exit_status_and_both_streams(void **state)
{
	char *argv[] = {"sh", "-c", "echo out; echo err >&2; exit 3", NULL};

	(void)state;
	assert_int_equal(run_fixed("/bin/sh", argv, 5, &res), 0);
	assert_int_equal(res.status, 3);
	assert_int_equal(res.signal, 0);
	assert_false(res.timed_out);
	assert_string_equal(res.output, "out\nerr\n");
}

static void
killed_by_a_signal(void **state)
{
	char *argv[] = {"sh", "-c", "kill -TERM $$; sleep 5", NULL};

	(void)state;
	assert_int_equal(run_fixed("/bin/sh", argv, 5, &res), 0);
	assert_int_equal(res.status, -1);
	assert_int_equal(res.signal, SIGTERM);
	assert_false(res.timed_out);
}

/* 1 when pid is gone or a zombie (its parent, init, has not reaped it). */
static int
gone(pid_t pid)
{
	char path[64], buf[512], *p;
	FILE *f;
	size_t n;

	snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
	if (!(f = fopen(path, "r")))
		return 1;
	n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	p = strrchr(buf, ')');
	return p && p[1] == ' ' && p[2] == 'Z';
}

static void
timeout_kills_the_process_group(void **state)
{
	/* a background grandchild keeps the pipe open: only the group kill
	 * ends it */
	char *argv[] = {"sh", "-c", "sleep 30 & echo $!; exec sleep 30", NULL};
	double t0 = now_s(), took;
	pid_t bg;

	(void)state;
	assert_int_equal(run_fixed("/bin/sh", argv, 1, &res), 0);
	took = now_s() - t0;
	assert_true(res.timed_out);
	assert_int_equal(res.status, -1);
	assert_int_equal(res.signal, SIGKILL);
	if (took < 0.9 || took > 4)
		fail_msg("timeout of 1 s took %.2f s", took);
	bg = (pid_t)atoi(res.output);
	assert_true(bg > 0);
	for (int i = 0; i < 100 && !gone(bg); i++)
		usleep(10000);
	if (!gone(bg))
		fail_msg("background sleep %d outlived the timeout", (int)bg);
}

/* The child starts with no blocked signal, SIGPIPE not ignored, leading
 * its own process group, whatever the caller had set. */
static void
clean_signal_state_own_group(void **state)
{
	char *argv[] = {"cat", "/proc/self/status", "/proc/self/stat", NULL};
	sigset_t block, old;
	void (*old_pipe)(int) = signal(SIGPIPE, SIG_IGN);
	const char *blk, *ign, *stat;
	unsigned long long ignored;
	int pid = 0, pgrp = 0;

	(void)state;
	sigemptyset(&block);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGUSR1);
	sigprocmask(SIG_BLOCK, &block, &old);
	assert_int_equal(run_fixed("/bin/cat", argv, 5, &res), 0);
	sigprocmask(SIG_SETMASK, &old, NULL);
	signal(SIGPIPE, old_pipe);
	blk = strstr(res.output, "\nSigBlk:\t");
	ign = strstr(res.output, "\nSigIgn:\t");
	assert_non_null(blk);
	assert_non_null(ign);
	assert_memory_equal(blk + 9, "0000000000000000", 16);
	ignored = strtoull(ign + 9, NULL, 16);
	assert_int_equal(ignored & (1ULL << (SIGPIPE - 1)), 0);
	/* /proc/self/stat: pid (comm) state ppid pgrp */
	stat = strrchr(res.output, ')');
	assert_non_null(stat);
	pid = atoi(strstr(res.output, "\nPid:\t") + 6);
	assert_int_equal(sscanf(stat, ") %*c %*d %d", &pgrp), 1);
	assert_int_equal(pgrp, pid);
}

static void
bad_paths(void **state)
{
	char *argv[] = {"x", NULL};
	char *dir = tu_mkdtemp(), path[1024];

	(void)state;
	errno = 0;
	assert_int_equal(run_fixed("sh", argv, 5, &res), -1);
	assert_int_equal(errno, EINVAL);
	assert_int_equal(run_fixed("bin/sh", argv, 5, &res), -1);
	assert_int_equal(errno, EINVAL);
	assert_int_equal(run_fixed("/nonexistent/prog", argv, 5, &res), -1);
	assert_int_equal(errno, ENOENT);
	tu_write_str(dir, "plain", "not a program\n");
	snprintf(path, sizeof path, "%s/plain", dir);
	chmod(path, 0644);
	assert_int_equal(run_fixed(path, argv, 5, &res), -1);
	assert_int_equal(errno, EACCES);
	tu_rmtree(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(env_is_exactly_the_fixed_one),
		cmocka_unit_test(only_descriptors_0_to_2),
		cmocka_unit_test(std_fds_even_when_the_parent_lacks_them),
		cmocka_unit_test(stdin_is_dev_null),
		cmocka_unit_test(output_capped_rest_drained),
		cmocka_unit_test(output_at_the_cap_and_one_over),
		cmocka_unit_test(exit_status_and_both_streams),
		cmocka_unit_test(killed_by_a_signal),
		cmocka_unit_test(timeout_kills_the_process_group),
		cmocka_unit_test(clean_signal_state_own_group),
		cmocka_unit_test(bad_paths),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
