/* run.c: fork + execve with a clean slate, output through a pipe read with
 * poll until EOF or the deadline. */
#include "run.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static char *const child_env[] = {
	RUN_PATH,
	"LANG=C.UTF-8",
	"HOME=/",
	NULL,
};

/* In the child: stdin /dev/null, stdout and stderr the pipe, every other
 * descriptor closed (the FastCGI socket, lock files, the audit log). */
static void
child(const char *path, char *const argv[], int out)
{
	int null = open("/dev/null", O_RDONLY | O_CLOEXEC);
	sigset_t none;

	/* a parent started without 0-2 may have got the pipe or /dev/null
	 * there: lift both above 2 first, so each dup2 below makes a real,
	 * inheritable copy (dup2 onto itself would keep O_CLOEXEC) */
	if (null < 0 || (out = fcntl(out, F_DUPFD_CLOEXEC, 3)) < 0 ||
	    (null = fcntl(null, F_DUPFD_CLOEXEC, 3)) < 0 || dup2(null, 0) < 0 ||
	    dup2(out, 1) < 0 || dup2(out, 2) < 0)
		_exit(126);
	if (close_range(3, ~0U, 0) < 0)
		for (int fd = 3; fd < 1024; fd++)
			close(fd);
	/* our own group, so a timeout kills whatever it started too */
	setpgid(0, 0);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	signal(SIGPIPE, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	signal(SIGINT, SIG_DFL);
	execve(path, argv, child_env);
	_exit(127);
}

static long
ms_left(const struct timespec *deadline)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (deadline->tv_sec - now.tv_sec) * 1000 +
	       (deadline->tv_nsec - now.tv_nsec) / 1000000;
}

/* Reads the child's output until EOF or the deadline; keeps the first
 * RUN_OUTPUT_MAX bytes and drains the rest so the child never blocks. */
static void
collect(int fd, const struct timespec *deadline, struct run_result *res)
{
	char sink[4096];
	struct pollfd p = {fd, POLLIN, 0};

	for (;;) {
		long left = ms_left(deadline);
		ssize_t r;

		if (left <= 0) {
			res->timed_out = true;
			return;
		}
		if (poll(&p, 1, (int)(left > 1000 ? 1000 : left)) < 0) {
			if (errno == EINTR)
				continue;
			return;
		}
		if (!p.revents)
			continue;
		if (res->len < RUN_OUTPUT_MAX)
			r = read(fd, res->output + res->len,
			         RUN_OUTPUT_MAX - res->len);
		else
			r = read(fd, sink, sizeof(sink));
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return;
		if (res->len < RUN_OUTPUT_MAX)
			res->len += (size_t)r;
		else
			res->truncated = true;
	}
}

int
run_fixed(const char *path, char *const argv[], int timeout_s,
          struct run_result *res)
{
	struct timespec deadline;
	int pipefd[2], st;
	pid_t pid;

	/* not memset: output is 64 KiB, and cleared by its length */
	res->status = res->signal = 0;
	res->timed_out = res->truncated = false;
	res->len = 0;
	res->output[0] = '\0';
	if (path[0] != '/') {
		errno = EINVAL;
		return -1;
	}
	if (access(path, X_OK) < 0)
		return -1;
	if (pipe2(pipefd, O_CLOEXEC) < 0)
		return -1;
	clock_gettime(CLOCK_MONOTONIC, &deadline);
	deadline.tv_sec += timeout_s;
	if ((pid = fork()) < 0) {
		close(pipefd[0]);
		close(pipefd[1]);
		return -1;
	}
	if (pid == 0)
		child(path, argv, pipefd[1]);
	close(pipefd[1]);
	setpgid(pid, pid); /* also here: no race with the kill below */
	collect(pipefd[0], &deadline, res);
	close(pipefd[0]);
	if (res->timed_out)
		kill(-pid, SIGKILL);
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return -1;
	if (res->timed_out)
		kill(-pid, SIGKILL); /* grandchildren that outlived it */
	res->output[res->len] = '\0';
	if (WIFEXITED(st)) {
		res->status = WEXITSTATUS(st);
	} else {
		res->status = -1;
		res->signal = WIFSIGNALED(st) ? WTERMSIG(st) : 0;
	}
	return 0;
}
