/* run.h: runs one external command safely, for the approved actions: a
 * fixed absolute path and argv, a fixed minimal environment, stdin from
 * /dev/null, only descriptors 0-2, output captured up to a bound, killed
 * (with its process group) after a timeout. Nothing goes through a shell. */
#ifndef SYSDASH_RUN_H
#define SYSDASH_RUN_H

#include <stdbool.h>
#include <stddef.h>

#define RUN_OUTPUT_MAX (64 * 1024)
#define RUN_TIMEOUT_S 30

/* The whole environment a child gets. */
#define RUN_PATH "PATH=/usr/sbin:/usr/bin:/sbin:/bin"

struct run_result {
	int status;     /* exit status, or -1 when killed by a signal */
	int signal;     /* the signal that ended it, 0 otherwise */
	bool timed_out; /* killed after the timeout */
	bool truncated; /* more than RUN_OUTPUT_MAX bytes of output */
	size_t len;
	char output[RUN_OUTPUT_MAX + 1]; /* stdout and stderr, NUL-terminated */
};

/* Runs path (absolute) with argv (argv[0] included, NULL-terminated) and
 * the environment RUN_PATH, LANG=C.UTF-8, HOME=/. Returns 0 when the child
 * ran (whatever its status: see res), or -1 with errno when it could not
 * be started (ENOENT for a missing program, EINVAL for a relative path). */
int run_fixed(const char *path, char *const argv[], int timeout_s,
              struct run_result *res);

#endif
