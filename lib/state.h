/* state.h: the CPU counters one `--once` run leaves for the next, so a cron
 * job every minute records that minute's average CPU. */
#ifndef STATE_H
#define STATE_H

#include "sysdash.h"

struct cpu_state {
	struct cpu_times cpu;
	long btime;  /* boot time the counters belong to */
	double when; /* CLOCK_REALTIME seconds of the reading */
};

/* --once: counters older than this describe another period; sample anew */
#define STATE_MAX_AGE 900.0

/* Parses state text. 0, or -1 (EINVAL) on anything unexpected. */
int state_parse(const char *buf, struct cpu_state *s);

/* Writes the state's one line (newline included) into buf. Returns its
 * length, or -1 when buf is too small (128 bytes are enough). */
int state_format(const struct cpu_state *s, char *buf, size_t n);

/* How old s is at now (CLOCK_REALTIME seconds), when it can stand for the
 * previous sample: taken since the boot btime names (within slack seconds:
 * Windows derives the boot time from the uptime, to a second or so), not in
 * the future, at most STATE_MAX_AGE ago. Else -1. */
double state_age(const struct cpu_state *s, long btime, long slack, double now);

/* Saves what the next --once run needs of the sample m, whose CPU reading
 * is now: the counters, the time and the boot. A failure is said on stderr
 * after prog (the sample itself stands); 0 or -1. */
int state_keep(const char *prog, const char *path, const struct cpu_times *now,
               const struct metrics *m);

/* Reads path; -1 with errno when absent or unreadable or garbled. */
int state_load(const char *path, struct cpu_state *s);

/* Writes path atomically (temp file + rename; MoveFileExW on Windows),
 * creating its folder (0700). Only a regular file is replaced, never a
 * link, junction, device or folder. 0 or -1 with errno. */
int state_save(const char *path, const struct cpu_state *s);

/* mkdir -p dir with mode 0700 (dir is modified during the walk and
 * restored). 0 or -1 with errno. */
int state_make_dirs(char *dir);

#endif
